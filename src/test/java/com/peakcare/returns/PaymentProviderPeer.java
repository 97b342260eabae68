package com.peakcare.returns;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A payment provider in this JVM (the JDK's HttpServer on a free port) that keeps the contract of
 * docs/refund-gateway.md: it pays each idempotency key once, answers {@code 201} with a fresh reference, and answers a
 * repeat of a paid key with the original refund ({@code 200}, or {@code 409} when told to). A test scripts what the
 * next attempts for a key do (fail, refuse, take the money and answer too late, answer something odd) and reads
 * what came: every attempt with its headers and body, and every payment made, counted by the return number in the
 * body, so a retry that came with another key would show as a second payment.
 */
final class PaymentProviderPeer implements AutoCloseable {

  static final String PATH = "/v1/refunds";
  static final String API_KEY = "test-refund-key";

  /** One request as the provider saw it (recorded on arrival), with the status it answered (0: none yet). */
  static final class Attempt {
    private final String idempotencyKey;
    private final String apiKey;
    private final String authorization;
    private final String contentType;
    private final String body;
    private volatile int status;

    Attempt(String idempotencyKey, String apiKey, String authorization, String contentType, String body) {
      this.idempotencyKey = idempotencyKey;
      this.apiKey = apiKey;
      this.authorization = authorization;
      this.contentType = contentType;
      this.body = body;
    }

    String idempotencyKey() { return idempotencyKey; }
    String apiKey() { return apiKey; }
    String authorization() { return authorization; }
    String contentType() { return contentType; }
    String body() { return body; }
    int status() { return status; }
  }

  /** Money that left: one per refund the provider made. */
  record Payment(String returnNo, String idempotencyKey, String reference, BigDecimal amount, String currency,
      String refundTo, Instant paidAt) {}

  /** What one attempt for a key does instead of the normal contract. */
  sealed interface Step {}

  /** Answer {@code status} with {@code body} without paying. */
  record Answer(int status, String contentType, String body) implements Step {}

  /** Pay, then take {@code delay} before answering 201: longer than the client waits, the money is gone. */
  record PayThenStall(Duration delay) implements Step {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Map<String, Deque<Step>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Step> always = new ConcurrentHashMap<>();
  private final Map<String, Payment> byKey = new ConcurrentHashMap<>();
  private final List<Payment> payments = new CopyOnWriteArrayList<>();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final AtomicInteger references = new AtomicInteger();
  private volatile int repeatStatus = 200;
  private volatile String basicCredentials;

  private PaymentProviderPeer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext(PATH, this::handle);
    server.start();
  }

  static PaymentProviderPeer start() {
    try {
      return new PaymentProviderPeer();
    } catch (IOException e) {
      throw new IllegalStateException("the payment provider peer does not start", e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** The HTTP gateway as production configures it, pointed at this peer with its API key. */
  HttpRefundGateway gateway(RefundLedger ledger, ObjectMapper json, Duration readTimeout) {
    RefundProperties properties = new RefundProperties();
    properties.setGateway(RefundProperties.Gateway.HTTP);
    properties.getHttp().setUrl(url());
    properties.getHttp().setApiKey(API_KEY);
    properties.getHttp().setConnectTimeout(Duration.ofSeconds(2));
    properties.getHttp().setReadTimeout(readTimeout);
    return new HttpRefundGateway(properties, ledger, json);
  }

  /** The next attempts for this key do these steps, one each; after them the normal contract applies again. */
  PaymentProviderPeer next(String key, Step... steps) {
    scripts.computeIfAbsent(key, k -> new ArrayDeque<>()).addAll(List.of(steps));
    return this;
  }

  /** Every attempt for this key does this step, until {@link #recover(String)}. */
  PaymentProviderPeer always(String key, Step step) {
    always.put(key, step);
    return this;
  }

  PaymentProviderPeer recover(String key) {
    always.remove(key);
    scripts.remove(key);
    return this;
  }

  /** Answer a repeat of a paid key with 409 and the original refund instead of 200. */
  PaymentProviderPeer repeatsAs409() {
    repeatStatus = 409;
    return this;
  }

  /** Require HTTP Basic with these credentials instead of the API key. */
  PaymentProviderPeer requireBasic(String user, String password) {
    basicCredentials = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A refund made earlier under this key (by a node that died before it could record it). */
  Payment paidEarlier(String returnNo, BigDecimal amount, String refundTo) {
    return pay(returnNo, returnNo, amount, "CNY", refundTo);
  }

  List<Attempt> attempts(String key) {
    return attempts.stream().filter(a -> key.equals(a.idempotencyKey())).toList();
  }

  /** Money that left for this return, whatever key the request carried. */
  List<Payment> paymentsFor(String returnNo) {
    return payments.stream().filter(p -> returnNo.equals(p.returnNo())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Attempt attempt = new Attempt(key, apiKey, authorization, contentType, body);
    attempts.add(attempt);
    ANSWERING.set(attempt);
    try {
      serve(exchange, key, apiKey, authorization, body);
    } finally {
      ANSWERING.remove();
      exchange.close();
    }
  }

  private int serve(HttpExchange exchange, String key, String apiKey, String authorization, String body)
      throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      return send(exchange, 405, "{\"message\":\"POST only\"}");
    }
    boolean authenticated = basicCredentials != null ? basicCredentials.equals(authorization) : API_KEY.equals(apiKey);
    if (!authenticated) {
      return send(exchange, 401, "{\"message\":\"unknown merchant\"}");
    }
    Step step = always.get(key);
    if (step == null) {
      Deque<Step> script = scripts.get(key);
      step = script == null ? null : script.pollFirst();
    }
    if (step instanceof Answer a) {
      return send(exchange, a.status(), a.contentType(), a.body());
    }
    JsonNode request = JSON.readTree(body);
    if (key == null || !key.equals(request.path("idempotencyKey").asText())) {
      return send(exchange, 400, "{\"message\":\"Idempotency-Key header and idempotencyKey differ\"}");
    }
    Payment earlier = byKey.get(key);
    if (earlier != null) {
      exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
      return send(exchange, repeatStatus, answer(earlier));
    }
    Payment paid = pay(request.path("returnNo").asText(), key, request.path("amount").decimalValue(),
        request.path("currency").asText(), request.path("refundTo").asText());
    if (step instanceof PayThenStall stall) {
      try {
        Thread.sleep(stall.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    try {
      return send(exchange, 201, answer(paid));
    } catch (IOException gone) {
      return 0; // the client stopped waiting: the money is gone all the same
    }
  }

  private synchronized Payment pay(String returnNo, String key, BigDecimal amount, String currency, String refundTo) {
    Payment payment = new Payment(returnNo, key, "PAY-" + (20_000 + references.incrementAndGet()), amount, currency,
        refundTo, Instant.now());
    byKey.putIfAbsent(key, payment);
    payments.add(payment);
    return payment;
  }

  private static String answer(Payment p) {
    return "{\"reference\":\"" + p.reference() + "\",\"status\":\"REFUNDED\",\"idempotencyKey\":\""
        + p.idempotencyKey() + "\",\"amount\":" + p.amount().toPlainString() + ",\"currency\":\"" + p.currency()
        + "\",\"refundedAt\":\"" + p.paidAt() + "\"}";
  }

  private static int send(HttpExchange exchange, int status, String body) throws IOException {
    return send(exchange, status, "application/json", body);
  }

  /** The attempt being answered on this thread: its status is recorded before the client can see the answer. */
  private static final ThreadLocal<Attempt> ANSWERING = new ThreadLocal<>();

  private static int send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    if (ANSWERING.get() != null) {
      ANSWERING.get().status = status;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    return status;
  }
}
