package com.scheduleapi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Receipts that arrive together are written together, each caller answered after its batch. */
class ReceiptsTest {

  @Test
  void writesTheReceiptsThatArriveWhileABatchIsWrittenInOneStatement() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> batches = new ArrayList<>();
    ReceiptWriter writer =
        new ReceiptWriter(null, null, null, null) {
          @Override
          Written write(List<Receipt> receipts) {
            synchronized (batches) {
              batches.add(receipts.size());
            }
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            Set<String> known = new HashSet<>();
            receipts.stream()
                .map(Receipt::providerMessageId)
                .filter(id -> !id.equals("SMunknown"))
                .forEach(known::add);
            return new Written(known, Set.of("SMunknown"));
          }
        };
    Receipts receipts = new Receipts(writer);
    receipts.start();
    ExecutorService callers = Executors.newFixedThreadPool(200);
    try {
      Future<Boolean> first = callers.submit(() -> receipts.record(receipt("SM0")));
      await().atMost(Duration.ofSeconds(5)).until(() -> !batches.isEmpty());
      List<Future<Boolean>> rest = new ArrayList<>();
      for (int i = 1; i < 200; i++) {
        String sid = i == 199 ? "SMunknown" : "SM" + i;
        rest.add(callers.submit(() -> receipts.record(receipt(sid))));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> receipts.waiting() == 199);
      assertThat(first.isDone()).as("answered only once its batch is written").isFalse();

      release.countDown();

      assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < rest.size(); i++) {
        assertThat(rest.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i < 198);
      }
      assertThat(batches).containsExactly(1, 199);
    } finally {
      release.countDown();
      callers.shutdownNow();
      receipts.stop();
    }
  }

  private static Receipt receipt(String sid) {
    return new Receipt(sid, true, null);
  }
}
