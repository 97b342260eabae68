package com.peakcare.returns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Pays refunds through the shop's payment provider over HTTP ({@code peakcare.refund.gateway: http}); the contract
 * is in docs/refund-gateway.md. One JSON POST per attempt, with the return number as idempotency key (header
 * {@code Idempotency-Key} and field {@code idempotencyKey}): after a timeout the step is retried with the same key,
 * and the provider answers the repeat with the refund it already made ({@code 200}, or {@code 409} naming its
 * reference), which is a success with the provider's original reference. So the customer is paid once, however
 * often the step runs.
 *
 * <ul>
 *   <li>Paid ({@code 201}, or a repeat): recorded in PC_REFUND with the provider's reference, which the case's
 *       timeline then names.
 *   <li>Timeout, unreachable, {@code 5xx}, {@code 408}/{@code 425}/{@code 429}, {@code 202} or a refund still
 *       pending: {@link RefundFailedException}; Camunda retries the step (R5/PT1M), then raises an incident.
 *   <li>Any other {@code 4xx} (the provider refuses: account closed, amount above the payment...), or a repeat
 *       whose amount differs from the one asked: {@link RefundRefusedException}, an incident at once with the
 *       provider's message (engine.NoRetryFailures).
 * </ul>
 * A return already in PC_REFUND is not sent again. The call runs inside the refund step's transaction: if anything
 * after it fails, the step rolls back and its retry finds the refund at the provider under the same key.
 */
@Component
@ConditionalOnProperty(prefix = "peakcare.refund", name = "gateway", havingValue = "http")
class HttpRefundGateway implements RefundGateway {

  private static final Logger log = LoggerFactory.getLogger(HttpRefundGateway.class);

  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  static final String API_KEY_HEADER = "X-Api-Key";
  /** Optional header of a provider's repeated answer (as Stripe sends it); only logged. */
  static final String REPLAYED_HEADER = "Idempotent-Replayed";
  static final String CURRENCY = "CNY";
  static final String PAID = "REFUNDED";
  /** Longest reference PC_REFUND.GATEWAY_REF holds. */
  static final int MAX_REFERENCE = 64;
  private static final int MAX_MESSAGE = 300;
  private static final int MAX_ANSWER_BYTES = 64 * 1024;

  private final RefundProperties.Http config;
  private final RefundLedger ledger;
  private final ObjectMapper json;
  private final ObjectReader answers;
  private final RestClient client;

