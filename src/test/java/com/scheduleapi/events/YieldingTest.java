package com.scheduleapi.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay gives way to a burst in hand, and only for yield-max at a stretch. */
class YieldingTest {

  private boolean high;
  private final SendingPressure pressure = () -> high;

  @Test
  void yieldsWhileThePressureIsHighAndNotOtherwise() {
    Yielding yielding = new Yielding(pressure, Duration.ofHours(1));
    assertThat(yielding.now()).isFalse();
    high = true;
    assertThat(yielding.now()).isTrue();
    assertThat(yielding.now()).isTrue();
    high = false;
    assertThat(yielding.now()).isFalse();
  }

  @Test
  void deliversAlongsideOnceYieldMaxIsSpentAndYieldsAgainAfterThePressureFell() {
    Yielding never = new Yielding(pressure, Duration.ZERO);
    high = true;
    assertThat(never.now()).as("yield-max spent at once").isFalse();
    assertThat(never.now()).isFalse();

    Yielding yielding = new Yielding(pressure, Duration.ofHours(1));
    assertThat(yielding.now()).isTrue();
    high = false;
    assertThat(yielding.now()).isFalse();
    high = true;
    assertThat(yielding.now()).as("a new stretch").isTrue();
  }
}
