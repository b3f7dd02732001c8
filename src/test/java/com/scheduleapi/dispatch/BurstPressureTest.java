package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.scheduleapi.MutableClock;
import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.schedule.DueSchedules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * A burst being claimed is pressure on the event relay; a burst the node already holds, claimed
 * ahead of its instant, is not. Once a node held all it may, its last claim stayed "full" until it
 * claimed again, so the relay yielded from the claim on, spent its yield-max before the instant,
 * and then delivered alongside the burst it was meant to give way to.
 */
class BurstPressureTest {

  private final AtomicInteger held = new AtomicInteger();
  private final MutableClock clock = new MutableClock();

  @Test
  void aFullClaimIsPressureForASecondAndNotWhileTheNodeHoldsAllItMay() {
    ClaimRounds rounds = rounds();
    rounds.open();

    rounds.run("slot-0", clock.instant().plusMillis(300));

    assertThat(held).as("claimed up to max-held, then stopped").hasValue(2);
    assertThat(rounds.inBurst()).as("just claimed a whole batch").isTrue();
    clock.advance(Duration.ofSeconds(2));
    assertThat(rounds.inBurst()).as("holding all it may, claiming nothing").isFalse();
  }

  /** Claim rounds of batch size and max-held 2, over a schedule lane that is always full. */
  private ClaimRounds rounds() {
    DispatchProperties properties =
        new Binder(
                new MapConfigurationPropertySource(
                    Map.of("schedule.dispatch.batch-size", "2", "schedule.dispatch.max-held", "2")))
            .bindOrCreate("schedule.dispatch", Bindable.of(DispatchProperties.class));
    ScheduleLane schedules = mock(ScheduleLane.class);
    List<Claimed> batch = List.of(claimed(1, schedules), claimed(2, schedules));
    when(schedules.claim(any())).thenReturn(Lane.ClaimPage.of(batch, 2, Cursor.START));
    DueSchedules due = mock(DueSchedules.class);
    when(due.nextInstant(any(), anyInt())).thenReturn(new DueSchedules.NextInstant(2, List.of()));
    MessageAssembler assembler = mock(MessageAssembler.class);
    when(assembler.prepare(any(), any()))
        .thenAnswer(
            call ->
                Collections.nCopies(
                    call.<List<Claimed>>getArgument(0).size(), mock(Prepared.class)));
    HandOff handOff = mock(HandOff.class);
    when(handOff.held()).thenAnswer(call -> held.get());
    doAnswer(call -> held.addAndGet(call.<List<Prepared>>getArgument(0).size()))
        .when(handOff)
        .offer(any());
    return new ClaimRounds(
        properties,
        schedules,
        mock(QueueLane.class),
        due,
        mock(DirectoryLookups.class),
        assembler,
        handOff,
        mock(OutcomeWriter.class),
        mock(ClusterMembership.class),
        new DispatchMetrics(new SimpleMeterRegistry()),
        mock(Pacing.class),
        clock);
  }

  private static Claimed claimed(long id, Lane lane) {
    return new Claimed(id, id, lane, "14155550" + id, UUID.randomUUID(), 1, Instant.now(), null);
  }
}