  HttpRefundGateway(RefundProperties properties, RefundLedger ledger, ObjectMapper json) {
    this.config = properties.getHttp();
    checkConfiguration(config);
    this.ledger = ledger;
    this.json = json;
    // amounts compared exactly: 80.00 stays a decimal, never a double
    this.answers = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1) // providers speak HTTP/1.1; no h2c upgrade
            .connectTimeout(config.getConnectTimeout()).build());
    factory.setReadTimeout(config.getReadTimeout());
    this.client = RestClient.builder().requestFactory(factory).build();
  }

  @Override
  public Refund refund(String returnNo, BigDecimal amount, String refundTo) {
    Optional<Refund> recorded = ledger.find(returnNo);
    if (recorded.isPresent()) {
      log.info("return {} already refunded (ref {}): the payment provider is not asked again", returnNo,
          recorded.get().gatewayRef());
      return recorded.get();
    }
    BigDecimal money = money(returnNo, amount);
    if (refundTo == null || refundTo.isBlank()) {
      throw refused(new RefundRefusedException("refund " + returnNo
          + " not sent: the case names no refund destination"));
    }
    Paid paid = send(returnNo, money, refundTo);
    Refund refund = new Refund(returnNo, money, refundTo, paid.reference(), paid.refundedAt());
    ledger.record(refund, RefundProperties.Gateway.HTTP);
    log.info("return {} refunded {} {} by the payment provider (ref {}{})", returnNo, money.toPlainString(), CURRENCY,
        paid.reference(), paid.repeat() ? ", the provider's answer to a repeated request" : "");
    return refund;
  }

  /** The request's body; the amount is a JSON number with exactly two decimals ({@code 80.00}). */
  record RefundRequest(String idempotencyKey, String returnNo, BigDecimal amount, String currency, String refundTo) {}

  /** What the provider answered for a refund it made (now or before). */
  private record Paid(String reference, Instant refundedAt, boolean repeat) {}

  private BigDecimal money(String returnNo, BigDecimal amount) {
    if (amount == null || amount.signum() <= 0) {
      throw refused(new RefundRefusedException("refund " + returnNo + " not sent: the amount " + amount
          + " is not positive"));
    }
    try {
      return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw refused(new RefundRefusedException("refund " + returnNo + " not sent: the amount "
          + amount.toPlainString() + " has more than two decimals"));
    }
  }

  private Paid send(String returnNo, BigDecimal amount, String refundTo) {
    String what = "refund " + returnNo + " of " + amount.toPlainString() + " " + CURRENCY;
    try {
      String request = json.writeValueAsString(new RefundRequest(returnNo, returnNo, amount, CURRENCY, refundTo));
      return client.post().uri(config.getUrl())
          .contentType(MediaType.APPLICATION_JSON)
          .accept(MediaType.APPLICATION_JSON)
          .header(IDEMPOTENCY_KEY_HEADER, returnNo)
          .headers(this::authenticate)
          .body(request)
          .exchange((req, response) -> answer(what, returnNo, amount, response.getStatusCode().value(),
              response.getHeaders(),
              new String(response.getBody().readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8)));
    } catch (ResourceAccessException e) {
      throw failed(new RefundFailedException(what + " failed: " + unreachable(e)
          + "; the provider may have paid, so the retry repeats Idempotency-Key " + returnNo, e));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void authenticate(HttpHeaders headers) {
    if (!blank(config.getApiKey())) {
      headers.set(API_KEY_HEADER, config.getApiKey());
    }
    if (!blank(config.getUsername())) {
      headers.setBasicAuth(config.getUsername(), config.getPassword(), StandardCharsets.UTF_8);
    }
  }

  private Paid answer(String what, String returnNo, BigDecimal amount, int status, HttpHeaders headers, String text) {
    JsonNode body = parse(text);
    String reference = body == null ? null : blankToNull(body.path("reference").asText(null));
    boolean repeated = status == 200 || status == 409 || "true".equalsIgnoreCase(headers.getFirst(REPLAYED_HEADER));
    if (status == 202) {
      throw failed(new RefundFailedException(what + ": the provider accepted it but has not paid yet (202); the"
          + " retry asks again with Idempotency-Key " + returnNo));
    }
    if ((status >= 200 && status < 300) || (status == 409 && reference != null)) {
      return paid(what, returnNo, amount, status, body, reference, repeated);
    }
    if (status == 409) {
      throw failed(new RefundFailedException(what + ": the provider is still handling a request with"
          + " Idempotency-Key " + returnNo + " (409); the retry asks again"));
    }
    if (status == 408 || status == 425 || status == 429) {
      throw failed(new RefundFailedException(what + " failed: the provider answered " + status + ": "
          + message(body, text)));
    }
    if (status >= 400 && status < 500) {
      throw refused(new RefundRefusedException(what + " refused by the payment provider (" + status + "): "
          + message(body, text)));
    }
    throw failed(new RefundFailedException(what + " failed: the provider answered " + status + ": "
        + message(body, text)));
  }

  private Paid paid(String what, String returnNo, BigDecimal amount, int status, JsonNode body, String reference,
      boolean repeated) {
    if (reference == null || reference.length() > MAX_REFERENCE) {
      throw failed(new RefundFailedException(what + ": the provider answered " + status + " without a usable"
          + " reference (" + (reference == null ? "none" : "longer than " + MAX_REFERENCE + " characters") + ")"));
    }
    String state = blankToNull(body.path("status").asText(null));
    if (state != null && !PAID.equalsIgnoreCase(state)) {
      if (List.of("PENDING", "PROCESSING").contains(state.toUpperCase(Locale.ROOT))) {
        throw failed(new RefundFailedException(what + ": the provider has not paid yet (status " + state + ", ref "
            + reference + "); the retry asks again with Idempotency-Key " + returnNo));
      }
      throw refused(new RefundRefusedException(what + " not paid by the payment provider (status " + state + ", ref "
          + reference + "): " + message(body, "")));
    }
    JsonNode paidAmount = body.path("amount");
    String currency = blankToNull(body.path("currency").asText(null));
    BigDecimal paid = paidAmount.isMissingNode() || paidAmount.isNull() ? null : decimal(paidAmount);
    if ((paidAmount.isValueNode() && !paidAmount.isNull() && (paid == null || paid.compareTo(amount) != 0))
        || (currency != null && !CURRENCY.equals(currency))) {
      String held = paid == null ? paidAmount.asText() : paid.setScale(Math.max(2, paid.scale())).toPlainString();
      throw refused(new RefundRefusedException(what + ": the provider holds a refund of " + held
          + " " + (currency == null ? CURRENCY : currency) + " under Idempotency-Key " + returnNo + " (ref "
          + reference + "), not the amount asked: settle it by hand before retrying"));
    }
    return new Paid(reference, instant(body.path("refundedAt").asText(null)), repeated);
  }

  private RefundFailedException failed(RefundFailedException e) {
    log.warn("{} (the refund step fails; retried while it has retries left)", e.getMessage());
    return e;
  }

  private RefundRefusedException refused(RefundRefusedException e) {
    log.warn("{} (an incident at once, no retries)", e.getMessage());
    return e;
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = answers.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The provider's own words: a problem detail's detail or title, or a message/error field, or the raw text. */
  private static String message(JsonNode body, String text) {
    String found = null;
    if (body != null) {
      for (String field : List.of("message", "detail", "error_description", "error", "title")) {
        JsonNode value = body.path(field);
        if (value.isValueNode() && !value.asText().isBlank()) {
          found = value.asText();
          break;
        }
      }
    }
    String m = (found != null ? found : text == null || text.isBlank() ? "(no message)" : text)
        .replaceAll("\\s+", " ").trim();
    return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "…" : m;
  }

  private static BigDecimal decimal(JsonNode node) {
    try {
      return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return Instant.now();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }

  private String unreachable(ResourceAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException) {
        return "no connection to the provider within " + human(config.getConnectTimeout());
      }
      if (t instanceof HttpTimeoutException) {
        return "no answer from the provider within " + human(config.getReadTimeout());
      }
      if (t instanceof ConnectException) {
        return "the provider refused the connection";
      }
    }
    return "the provider could not be reached (" + e.getMessage() + ")";
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Refuses to start on a configuration that cannot pay anything, naming every problem at once. */
  static void checkConfiguration(RefundProperties.Http c) {
    List<String> problems = new ArrayList<>();
    URI uri = null;
    if (blank(c.getUrl())) {
      problems.add("peakcare.refund.http.url is not set (PEAKCARE_REFUND_URL)");
    } else {
      try {
        uri = URI.create(c.getUrl().trim());
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
            || uri.getHost() == null) {
          problems.add("peakcare.refund.http.url is not an http(s) URL: " + c.getUrl());
          uri = null;
        }
      } catch (IllegalArgumentException e) {
        problems.add("peakcare.refund.http.url is not a URL: " + c.getUrl());
      }
    }
    if (blank(c.getApiKey()) && blank(c.getUsername())) {
      problems.add("no credentials: set peakcare.refund.http.api-key (PEAKCARE_REFUND_API_KEY) or"
          + " peakcare.refund.http.username and password (PEAKCARE_REFUND_USER, PEAKCARE_REFUND_PASSWORD)");
    }
    if (!blank(c.getUsername()) && blank(c.getPassword())) {
      problems.add("peakcare.refund.http.username is set without a password (PEAKCARE_REFUND_PASSWORD)");
    }
    if (c.getConnectTimeout() == null || c.getConnectTimeout().isNegative() || c.getConnectTimeout().isZero()) {
      problems.add("peakcare.refund.http.connect-timeout must be positive");
    }
    if (c.getReadTimeout() == null || c.getReadTimeout().isNegative() || c.getReadTimeout().isZero()) {
      problems.add("peakcare.refund.http.read-timeout must be positive");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("peakcare.refund.gateway is http, but " + String.join("; ", problems));
    }
    if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback(uri.getHost())) {
      log.warn("refunds go to {} over plain http: use https outside a test bench", uri.getHost());
    }
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String blankToNull(String s) {
    return blank(s) ? null : s.trim();
  }
}
