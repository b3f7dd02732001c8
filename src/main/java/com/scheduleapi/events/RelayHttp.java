package com.scheduleapi.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The relay's HTTP client: Apache HttpClient 5's non-blocking client, as the SMS senders use, one
 * for every endpoint, HTTP/1.1 with pooled keep-alive connections. A call in flight holds a
 * connection, not a thread. With the JDK's {@code HttpClient} the relay delivered 1.4–1.8k events a
 * second on two cores, the rate that client reached in a probe against a local sink.
 */
final class RelayHttp implements AutoCloseable {

  /** application/json as Standard Webhooks names it, without a charset parameter. */
  private static final ContentType JSON = ContentType.create("application/json");

  /** The relay runs up to this many endpoints' rounds at once, each with its calls in flight. */
  private static final int ROUNDS_AT_ONCE = 4;

  private final CloseableHttpAsyncClient http;

  /** An endpoint's answer: its status, and where a redirect points (null if nowhere). */
  record Answer(int status, String location) {}

  /** {@code timeout} bounds connecting and waiting for an answer; {@code maxInFlight} a round. */
  RelayHttp(Duration timeout, int maxInFlight) {
    Timeout limit = Timeout.of(timeout);
    this.http =
        HttpAsyncClients.custom()
            .setConnectionManager(
                PoolingAsyncClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(maxInFlight * ROUNDS_AT_ONCE)
                    .setMaxConnPerRoute(maxInFlight)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(limit).build())
                    .setDefaultTlsConfig(
                        TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                    .build())
            .setIOReactorConfig(
                IOReactorConfig.custom()
                    .setIoThreadCount(1)
                    // Timeouts are checked this often (the library's default is each second).
                    .setSelectInterval(TimeValue.ofMilliseconds(100))
                    .setTcpNoDelay(true)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(limit)
                    .setConnectionRequestTimeout(limit)
                    .build())
            .setThreadFactory(new DefaultThreadFactory("events-http", true))
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .build();
    http.start();
  }

  /**
   * POSTs the JSON {@code body} with these headers. The answer completes on the client's I/O
   * thread, or exceptionally when the call fails (refused, timed out, reset).
   */
  CompletableFuture<Answer> post(URI url, Map<String, String> headers, String body) {
    SimpleRequestBuilder builder =
        SimpleRequestBuilder.post(url).setBody(body.getBytes(StandardCharsets.UTF_8), JSON);
    headers.forEach(builder::setHeader);
    SimpleHttpRequest request = builder.build();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    try {
      http.execute(
          request,
          new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
              Header location = response.getFirstHeader("Location");
              answer.complete(
                  new Answer(response.getCode(), location == null ? null : location.getValue()));
            }

            @Override
            public void failed(Exception e) {
              answer.completeExceptionally(e);
            }

            @Override
            public void cancelled() {
              answer.completeExceptionally(new IllegalStateException("call cancelled"));
            }
          });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  /** Closes the connections and stops the I/O thread, when the relay stops. */
  @Override
  public void close() {
    http.close(CloseMode.GRACEFUL);
  }
}
