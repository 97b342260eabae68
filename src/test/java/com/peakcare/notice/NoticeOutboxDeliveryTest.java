package com.peakcare.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.peakcare.notice.NoticeTestData.aCaseRef;
import static com.peakcare.notice.NoticeTestData.aChineseCustomer;
import static com.peakcare.notice.NoticeTestData.deliveryOf;
import static com.peakcare.notice.NoticePeers.smsAttempts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbox delivery (the default, {@code peakcare.notice.delivery=outbox}) over a real HTTP SMS gateway and a real SMTP
 * server: retries on the cycle without the engine, FAILED when they run out, the supervisors' list and retry, claims
 * that make two pollers send a channel once, a dead sender's claim taken over when stale. No process instance.
 */
@PeakCareTest
class NoticeOutboxDeliveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired NoticeService notices;
  @Autowired NoticeOutboxPoller poller;
  @Autowired NoticeOutbox outbox;
  @Autowired NoticeDispatcher dispatcher;
  @Autowired NoticeProperties properties;
  @Autowired NoticeFigures figures;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  final GreenMail mail = NoticePeers.mail();
  final WireMockServer sms = NoticePeers.sms();

  @Test
  void anOutageIsRetriedOnTheCycleThenFailedAndASupervisorsRetryDeliversExactlyOnce() throws Exception {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();
    StubMapping outage = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(customer.phone())))
        .willReturn(aResponse().withStatus(503).withBody("gateway down")));
    try {
      Notice notice = notices.send(caseRef, NoticeType.REJECTED, customer, Map.of(NoticeVariables.RETURN_NO, caseRef,
          NoticeVariables.ORDER_NO, "O-77001", NoticeVariables.REJECTION_REASON, "商品已拆封使用，影响二次销售"));
      assertThat(deliveryOf(runtimeService, notice.key())).as("no process instance per notice").isNull();

      // R5/PT1M: five attempts in all, a minute apart; the clock moves a minute per attempt
      Instant clock = Instant.now();
      for (int attempt = 1; attempt <= 5; attempt++) {
        Instant before = Instant.now();
        poller.runOnce(clock);
        assertThat(smsAttempts(notice.key())).as("SMS requests after attempt " + attempt).hasSize(attempt);
        Map<String, Object> row = row(notice.key(), "SMS");
        assertThat(row.get("ATTEMPTS_LEFT")).as("attempts left after attempt " + attempt).isEqualTo(5 - attempt);
        assertThat(String.valueOf(row.get("LAST_ERROR"))).contains("503");
        if (attempt < 5) {
          assertThat(row.get("STATUS")).isEqualTo("PENDING");
          assertThat(jdbc.queryForObject("select NEXT_ATTEMPT_AT from PC_NOTICE_DELIVERY where NOTICE_KEY = ? and"
              + " CHANNEL = 'SMS'", Timestamp.class, notice.key()).toInstant()).isAfter(before.plusSeconds(50));
          poller.runOnce(Instant.now());
          assertThat(smsAttempts(notice.key())).as("not again before its minute").hasSize(attempt);
        }
        clock = clock.plus(Duration.ofSeconds(65)); // a minute after the failure, however long it took
      }
      assertThat(statusOf(caseRef, "SMS")).isEqualTo("FAILED");
      assertThat(statusOf(caseRef, "EMAIL")).as("the e-mail went out on the first attempt").isEqualTo("SENT");
      assertThat(mail.getReceivedMessagesForDomain(customer.email())).hasSize(1);
      poller.runOnce(clock.plus(Duration.ofHours(1)));
      assertThat(smsAttempts(notice.key())).as("FAILED waits for an operator").hasSize(5);
      assertThat(figures.backlog().failed()).as("the dashboard's failed notices").isPositive();

      // the operators (supervisors) see it, and only they
      Http http = new Http(port);
      assertThat(http.get("/api/notice-deliveries/failed", "agent1").statusCode()).isEqualTo(403);
      assertThat(http.get("/api/notice-deliveries/failed", null).statusCode()).isEqualTo(401);
      HttpResponse<String> listed = http.get("/api/notice-deliveries/failed", "cslead");
      assertThat(listed.statusCode()).isEqualTo(200);
      JsonNode failed = find(JSON.readTree(listed.body()), notice.key());
      assertThat(failed.path("channel").asText()).isEqualTo("SMS");
      assertThat(failed.path("caseRef").asText()).isEqualTo(caseRef);
      assertThat(failed.path("attempts").asInt()).isEqualTo(5);
      assertThat(failed.path("lastError").asText()).contains("503");
      assertThat(listed.body()).as("no address in the list").doesNotContain(customer.phone())
          .doesNotContain(customer.email());

      // the gateway is back; an agent may not retry, a supervisor may: one more attempt, the SMS only
      sms.removeStub(outage);
      String retry = "/api/notice-deliveries/" + notice.key() + "/retry";
      assertThat(http.post(retry, "agent1", "").statusCode()).isEqualTo(403);
      HttpResponse<String> retried = http.post(retry, "cslead", "");
      assertThat(retried.statusCode()).isEqualTo(200);
      assertThat(retried.body()).contains("PENDING");
      poller.runOnce();

      List<ServeEvent> attempts = smsAttempts(notice.key());
      assertThat(attempts).hasSize(6);
      assertThat(attempts).filteredOn(e -> e.getResponse().getStatus() == 200).hasSize(1);
      assertThat(mail.getReceivedMessagesForDomain(customer.email())).as("never the e-mail again").hasSize(1);
      assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");
      assertThat(JSON.readTree(http.get("/api/notice-deliveries/failed", "cslead").body()).findValuesAsText(
          "noticeKey")).doesNotContain(notice.key());
      HttpResponse<String> again = http.post(retry, "cslead", "");
      assertThat(again.statusCode()).as("nothing failed any more").isEqualTo(409);
      assertThat(http.post("/api/notice-deliveries/R-NO-SUCH:SURVEY:1/retry", "cslead", "").statusCode())
          .isEqualTo(404);
    } finally {
      sms.removeStub(outage);
    }
  }

  @Test
  void anSmsAcceptedButNotRecordedIsSentAgainWithTheSameIdempotencyKey() {
    // the gateway takes the SMS but answers after the read timeout (2 s in tests): sent, but not recorded as sent
    String caseRef = aCaseRef();
    NoticeCustomer customer = new NoticeCustomer("赵敏", NoticeTestData.aPhone(), null, "zh-CN", "浙江省");
    StubMapping slow = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(customer.phone())))
        .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    Notice notice = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
        Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66001"));

    poller.runOnce();
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("PENDING");
    sms.removeStub(slow);
    poller.runOnce(Instant.now().plusSeconds(61));

    List<ServeEvent> attempts = smsAttempts(notice.key());
    assertThat(attempts).as("the same SMS twice: the gateway drops the second by its Idempotency-Key").hasSize(2);
    assertThat(attempts).extracting(e -> e.getRequest().getBodyAsString()).containsOnly(
        attempts.get(0).getRequest().getBodyAsString());
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");
  }

  @Test
  void twoPollersAtOnceSendEachChannelOnce() throws Exception {
    // two nodes' pollers at the same moment (H2 here: a conditional update per row; PostgreSQL: NoticeOutboxPostgresTest)
    List<Notice> sent = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String caseRef = aCaseRef();
      NoticeCustomer customer = new NoticeCustomer("钱多多", NoticeTestData.aPhone(), null, "zh-CN", "江苏省");
      phones.add(customer.phone());
      sent.add(notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
          Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66002")));
    }
    StubMapping slow = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.text", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "O-66002")))
        .willReturn(aResponse().withStatus(200).withFixedDelay(50)));
    NoticeOutboxPoller other = new NoticeOutboxPoller(outbox, dispatcher, properties);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService two = Executors.newFixedThreadPool(2);
      List<Future<Map<NoticeDispatcher.Outcome, Integer>>> runs = new ArrayList<>();
      for (NoticeOutboxPoller p : List.of(poller, other)) {
        runs.add(two.submit(() -> {
          together.await();
          return p.runOnce();
        }));
      }
      for (Future<Map<NoticeDispatcher.Outcome, Integer>> run : runs) {
        run.get(60, TimeUnit.SECONDS);
      }
      two.shutdown();
    } finally {
      sms.removeStub(slow);
      other.stop();
    }
    for (Notice n : sent) {
      assertThat(smsAttempts(n.key())).as("SMS requests of " + n.key()).hasSize(1);
      assertThat(statusOf(n.caseRef(), "SMS")).isEqualTo("SENT");
    }
  }

  @Test
  void aSendThatNeverFinishedIsTakenOverOnlyOnceItsClaimIsStale() {
    String caseRef = aCaseRef();
    NoticeCustomer customer = new NoticeCustomer("孙小美", NoticeTestData.aPhone(), null, "zh-CN", "广东省");
    Notice notice = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
        Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66003"));
    // a poller on another node claimed it 10 s ago and is still sending (or died a moment ago)
    claimedAgo(notice.key(), Duration.ofSeconds(10));

    poller.runOnce();
    assertThat(smsAttempts(notice.key())).as("nothing sent while the claim is fresh").isEmpty();
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENDING");

    claimedAgo(notice.key(), properties.getStaleClaim().plusSeconds(1));
    poller.runOnce();
    assertThat(smsAttempts(notice.key())).hasSize(1);
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");
    assertThat(row(notice.key(), "SMS").get("ATTEMPTS_LEFT")).as("a dead sender's attempt is not counted")
        .isEqualTo(5);
  }

  @Test
  void aChannelThatWentOutIsNeverClaimedAgain() {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();
    Notice notice = notices.send(caseRef, NoticeType.SURVEY, customer, Map.of(NoticeVariables.RETURN_NO, caseRef));
    poller.runOnce();
    assertThat(mail.getReceivedMessagesForDomain(customer.email())).hasSize(1);
    // even a row made due again by mistake, or an operator's retry, finds nothing to send
    jdbc.update("update PC_NOTICE_DELIVERY set NEXT_ATTEMPT_AT = ? where NOTICE_KEY = ?",
        Timestamp.from(Instant.now().minusSeconds(5)), notice.key());
    poller.runOnce();
    assertThat(new Http(port).post("/api/notice-deliveries/" + notice.key() + "/retry", "cslead", "").statusCode())
        .isEqualTo(409);
    poller.runOnce();
    assertThat(mail.getReceivedMessagesForDomain(customer.email())).hasSize(1);
  }

  @Test
  void theRetryCycleIsReadAsCamundaReadsIt() {
    assertThat(RetryCycle.parse("R5/PT1M")).isEqualTo(new RetryCycle(5, List.of(Duration.ofMinutes(1))));
    RetryCycle list = RetryCycle.parse("PT1M,PT5M,PT30M");
    assertThat(list.attempts()).isEqualTo(4);
    assertThat(list.pauseBefore(3)).isEqualTo(Duration.ofMinutes(1));
    assertThat(list.pauseBefore(1)).isEqualTo(Duration.ofMinutes(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RetryCycle.parse("five times"))
        .hasMessageContaining("peakcare.notice.retry-cycle");
  }

  private void claimedAgo(String noticeKey, Duration ago) {
    Instant at = Instant.now().minus(ago);
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = 'SENDING', UPDATED_AT = ?, NEXT_ATTEMPT_AT = ?"
        + " where NOTICE_KEY = ? and CHANNEL = 'SMS'", Timestamp.from(at), Timestamp.from(at.plus(
            properties.getStaleClaim())), noticeKey);
  }

  private Map<String, Object> row(String noticeKey, String channel) {
    return jdbc.queryForMap("select STATUS, ATTEMPTS_LEFT, LAST_ERROR from PC_NOTICE_DELIVERY"
        + " where NOTICE_KEY = ? and CHANNEL = ?", noticeKey, channel);
  }

  private static JsonNode find(JsonNode list, String noticeKey) {
    for (JsonNode n : list) {
      if (noticeKey.equals(n.path("noticeKey").asText())) {
        return n;
      }
    }
    throw new AssertionError(noticeKey + " not in " + list);
  }

  private String statusOf(String caseRef, String channel) {
    return notices.noticesOf(caseRef).get(0).delivery(channel).orElseThrow().status();
  }
}
