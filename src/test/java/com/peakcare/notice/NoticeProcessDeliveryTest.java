package com.peakcare.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.peakcare.notice.NoticeTestData.aCaseRef;
import static com.peakcare.notice.NoticeTestData.aChineseCustomer;
import static com.peakcare.notice.NoticeTestData.deliveryJobOf;
import static com.peakcare.notice.NoticeTestData.deliveryOf;
import static com.peakcare.notice.NoticePeers.onlyEmailTo;
import static com.peakcare.notice.NoticePeers.onlySmsTo;
import static com.peakcare.notice.NoticePeers.smsAttempts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.peakcare.PeakCareTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delivery by a notice-delivery process instance per notice ({@code peakcare.notice.delivery=process}, the design
 * before issue 23, kept for the comparison in docs/performance.md and for the instances still running): retries,
 * then an incident an operator retries in Cockpit; one claim per channel however often the job runs.
 */
@PeakCareTest
class NoticeProcessDeliveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @org.springframework.boot.test.web.server.LocalServerPort int port;
  @Autowired NoticeService notices;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired NoticeDispatcher dispatcher;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  @Autowired NoticeProperties properties;

  final GreenMail mail = NoticePeers.mail();
  final WireMockServer sms = NoticePeers.sms();

  private String deliveryBefore;

  /**
   * {@code peakcare.notice.delivery=process} for this class's tests, switched on the suite's one context rather than
   * by a property of its own: a second Spring context would start a second engine named "default", which the engine
   * REST API of every later test would then reach (its own database, none of the first context's users).
   */
  @org.junit.jupiter.api.BeforeEach
  void deliverByAProcessPerNotice() {
    deliveryBefore = properties.getDelivery();
    properties.setDelivery(NoticeProperties.PROCESS);
  }

  @org.junit.jupiter.api.AfterEach
  void deliverFromTheOutboxAgain() {
    properties.setDelivery(deliveryBefore);
  }

  @Test
  void aNoticeStartsItsOwnDeliveryProcessWhichEndsWhenItIsSent() throws Exception {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();
    Notice notice = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
        Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66000"));
    org.camunda.bpm.engine.runtime.ProcessInstance pi = deliveryOf(runtimeService, notice.key());
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi)
        .isWaitingAt(NoticeDeliveryProcess.Elements.TASK_DELIVER);
    assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE_DELIVERY where NOTICE_KEY = ? and"
        + " NEXT_ATTEMPT_AT is not null", Integer.class, notice.key())).as("not the outbox poller's").isZero();

    deliver(notice.key());

    assertThat(onlySmsTo(customer.phone(), notice.key()).path("text").asText()).contains("O-66000");
    // notice-delivery keeps no activity history (peakcare.history.without-activities): ended is what it tells
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat(pi).isEnded();
  }

  @Test
  void anOutageBecomesRetriesThenAnIncidentAndTheRetriedIncidentDeliversExactlyOnce() throws Exception {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();
    StubMapping outage = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(customer.phone())))
        .willReturn(aResponse().withStatus(503).withBody("gateway down")));

    Notice notice = notices.send(caseRef, NoticeType.REJECTED, customer, Map.of(NoticeVariables.RETURN_NO, caseRef,
        NoticeVariables.ORDER_NO, "O-77001", NoticeVariables.REJECTION_REASON, "商品已拆封使用，影响二次销售"));
    Job job = deliveryJobOf(runtimeService, managementService, notice.key());
    for (int attempt = 1; attempt <= 5; attempt++) {
      Instant before = Instant.now();
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("503");
      Job failed = managementService.createJobQuery().jobId(job.getId()).singleResult();
      // R5/PT1M: five attempts in all, a minute apart
      assertThat(failed.getRetries()).as("retries left after attempt " + attempt).isEqualTo(5 - attempt);
      if (attempt < 5) {
        assertThat(failed.getDuedate().toInstant()).isAfter(before.plusSeconds(50));
        assertThat(runtimeService.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
      }
    }

    Incident incident = runtimeService.createIncidentQuery().configuration(job.getId())
        .processInstanceId(job.getProcessInstanceId()).singleResult();
    assertThat(incident.getIncidentMessage()).contains(notice.key()).contains("SMS");
    assertThat(smsAttempts(notice.key())).hasSize(5);
    assertThat(mail.getReceivedMessagesForDomain(customer.email())).as("e-mail went out on the first attempt, once")
        .hasSize(1);
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("FAILED");

    sms.removeStub(outage);
    managementService.setJobRetries(job.getId(), 1); // what Cockpit's "retry" does
    managementService.executeJob(job.getId());

    assertThat(runtimeService.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
    List<ServeEvent> attempts = smsAttempts(notice.key());
    assertThat(attempts).hasSize(6);
    assertThat(attempts).filteredOn(e -> e.getResponse().getStatus() == 200).hasSize(1);
    assertThat(mail.getReceivedMessagesForDomain(customer.email())).hasSize(1);
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");
    assertThat(deliveryOf(runtimeService, notice.key())).isNull();
  }

  @Test
  void anSmsAcceptedButNotRecordedIsSentAgainWithTheSameIdempotencyKey() {
    // the gateway takes the SMS but answers too late (read timeout): sent, but not recorded as sent
    String caseRef = aCaseRef();
    NoticeCustomer customer = new NoticeCustomer("赵敏", NoticeTestData.aPhone(), null, "zh-CN", "浙江省");
    StubMapping slow = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(customer.phone())))
        .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    Notice notice = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
        Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66001"));
    Job job = deliveryJobOf(runtimeService, managementService, notice.key());

    assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("SMS");
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("FAILED");
    sms.removeStub(slow);
    managementService.executeJob(job.getId());

    List<ServeEvent> attempts = smsAttempts(notice.key());
    assertThat(attempts).as("the same SMS twice: the gateway drops the second by its Idempotency-Key").hasSize(2);
    assertThat(attempts).extracting(e -> e.getRequest().getBodyAsString()).containsOnly(
        attempts.get(0).getRequest().getBodyAsString());
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");
  }

  @Test
  void twoExecutionsOfTheSameDeliveryAtOnceSendTheSmsOnce() throws Exception {
    // the job executor can run one delivery job twice at once: its lock expired while it waited in a busy node
    String caseRef = aCaseRef();
    NoticeCustomer customer = new NoticeCustomer("钱多多", NoticeTestData.aPhone(), null, "zh-CN", "江苏省");
    StubMapping slow = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(customer.phone())))
        .willReturn(aResponse().withStatus(200).withFixedDelay(800)));
    try {
      Notice notice = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
          Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66002"));
      java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
      java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
      List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(two.submit(() -> {
          together.await();
          try {
            dispatcher.deliver(notice.key());
          } catch (NoticeDispatcher.NoticeNotDeliveredException claimed) {
            // the execution that found the other's claim fails, so that its job is retried, and sends nothing
            assertThat(claimed).hasMessageContaining("claimed by another execution");
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> run : runs) {
        run.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
      two.shutdown();
      assertThat(smsAttempts(notice.key())).as("SMS requests").hasSize(1);
      assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");

      deliver(notice.key()); // the delivery job itself, later: nothing left to send
      assertThat(smsAttempts(notice.key())).hasSize(1);
      assertThat(deliveryOf(runtimeService, notice.key())).as("delivery process ended").isNull();
    } finally {
      sms.removeStub(slow);
    }
  }

  @Test
  void aSendThatNeverFinishedIsTakenOverOnlyOnceItsClaimIsStale() {
    String caseRef = aCaseRef();
    NoticeCustomer customer = new NoticeCustomer("孙小美", NoticeTestData.aPhone(), null, "zh-CN", "广东省");
    Notice notice = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer,
        Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-66003"));
    // an attempt started 10 s ago on a node that is still sending (or died a moment ago)
    claimedAgo(notice.key(), java.time.Duration.ofSeconds(10));
    // the attempt fails (its job is retried) rather than ending the delivery of an SMS that may never have gone out
    assertThatThrownBy(() -> dispatcher.deliver(notice.key()))
        .isInstanceOf(NoticeDispatcher.NoticeNotDeliveredException.class)
        .hasMessageContaining("claimed by another execution");
    assertThat(smsAttempts(notice.key())).as("nothing sent while the claim is fresh").isEmpty();
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENDING");

    claimedAgo(notice.key(), NoticeDispatcher.STALE_CLAIM.plusSeconds(1));
    dispatcher.deliver(notice.key());
    assertThat(smsAttempts(notice.key())).hasSize(1);
    assertThat(statusOf(caseRef, "SMS")).isEqualTo("SENT");
  }

  private void claimedAgo(String noticeKey, java.time.Duration ago) {
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = 'SENDING', UPDATED_AT = ? where NOTICE_KEY = ? and CHANNEL = 'SMS'",
        java.sql.Timestamp.from(java.time.Instant.now().minus(ago)), noticeKey);
  }

  @Test
  void aSupervisorRetriesAFailedDeliveryAsCockpitDoesAndAnAgentMayNot() {
    String caseRef = aCaseRef();
    Notice notice = notices.send(caseRef, NoticeType.SURVEY, aChineseCustomer(),
        Map.of(NoticeVariables.RETURN_NO, caseRef));
    Job job = deliveryJobOf(runtimeService, managementService, notice.key());
    managementService.setJobRetries(job.getId(), 0); // as if the retries had run out: an incident
    com.peakcare.support.Http http = new com.peakcare.support.Http(port);
    String path = "/engine-rest/job/" + job.getId() + "/retries";

    assertThat(http.put(path, "agent1", "{\"retries\":1}").statusCode()).isIn(403, 404);
    assertThat(http.put(path, "cslead", "{\"retries\":1}").statusCode()).isEqualTo(204);
    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isEqualTo(1);
  }

  private void deliver(String noticeKey) {
    managementService.executeJob(deliveryJobOf(runtimeService, managementService, noticeKey).getId());
  }

  private String statusOf(String caseRef, String channel) {
    return notices.noticesOf(caseRef).get(0).delivery(channel).orElseThrow().status();
  }
}
