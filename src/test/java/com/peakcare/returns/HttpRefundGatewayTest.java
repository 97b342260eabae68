package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.returns.PaymentProviderPeer.Answer;
import com.peakcare.returns.PaymentProviderPeer.Attempt;
import com.peakcare.returns.PaymentProviderPeer.PayThenStall;
import com.peakcare.returns.PaymentProviderPeer.Payment;
import com.peakcare.returns.RefundGateway.Refund;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The HTTP refund gateway's contract with the payment provider (docs/refund-gateway.md), against a real HTTP peer. */
@PeakCareTest
class HttpRefundGatewayTest {

  static final BigDecimal AMOUNT = new BigDecimal("80.00");
  static final String TO = "ORIGINAL_PAYMENT";
  static final String JSON_TYPE = "application/json";

  @Autowired RefundLedger ledger;
  @Autowired ObjectMapper json;

  PaymentProviderPeer provider;
  HttpRefundGateway gateway;
  String returnNo;

  @BeforeEach
  void startProvider() {
    provider = PaymentProviderPeer.start();
    gateway = provider.gateway(ledger, json, Duration.ofSeconds(1));
    returnNo = "R-GW-" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
  }

  @AfterEach
  void stopProvider() {
    provider.close();
  }

  @Test
  void paysWithTheReturnNumberAsIdempotencyKeyAndRecordsTheProvidersReference() {
    Refund refund = gateway.refund(returnNo, AMOUNT, TO);

    Attempt attempt = provider.attempts(returnNo).get(0);
    assertThat(provider.attempts(returnNo)).hasSize(1);
    assertThat(attempt.status()).isEqualTo(201);
    assertThat(attempt.contentType()).startsWith(JSON_TYPE);
    assertThat(attempt.apiKey()).isEqualTo(PaymentProviderPeer.API_KEY);
    assertThat(attempt.body()).isEqualTo("{\"idempotencyKey\":\"" + returnNo + "\",\"returnNo\":\"" + returnNo
        + "\",\"amount\":80.00,\"currency\":\"CNY\",\"refundTo\":\"ORIGINAL_PAYMENT\"}");
    Payment payment = provider.paymentsFor(returnNo).get(0);
    assertThat(refund.gatewayRef()).isEqualTo(payment.reference()).startsWith("PAY-");
    assertThat(refund.amount()).isEqualByComparingTo("80.00");
    assertThat(refund.doneAt()).as("the provider's time of payment").isEqualTo(payment.paidAt());
    assertThat(ledger.find(returnNo)).map(Refund::gatewayRef).hasValue(payment.reference());
    assertThat(ledger.gatewayOf(returnNo)).hasValue("HTTP");
  }

  @Test
  void sendsHttpBasicWhenConfiguredSo() {
    provider.requireBasic("shop-peakcare", "s3cret");
    RefundProperties properties = new RefundProperties();
    properties.getHttp().setUrl(provider.url());
    properties.getHttp().setUsername("shop-peakcare");
    properties.getHttp().setPassword("s3cret");

    new HttpRefundGateway(properties, ledger, json).refund(returnNo, AMOUNT, TO);

    assertThat(provider.attempts(returnNo)).singleElement().satisfies(a -> {
      assertThat(a.status()).isEqualTo(201);
      assertThat(a.authorization()).startsWith("Basic ");
      assertThat(a.apiKey()).isNull();
    });
  }

  @Test
  void aRepeatAnswered200IsSuccessWithTheOriginalReference() {
    Payment earlier = provider.paidEarlier(returnNo, AMOUNT, TO);

    Refund refund = gateway.refund(returnNo, AMOUNT, TO);

    assertThat(provider.attempts(returnNo)).extracting(Attempt::status).containsExactly(200);
    assertThat(refund.gatewayRef()).isEqualTo(earlier.reference());
    assertThat(refund.doneAt()).isEqualTo(earlier.paidAt());
    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
    assertThat(ledger.find(returnNo)).map(Refund::gatewayRef).hasValue(earlier.reference());
  }

