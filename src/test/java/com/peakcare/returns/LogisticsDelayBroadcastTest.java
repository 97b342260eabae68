package com.peakcare.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.peakcare.PeakCareTest;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeOutboxPoller;
import com.peakcare.notice.NoticePeers;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.returns.LogisticsDelayBroadcastProcess.Elements;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13: a logistics-delay broadcast is a job. Over real HTTP as cslead (since issue 20 the least-privileged staff
 * sender: an after-sales supervisor; agents no longer broadcast) and shop1 (its own cases), the batches driven one job
 * at a time (job executor off; batch size 5 in application-test.yaml).
 */
@PeakCareTest
class LogisticsDelayBroadcastTest {

  static final ObjectMapper JSON = RequestFingerprint.JSON;
  static final String PATH = "/api/notices/logistics-delay";

  @LocalServerPort int port;
  @Autowired NoticeOutboxPoller noticePoller;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired NoticeService notices;
  @Autowired ReturnCaseRepository caseRepository;
  @Autowired LogisticsDelaySettings settings;
  @Autowired JdbcTemplate jdbc;
  @Autowired ShopOrders shop;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    init(engine);
    assertThat(settings.getBatchSize()).as("batch size of the tests").isEqualTo(5);
  }

  @Test
  void aBroadcastOverThreeBatchesTellsEachHitCustomerOnceAndNobodyElse() throws Exception {
    String courier = aCourier();
    List<ReturnRequest> hit = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      hit.add(shipped(inProvince(ReturnRequests.anExchange(), i % 3 == 0 ? "上海" : "浙江"), courier));
    }
    ReturnRequest elsewhere = shipped(inProvince(ReturnRequests.anExchange(), "江苏"), courier);
    ReturnRequest otherCourier = shipped(inProvince(ReturnRequests.anExchange(), "浙江"), "SF");
    Instant before = Instant.now();

    HttpResponse<String> res = http.post(PATH, "cslead", delay(courier, 3));

    assertThat(res.statusCode()).isEqualTo(202);
    JsonNode started = JSON.readTree(res.body());
    String id = started.path("id").asText();
    assertThat(res.headers().firstValue("Location")).hasValue(PATH + "/" + id);
    assertThat(started.path("status").asText()).isEqualTo("RUNNING");
    assertThat(started.path("matched").asInt()).isEqualTo(12);
    assertThat(started.path("startedBy").asText()).isEqualTo("cslead");
    assertThat(Instant.parse(started.path("startedAt").asText())).isBetween(before, Instant.now());
    assertThat(started.has("repeatOf")).isFalse();
    assertThat(hit).allSatisfy(r -> assertThat(delayNotices(r)).isEmpty());

    // a case that starts travelling after the broadcast started is not part of it
    ReturnRequest late = shipped(inProvince(ReturnRequests.anExchange(), "浙江"), courier);

    ProcessInstance pi = broadcastProcess(started);
    assertThat(pi).isWaitingAt(Elements.TASK_SEND_NEXT_BATCH);
    execute(job(Elements.TASK_SEND_NEXT_BATCH, pi));
    assertProgress(id, "RUNNING", 5, 0, 7);
    execute(job(Elements.TASK_SEND_NEXT_BATCH, pi));
    assertProgress(id, "RUNNING", 10, 0, 2);
    execute(job(Elements.TASK_SEND_NEXT_BATCH, pi));
    JsonNode done = assertProgress(id, "DONE", 12, 0, 0);
    assertThat(pi).hasPassed(Elements.END).isEnded();
    assertThat(Instant.parse(done.path("finishedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(done.path("startedAt").asText()));

    for (ReturnRequest r : hit) {
      assertThat(delayNotices(r)).singleElement().satisfies(n -> assertThat(n.text())
          .contains("张伟").contains(courier).contains("WB-" + r.returnNo()).contains("约 3 天").contains("快递爆仓"));
      assertThat(timelineEvents(r)).containsOnlyOnce(LogisticsDelayBroadcasts.EVENT);
    }
    for (ReturnRequest untouched : List.of(elsewhere, otherCourier, late)) {
      assertThat(delayNotices(untouched)).as(untouched.returnNo()).isEmpty();
    }

    // delivery: in-app at once, SMS when the outbox poller ran; one customer's gateway is down
    assertThat(done.path("sent").asInt()).isZero();
    WireMockServer sms = NoticePeers.sms();
    StubMapping outage = sms.stubFor(post(urlPathEqualTo(NoticePeers.SMS_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.to", equalTo(ReturnRequests.orderOf(hit.get(0)).contact().phone())))
        .willReturn(aResponse().withStatus(503).withBody("gateway down")));
    try {
      noticePoller.runOnce();
      assertThat(delayNotices(hit.get(0)).get(0).delivery("SMS")).hasValueSatisfying(d -> assertThat(d.status())
          .as("retried later").isEqualTo("PENDING"));
    } finally {
      sms.removeStub(outage);
    }
    JsonNode delivered = progress(id, "cslead");
    assertThat(delivered.path("sent").asInt()).isEqualTo(11);
    assertThat(delivered.path("failed").asInt()).isEqualTo(1);
  }

  @Test
  void aBatchThatFailsHalfWayLeavesNoTraceAndItsRerunTellsEachCustomerOnce() throws Exception {
    String courier = aCourier();
    List<ReturnRequest> hit = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      hit.add(shipped(inProvince(ReturnRequests.anExchange(), "浙江"), courier));
    }
    hit.sort(Comparator.comparing(ReturnRequest::returnNo)); // the batches' order
    ReturnRequest third = hit.get(2);
    JsonNode started = JSON.readTree(http.post(PATH, "cslead", delay(courier, 2)).body());
    String id = started.path("id").asText();
    ProcessInstance pi = broadcastProcess(started);

    // the database refuses to mark the third case of the first batch (what a broken constraint or a full disk does):
    // the batch's transaction rolls back after two notices
    jdbc.execute("alter table PC_LOGISTICS_DELAY_CASE add constraint PC_CK_TEST_BROKEN check (RETURN_NO <> '"
        + third.returnNo() + "' or OUTCOME is null)");
    Job batch = job(Elements.TASK_SEND_NEXT_BATCH, pi);
    try {
      assertThatThrownBy(() -> managementService.executeJob(batch.getId()))
          .hasMessageContaining("return " + third.returnNo() + " cannot be told");

    assertThat(hit.subList(0, 2)).allSatisfy(r -> assertThat(delayNotices(r)).as("rolled back").isEmpty());
    assertProgress(id, "RUNNING", 0, 0, 7);
    Job failed = managementService.createJobQuery().jobId(batch.getId()).singleResult();
    assertThat(failed.getRetries()).as("R5/PT1M: retries left").isEqualTo(4);
    assertThat(failed.getDuedate().toInstant()).isAfter(Instant.now().plusSeconds(50));

    // the retries run out: an incident that names the case for the operators, and the broadcast says FAILED in a
    // sentence to whoever started it: no SQL, no exception (issue 20)
    for (int attempt = 2; attempt <= 5; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(batch.getId())).isInstanceOf(RuntimeException.class);
    }
    JsonNode stopped = assertProgress(id, "FAILED", 0, 0, 7);
    assertThat(stopped.path("incident").asText()).isEqualTo(LogisticsDelayBroadcasts.STOPPED)
        .doesNotContainIgnoringCase("update").doesNotContain("PC_").doesNotContainIgnoringCase("constraint")
        .doesNotContain("Exception").startsWith("发送中断");
    assertThat(http.get(PATH + "/" + id, "shop1").statusCode()).as("not shop1's broadcast").isEqualTo(404);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult().getIncidentMessage())
        .as("Cockpit's incident names the case").contains(third.returnNo());
    } finally {
      // the cause is fixed
      jdbc.execute("alter table PC_LOGISTICS_DELAY_CASE drop constraint if exists PC_CK_TEST_BROKEN");
    }

    // an operator retries the incident (Cockpit's Retry): the batch runs again, then the next
    managementService.setJobRetries(batch.getId(), 1);
    managementService.executeJob(batch.getId());
    assertProgress(id, "RUNNING", 5, 0, 2);
    execute(job(Elements.TASK_SEND_NEXT_BATCH, pi));
    assertProgress(id, "DONE", 7, 0, 0);
    assertThat(pi).isEnded();
    for (ReturnRequest r : hit) {
      assertThat(delayNotices(r)).as(r.returnNo()).hasSize(1);
      assertThat(timelineEvents(r)).containsOnlyOnce(LogisticsDelayBroadcasts.EVENT);
    }
  }

  @Test
  void theSameBroadcastAgainTellsNobodyTwiceAndSaysWhichItRepeats() throws Exception {
    String courier = aCourier();
    List<ReturnRequest> hit = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hit.add(shipped(inProvince(ReturnRequests.anExchange(), "浙江"), courier));
    }
    JsonNode first = JSON.readTree(http.post(PATH, "cslead", delay(courier, 3)).body());
    runAll(broadcastProcess(first));

    // the integrator posts the same broadcast again: done at once, nobody told twice
    HttpResponse<String> again = http.post(PATH, "shop1", delay(courier, 3));
    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode repeat = JSON.readTree(again.body());
    assertThat(repeat.path("repeatOf").asText()).isEqualTo(first.path("id").asText());
    assertThat(repeat.path("status").asText()).isEqualTo("DONE");
    assertThat(repeat.path("matched").asInt()).isEqualTo(4);
    assertThat(repeat.path("alreadyNotified").asInt()).isEqualTo(4);
    assertThat(repeat.path("queued").asInt()).isZero();
    assertThat(repeat.has("processInstanceId")).as("nothing left to send, no process").isFalse();
    assertThat(hit).allSatisfy(r -> assertThat(delayNotices(r)).hasSize(1));

    // a case that started travelling since is told by the next repeat; the others are not told again
    ReturnRequest since = shipped(inProvince(ReturnRequests.anExchange(), "浙江"), courier);
    JsonNode third = JSON.readTree(http.post(PATH, "cslead", delay(courier, 3)).body());
    assertThat(third.path("repeatOf").asText()).isEqualTo(first.path("id").asText());
    assertThat(third.path("matched").asInt()).isEqualTo(5);
    assertThat(third.path("alreadyNotified").asInt()).isEqualTo(4);
    assertThat(third.path("remaining").asInt()).isEqualTo(1);
    runAll(broadcastProcess(third));
    assertProgress(third.path("id").asText(), "DONE", 1, 4, 0);
    assertThat(delayNotices(since)).hasSize(1);
    assertThat(hit).allSatisfy(r -> assertThat(delayNotices(r)).hasSize(1));

    // another delay (more days) is another broadcast: it tells everyone again, once
    JsonNode longer = JSON.readTree(http.post(PATH, "cslead", delay(courier, 5)).body());
    assertThat(longer.has("repeatOf")).isFalse();
    runAll(broadcastProcess(longer));
    assertProgress(longer.path("id").asText(), "DONE", 5, 0, 0);
    assertThat(delayNotices(since)).hasSize(2);
  }

  @Test
  void aRepeatPostedWhileTheFirstStillRunsTellsEachCustomerOnce() throws Exception {
    String courier = aCourier();
    List<ReturnRequest> hit = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      hit.add(shipped(inProvince(ReturnRequests.anExchange(), "上海"), courier));
    }
    JsonNode first = JSON.readTree(http.post(PATH, "cslead", delay(courier, 1)).body());
    JsonNode repeat = JSON.readTree(http.post(PATH, "cslead", delay(courier, 1)).body());
    assertThat(repeat.path("repeatOf").asText()).isEqualTo(first.path("id").asText());
    assertThat(repeat.path("remaining").asInt()).as("nobody told yet").isEqualTo(3);

    runAll(broadcastProcess(repeat));
    runAll(broadcastProcess(first));

    assertProgress(repeat.path("id").asText(), "DONE", 3, 0, 0);
    assertProgress(first.path("id").asText(), "DONE", 0, 3, 0);
    assertThat(hit).allSatisfy(r -> assertThat(delayNotices(r)).hasSize(1));
  }

  @Test
  void aBroadcastWhoseProcessWasCancelledSaysFailed() throws Exception {
    String courier = aCourier();
    ReturnRequest hit = shipped(inProvince(ReturnRequests.anExchange(), "浙江"), courier);
    JsonNode started = JSON.readTree(http.post(PATH, "cslead", delay(courier, 4)).body());

    runtimeService.deleteProcessInstance(started.path("processInstanceId").asText(), "cancelled in Cockpit");

    JsonNode p = assertProgress(started.path("id").asText(), "FAILED", 0, 0, 1);
    assertThat(p.path("incident").asText()).contains("cancelled");
    assertThat(delayNotices(hit)).isEmpty();
  }

  @Test
  void badInputIsA400NamingTheFieldAndStartsNothing() throws Exception {
    Integer before = jdbc.queryForObject("select count(*) from PC_LOGISTICS_DELAY", Integer.class);
    String[][] cases = {
        {"{\"courier\":\"\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":3,\"reason\":\"WEATHER\"}", "courier"},
        {"{\"courier\":\"YTO\",\"provinces\":[],\"expectedDelayDays\":3,\"reason\":\"WEATHER\"}", "provinces"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\",\" \"],\"expectedDelayDays\":3,\"reason\":\"WEATHER\"}",
            "provinces[1]"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江,上海\"],\"expectedDelayDays\":3,\"reason\":\"WEATHER\"}",
            "provinces[0]"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":0,\"reason\":\"WEATHER\"}",
            "expectedDelayDays"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":\"three\",\"reason\":\"WEATHER\"}",
            "expectedDelayDays"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":3}", "reason"},
        // issue 20: the reason is a code of the shop's list; no text, no link reaches a customer
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":3,\"reason\":\"暴雪\"}", "reason"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":3,"
            + "\"reason\":\"退款请点 https://evil.example/refund\"}", "reason"},
        {"{\"courier\":\"YTO 详见 evil.example\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":3,"
            + "\"reason\":\"WEATHER\"}", "courier"},
        {"{\"courier\":\"YTO\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":3,\"reason\":\"WEATHER\","
            + "\"text\":\"点此领取补偿 https://evil.example\"}", "text"},
    };
    for (String[] c : cases) {
      HttpResponse<String> res = http.post(PATH, "cslead", c[0]);
      assertThat(res.statusCode()).as(c[0]).isEqualTo(400);
      assertProblem(res);
      assertThat(JSON.readTree(res.body()).path("errors").findValuesAsText("field")).as(c[0]).containsExactly(c[1]);
    }
    assertThat(jdbc.queryForObject("select count(*) from PC_LOGISTICS_DELAY", Integer.class)).isEqualTo(before);
  }

  @Test
  void afterSalesSupervisorsAndIntegratorsMayStartAndReadNobodyElse() throws Exception {
    String courier = aCourier();
    String body = delay(courier, 2);
    // issue 20: after-sales supervisors and the shop's systems; not agents, nor leads of other departments
    for (String refused : List.of("warehouse1", "auditor1", "agent1", "opslead", "uxlead")) {
      assertThat(http.post(PATH, refused, body).statusCode()).as(refused).isEqualTo(403);
    }
    assertThat(http.post(PATH, null, body).statusCode()).isEqualTo(401);

    HttpResponse<String> started = http.post(PATH, "shop1", body);
    assertThat(started.statusCode()).isEqualTo(202);
    String location = started.headers().firstValue("Location").orElseThrow();
    JsonNode nobody = JSON.readTree(started.body());
    assertThat(nobody.path("matched").asInt()).isZero();
    assertThat(nobody.path("status").asText()).as("nobody to tell: done at once").isEqualTo("DONE");

    for (String reader : List.of("cslead", "cslead2", "shop1")) {
      assertThat(http.get(location, reader).statusCode()).as(reader).isEqualTo(200);
    }
    assertThat(http.get(location, "warehouse1").statusCode()).isEqualTo(403);
    assertThat(http.get(location, "agent1").statusCode()).isEqualTo(403);
    assertThat(http.get(location, null).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = http.get(PATH + "/no-such-broadcast", "cslead");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertProblem(unknown);
  }

  // --- helpers ---

  static String aCourier() {
    return "YTO-" + System.nanoTime() % 1_000_000;
  }

  static String delay(String courier, int days) {
    return "{\"courier\":\"" + courier + "\",\"provinces\":[\"浙江\",\"上海\"],\"expectedDelayDays\":" + days
        + ",\"reason\":\"COURIER_BACKLOG\"}";
  }

  /** A case opened by the shop whose parcel is on its way with this courier (waybill WB-returnNo). */
  ReturnRequest shipped(ReturnRequest request, String courier) throws Exception {
    assertThat(http.post("/api/returns", "shop1", JSON.writeValueAsString(shop.registered(request))).statusCode())
        .isEqualTo(201);
    assertThat(http.post("/api/returns/" + request.returnNo() + "/parcel", "shop1",
        "{\"courier\":\"" + courier + "\",\"waybillNo\":\"WB-" + request.returnNo() + "\"}").statusCode())
        .isEqualTo(200);
    return request;
  }

  static ReturnRequest inProvince(ReturnRequest r, String province) {
    return ReturnRequests.inProvince(r, province);
  }

  ProcessInstance broadcastProcess(JsonNode broadcast) {
    ProcessInstance pi = runtimeService.createProcessInstanceQuery()
        .processInstanceId(broadcast.path("processInstanceId").asText()).singleResult();
    assertThat(pi).isNotNull();
    assertThat(pi.getBusinessKey()).isEqualTo(broadcast.path("id").asText());
    return pi;
  }

  /** Every batch, one job at a time, as the job executors of the cluster would. */
  void runAll(ProcessInstance pi) {
    for (int batch = 0; batch < 100 && runtimeService.createProcessInstanceQuery()
        .processInstanceId(pi.getId()).count() > 0; batch++) {
      execute(job(Elements.TASK_SEND_NEXT_BATCH, pi));
    }
    assertThat(pi).isEnded();
  }

  JsonNode progress(String id, String user) throws Exception {
    HttpResponse<String> res = http.get(PATH + "/" + id, user);
    assertThat(res.statusCode()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  JsonNode assertProgress(String id, String status, int queued, int alreadyNotified, int remaining) throws Exception {
    JsonNode p = progress(id, "cslead");
    assertThat(p.path("status").asText()).as("status").isEqualTo(status);
    assertThat(p.path("queued").asInt()).as("queued").isEqualTo(queued);
    assertThat(p.path("alreadyNotified").asInt()).as("alreadyNotified").isEqualTo(alreadyNotified);
    assertThat(p.path("remaining").asInt()).as("remaining").isEqualTo(remaining);
    return p;
  }

  static void assertProblem(HttpResponse<String> res) {
    assertThat(res.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
  }

  List<Notice> delayNotices(ReturnRequest r) {
    return notices.noticesOf(r.returnNo()).stream().filter(n -> n.type() == NoticeType.LOGISTICS_DELAY).toList();
  }

  List<String> timelineEvents(ReturnRequest r) {
    return caseRepository.events(r.returnNo()).stream().map(ReturnCaseRepository.EventRow::event).toList();
  }
}
