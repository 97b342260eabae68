package com.peakcare.complaint;

import static com.peakcare.complaint.ComplaintFixtures.AGENT;
import static com.peakcare.complaint.ComplaintFixtures.aComplaint;
import static com.peakcare.complaint.ComplaintFixtures.skuOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.peakcare.PeakCareTest;
import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.order.MemberTier;
import com.peakcare.returns.ReturnCaseProcess;
import com.peakcare.returns.ReturnCases;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Each group tried as the least-privileged person who uses complaints (issue 24): an agent cannot close without the
 * customer, cannot resolve with money outside the money rules, cannot work another agent's complaint, and nobody goes
 * round the complaint's doors through {@code /engine-rest}; the REST door opens once per number and names bad fields.
 */
@PeakCareTest
class ComplaintAttackTest {

  @LocalServerPort int port;
  @Autowired Complaints complaints;
  @Autowired ComplaintFixtures fixtures;
  @Autowired TaskService taskService;
  @Autowired ReturnCases returns;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void anAgentCannotCloseWithoutTheCustomer() {
    String no = opened(Severity.LOW, MemberTier.REGULAR);
    resolve(no, Map.of(Vars.RESOLUTION_KIND, "APOLOGY"));
    Task followUp = task(no, Elements.TASK_FOLLOW_UP);

    assertThatThrownBy(() -> asAgent1(followUp, Map.of(Vars.FOLLOW_UP_OUTCOME, "CONFIRMED")))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining(Vars.CUSTOMER_REPLY);
    assertThatThrownBy(() -> asAgent1(followUp, Map.of(Vars.FOLLOW_UP_OUTCOME, "NO_ANSWER")))
        .as("an attempt is documented").isInstanceOf(Refusal.Invalid.class).hasMessageContaining(Vars.NOTE);
    assertThatThrownBy(() -> asAgent1(followUp, Map.of(Vars.FOLLOW_UP_OUTCOME, "NO_ANSWER", Vars.NOTE, "打过了",
        Vars.FOLLOW_UPS_EXHAUSTED, true))).as("the routing variable is not the agent's to write")
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining(Vars.FOLLOW_UPS_EXHAUSTED);
    // and the customer's confirmation over the engine's own message door: refused to a person
    HttpResponse<String> message = http.post("/engine-rest/message", "agent1", "{\"messageName\":\""
        + ComplaintProcess.Messages.CUSTOMER_CONFIRMED + "\",\"businessKey\":\"" + no + "\"}");
    assertThat(message.statusCode()).isIn(403, 404);
    assertThat(complaints.view(no).status()).isEqualTo(ComplaintProcess.Status.RESOLVED);
  }

  @Test
  void anAgentCannotGiveACouponAboveTheTiersLimit() {
    String no = opened(Severity.LOW, MemberTier.REGULAR); // LOW × REGULAR: up to ¥20

    assertThatThrownBy(() -> resolve(no, Map.of(Vars.RESOLUTION_KIND, "COUPON", Vars.COUPON_AMOUNT, "50")))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining(Vars.COUPON_AMOUNT).hasMessageContaining("20");

    resolve(no, Map.of(Vars.RESOLUTION_KIND, "COUPON", Vars.COUPON_AMOUNT, "20"));
    assertThat(complaints.view(no).resolution().couponAmount()).isEqualByComparingTo("20");
  }

  @Test
  void aGoodwillRefundIsAReturnCaseUnderTheMoneyRulesNeverAPaymentFromTheComplaint() {
    String orderNo = fixtures.anOrder(MemberTier.REGULAR, "199.00");
    String no = complaints.open(aComplaint(orderNo, Severity.MEDIUM, "agent1"), "shop1").view().complaintNo();

    assertThatThrownBy(() -> resolve(no, Map.of(Vars.RESOLUTION_KIND, "GOODWILL_REFUND", Vars.ITEM_SKU, skuOf(orderNo),
        Vars.REFUND_AMOUNT, "500")))
        .as("more than the order took").isInstanceOf(Refusal.Invalid.class).hasMessageContaining(Vars.REFUND_AMOUNT);

    resolve(no, Map.of(Vars.RESOLUTION_KIND, "GOODWILL_REFUND", Vars.ITEM_SKU, skuOf(orderNo),
        Vars.REFUND_AMOUNT, "30"));

    String returnNo = complaints.view(no).resolution().returnNo();
    var refund = returns.view(returnNo);
    assertThat(refund.type()).isEqualTo("PRICE_DIFFERENCE");
    assertThat(refund.openedBy()).isEqualTo("agent1");
    assertThat(refund.status()).as("a colleague reviews what staff opened").isEqualTo(
        ReturnCaseProcess.Status.UNDER_REVIEW);
    assertThat(refund.assignee()).as("maker ≠ checker").isNotEqualTo("agent1");
  }

