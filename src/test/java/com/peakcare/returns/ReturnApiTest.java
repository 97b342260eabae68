package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The integrators' API over real HTTP: opening, idempotency, conflicts, bad input, progress. */
@PeakCareTest
class ReturnApiTest {

  static final ObjectMapper JSON = RequestFingerprint.JSON;

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ShopOrders shop;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void anIntegratorOpensACaseAndAnIdenticalRetryGetsTheSameCase() throws Exception {
    ReturnRequest request = shop.registered(aReturnForReview());
    String body = JSON.writeValueAsString(request);

    HttpResponse<String> first = http.post("/api/returns", "shop1", body);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("Location")).hasValue("/api/returns/" + request.returnNo());
    JsonNode created = JSON.readTree(first.body());
    assertThat(created.path("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(created.path("policyOutcome").asText()).isEqualTo("MANUAL_REVIEW");
    assertThat(created.path("assignee").asText()).isIn("agent1", "agent2");
    assertThat(created.path("openTasks").get(0).path("assignee").asText()).isEqualTo(created.path("assignee").asText());
    assertThat(created.path("openTasks").get(0).path("due").asText()).isNotBlank();

    // the same request again, its fields in another order
    ObjectNode sent = (ObjectNode) JSON.readTree(body);
    ObjectNode reordered = JSON.createObjectNode();
    java.util.List<String> names = new java.util.ArrayList<>();
    sent.fieldNames().forEachRemaining(names::add);
    java.util.Collections.reverse(names);
    names.forEach(n -> reordered.set(n, sent.get(n)));
    HttpResponse<String> retry = http.post("/api/returns", "shop1", reordered.toString());
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retry.body()).path("returnNo").asText()).isEqualTo(request.returnNo());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ReturnCaseProcess.KEY)
        .processInstanceBusinessKey(request.returnNo()).count()).isEqualTo(1);
  }

  @Test
  void theSameReturnNumberWithOtherContentIs409() throws Exception {
    ReturnRequest request = shop.registered(aSmallRefund());
    assertThat(http.post("/api/returns", "shop1", JSON.writeValueAsString(request)).statusCode()).isEqualTo(201);
    ObjectNode changed = (ObjectNode) JSON.readTree(JSON.writeValueAsString(request));
    changed.put("reason", "NOT_AS_DESCRIBED");
    HttpResponse<String> conflict = http.post("/api/returns", "shop1", changed.toString());
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.contains("problem+json"));
  }

  @Test
  void anotherAccountRetryingTheSameRequestLearnsNothingOfTheCase() throws Exception {
    ReturnRequest request = shop.registered(aSmallRefund());
    String body = JSON.writeValueAsString(request);
    assertThat(http.post("/api/returns", "shop1", body).statusCode()).isEqualTo(201);
    // the identical request from another account that may open cases: no "retry", no case in the answer
    HttpResponse<String> other = http.post("/api/returns", "agent1", body);
    assertThat(other.statusCode()).isEqualTo(409);
    var contact = ReturnRequests.orderOf(request).contact();
    assertThat(other.body()).contains("exists already").doesNotContain(contact.phone())
        .doesNotContain(contact.name()).doesNotContain("timeline");
  }

  @Test
  void pagingOutOfRangeIsA400NamingTheParameter() throws Exception {
    for (String query : java.util.List.of("size=0", "size=201", "page=-1")) {
      HttpResponse<String> res = http.get("/api/returns?" + query, "cslead");
      assertThat(res.statusCode()).as(query).isEqualTo(400);
      assertThat(JSON.readTree(res.body()).path("errors").get(0).path("field").asText()).as(query)
          .isEqualTo(query.substring(0, query.indexOf('=')));
    }
  }

  @Test
  void invalidInputNamesEveryBadFieldAndCreatesNothing() throws Exception {
    ObjectNode bad = (ObjectNode) JSON.readTree(JSON.writeValueAsString(shop.registered(aSmallRefund())));
    String returnNo = bad.path("returnNo").asText();
    bad.put("amount", -5);
    bad.putNull("orderNo");
    bad.put("returnNo", returnNo + " x");
    ((ObjectNode) bad.path("lines").get(0)).put("quantity", 0);

    HttpResponse<String> res = http.post("/api/returns", "shop1", bad.toString());

    assertThat(res.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(res.body());
    assertThat(problem.path("errors").findValuesAsText("field"))
        .contains("amount", "orderNo", "returnNo", "lines[0].quantity");
    assertThat(http.get("/api/returns/" + returnNo, "shop1").statusCode()).isEqualTo(404);
  }

  @Test
  void anUnknownTypeNamesTheField() throws Exception {
    ObjectNode bad = (ObjectNode) JSON.readTree(JSON.writeValueAsString(aSmallRefund()));
    bad.put("type", "GIVE_ME_MONEY");
    HttpResponse<String> res = http.post("/api/returns", "shop1", bad.toString());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(res.body()).path("errors").get(0).path("field").asText()).isEqualTo("type");
  }

  @Test
  void anAssigneeWhoIsNotAnAgentIsRefused() throws Exception {
    ReturnRequest request = shop.registered(ReturnRequests.withAssignee(aReturnForReview(), "warehouse1"));
    HttpResponse<String> res = http.post("/api/returns", "shop1", JSON.writeValueAsString(request));
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(res.body()).path("errors").get(0).path("field").asText()).isEqualTo("assignee");
    assertThat(JSON.readTree(res.body()).path("errors").get(0).path("message").asText())
        .isEqualTo(FourEyes.NOT_ELIGIBLE);
    assertThat(http.get("/api/returns/" + request.returnNo(), "shop1").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyOpenersMayOpenAndAnonymousMayNotRead() throws Exception {
    String body = JSON.writeValueAsString(shop.registered(aSmallRefund()));
    assertThat(http.post("/api/returns", "warehouse1", body).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/returns", "opslead", body).statusCode()).as("a lead of another department").isEqualTo(403);
    assertThat(http.post("/api/returns", "staff1", body).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/returns", null).statusCode()).isEqualTo(401);
  }

  @Test
  void progressShowsTimelineNoticesAndTheList() throws Exception {
    ReturnRequest request = shop.registered(aSmallRefund());
    http.post("/api/returns", "shop1", JSON.writeValueAsString(request));

    JsonNode view = JSON.readTree(http.get("/api/returns/" + request.returnNo(), "agent1").body());
    assertThat(view.path("timeline").findValuesAsText("event")).contains("OPENED", "POLICY_DECIDED", "ASSIGNED");
    assertThat(view.path("timeline").get(0).path("actor").asText()).isEqualTo("shop1");
    assertThat(view.path("notices").get(0).path("type").asText()).isEqualTo("REFUND_CARE");
    assertThat(view.path("notices").get(0).path("text").asText()).contains("张伟");
    assertThat(view.path("refund").path("promisedBy").asText()).isNotBlank();

    // a small refund the policy approves at once waits for its refund, which runs asynchronously
    JsonNode list = JSON.readTree(http.get("/api/returns?status=REFUNDING&size=200", "cslead").body());
    assertThat(list.findValuesAsText("returnNo")).contains(request.returnNo());
    HttpResponse<String> badStatus = http.get("/api/returns?status=LOST", "cslead");
    assertThat(badStatus.statusCode()).isEqualTo(400);
    assertThat(badStatus.body()).contains("status");
  }

  @Test
  void aLogisticsDelayReachesExactlyTheCustomersItHitsAndOnlyOnce() throws Exception {
    String courier = "YTO-" + System.nanoTime() % 100000;
    ReturnRequest hit = shipped(inProvince(ReturnRequests.anExchange(), "浙江"), courier);
    ReturnRequest elsewhere = shipped(inProvince(ReturnRequests.anExchange(), "江苏"), courier);
    ReturnRequest otherCourier = shipped(inProvince(ReturnRequests.anExchange(), "浙江"), "SF");
    String broadcast = "{\"courier\":\"" + courier + "\",\"provinces\":[\"浙江\",\"上海\"],"
        + "\"expectedDelayDays\":3,\"reason\":\"COURIER_BACKLOG\"}";

    HttpResponse<String> first = http.post("/api/notices/logistics-delay", "cslead", broadcast);
    assertThat(first.statusCode()).isEqualTo(202);
    JsonNode started = JSON.readTree(first.body());
    assertThat(started.path("matched").asInt()).isEqualTo(1);
    String progress = first.headers().firstValue("Location").orElseThrow();
    runBroadcast(started.path("processInstanceId").asText());
    JsonNode result = JSON.readTree(http.get(progress, "cslead").body());
    assertThat(result.path("status").asText()).isEqualTo("DONE");
    assertThat(result.path("queued").asInt()).isEqualTo(1);
    JsonNode view = JSON.readTree(http.get("/api/returns/" + hit.returnNo(), "agent1").body());
    JsonNode delay = null;
    for (JsonNode n : view.path("notices")) {
      if ("LOGISTICS_DELAY".equals(n.path("type").asText())) {
        delay = n;
      }
    }
    assertThat(delay).isNotNull();
    assertThat(delay.path("text").asText()).contains("张伟").contains(courier).contains("WB-" + hit.returnNo())
        .contains("快递爆仓");

    HttpResponse<String> again = http.post("/api/notices/logistics-delay", "cslead", broadcast);
    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode repeat = JSON.readTree(again.body());
    assertThat(repeat.path("repeatOf").asText()).isEqualTo(started.path("id").asText());
    assertThat(repeat.path("queued").asInt()).isZero();
    assertThat(repeat.path("alreadyNotified").asInt()).isEqualTo(1);
    for (ReturnRequest untouched : new ReturnRequest[] {elsewhere, otherCourier}) {
      assertThat(http.get("/api/returns/" + untouched.returnNo(), "agent1").body()).doesNotContain("LOGISTICS_DELAY");
    }
    assertThat(http.post("/api/notices/logistics-delay", "warehouse1", broadcast).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/notices/logistics-delay", "agent1", broadcast).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/notices/logistics-delay", "cslead", "{\"courier\":\"SF\",\"provinces\":[]}")
        .statusCode()).isEqualTo(400);
  }

  /** The broadcast's batches, one job after another (job executor off). */
  private void runBroadcast(String processInstanceId) {
    for (Job job = batchJob(processInstanceId); job != null; job = batchJob(processInstanceId)) {
      managementService.executeJob(job.getId());
    }
  }

  private Job batchJob(String processInstanceId) {
    return managementService.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  private ReturnRequest shipped(ReturnRequest request, String courier) throws Exception {
    assertThat(http.post("/api/returns", "shop1", JSON.writeValueAsString(shop.registered(request))).statusCode())
        .isEqualTo(201);
    assertThat(http.post("/api/returns/" + request.returnNo() + "/parcel", "shop1",
        "{\"courier\":\"" + courier + "\",\"waybillNo\":\"WB-" + request.returnNo() + "\"}").statusCode()).isEqualTo(200);
    return request;
  }

  private static ReturnRequest inProvince(ReturnRequest r, String province) {
    return ReturnRequests.inProvince(r, province);
  }

  @Test
  void aParcelForACaseThatIsNotWaitingIs409() throws Exception {
    ReturnRequest request = shop.registered(aSmallRefund());
    http.post("/api/returns", "shop1", JSON.writeValueAsString(request));
    HttpResponse<String> res = http.post("/api/returns/" + request.returnNo() + "/parcel", "shop1",
        "{\"courier\":\"SF\",\"waybillNo\":\"SF1\"}");
    assertThat(res.statusCode()).isEqualTo(409);
    assertThat(http.post("/api/returns/NOPE-1/parcel", "shop1", "{\"courier\":\"SF\",\"waybillNo\":\"SF1\"}")
        .statusCode()).isEqualTo(404);
    assertThat(http.post("/api/returns/" + request.returnNo() + "/parcel", "shop1", "{\"courier\":\"\"}")
        .statusCode()).isEqualTo(400);
  }
}
