package com.scheduleapi.bench;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * A local provider for the send benchmarks: answers each POST after a fixed delay (100 ms, as a
 * provider's API takes) without holding a thread meanwhile (an asynchronous servlet on an embedded
 * Tomcat, which keeps thousands of keep-alive connections), shaped as our webhook contract or as
 * Twilio's Messages API (form body, Basic auth, {@code 201} JSON with {@code sid}). Counts posts
 * per idempotency key, so that lost and doubled messages show, and records arrival instants. The
 * senders reach it through their own client (Apache HttpClient 5's, HTTP/1.1 keep-alive); {@link
 * SinkLoad} loads it alone with the same client and settings.
 */
final class ProviderSink implements AutoCloseable {

  static final String ACCOUNT = "AC00000000000000000000000000000bench";
  static final String TOKEN = "bench-token";
  static final String TWILIO_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

  private final Tomcat tomcat = new Tomcat();
  private final int port;
  private final ScheduledExecutorService answers = Executors.newScheduledThreadPool(2);
  private final Duration delay;
  private final Map<String, LongAdder> byKey = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder rejected = new LongAdder();
  private long[] arrivals = new long[1 << 16];
  private int size;

  ProviderSink(Duration delay) {
    this.delay = delay;
    try {
      tomcat.setBaseDir(Files.createTempDirectory("provider-sink").toString());
      Connector connector = new Connector("HTTP/1.1");
      connector.setPort(0);
      connector.setProperty("address", "127.0.0.1");
      connector.setProperty("maxConnections", "20000");
      connector.setProperty("acceptCount", "4096");
      connector.setProperty("maxKeepAliveRequests", "-1");
      connector.setProperty("maxThreads", "8");
      tomcat.setConnector(connector);
      Context context = tomcat.addContext("", null);
      Tomcat.addServlet(context, "sink", new Servlet()).setAsyncSupported(true);
      context.addServletMappingDecoded("/*", "sink");
      tomcat.start();
      port = connector.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every POST: the webhook's path or Twilio's. */
  private final class Servlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      AsyncContext async = request.startAsync();
      async.setTimeout(0);
      if (request.getRequestURI().equals(TWILIO_PATH)) {
        twilio(request, body, async);
      } else {
        webhook(body, async);
      }
    }
  }

  URI webhookUrl() {
    return URI.create("http://127.0.0.1:" + port + "/hook");
  }

  URI twilioBase() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void webhook(String body, AsyncContext exchange) {
    String key = field(body, "\"idempotency_key\":\"");
    arrived(key);
    later(exchange, 200, "{\"id\":\"msg-" + ids.incrementAndGet() + "\"}");
  }

  private void twilio(HttpServletRequest request, String body, AsyncContext exchange) {
    String auth = request.getHeader("Authorization");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    boolean form =
        String.valueOf(request.getContentType()).startsWith("application/x-www-form-urlencoded");
    if (!expected.equals(auth) || !form || !body.contains("To=") || !body.contains("From=")) {
      rejected.increment();
      later(exchange, 400, "{\"code\":20003,\"message\":\"bench sink: not Twilio's shape\"}");
      return;
    }
    arrived(request.getHeader("I-Twilio-Idempotency-Token"));
    later(
        exchange,
        201,
        "{\"sid\":\"SM" + ids.incrementAndGet() + "\",\"status\":\"queued\",\"to\":\"x\"}");
  }

  private void arrived(String key) {
    long now = System.currentTimeMillis();
    byKey.computeIfAbsent(String.valueOf(key), k -> new LongAdder()).increment();
    synchronized (this) {
      if (size == arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, size * 2);
      }
      arrivals[size++] = now;
    }
  }

  private void later(AsyncContext exchange, int status, String answer) {
    answers.schedule(
        () -> {
          try {
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            HttpServletResponse response = (HttpServletResponse) exchange.getResponse();
            response.setStatus(status);
            response.setContentType("application/json");
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
          } catch (IOException | RuntimeException gone) {
            // the client gave up; it counts the call as failed and tries again
          } finally {
            exchange.complete();
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static String field(String json, String prefix) {
    int start = json.indexOf(prefix);
    if (start < 0) {
      return null;
    }
    start += prefix.length();
    return json.substring(start, json.indexOf('"', start));
  }

  synchronized void reset() {
    size = 0;
    byKey.clear();
    rejected.reset();
  }

  synchronized long[] arrivals() {
    return Arrays.copyOf(arrivals, size);
  }

  /** Distinct messages received. */
  int distinct() {
    return byKey.size();
  }

  /** Messages received more than once (a repeat with the same key). */
  long doubled() {
    return byKey.values().stream().filter(n -> n.sum() > 1).count();
  }

  long rejected() {
    return rejected.sum();
  }

  @Override
  public void close() {
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException ignored) {
      // going away anyway
    }
    answers.shutdownNow();
  }
}
