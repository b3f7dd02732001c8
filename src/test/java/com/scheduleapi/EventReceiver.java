package com.scheduleapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for a client's webhook endpoint: records every call with its
 * headers and raw body, answers 200 unless scripted (a status per call, or down until told), and
 * can redirect.
 */
public final class EventReceiver implements AutoCloseable {

  private final HttpServer server;
  private final String host;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedDeque<Integer> script = new ConcurrentLinkedDeque<>();
  private volatile int down;
  private volatile String redirectTo;

  public EventReceiver(String host) {
    this.host = host;
    try {
      server = HttpServer.create(new InetSocketAddress(host, 0), 256);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  public String url() {
    return "http://" + host + ":" + server.getAddress().getPort() + "/events";
  }

  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** Answers the next calls with these statuses, then 200. */
  public void script(Integer... statuses) {
    script.addAll(List.of(statuses));
  }

  /** Answers every call with {@code status} until {@link #up()}. */
  public void down(int status) {
    this.down = status;
  }

  public void up() {
    this.down = 0;
  }

  /** Answers every call with a 307 to this URL. */
  public void redirectTo(String url) {
    this.redirectTo = url;
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    String body = new String(bytes, StandardCharsets.UTF_8);
    Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
    if (redirectTo != null) {
      calls.add(new Call(headers, body, json.readTree(body), 307));
      exchange.getResponseHeaders().add("Location", redirectTo);
      exchange.sendResponseHeaders(307, -1);
      exchange.close();
      return;
    }
    Integer scripted = script.poll();
    int status = down != 0 ? down : scripted != null ? scripted : 200;
    calls.add(new Call(headers, body, json.readTree(body), status));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** One call as the receiver saw it. */
  public record Call(Map<String, List<String>> headers, String body, JsonNode event, int status) {

    public boolean taken() {
      return status >= 200 && status < 300;
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public String type() {
      return event.get("type").asString();
    }

    public String id() {
      return event.get("id").asString();
    }
  }
}
