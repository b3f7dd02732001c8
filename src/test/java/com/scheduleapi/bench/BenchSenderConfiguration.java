package com.scheduleapi.bench;

import com.scheduleapi.sms.SendResult;
import com.scheduleapi.sms.SmsSender;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Benchmark only, off unless {@code schedule.bench.noop-sender=true}: a sender that accepts every
 * message at once and records when it was handed over, and an endpoint that reports the hand-off
 * lateness against a burst's due instant. Lives in src/test so that it never ships.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("schedule.bench.noop-sender")
public class BenchSenderConfiguration {

  @Bean
  HandOffRecorder handOffRecorder() {
    return new HandOffRecorder();
  }

  @Bean
  @Primary
  SmsSender noopSender(HandOffRecorder recorder) {
    return message -> {
      recorder.record(System.currentTimeMillis());
      return CompletableFuture.completedFuture(new SendResult.Sent(null));
    };
  }
}
