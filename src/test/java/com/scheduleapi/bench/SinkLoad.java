package com.scheduleapi.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The provider sink alone, under a load of its own: {@code n} webhook posts with up to {@code
 * inFlight} open at once, from the JDK's non-blocking client (the one our senders use). Shows the
 * sink's capacity is above what the service is reported to reach through it.
 */
final class SinkLoad {

  private SinkLoad() {}

  static BenchResult run(ProviderSink sink, int n, int inFlight) {
    sink.reset();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Semaphore open = new Semaphore(inFlight);
    LongAdder errors = new LongAdder();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      open.acquireUninterruptibly();
      String body = "{\"idempotency_key\":\"" + UUID.randomUUID() + "\",\"to\":\"1\"}";
      http.sendAsync(
              HttpRequest.newBuilder(sink.webhookUrl())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) -> {
                if (failure != null || response.statusCode() != 200) {
                  errors.increment();
                }
                open.release();
              });
    }
    open.acquireUninterruptibly(inFlight);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new BenchResult(
        "webhook",
        "sink-alone",
        (long) n,
        seconds,
        n / seconds,
        null,
        null,
        null,
        null,
        errors.sum());
  }
}
