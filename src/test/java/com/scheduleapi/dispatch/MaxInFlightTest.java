package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.scheduleapi.directory.DirectoryLookups;
import com.scheduleapi.sms.OutgoingMessage;
import com.scheduleapi.sms.SendResult;
import com.scheduleapi.sms.SmsSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Hand-off starts sender calls without waiting for their answers, and never has more than
 * max-in-flight of them open: a slow provider holds connections, not hand-off threads.
 */
class MaxInFlightTest {

  private final List<CompletableFuture<SendResult>> open = new CopyOnWriteArrayList<>();

  @Test
  void startsCallsUpToMaxInFlightAndTheNextOnlyWhenOneIsAnswered() throws Exception {
    HandOff handOff =
        handOff(
            message -> {
              CompletableFuture<SendResult> answer = new CompletableFuture<>();
              open.add(answer);
              return answer;
            });
    handOff.offer(IntStream.range(0, 10).mapToObj(this::prepared).toList());
    assertThat(handOff.busy()).as("a batch whose instant has come waits").isTrue();

    Thread handing =
        new Thread(
            () -> {
              try {
                while (handOff.handOverNext(Duration.ofSeconds(1))) {
                  // every batch due
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    handing.setUncaughtExceptionHandler((thread, failure) -> failures.add(failure));
    handing.start();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              assertThat(failures).isEmpty();
              return open.size() == 3;
            });
    Thread.sleep(300);
    assertThat(open).as("calls open with none answered").hasSize(3);
    assertThat(handOff.busy()).as("ten at the sender, fewer than a batch").isFalse();

    open.get(0).complete(new SendResult.Sent("p-0"));
    await().atMost(Duration.ofSeconds(20)).until(() -> open.size() == 4);
    // Answer whatever is open until all ten were started, three at a time at most.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              assertThat(open.stream().filter(call -> !call.isDone()).count())
                  .isLessThanOrEqualTo(3);
              open.forEach(call -> call.complete(new SendResult.Sent("p")));
              return open.size() == 10;
            });
    handing.join(20_000);
    assertThat(handing.isAlive()).isFalse();
  }

  @Test
  void deliveriesClaimedAheadOfTheirInstantAreNoLoadUntilItComes() {
    HandOff handOff = handOff(message -> new CompletableFuture<>());
    handOff.offer(
        IntStream.range(0, 2_000)
            .mapToObj(i -> prepared(i, Instant.now().plus(Duration.ofHours(1))))
            .toList());

    assertThat(handOff.held()).isEqualTo(2_000);
    assertThat(handOff.busy()).as("held for their instant, an hour ahead").isFalse();
  }

  /** A hand-off with max-in-flight 3 in front of {@code provider}, opened. */
  private static HandOff handOff(SmsSender provider) {
    DispatchProperties properties =
        new Binder(
                new MapConfigurationPropertySource(Map.of("schedule.dispatch.max-in-flight", "3")))
            .bindOrCreate("schedule.dispatch", Bindable.of(DispatchProperties.class));
    Clock clock = Clock.systemUTC();
    DirectoryLookups directory = mock(DirectoryLookups.class);
    when(directory.paces(any())).thenReturn(Map.of());
    PaceBudget budget = mock(PaceBudget.class);
    when(budget.paused(any())).thenReturn(Map.of());
    Pacing pacing = new Pacing(budget, directory, clock);
    Attempts attempts =
        new Attempts(
            provider, properties, new DispatchMetrics(new SimpleMeterRegistry()), pacing, clock);
    OptOutGate noOptOuts = mock(OptOutGate.class);
    when(noOptOuts.screen(any())).thenAnswer(call -> call.getArgument(0));
    HandOff handOff =
        new HandOff(properties, attempts, mock(OutcomeWriter.class), noOptOuts, pacing, clock);
    handOff.open();
    return handOff;
  }

  private final Instant due = Instant.now();

  private Prepared prepared(int i) {
    return prepared(i, due);
  }

  private static Prepared prepared(int i, Instant due) {
    Claimed claimed =
        new Claimed(i, i, null, "1415555" + (1000 + i), UUID.randomUUID(), 1, due, null);
    return Prepared.send(
        claimed,
        new OutgoingMessage(
            i,
            i,
            claimed.idempotencyKey(),
            7,
            "14155550100",
            List.of(claimed.recipient()),
            false,
            "hi",
            null,
            null,
            1,
            "n"));
  }
}
