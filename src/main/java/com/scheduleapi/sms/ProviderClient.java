package com.scheduleapi.sms;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.DefaultThreadFactory;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way the HTTP senders reach their provider: Apache HttpClient 5's non-blocking client, one
 * per sender for the life of the node, so a call in flight holds a pooled keep-alive connection and
 * not a thread. On two cores, 2,000 calls in flight to a sink answering in 100 ms, it made 4.1–5.2k
 * calls a second where the JDK's {@code HttpClient} made 1.3–1.9k, CPU-bound (~30k context switches
 * a second).
 */
final class ProviderClient implements AutoCloseable {

  /** One thread reads every answer however many calls are in flight; outcomes complete on it. */
  private static final int IO_THREADS = 1;

  /** The I/O thread checks timeouts this often: at the library's 1 s a 2 s timeout took up to 3. */
  private static final TimeValue TIMEOUT_CHECKS = TimeValue.ofMilliseconds(100);

  /**
   * Each connection's input and output buffer starts at this size and grows when an exchange needs
   * more. A provider's request and answer take about a kilobyte each; at the library's 8 KB, the
   * 2,000 connections of {@code max-in-flight} held 32 MB of a 256 MB heap.
   */
  private static final int CONNECTION_BUFFER = 2048;

  private final CloseableHttpAsyncClient http;
  private final Clock clock;

  /**
   * Starts a client for {@code endpoint}: HTTP/2 where TLS negotiates it (ALPN), HTTP/1.1 without
   * an upgrade attempt on plain-text endpoints; up to {@code maxConnections} open (a call in flight
   * holds one). No retries, redirects or cookies: the dispatcher decides what is tried again.
   */
  ProviderClient(
      URI endpoint,
      Duration connectTimeout,
      Duration answerTimeout,
      int maxConnections,
      Clock clock) {
    this.clock = clock;
    this.http =
        HttpAsyncClients.custom()
            .setConnectionManager(pool(endpoint, connectTimeout, maxConnections))
            .setHttp1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER).build())
            .setIOReactorConfig(
                IOReactorConfig.custom()
                    .setIoThreadCount(IO_THREADS)
                    .setSelectInterval(TIMEOUT_CHECKS)
                    .setTcpNoDelay(true)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(answerTimeout)).build())
            .setThreadFactory(new DefaultThreadFactory("sms-http", true))
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .build();
    http.start();
  }

  private static PoolingAsyncClientConnectionManager pool(
      URI endpoint, Duration connectTimeout, int maxConnections) {
    boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
    return PoolingAsyncClientConnectionManagerBuilder.create()
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnections)
        .setDefaultConnectionConfig(
            ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout)).build())
        .setDefaultTlsConfig(
            TlsConfig.custom()
                .setVersionPolicy(
                    tls ? HttpVersionPolicy.NEGOTIATE : HttpVersionPolicy.FORCE_HTTP_1)
                .build())
        .build();
  }

  /**
   * Sends the request and reads the answer by {@link HttpOutcomes}: a 2xx is sent (its body gives
   * the provider's id), anything else goes by the shared rules. The stage always completes
   * normally.
   */
  CompletionStage<SendResult> exchange(
      SimpleHttpRequest request, Function<String, String> providerId) {
    return exchange(request, (status, body) -> null, providerId);
  }

  /** As above, with a provider's own reading of a failed answer, which wins when not null. */
  CompletionStage<SendResult> exchange(
      SimpleHttpRequest request,
      HttpOutcomes.ProviderErrors errors,
      Function<String, String> providerId) {
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    try {
      http.execute(
          request,
          new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
              try {
                result.complete(
                    HttpOutcomes.ofAnswer(
                        response.getCode(),
                        header(response, "Retry-After"),
                        body(response),
                        errors,
                        providerId,
                        clock.instant()));
              } catch (RuntimeException e) {
                result.complete(HttpOutcomes.ofException(e));
              }
            }

            @Override
            public void failed(Exception e) {
              result.complete(HttpOutcomes.ofException(e));
            }

            @Override
            public void cancelled() {
              result.complete(new SendResult.Retry("call cancelled", null));
            }
          });
    } catch (RuntimeException e) {
      result.complete(HttpOutcomes.ofException(e));
    }
    return result;
  }

  private static String header(SimpleHttpResponse response, String name) {
    Header header = response.getFirstHeader(name);
    return header == null ? null : header.getValue();
  }

  /** The body in the charset its Content-Type names, else UTF-8 (not the library's ASCII). */
  private static String body(SimpleHttpResponse response) {
    byte[] bytes = response.getBodyBytes();
    if (bytes == null) {
      return "";
    }
    ContentType type = response.getContentType();
    return new String(
        bytes, type == null ? StandardCharsets.UTF_8 : type.getCharset(StandardCharsets.UTF_8));
  }

  /** Closes the connections gracefully and stops the I/O thread, when the node stops. */
  @Override
  public void close() {
    http.close(CloseMode.GRACEFUL);
  }
}