  @Test
  void anAgentCannotWorkOrTakeAnotherAgentsComplaint() {
    String no = opened(Severity.MEDIUM, MemberTier.REGULAR);
    Task handle = task(no, Elements.TASK_HANDLE);

    assertThatThrownBy(() -> fixtures.as("agent2", AGENT, () -> taskService.complete(handle.getId(),
        Map.of(Vars.ACTION, "RESOLVE", Vars.RESOLUTION_KIND, "APOLOGY", Vars.NOTE, "x"))))
        .isInstanceOf(Refusal.Forbidden.class);
    assertThatThrownBy(() -> fixtures.as("agent2", AGENT, () -> taskService.setAssignee(handle.getId(), "agent2")))
        .isInstanceOf(Refusal.Forbidden.class);
    assertThat(http.post("/engine-rest/task/" + handle.getId() + "/complete", "agent2",
        "{\"variables\":{\"action\":{\"value\":\"RESOLVE\"}}}").statusCode()).isIn(403, 404);
    // the supervisor of after-sales may re-assign, to an agent only
    assertThatThrownBy(() -> fixtures.as("cslead", ComplaintFixtures.LEAD, () -> taskService.setAssignee(
        handle.getId(), "warehouse1"))).isInstanceOf(Refusal.Invalid.class);
    fixtures.as("cslead", ComplaintFixtures.LEAD, () -> taskService.setAssignee(handle.getId(), "agent2"));
    assertThat(complaints.view(no).handler()).isEqualTo("agent2");
  }

  @Test
  void theEnginesStartDoorTakesOnlyAfterSalesAndNamesTheField() {
    String orderNo = fixtures.anOrder(MemberTier.GOLD, "99.00");
    String start = "{\"businessKey\":\"C-E1\",\"variables\":{\"complaintNo\":{\"value\":\"C-E1-" + System.nanoTime()
        + "\"},\"orderNo\":{\"value\":\"" + orderNo + "\"},\"channel\":{\"value\":\"PHONE\"},\"category\":{\"value\":"
        + "\"PRODUCT\"},\"severity\":{\"value\":\"HIGH\"},\"demand\":{\"value\":\"退钱\"}}}";
    for (String user : List.of("shop1", "warehouse1", "opslead")) {
      assertThat(http.post("/engine-rest/process-definition/key/complaint/start", user, start).statusCode())
          .as(user).isIn(403, 404);
    }
    HttpResponse<String> noOrder = http.post("/engine-rest/process-definition/key/complaint/start", "agent1",
        start.replace(orderNo, "O-NOPE").replace("\"businessKey\":\"C-E1\",", ""));
    assertThat(noOrder.statusCode()).isEqualTo(400);
    assertThat(noOrder.body()).contains("orderNo");
  }

  @Test
  void theRestDoorOpensOncePerNumberAndNamesBadFields() {
    String orderNo = fixtures.anOrder(MemberTier.VIP, "299.00");
    String no = "C-API-" + System.nanoTime();
    String body = "{\"complaintNo\":\"" + no + "\",\"orderNo\":\"" + orderNo + "\",\"channel\":\"IM\",\"category\":"
        + "\"LOGISTICS\",\"severity\":\"HIGH\",\"demand\":\"快递三天没动\"}";

    HttpResponse<String> created = http.post("/api/complaints", "shop1", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"status\":\"IN_PROGRESS\"", "\"agentName\"", "COMPLAINT_PROMISE");
    assertThat(http.post("/api/complaints", "shop1", body).statusCode()).as("an identical retry").isEqualTo(200);
    assertThat(http.post("/api/complaints", "shop1", body.replace("快递三天没动", "别的")).statusCode()).isEqualTo(409);

    HttpResponse<String> unknown = http.post("/api/complaints", "shop1", body.replace(no, no + "x")
        .replace(orderNo, "O-NONE"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("orderNo");
    HttpResponse<String> badSeverity = http.post("/api/complaints", "shop1", body.replace(no, no + "y")
        .replace("\"HIGH\"", "\"DIRE\""));
    assertThat(badSeverity.statusCode()).isEqualTo(400);
    assertThat(badSeverity.body()).contains("severity");

    assertThat(http.get("/api/complaints/" + no, "agent2").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/complaints/" + no, "warehouse1").statusCode()).isEqualTo(403);
    assertThat(http.post("/api/complaints", "cslead", body).statusCode()).as("a lead opens nothing over REST")
        .isIn(403, 409);
    assertThat(http.post("/api/complaints/" + no + "/customer-confirmation", "shop1", "{\"text\":\"好\"}").statusCode())
        .as("nothing to confirm yet").isEqualTo(409);

    // the supervisors' report: supervisors and auditors, not agents or the shop's system
    HttpResponse<String> report = http.get("/api/complaints/report", "cslead");
    assertThat(report.statusCode()).isEqualTo(200);
    assertThat(report.body()).contains("\"escalationsPerLevel\"", "\"promisesKept\"", "\"p90Hours\"",
        "\"satisfaction\"", "\"responded\"");
    assertThat(http.get("/api/complaints/report", "agent1").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/complaints/report", "opslead").statusCode())
        .as("a supervisor of another department: authority follows the department").isEqualTo(403);
    assertThat(http.get("/api/complaints/report", "shop1").statusCode()).isEqualTo(403);
  }

  // ---- helpers

  String opened(Severity severity, MemberTier tier) {
    String orderNo = fixtures.anOrder(tier, "199.00");
    return complaints.open(aComplaint(orderNo, severity, "agent1"), "shop1").view().complaintNo();
  }

  void resolve(String no, Map<String, Object> more) {
    Map<String, Object> values = new HashMap<>(more);
    values.put(Vars.ACTION, "RESOLVE");
    values.put(Vars.NOTE, "我明白您的意思。");
    asAgent1(task(no, Elements.TASK_HANDLE), values);
  }

  void asAgent1(Task task, Map<String, Object> values) {
    fixtures.as("agent1", AGENT, () -> taskService.complete(task.getId(), values));
  }

  Task task(String no, String key) {
    return taskService.createTaskQuery().processInstanceBusinessKey(no).taskDefinitionKey(key).singleResult();
  }
}
