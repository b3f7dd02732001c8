package com.scheduleapi.bench;

import com.scheduleapi.sms.SendResult;
import com.scheduleapi.sms.Senders;
import com.scheduleapi.sms.SmsSender;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Benchmark only, off unless {@code schedule.bench.noop-sender=true}: a sender that records when
 * each message was handed over (and for which inbox) and then accepts it at once, or passes it to
 * the real webhook or Twilio sender, as the benchmark switches it ({@code POST /bench/sender}).
 * Lives in src/test so that it never ships.
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
  SwitchableSender benchSender(HandOffRecorder recorder) {
    return new SwitchableSender(recorder);
  }

  /** The no-op sender, or a real one in its place. */
  static final class SwitchableSender implements SmsSender {

    private final HandOffRecorder recorder;
    private volatile SmsSender real;

    SwitchableSender(HandOffRecorder recorder) {
      this.recorder = recorder;
    }

    void use(String type, URI url) {
      SmsSender replaced = real;
      real =
          switch (type) {
            case "noop" -> null;
            case "webhook" -> Senders.webhook(url);
            case "twilio" -> Senders.twilio(url, ProviderSink.ACCOUNT, ProviderSink.TOKEN);
            default -> throw new IllegalArgumentException(type);
          };
      close(replaced);
    }

    /**
     * A real sender holds an HTTP client, its pool of up to 2,000 connections to the sink and its
     * I/O thread, until it is closed: not into the next scenario's memory.
     */
    private static void close(SmsSender replaced) {
      if (replaced instanceof AutoCloseable client) {
        try {
          client.close();
        } catch (Exception e) {
          throw new IllegalStateException("could not close the replaced sender", e);
        }
      }
    }

    @Override
    public CompletableFuture<SendResult> send(com.scheduleapi.sms.OutgoingMessage message) {
      recorder.record(message.inboxId(), System.currentTimeMillis());
      SmsSender target = real;
      return target == null
          ? CompletableFuture.completedFuture(new SendResult.Sent(null))
          : target.send(message).toCompletableFuture();
    }
  }
}
