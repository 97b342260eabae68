package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aRequest;
import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.withAssignee;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.PeakCareTest;
import com.peakcare.order.MemberTier;
import com.peakcare.order.Orders;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.support.Http;
import com.peakcare.support.Race;
import com.peakcare.support.WebappSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 20, "Money controls": each row of the issue's table, tried again as the colleague who did it on the day it was
 * filed, now refused; and each of "What must hold" as the attack that broke it. Over real HTTP, on every door that
 * matters (PeakCare's API, {@code /engine-rest}, the webapps' own API), as the least-privileged person who would try.
 * Two requests race where money is involved (threads released together by a latch); PostgreSQL:
 * {@link MoneyPostgresTest}.
 */
@PeakCareTest
class MoneyAttackTest {

  static final ObjectMapper JSON = RequestFingerprint.JSON;

  @LocalServerPort int port;
  @Autowired ShopOrders shop;
  @Autowired ReturnCases cases;
  @Autowired Orders orders;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired com.peakcare.identity.StaffDirectory staff;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  // ---- row 1: agent1 opens ¥9,999 "assignee":"agent1" and completes their own review -------------------------

  @Test
  void row1_anAgentNeitherNamesThemselvesNorWorksTheCaseTheyOpenedOnAnyDoor() throws Exception {
    ReturnRequest big = shop.registered(aRequest(CaseType.REFUND_ONLY, Reason.NOT_AS_DESCRIBED, "9999.00", 2,
        MemberTier.REGULAR, "ELECTRONICS"));

    // naming themselves: refused, in the same words as for a user who is no agent or does not exist
    HttpResponse<String> self = http.post("/api/returns", "agent1", json(withAssignee(big, "agent1")));
    assertThat(self.statusCode()).isEqualTo(400);
    assertThat(errors(self)).containsEntry("assignee", FourEyes.NOT_ELIGIBLE);
    assertThat(cases.find(big.returnNo())).as("nothing written").isEmpty();

    // opened without: a colleague gets it, the policy's answer notwithstanding
    HttpResponse<String> opened = http.post("/api/returns", "agent1", json(big));
    assertThat(opened.statusCode()).isEqualTo(201);
    JsonNode view = JSON.readTree(opened.body());
    assertThat(view.path("assignee").asText()).isEqualTo("agent2");
    String review = task(big, Elements.TASK_REVIEW);
    String approve = "{\"variables\":{\"approved\":{\"value\":true}}}";

    // every door refuses agent1 the review: claim, hand-over to themselves (also by a supervisor), completion
    assertThat(http.post("/engine-rest/task/" + review + "/claim", "agent1", "{\"userId\":\"agent1\"}").statusCode())
        .isIn(403, 404);
    HttpResponse<String> handedToOpener = http.post("/engine-rest/task/" + review + "/assignee", "cslead",
        "{\"userId\":\"agent1\"}");
    assertThat(handedToOpener.statusCode()).isEqualTo(403);
    assertThat(handedToOpener.body()).contains("四眼原则");
    assertThat(http.post("/engine-rest/task/" + review + "/assignee", "agent2", "{\"userId\":\"agent1\"}")
        .statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent1", approve).statusCode()).isIn(403, 404);
    WebappSession tasklist = WebappSession.login(port, "agent1");
    assertThat(tasklist.post("/camunda/api/engine/engine/default/task/" + review + "/complete", approve).statusCode())
        .isIn(403, 404);
    assertThat(tasklist.post("/camunda/api/engine/engine/default/task/" + review + "/submit-form", approve)
        .statusCode()).isIn(403, 404);
    // nor re-assigns the case to them, by the API or from an escalation
    HttpResponse<String> reassigned = http.post("/api/returns/" + big.returnNo() + "/assignee", "cslead",
        "{\"assignee\":\"agent1\"}");
    assertThat(reassigned.statusCode()).isEqualTo(400);
    assertThat(errors(reassigned)).containsEntry("assignee", FourEyes.NOT_ELIGIBLE);
    managementService.executeJob(job(big, Elements.TIMER_REVIEW_OVERDUE).getId());
    String escalation = task(big, Elements.TASK_HANDLE_OVERDUE_REVIEW);
    assertThat(http.post("/engine-rest/task/" + escalation + "/claim", "cslead", "{\"userId\":\"cslead\"}")
        .statusCode()).isEqualTo(204);
    HttpResponse<String> toOpener = http.post("/engine-rest/task/" + escalation + "/complete", "cslead",
        "{\"variables\":{\"escalationNote\":{\"value\":\"x\"},\"reassignTo\":{\"value\":\"agent1\"}}}");
    assertThat(toOpener.statusCode()).isEqualTo(400);
    assertThat(toOpener.body()).contains(FourEyes.NOT_ELIGIBLE);
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isEqualTo("agent2");

    // the honest path: agent2 approves, and ¥9,999 waits for a second after-sales supervisor: nothing paid
    assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent2", approve).statusCode()).isEqualTo(204);
    assertThat(cases.view(big.returnNo()).status()).isEqualTo(ReturnCaseProcess.Status.AWAITING_SECOND_APPROVAL);
    assertThat(jdbc.queryForObject("select count(*) from PC_REFUND where RETURN_NO = ?", Integer.class,
        big.returnNo())).isZero();
  }

  @Test
  void row1_aSupervisorWhoOpenedACaseCannotCompleteItsReviewOnBehalfOfTheAgent() throws Exception {
    ReturnRequest request = shop.registered(aReturnForReview());
    assertThat(http.post("/api/returns", "cslead", json(request)).statusCode()).isEqualTo(201);
    String review = task(request, Elements.TASK_REVIEW);
    HttpResponse<String> own = http.post("/engine-rest/task/" + review + "/complete", "cslead",
        "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(own.statusCode()).isEqualTo(403);
    assertThat(own.body()).contains("四眼原则").contains("Four-eyes");
    // the administrator who repairs processes is held to it too
    assertThat(http.post("/api/returns", "demo", json(shop.registered(aReturnForReview()))).statusCode())
        .as("the administrator is no after-sales opener").isEqualTo(403);
  }

  // ---- row 2: "memberTier":"SVIP" and ¥500, or any tier and ≤ ¥100: approved and paid with no review --------

  @Test
  void row2_theTierAndThePricesAreTheOrdersAndACaseStaffOpenedIsAlwaysReviewed() throws Exception {
    ReturnRequest small = shop.registered(aSmallRefund()); // ¥80 on a REGULAR buyer's order
    ObjectNode svip = (ObjectNode) JSON.readTree(json(small));
    svip.put("memberTier", "SVIP");
    HttpResponse<String> typed = http.post("/api/returns", "agent1", svip.toString());
    assertThat(typed.statusCode()).isEqualTo(400);
    assertThat(errors(typed)).containsKey("memberTier");
    ObjectNode items = (ObjectNode) JSON.readTree(json(small));
    items.putArray("items").addObject().put("sku", "X").put("unitPrice", 500);
    assertThat(errors(http.post("/api/returns", "agent1", items.toString()))).containsKey("items");
    ObjectNode customer = (ObjectNode) JSON.readTree(json(small));
    customer.putObject("customer").put("memberTier", "SVIP");
    assertThat(errors(http.post("/api/returns", "agent1", customer.toString()))).containsKey("customer");

    // ≤ ¥100, which the policy approves for the shop's system: opened by agent1, reviewed by a colleague instead
    HttpResponse<String> opened = http.post("/api/returns", "agent1", json(small));
    assertThat(opened.statusCode()).isEqualTo(201);
    JsonNode view = JSON.readTree(opened.body());
    assertThat(view.path("status").asText()).isEqualTo("UNDER_REVIEW");
    assertThat(view.path("policyOutcome").asText()).isEqualTo("MANUAL_REVIEW");
    assertThat(view.path("assignee").asText()).isEqualTo("agent2");
    assertThat(view.path("timeline").findValuesAsText("event")).contains("AUTO_APPROVAL_WITHHELD");
    assertThat(managementService.createJobQuery().processInstanceId(cases.find(small.returnNo()).orElseThrow()
        .processInstanceId()).activityId(Elements.TASK_ISSUE_REFUND).count()).as("no refund on its way").isZero();
    // the tier the case routes on is the CRM's, from the order
    assertThat(runtimeService.getVariable(cases.find(small.returnNo()).orElseThrow().processInstanceId(),
        ReturnCaseProcess.Vars.MEMBER_TIER)).isEqualTo("REGULAR");
  }

  // ---- row 3: three cases, new return numbers, the same ¥100 order: ¥300 paid back ----------------------------

  @Test
  void row3_anOrderNeverPaysBackMoreThanItTookWhoeverOpensTheCases() throws Exception {
    ReturnRequest first = shop.registered(aRequest(CaseType.REFUND_ONLY, Reason.DAMAGED, "100.00", 2,
        MemberTier.REGULAR, "APPAREL"));
    assertThat(http.post("/api/returns", "shop1", json(first)).statusCode()).isEqualTo(201);
    for (String opener : List.of("agent1", "shop1")) {
      HttpResponse<String> again = http.post("/api/returns", opener, json(renumbered(first)));
      assertThat(again.statusCode()).as(opener).isEqualTo(409);
      assertThat(JSON.readTree(again.body()).path("type").asText())
          .isEqualTo("https://peakcare.example/problems/refund-ceiling");
      assertThat(errors(again)).as(opener).containsKey("lines[0].quantity");
    }
    // through Tasklist's start form the same: a 400 naming the form's field
    HttpResponse<String> tasklist = http.post("/engine-rest/process-definition/key/return-case/submit-form", "agent1",
        "{\"variables\":{\"returnNo\":{\"value\":\"R-TL-" + n() + "\"},\"orderNo\":{\"value\":\"" + first.orderNo()
            + "\"},\"type\":{\"value\":\"REFUND_ONLY\"},\"reason\":{\"value\":\"DAMAGED\"},\"itemSku\":{\"value\":\""
            + first.lines().get(0).sku() + "\"},\"itemQuantity\":{\"value\":1}}}");
    assertThat(tasklist.statusCode()).as(tasklist.body()).isEqualTo(400);
    assertThat(tasklist.body()).contains("itemQuantity");
    assertThat(orders.find(first.orderNo()).orElseThrow().refundable()).isEqualByComparingTo("0.00");
    assertThat(jdbc.queryForObject("select count(*) from PC_ORDER_REFUSAL where ORDER_NO = ? and CODE = ?",
        Integer.class, first.orderNo(), "CEILING_REFUSED")).as("each refusal counted").isEqualTo(3);
  }

  @Test
  void row3_twoCasesRacingForTheLastUnitGetItOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      ReturnRequest request = shop.registered(aRequest(CaseType.REFUND_ONLY, Reason.DAMAGED, "100.00", 2,
          MemberTier.REGULAR, "APPAREL"));
      List<Integer> statuses = race(json(request), json(renumbered(request)));
      assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
      assertThat(orders.find(request.orderNo()).orElseThrow().reserved()).isEqualByComparingTo("100.00");
    }
  }

