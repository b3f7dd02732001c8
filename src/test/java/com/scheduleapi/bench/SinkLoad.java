package com.scheduleapi.bench;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;

/**
 * The provider sink alone, under a load of its own: {@code n} webhook posts with up to {@code
 * inFlight} open at once, from the client our senders use, set as they set it (Apache HttpClient
 * 5's async client: HTTP/1.1, a pool of {@code inFlight} keep-alive connections, one I/O thread).
 * Shows the sink's capacity is above what the service is reported to reach through it.
 */
final class SinkLoad {

  private static final ContentType JSON = ContentType.create("application/json");

  private SinkLoad() {}

  static BenchResult run(ProviderSink sink, int n, int inFlight) {
    sink.reset();
    CloseableHttpAsyncClient http = client(inFlight);
    http.start();
    Semaphore open = new Semaphore(inFlight);
    LongAdder errors = new LongAdder();
    FutureCallback<SimpleHttpResponse> answered =
        new FutureCallback<>() {
          @Override
          public void completed(SimpleHttpResponse response) {
            if (response.getCode() != HttpStatus.SC_OK) {
              errors.increment();
            }
            open.release();
          }

          @Override
          public void failed(Exception e) {
            errors.increment();
            open.release();
          }

          @Override
          public void cancelled() {
            failed(null);
          }
        };
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      open.acquireUninterruptibly();
      String body = "{\"idempotency_key\":\"" + UUID.randomUUID() + "\",\"to\":\"1\"}";
      http.execute(
          SimpleRequestBuilder.post(sink.webhookUrl()).setBody(body, JSON).build(), answered);
    }
    open.acquireUninterruptibly(inFlight);
    double seconds = (System.nanoTime() - start) / 1e9;
    http.close(CloseMode.GRACEFUL);
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

  /** As {@code ProviderClient} builds the senders' client for a plain-HTTP endpoint. */
  private static CloseableHttpAsyncClient client(int inFlight) {
    return HttpAsyncClients.custom()
        .setConnectionManager(
            PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(inFlight)
                .setMaxConnPerRoute(inFlight)
                .setDefaultTlsConfig(
                    TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                .build())
        .setHttp1Config(Http1Config.custom().setBufferSize(2048).build())
        .setIOReactorConfig(
            IOReactorConfig.custom()
                .setIoThreadCount(1)
                .setSelectInterval(TimeValue.ofMilliseconds(100))
                .setTcpNoDelay(true)
                .build())
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .build();
  }
}
