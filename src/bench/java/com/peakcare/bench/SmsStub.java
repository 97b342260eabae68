package com.peakcare.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** The SMS gateway: a JDK HTTP server on 127.0.0.1 that takes every POST /sms with 200 and counts it. */
final class SmsStub implements AutoCloseable {

  private final HttpServer server;
  private final AtomicLong received = new AtomicLong();
  /** Messages that came again with an Idempotency-Key already accepted (issue 22: none duplicated). */
  private final AtomicLong duplicates = new AtomicLong();
  private final java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** When each Idempotency-Key first arrived (issue 24: a notice's delay from its record to the gateway). */
  private final java.util.Map<String, java.time.Instant> arrivals = new java.util.concurrent.ConcurrentHashMap<>();

  SmsStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/sms", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      received.incrementAndGet();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (key != null && !keys.add(key)) {
        duplicates.incrementAndGet();
      }
      if (key != null) {
        arrivals.putIfAbsent(key, java.time.Instant.now());
      }
      byte[] body = "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "bench-sms-stub");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  long received() {
    return received.get();
  }

  /** When the key first arrived, or null. */
  java.time.Instant arrival(String key) {
    return arrivals.get(key);
  }

  long duplicates() {
    return duplicates.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