  @Test
  void row3_twoPriceDifferencesRacingForTheLastYuanGetItOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      ReturnRequest request = shop.registered(aRequest(CaseType.PRICE_DIFFERENCE, Reason.PRICE_DIFFERENCE, "100.00",
          2, MemberTier.REGULAR, "APPAREL"));
      ObjectNode sixty = (ObjectNode) JSON.readTree(json(request));
      sixty.put("amount", 60.00);
      ObjectNode other = sixty.deepCopy();
      other.put("returnNo", request.returnNo() + "-B");
      List<Integer> statuses = race(sixty.toString(), other.toString());
      assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(201, 409);
      assertThat(orders.find(request.orderNo()).orElseThrow().refundable()).isEqualByComparingTo("40.00");
    }
  }

  @Test
  void row3_whatEndsWithoutARefundGivesItsClaimBackAndAPaidOneStaysPaid() throws Exception {
    ReturnRequest request = shop.registered(aRequest(CaseType.REFUND_ONLY, Reason.NOT_AS_DESCRIBED, "260.00", 3,
        MemberTier.REGULAR, "HOME"));
    assertThat(http.post("/api/returns", "shop1", json(request)).statusCode()).isEqualTo(201);
    String review = task(request, Elements.TASK_REVIEW);
    String agent = taskService.createTaskQuery().taskId(review).singleResult().getAssignee();
    assertThat(http.post("/engine-rest/task/" + review + "/complete", agent, "{\"variables\":{\"approved\":{\"value\":"
        + "false},\"decisionNote\":{\"value\":\"照片不清楚\"}}}").statusCode()).isEqualTo(204);
    assertThat(orders.find(request.orderNo()).orElseThrow().refundable()).as("rejected: back to the order")
        .isEqualByComparingTo("260.00");
    // so the same line may be claimed again; once paid, it is the order's refunded money
    ReturnRequest again = renumbered(request);
    assertThat(http.post("/api/returns", "shop1", json(again)).statusCode()).isEqualTo(201);
    String second = task(again, Elements.TASK_REVIEW);
    String secondAgent = taskService.createTaskQuery().taskId(second).singleResult().getAssignee();
    assertThat(http.post("/engine-rest/task/" + second + "/complete", secondAgent,
        "{\"variables\":{\"approved\":{\"value\":true}}}").statusCode()).isEqualTo(204);
    managementService.executeJob(job(again, Elements.TASK_ISSUE_REFUND).getId());
    var order = orders.find(request.orderNo()).orElseThrow();
    assertThat(order.refunded()).isEqualByComparingTo("260.00");
    assertThat(order.reserved()).isEqualByComparingTo("0.00");
    assertThat(order.lines().get(0).returned()).isEqualTo(1);
  }

  // ---- row 4: uxlead sends the refund to "BANK:6222-0000-UXLEAD" ------------------------------------------------

  @Test
  void row4_onlyAnAfterSalesSupervisorAsksToChangeTheDestinationAndOnlyAValidOne() throws Exception {
    ReturnRequest request = shop.registered(aReturnForReview());
    cases.open(request, "shop1");
    String path = "/api/returns/" + request.returnNo() + "/refund";
    String uxlead = "{\"refundTo\":\"BANK:6222-0000-UXLEAD\",\"reason\":\"customer asked\"}";
    for (String lead : List.of("uxlead", "opslead", "agent1", "shop1")) {
      assertThat(http.put(path, lead, uxlead).statusCode()).as(lead).isEqualTo(403);
    }
    for (String bad : List.of("BANK:6222-0000-UXLEAD", "BANK:6222020000000000001", "支付宝 13800001111",
        "ALIPAY:http://evil.example", "BANK:DE89370400440532013001")) {
      HttpResponse<String> res = http.put(path, "cslead", "{\"refundTo\":\"" + bad + "\",\"reason\":\"x\"}");
      assertThat(res.statusCode()).as(bad).isEqualTo(400);
      assertThat(errors(res)).as(bad).containsKey("refundTo");
    }
    ReturnCaseView view = cases.view(request.returnNo());
    assertThat(view.refundTo()).isEqualTo("ORIGINAL_PAYMENT");
    assertThat(view.refundChange()).isNull();
    assertThat(view.notices()).noneMatch(n -> n.type() == com.peakcare.notice.NoticeType.REFUND_DESTINATION_CHANGED);
  }

  // ---- row 5: opslead suspends notice delivery or the broadcast ---------------------------------------------

  @Test
  void row5_onlyAdministratorsSuspendOrRetimeWhileSupervisorsStillRetryFailedJobs() throws Exception {
    ReturnRequest request = shop.registered(aSmallRefund());
    cases.open(request, "shop1");
    String notice = request.returnNo() + ":REFUND_CARE:1";
    // the outbox delivers new notices; a notice-delivery instance of before (or of delivery=process) still runs
    String delivery = runtimeService.startProcessInstanceByKey("notice-delivery", notice).getId();
    Job job = managementService.createJobQuery().processInstanceId(delivery).singleResult();
    String deliveryDefinition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("notice-delivery")
        .latestVersion().singleResult().getId();
    WebappSession cockpit = WebappSession.login(port, "opslead");
    for (String key : List.of("notice-delivery", "logistics-delay-broadcast")) {
      String byKey = "{\"processDefinitionKey\":\"" + key + "\",\"suspended\":true}";
      assertThat(http.put("/engine-rest/process-instance/suspended", "opslead", byKey).statusCode()).as(key)
          .isEqualTo(403);
      assertThat(http.put("/engine-rest/process-definition/key/" + key + "/suspended", "opslead",
          "{\"suspended\":true,\"includeProcessInstances\":true}").statusCode()).as(key).isEqualTo(403);
      assertThat(cockpit.put("/camunda/api/engine/engine/default/process-instance/suspended", byKey).statusCode())
          .as("Cockpit's suspend button, " + key).isEqualTo(403);
      assertThat(cockpit.put("/camunda/api/engine/engine/default/process-definition/key/" + key + "/suspended",
          "{\"suspended\":true,\"includeProcessInstances\":true}").statusCode()).as(key).isEqualTo(403);
    }
    assertThat(http.put("/engine-rest/process-instance/" + delivery + "/suspended", "opslead",
        "{\"suspended\":true}").statusCode()).isEqualTo(403);
    assertThat(http.put("/engine-rest/job/" + job.getId() + "/duedate", "opslead",
        "{\"duedate\":\"2099-01-01T00:00:00.000+0000\"}").statusCode()).as("re-time a job").isEqualTo(403);
    assertThat(http.put("/engine-rest/job/" + job.getId() + "/suspended", "opslead", "{\"suspended\":true}")
        .statusCode()).isEqualTo(403);
    assertThat(http.put("/engine-rest/job-definition/" + job.getJobDefinitionId() + "/suspended", "opslead",
        "{\"suspended\":true}").statusCode()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(deliveryDefinition).suspended().count())
        .as("nothing suspended").isZero();
    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getDuedate()).isEqualTo(
        job.getDuedate());

    // supervisors keep retrying failed jobs (RETRY_JOB), in the API and in Cockpit
    assertThat(http.put("/engine-rest/job/" + job.getId() + "/retries", "opslead", "{\"retries\":3}").statusCode())
        .isEqualTo(204);
    assertThat(http.put("/engine-rest/job/" + job.getId() + "/retries", "cslead", "{\"retries\":3}").statusCode())
        .isEqualTo(204);
    // ... but not with a due date: that re-times the job like SetJobDuedate, on the API and through Cockpit
    String retime = "{\"retries\":3,\"dueDate\":\"2099-01-01T00:00:00.000+0000\"}";
    assertThat(http.put("/engine-rest/job/" + job.getId() + "/retries", "opslead", retime).statusCode())
        .as("retries with a due date").isEqualTo(403);
    assertThat(http.post("/engine-rest/job/retries", "opslead",
        "{\"jobIds\":[\"" + job.getId() + "\"],\"retries\":3,\"dueDate\":\"2099-01-01T00:00:00.000+0000\"}")
        .statusCode()).as("the batch with a due date").isEqualTo(403);
    assertThat(cockpit.put("/camunda/api/engine/engine/default/job/" + job.getId() + "/retries", retime).statusCode())
        .as("Cockpit's retry with a due date").isEqualTo(403);
    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getDuedate())
        .as("the job keeps its time").isEqualTo(job.getDuedate());
    // administrators may suspend (and resume)
    assertThat(http.put("/engine-rest/process-instance/" + delivery + "/suspended", "demo", "{\"suspended\":true}")
        .statusCode()).isEqualTo(204);
    assertThat(http.put("/engine-rest/process-instance/" + delivery + "/suspended", "demo", "{\"suspended\":false}")
        .statusCode()).isEqualTo(204);
  }

  // ---- row 6: a link as the broadcast's reason, once more with a character changed, to every case --------------

  @Test
  void row6_aBroadcastSaysOnlyTheShopsWordsAndAnIntegratorReachesItsOwnCases() throws Exception {
    String courier = "ZTO-" + n();
    ReturnRequest ours = travelling(shop.registered(ReturnRequests.anExchange()), "shop1", courier);
    ReturnRequest staffs = travelling(shop.registered(ReturnRequests.anExchange()), "agent1", courier);
    String link = "{\"courier\":\"" + courier + "\",\"provinces\":[\"浙江\"],\"expectedDelayDays\":2,\"reason\":\"退款请点"
        + " https://evil.example/r\"}";
    for (String reason : List.of(link, link.replace("evil", "evi1"), link.replace("https://", "www."))) {
      HttpResponse<String> res = http.post("/api/notices/logistics-delay", "shop1", reason);
      assertThat(res.statusCode()).isEqualTo(400);
      assertThat(errors(res)).containsKey("reason");
    }
    assertThat(http.post("/api/notices/logistics-delay", "agent1", link.replace(link.substring(link.indexOf(
        "\"reason\"")), "\"reason\":\"WEATHER\"}")).statusCode()).as("agents do not broadcast").isEqualTo(403);

    HttpResponse<String> started = http.post("/api/notices/logistics-delay", "shop1", link.replace(link.substring(
        link.indexOf("\"reason\"")), "\"reason\":\"WEATHER\"}"));
    assertThat(started.statusCode()).isEqualTo(202);
    JsonNode broadcast = JSON.readTree(started.body());
    assertThat(broadcast.path("matched").asInt()).as("shop1's own case only").isEqualTo(1);
    for (Job batch = batchJob(broadcast); batch != null; batch = batchJob(broadcast)) {
      managementService.executeJob(batch.getId());
    }
    assertThat(cases.view(ours.returnNo()).notices()).filteredOn(n -> n.type()
        == com.peakcare.notice.NoticeType.LOGISTICS_DELAY).singleElement()
        .satisfies(n -> assertThat(n.text()).contains("恶劣天气").doesNotContain("http").doesNotContain("www"));
    assertThat(cases.view(staffs.returnNo()).notices()).noneMatch(n -> n.type()
        == com.peakcare.notice.NoticeType.LOGISTICS_DELAY);
  }

  // ---- 4: the second approval is another after-sales supervisor's, never one who decided before -------------

  @Test
  void theSecondApprovalIsNeitherTheOpenersNorTheReviewersNorTheInspectorsNorAnotherDepartmentsLeads()
      throws Exception {
    String whlead = "whlead" + n();
    var user = identityService.newUser(whlead);
    user.setPassword("demo");
    identityService.saveUser(user);
    for (String group : List.of("warehouse", "supervisors", "all-staff")) {
      identityService.createMembership(whlead, group);
    }
    staff.assign(whlead, "after-sales", "demo"); // a warehouse lead counted among after-sales' supervisors
    ReturnRequest request = shop.registered(aRequest(CaseType.RETURN_AND_REFUND, Reason.DAMAGED, "90.00", 2,
        MemberTier.REGULAR, "ELECTRONICS"));
    assertThat(http.post("/api/returns", "cslead2", json(withAssignee(request, "agent1"))).statusCode())
        .isEqualTo(201);
    String review = task(request, Elements.TASK_REVIEW);
    assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":true}}}").statusCode()).isEqualTo(204);
    cases.parcelShipped(request.returnNo(), "SF", "SF-" + request.returnNo(), "shop1");
    String inspect = task(request, Elements.TASK_INSPECT);
    assertThat(http.post("/engine-rest/task/" + inspect + "/claim", whlead, "{\"userId\":\"" + whlead + "\"}")
        .statusCode()).isEqualTo(204);
    assertThat(http.post("/engine-rest/task/" + inspect + "/complete", whlead, "{\"variables\":{\"inspectionPassed\":"
        + "{\"value\":false},\"inspectionNote\":{\"value\":\"划痕\"}}}").statusCode()).isEqualTo(204);
    String decide = task(request, Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION);
    assertThat(http.post("/engine-rest/task/" + decide + "/complete", "agent1", "{\"variables\":{\"partialRefund\":"
        + "{\"value\":true},\"refundAmount\":{\"value\":40},\"decisionNote\":{\"value\":\"退一部分\"}}}").statusCode())
        .isEqualTo(204);

    String approval = task(request, Elements.TASK_APPROVE_REFUND);
    assertThat(taskService.getIdentityLinksForTask(approval)).extracting(l -> l.getUserId())
        .as("the candidates: after-sales supervisors who had no hand in it").contains("cslead")
        .doesNotContain("cslead2", whlead, "opslead", "uxlead");
    // the opener (a supervisor), the inspector (a supervisor of after-sales), leads of other departments, the agent
    for (String refused : List.of("cslead2", whlead, "opslead", "uxlead", "agent1")) {
      HttpResponse<String> claim = http.post("/engine-rest/task/" + approval + "/claim", refused,
          "{\"userId\":\"" + refused + "\"}");
      assertThat(claim.statusCode()).as(refused).isIn(403, 404);
      HttpResponse<String> complete = http.post("/engine-rest/task/" + approval + "/complete", refused,
          "{\"variables\":{\"secondApproved\":{\"value\":true}}}");
      assertThat(complete.statusCode()).as(refused).isIn(403, 404);
    }
    // nor may a supervisor hand it to them
    assertThat(http.post("/engine-rest/task/" + approval + "/assignee", "cslead", "{\"userId\":\"" + whlead + "\"}")
        .statusCode()).isEqualTo(403);
    // cslead may: the timeline names both
    assertThat(http.post("/engine-rest/task/" + approval + "/claim", "cslead", "{\"userId\":\"cslead\"}").statusCode())
        .isEqualTo(204);
    assertThat(http.post("/engine-rest/task/" + approval + "/complete", "cslead",
        "{\"variables\":{\"secondApproved\":{\"value\":true}}}").statusCode()).isEqualTo(204);
    assertThat(cases.view(request.returnNo()).timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("SECOND_APPROVED");
      assertThat(e.actor()).isEqualTo("cslead");
      assertThat(e.detail()).contains("opened by cslead2").contains("reviewed by agent1")
          .contains("inspected by " + whlead);
    });
  }

  // ---- 6: least privilege by department -----------------------------------------------------------------------

  @Test
  void leadsOfOtherDepartmentsTakeNoMoneyOrCaseActionOfAfterSales() throws Exception {
    ReturnRequest request = shop.registered(withAssignee(aReturnForReview(), "agent1"));
    cases.open(request, "shop1");
    String path = "/api/returns/" + request.returnNo();
    managementService.executeJob(job(request, Elements.TIMER_REVIEW_OVERDUE).getId());
    String escalation = task(request, Elements.TASK_HANDLE_OVERDUE_REVIEW);
    for (String lead : List.of("opslead", "uxlead")) {
      assertThat(http.post(path + "/assignee", lead, "{\"assignee\":\"agent2\"}").statusCode()).as(lead)
          .isEqualTo(403);
      assertThat(http.put(path + "/refund", lead, "{\"amount\":1,\"reason\":\"x\"}").statusCode()).as(lead)
          .isEqualTo(403);
      assertThat(http.post("/engine-rest/task/" + escalation + "/claim", lead, "{\"userId\":\"" + lead + "\"}")
          .statusCode()).as(lead).isEqualTo(403);
      assertThat(http.post("/api/returns", lead, json(shop.registered(aSmallRefund()))).statusCode()).as(lead)
          .isEqualTo(403);
      assertThat(http.post("/engine-rest/process-definition/key/return-case/submit-form", lead, "{\"variables\":{}}")
          .statusCode()).as(lead).isIn(403, 404);
    }
    // the after-sales supervisor does all of it
    assertThat(http.post(path + "/assignee", "cslead", "{\"assignee\":\"agent2\"}").statusCode()).isEqualTo(200);
    assertThat(http.post("/engine-rest/task/" + escalation + "/claim", "cslead", "{\"userId\":\"cslead\"}")
        .statusCode()).isEqualTo(204);
  }

  // ---- 9: one answer for "no such eligible agent" -------------------------------------------------------------

  @Test
  void anUnknownUserANonAgentAndTheOpenerGetTheSameAnswer() throws Exception {
    List<String> answers = new ArrayList<>();
    for (String assignee : List.of("nobody-" + n(), "warehouse1", "auditor1", "agent1")) {
      ReturnRequest request = shop.registered(withAssignee(aReturnForReview(), assignee));
      HttpResponse<String> res = http.post("/api/returns", "agent1", json(request));
      assertThat(res.statusCode()).as(assignee).isEqualTo(400);
      answers.add(JSON.readTree(res.body()).path("errors").toString());
    }
    assertThat(answers).as("nothing tells which user ids are agents").containsOnly(answers.get(0));
    assertThat(answers.get(0)).doesNotContain("nobody").doesNotContain("warehouse1");
    // and the same when re-assigning
    ReturnRequest request = shop.registered(aReturnForReview());
    cases.open(request, "agent2");
    List<String> reassigned = new ArrayList<>();
    for (String assignee : List.of("nobody-" + n(), "warehouse1", "agent2")) {
      HttpResponse<String> res = http.post("/api/returns/" + request.returnNo() + "/assignee", "cslead",
          "{\"assignee\":\"" + assignee + "\"}");
      assertThat(res.statusCode()).isEqualTo(400);
      reassigned.add(JSON.readTree(res.body()).path("errors").toString());
    }
    assertThat(reassigned).containsOnly(reassigned.get(0));
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  /** Two requests released together: their status codes. */
  private List<Integer> race(String a, String b) throws Exception {
    List<String> bodies = List.of(a, b);
    return Race.of(2, i -> http.post("/api/returns", "shop1", bodies.get(i)).statusCode());
  }

  private ReturnRequest travelling(ReturnRequest request, String opener, String courier) throws Exception {
    assertThat(http.post("/api/returns", opener, json(request)).statusCode()).isEqualTo(201);
    if (cases.view(request.returnNo()).status() == ReturnCaseProcess.Status.UNDER_REVIEW) {
      // opened by staff: a colleague reviews it first
      String review = task(request, Elements.TASK_REVIEW);
      String agent = taskService.createTaskQuery().taskId(review).singleResult().getAssignee();
      assertThat(http.post("/engine-rest/task/" + review + "/complete", agent,
          "{\"variables\":{\"approved\":{\"value\":true}}}").statusCode()).isEqualTo(204);
    }
    cases.parcelShipped(request.returnNo(), courier, "WB-" + request.returnNo(), "shop1");
    return request;
  }

  private Job batchJob(JsonNode broadcast) {
    return managementService.createJobQuery().processInstanceId(broadcast.path("processInstanceId").asText())
        .singleResult();
  }

  private static ReturnRequest renumbered(ReturnRequest r) {
    return new ReturnRequest(r.returnNo() + "-" + n(), r.orderNo(), r.type(), r.reason(), r.lines(), r.deliveredAt(),
        r.amount(), r.assignee());
  }

  private String task(ReturnRequest request, String key) {
    return taskService.createTaskQuery().processInstanceBusinessKey(request.returnNo()).taskDefinitionKey(key)
        .singleResult().getId();
  }

  private Job job(ReturnRequest request, String activity) {
    return managementService.createJobQuery()
        .processInstanceId(cases.find(request.returnNo()).orElseThrow().processInstanceId()).activityId(activity)
        .singleResult();
  }

  private static java.util.Map<String, String> errors(HttpResponse<String> res) throws Exception {
    java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
    JSON.readTree(res.body()).path("errors").forEach(e -> errors.put(e.path("field").asText(),
        e.path("message").asText()));
    return errors;
  }

  private static String json(ReturnRequest request) throws Exception {
    return JSON.writeValueAsString(request);
  }

  private static long n() {
    return ThreadLocalRandom.current().nextLong(100_000, 999_999);
  }
}
