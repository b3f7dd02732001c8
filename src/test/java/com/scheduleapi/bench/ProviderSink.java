package com.scheduleapi.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A local provider for the send benchmarks: answers each POST after a fixed delay (100 ms, as a
 * provider's API takes) without holding a thread meanwhile, shaped as our webhook contract or as
 * Twilio's Messages API (form body, Basic auth, {@code 201} JSON with {@code sid}). Counts posts
 * per idempotency key, so that lost and doubled messages show, and records arrival instants.
 *
 * <p>It runs on Netty's HTTP codec with two event-loop threads: a real provider runs on machines of
 * its own, and on a two-core benchmark machine a stand-in on an asynchronous servlet container had
 * taken about half of the CPU from the service it was measuring. The senders reach it through their
 * own client (Apache HttpClient 5's, HTTP/1.1 keep-alive); {@link SinkLoad} loads it alone with the
 * same client and settings.
 */
final class ProviderSink implements AutoCloseable {

  static final String ACCOUNT = "AC00000000000000000000000000000bench";
  static final String TOKEN = "bench-token";
  static final String TWILIO_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));

  private final EventLoopGroup loops =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final Channel server;
  private final int port;
  private final long delayNanos;
  private final Map<String, LongAdder> byKey = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder rejected = new LongAdder();
  private long[] arrivals = new long[1 << 16];
  private int size;

  ProviderSink(Duration delay) {
    this.delayNanos = delay.toNanos();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(loops)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 4096)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 16))
                        .addLast(new Exchange());
                  }
                });
    server = bootstrap.bind(new InetSocketAddress("127.0.0.1", 0)).syncUninterruptibly().channel();
    port = ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Every POST: the webhook's path or Twilio's. */
  private final class Exchange extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
      String body = request.content().toString(StandardCharsets.UTF_8);
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      if (request.uri().equals(TWILIO_PATH)) {
        twilio(context, request, body, keepAlive);
      } else {
        arrived(field(body, "\"idempotency_key\":\""));
        later(context, keepAlive, 200, "{\"id\":\"msg-" + ids.incrementAndGet() + "\"}");
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      context.close(); // the client gave up; it counts the call as failed and tries again
    }
  }

  URI webhookUrl() {
    return URI.create("http://127.0.0.1:" + port + "/hook");
  }

  URI twilioBase() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void twilio(
      ChannelHandlerContext context, FullHttpRequest request, String body, boolean keepAlive) {
    String type = String.valueOf(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
    boolean form = type.startsWith("application/x-www-form-urlencoded");
    if (!BASIC.equals(request.headers().get(HttpHeaderNames.AUTHORIZATION))
        || !form
        || !body.contains("To=")
        || !body.contains("From=")) {
      rejected.increment();
      later(
          context,
          keepAlive,
          400,
          "{\"code\":20003,\"message\":\"bench sink: not Twilio's shape\"}");
      return;
    }
    arrived(request.headers().get("I-Twilio-Idempotency-Token"));
    later(
        context,
        keepAlive,
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

  /** Answers on the connection's own event loop once the delay has passed. */
  private void later(ChannelHandlerContext context, boolean keepAlive, int status, String answer) {
    context
        .executor()
        .schedule(
            () -> {
              FullHttpResponse response =
                  new DefaultFullHttpResponse(
                      HttpVersion.HTTP_1_1,
                      HttpResponseStatus.valueOf(status),
                      Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8));
              response
                  .headers()
                  .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                  .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
              if (keepAlive) {
                context.writeAndFlush(response);
              } else {
                context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
              }
            },
            delayNanos,
            TimeUnit.NANOSECONDS);
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
    server.close().syncUninterruptibly();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