  @Test
  void aRepeatAnswered409WithTheReferenceIsSuccessToo() {
    provider.repeatsAs409();
    Payment earlier = provider.paidEarlier(returnNo, AMOUNT, TO);

    Refund refund = gateway.refund(returnNo, AMOUNT, TO);

    assertThat(provider.attempts(returnNo)).extracting(Attempt::status).containsExactly(409);
    assertThat(refund.gatewayRef()).isEqualTo(earlier.reference());
    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
  }

  @Test
  void aTimeoutAfterTheProviderPaidIsRetriedAndTheRepeatPaysNothingMore() {
    provider.next(returnNo, new PayThenStall(Duration.ofSeconds(4)));

    assertThatThrownBy(() -> gateway.refund(returnNo, AMOUNT, TO)).isInstanceOf(RefundFailedException.class)
        .hasMessageContaining("no answer from the provider within 1 s")
        .hasMessageContaining("Idempotency-Key " + returnNo);
    assertThat(ledger.find(returnNo)).isEmpty();
    assertThat(provider.paymentsFor(returnNo)).as("the provider took the money").hasSize(1);

    Refund refund = gateway.refund(returnNo, AMOUNT, TO);

    assertThat(provider.attempts(returnNo)).hasSize(2);
    assertThat(provider.attempts(returnNo).get(1).status()).isEqualTo(200);
    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
    assertThat(refund.gatewayRef()).isEqualTo(provider.paymentsFor(returnNo).get(0).reference());
  }

  @Test
  void a5xxIsARetryableFailureThatRecordsNothing() {
    provider.next(returnNo, new Answer(503, JSON_TYPE, "{\"message\":\"维护中 · down for maintenance\"}"));

    assertThatThrownBy(() -> gateway.refund(returnNo, AMOUNT, TO)).isInstanceOf(RefundFailedException.class)
        .hasMessage("refund " + returnNo + " of 80.00 CNY failed: the provider answered 503: 维护中 · down for"
            + " maintenance");
    assertThat(ledger.find(returnNo)).isEmpty();
    assertThat(provider.paymentsFor(returnNo)).isEmpty();
  }

  @Test
  void stillInProgressTooManyRequestsOrNotPaidYetAreRetried() {
    provider.next(returnNo,
        new Answer(409, JSON_TYPE, "{\"message\":\"a request with this key is in progress\"}"),
        new Answer(429, JSON_TYPE, "{\"message\":\"slow down\"}"),
        new Answer(202, JSON_TYPE, "{\"reference\":\"PAY-1\",\"status\":\"PENDING\"}"),
        new Answer(200, JSON_TYPE, "{\"reference\":\"PAY-1\",\"status\":\"PENDING\"}"),
        new Answer(201, JSON_TYPE, "{\"status\":\"REFUNDED\"}"),
        new Answer(502, "text/html", "<html><body>Bad Gateway</body></html>"));

    for (String expected : new String[] {"still handling a request with Idempotency-Key", "answered 429: slow down",
        "accepted it but has not paid yet (202)", "has not paid yet (status PENDING, ref PAY-1)",
        "answered 201 without a usable reference", "answered 502: <html><body>Bad Gateway</body></html>"}) {
      assertThatThrownBy(() -> gateway.refund(returnNo, AMOUNT, TO)).isInstanceOf(RefundFailedException.class)
          .hasMessageContaining(expected);
    }
    assertThat(ledger.find(returnNo)).isEmpty();
  }

