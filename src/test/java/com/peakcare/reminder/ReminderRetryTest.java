package com.peakcare.reminder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.peakcare.reminder.ReminderFixtures.daytime;
import static com.peakcare.reminder.ReminderFixtures.orderNo;
import static com.peakcare.reminder.ReminderFixtures.unpaid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.peakcare.PeakCareTest;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticePeers;
import com.peakcare.notice.NoticeService;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bounded retries (issue 22): a step whose sending fails is tried again after a doubling pause (1, 2, 4, 8 minutes)
 * and after the fifth failure ends FAILED with its error, which the report counts; it is never tried for ever, and
 * nothing is sent by a failed attempt. An SMS gateway that keeps failing is the notice path's: the step is sent once
 * (one notice), the outbox retries its delivery five times, then FAILED for an operator, and the poller never
 * records it again.
 */
@PeakCareTest
class ReminderRetryTest {

  @LocalServerPort int port;
  @Autowired com.peakcare.notice.NoticeOutboxPoller noticePoller;
  @Autowired com.peakcare.notice.NoticeDeliveries noticeDeliveries;
  @Autowired ReminderCampaigns campaigns;
  @Autowired ReminderPoller poller;
  @Autowired ReminderRepository repository;
  @Autowired ReminderReport report;
  @Autowired NoticeService notices;
  @Autowired RuntimeService runtime;
  @Autowired JdbcTemplate jdbc;
  final WireMockServer sms = NoticePeers.sms();
  ReminderFixtures fx;

  @BeforeEach
  void setUp() {
    fx = new ReminderFixtures(new Http(port), campaigns);
  }

  @Test
  void aStepThatKeepsFailingIsRetriedWithBackoffThenEndsFailedAndIsCounted() {
    Campaign c = fx.campaign("0");
    String no = orderNo();
    fx.register(no, unpaid(ReminderFixtures.buyerIn(c, Holdout.REMINDED), "REGULAR", "PROFIT", "HOME", "199.00",
        Instant.now()));
    // the shop's plan names a template PeakCare does not have (a typo in the DMN): every attempt fails
    jdbc.update("update PC_REMINDER_STEP set TEMPLATE = 'PAYMENT_REMINDR' where ORDER_NO = ? and STEP_NO = 1", no);

    Instant t = daytime(Duration.ofHours(1));
    long[] pauses = {1, 2, 4, 8};
    for (int attempt = 1; attempt <= 4; attempt++) {
      assertThat(poller.runOnce(t)).containsEntry(ReminderSender.Outcome.RETRY, 1);
      ReminderRepository.Step step = repository.step(no, 1).orElseThrow();
      assertThat(step.state()).as("attempt " + attempt).isEqualTo("PENDING");
      assertThat(step.dueAt()).isEqualTo(t.plus(Duration.ofMinutes(pauses[attempt - 1])));
      assertThat(repository.attempts(no, 1)[0]).isEqualTo(attempt);
      assertThat((String) repository.attempts(no, 1)[1]).contains("PAYMENT_REMINDR");
      assertThat(poller.runOnce(t.plusSeconds(30))).as("not before its pause").isEmpty();
      t = step.dueAt();
    }
    assertThat(poller.runOnce(t)).containsEntry(ReminderSender.Outcome.FAILED, 1);
    assertThat(repository.step(no, 1).orElseThrow().state()).isEqualTo("FAILED");
    assertThat(repository.attempts(no, 1)[0]).isEqualTo(5);
    assertThat(poller.runOnce(t.plus(Duration.ofHours(1)))).as("given up: never tried again")
        .doesNotContainKey(ReminderSender.Outcome.RETRY).doesNotContainKey(ReminderSender.Outcome.FAILED);
    assertThat(notices.noticesOf(no)).as("a failed attempt sends nothing").isEmpty();
    assertThat(report.of(c.id()).failedSteps()).isEqualTo(1);
  }

  @Test
  void aFailingSmsGatewayIsRetriedByTheNoticeOutboxUntilFailedAndTheReminderIsNeverRecordedTwice() {
    Campaign c = fx.campaign("0");
    String no = orderNo();
    String buyer = ReminderFixtures.buyerIn(c, Holdout.REMINDED);
    String phone = "139" + String.format("%08d", Math.abs(buyer.hashCode()) % 100_000_000);
    StubMapping outage = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(phone)))
        .willReturn(aResponse().withStatus(503).withBody("gateway down")));
    try {
      fx.register(no, unpaid(buyer, "REGULAR", "PROFIT", "HOME", "199.00", Instant.now()));
      Instant t = daytime(Duration.ofHours(1));
      assertThat(poller.runOnce(t)).containsEntry(ReminderSender.Outcome.SENT, 1);
      List<Notice> recorded = notices.noticesOf(no);
      assertThat(recorded).hasSize(1);
      String key = recorded.get(0).key();

      // R5/PT1M: five attempts a minute apart by the outbox poller, then FAILED for an operator; no process
      Instant clock = Instant.now();
      for (int attempt = 1; attempt <= 5; attempt++) {
        noticePoller.runOnce(clock);
        poller.runOnce(t.plus(Duration.ofMinutes(attempt))); // the reminder poller meanwhile: the step is done
        clock = clock.plus(Duration.ofSeconds(65)); // a minute after the failure, however long it took
      }
      assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
      List<ServeEvent> attempts = sms.getAllServeEvents().stream()
          .filter(e -> key.equals(e.getRequest().getHeader("Idempotency-Key"))).toList();
      assertThat(attempts).hasSize(5).allMatch(e -> e.getResponse().getStatus() == 503);
      assertThat(notices.noticesOf(no)).as("one notice, never a second").hasSize(1);
      assertThat(repository.step(no, 1).orElseThrow().state()).isEqualTo("SENT");
      assertThat(jdbc.queryForObject("select STATUS from PC_NOTICE_DELIVERY where NOTICE_KEY = ? and CHANNEL = 'SMS'",
          String.class, key)).isEqualTo("FAILED");
      assertThat(noticeDeliveries.failed()).extracting(com.peakcare.notice.NoticeDeliveries.FailedDelivery::noticeKey)
          .as("listed for the operators").contains(key);
    } finally {
      sms.removeStub(outage);
    }
  }
}