  @Test
  void aRefusalIsNotRetriedAndCarriesTheProvidersMessage() {
    provider.next(returnNo, new Answer(422, "application/problem+json",
        "{\"type\":\"about:blank\",\"title\":\"Unprocessable\",\"status\":422,"
            + "\"detail\":\"收款账户已注销 · account closed\"}"));

    assertThatThrownBy(() -> gateway.refund(returnNo, AMOUNT, TO)).isInstanceOf(RefundRefusedException.class)
        .hasMessage("refund " + returnNo + " of 80.00 CNY refused by the payment provider (422): 收款账户已注销 ·"
            + " account closed");
    assertThat(ledger.find(returnNo)).isEmpty();
  }

  @Test
  void wrongCredentialsAreARefusalToo() {
    RefundProperties properties = new RefundProperties();
    properties.getHttp().setUrl(provider.url());
    properties.getHttp().setApiKey("not-the-key");

    assertThatThrownBy(() -> new HttpRefundGateway(properties, ledger, json).refund(returnNo, AMOUNT, TO))
        .isInstanceOf(RefundRefusedException.class).hasMessageContaining("(401): unknown merchant");
  }

  @Test
  void aRepeatForAnotherAmountIsRefusedToBeSettledByHand() {
    provider.paidEarlier(returnNo, new BigDecimal("99.00"), TO);

    assertThatThrownBy(() -> gateway.refund(returnNo, AMOUNT, TO)).isInstanceOf(RefundRefusedException.class)
        .hasMessageContaining("holds a refund of 99.00 CNY under Idempotency-Key " + returnNo)
        .hasMessageContaining("settle it by hand");
    assertThat(ledger.find(returnNo)).isEmpty();
    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
  }

  @Test
  void aRefundAlreadyRecordedIsNotSentAgain() {
    Refund recorded = new Refund(returnNo, AMOUNT, TO, "PAY-EARLIER", Instant.parse("2026-11-20T08:00:00Z"));
    ledger.record(recorded, RefundProperties.Gateway.HTTP);

    assertThat(gateway.refund(returnNo, AMOUNT, TO)).isEqualTo(recorded);
    assertThat(provider.attempts(returnNo)).isEmpty();
  }

  @Test
  void anAmountThatIsNotPositiveOrHasMoreThanTwoDecimalsIsRefusedWithoutACall() {
    assertThatThrownBy(() -> gateway.refund(returnNo, new BigDecimal("80.005"), TO))
        .isInstanceOf(RefundRefusedException.class).hasMessageContaining("more than two decimals");
    assertThatThrownBy(() -> gateway.refund(returnNo, BigDecimal.ZERO, TO))
        .isInstanceOf(RefundRefusedException.class).hasMessageContaining("not positive");
    assertThat(gateway.refund(returnNo, new BigDecimal("80.5"), TO).amount()).isEqualByComparingTo("80.50");
    assertThat(provider.attempts(returnNo)).singleElement().satisfies(a ->
        assertThat(a.body()).contains("\"amount\":80.50,"));
  }

  @Test
  void anUnreachableProviderIsRetried() {
    String url = provider.url();
    provider.close();
    RefundProperties properties = new RefundProperties();
    properties.getHttp().setUrl(url);
    properties.getHttp().setApiKey(PaymentProviderPeer.API_KEY);

    assertThatThrownBy(() -> new HttpRefundGateway(properties, ledger, json).refund(returnNo, AMOUNT, TO))
        .isInstanceOf(RefundFailedException.class).hasMessageContaining("refused the connection");
  }

  @Test
  void aConfigurationThatCannotPayStopsTheStartNamingEveryProblem() {
    RefundProperties properties = new RefundProperties();
    properties.getHttp().setUsername("shop");

    assertThatThrownBy(() -> new HttpRefundGateway(properties, ledger, json))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("peakcare.refund.http.url is not set (PEAKCARE_REFUND_URL)")
        .hasMessageContaining("username is set without a password");
    properties.getHttp().setUsername("");
    properties.getHttp().setUrl("ftp://pay.example/refunds");
    assertThatThrownBy(() -> new HttpRefundGateway(properties, ledger, json))
        .hasMessageContaining("not an http(s) URL").hasMessageContaining("no credentials");
  }
}
