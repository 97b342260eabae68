package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.withAssignee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.peakcare.PeakCareTest;
import com.peakcare.notice.NoticeType;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.support.Http;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12's attacks on money, processes and hand-overs of a return case, as the agent, the warehouse, a supervisor
 * and an integrator would try them over {@code /engine-rest} (Tasklist's engine API is the same engine gate): each
 * refused, and the refund pays exactly what the case record says, to where it says.
 */
@PeakCareTest
class ReturnAttackTest {

  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

  @LocalServerPort int port;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  // ---- row 2: raise a refund and send it elsewhere ---------------------------------------------------------

  @Test
  void nobodyChangesTheRefundsAmountOrDestinationThroughVariablesAndItPaysWhatTheRecordSays() throws Exception {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1"); // 300.00, parcel back, reviewed by agent1
    shop.open(request, "shop1");
    String review = openTask(request, Elements.TASK_REVIEW);
    String pi = cases.find(request.returnNo()).orElseThrow().processInstanceId();

    // the assignee, a supervisor: a variable written where a form field was expected
    for (String user : List.of("agent1", "cslead")) {
      assertThat(http.put("/engine-rest/task/" + review + "/variables/amount", user, "{\"value\":99999.0}")
          .statusCode()).as(user).isEqualTo(403);
      assertThat(http.put("/engine-rest/task/" + review + "/variables/refundTo", user, "{\"value\":\"6222-evil\"}")
          .statusCode()).as(user).isEqualTo(403);
      assertThat(http.post("/engine-rest/task/" + review + "/variables", user,
          "{\"modifications\":{\"amount\":{\"value\":99999.0}}}").statusCode()).as(user).isEqualTo(403);
      assertThat(http.post("/engine-rest/process-instance/" + pi + "/variables", user,
          "{\"modifications\":{\"amount\":{\"value\":99999.0}}}").statusCode()).as(user).isIn(403, 404);
      assertThat(http.post("/engine-rest/message", user, "{\"messageName\":\"ReturnParcelShipped\","
          + "\"businessKey\":\"" + request.returnNo() + "\",\"processVariables\":{\"amount\":{\"value\":99999.0}}}")
          .statusCode()).as(user).isIn(403, 404);
    }
    // ... and smuggled into the completion: not a field of the review's form
    HttpResponse<String> smuggled = http.post("/engine-rest/task/" + review + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":true},\"amount\":{\"value\":99999.0}}}");
    assertThat(smuggled.statusCode()).isEqualTo(400);
    assertThat(smuggled.body()).contains("amount");
    HttpResponse<String> viaForm = http.post("/engine-rest/task/" + review + "/submit-form", "agent1",
        "{\"variables\":{\"approved\":{\"value\":true},\"refundTo\":{\"value\":\"6222-evil\"}}}");
    assertThat(viaForm.statusCode()).isEqualTo(400);
    assertThat(viaForm.body()).contains("refundTo");

    // the honest review; an honest note may well contain "${": it is text
    assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"标价 ${price} 与实付不符, see order "
            + "#{O-1}\"}}}").statusCode()).isEqualTo(204);
    cases.parcelShipped(request.returnNo(), "SF", "SF-" + request.returnNo(), "shop1");
    String inspection = openTask(request, Elements.TASK_INSPECT);
    // the warehouse, before claiming and after
    assertThat(http.put("/engine-rest/task/" + inspection + "/variables/amount", "warehouse1", "{\"value\":99999.0}")
        .statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + inspection + "/claim", "warehouse1", "{\"userId\":\"warehouse1\"}")
        .statusCode()).isEqualTo(204);
    assertThat(http.put("/engine-rest/task/" + inspection + "/variables/amount", "warehouse1", "{\"value\":99999.0}")
        .statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + inspection + "/complete", "warehouse1",
        "{\"variables\":{\"inspectionPassed\":{\"value\":true}}}").statusCode()).isEqualTo(204);
    executeRefund(request.returnNo());

    assertThat(paid(request.returnNo())).isEqualByComparingTo("300.00");
    assertThat(jdbc.queryForObject("select REFUND_TO from PC_REFUND where RETURN_NO = ?", String.class,
        request.returnNo())).isEqualTo("ORIGINAL_PAYMENT");
    assertThat(cases.view(request.returnNo()).notices()).filteredOn(n -> n.type() == NoticeType.REFUND_DONE)
        .singleElement().satisfies(n -> assertThat(n.text()).contains("300.00").doesNotContain("99999"));
  }

  @Test
  void aRefundChangeIsOneSupervisorsRequestAndAnothersApprovalOnTheTimeline() throws Exception {
    ReturnRequest request = aSmallRefund(); // 80.00, approved at once
    shop.open(request, "shop1");
    String path = "/api/returns/" + request.returnNo() + "/refund";
    assertThat(http.put(path, "agent1", "{\"amount\":50,\"reason\":\"x\"}").statusCode()).isEqualTo(403);
    HttpResponse<String> tooMuch = http.put(path, "cslead", "{\"amount\":99999,\"reason\":\"typo\"}");
    assertThat(tooMuch.statusCode()).isEqualTo(400);
    assertThat(tooMuch.body()).contains("amount").contains("80.00");
    HttpResponse<String> text = http.put(path, "cslead", "{\"refundTo\":\"支付宝\",\"reason\":\"customer asked\"}");
    assertThat(text.statusCode()).as("a destination is one of three forms, not text").isEqualTo(400);
    assertThat(text.body()).contains("refundTo").contains("ALIPAY:");
    assertThat(http.put(path, "cslead", "{\"amount\":50.00,\"refundTo\":\"ALIPAY:13800001111\",\"reason\":\"customer "
        + "kept the strap\"}").statusCode()).isEqualTo(202);

    // while the change waits, the refund pays nothing (it retries, then waits for the decision)
    assertThatThrownBy(() -> executeRefund(request.returnNo())).hasMessageContaining("pending");
    assertThat(jdbc.queryForObject("select count(*) from PC_REFUND where RETURN_NO = ?", Integer.class,
        request.returnNo())).isZero();
    // the one who asked does not approve it
    assertThat(http.post(path + "/decision", "cslead", "{\"approve\":true}").statusCode()).isEqualTo(403);
    assertThat(http.post(path + "/decision", "cslead2", "{\"approve\":true,\"note\":\"confirmed by phone\"}")
        .statusCode()).isEqualTo(200);
    executeRefund(request.returnNo());

    assertThat(paid(request.returnNo())).isEqualByComparingTo("50.00");
    assertThat(jdbc.queryForObject("select REFUND_TO from PC_REFUND where RETURN_NO = ?", String.class,
        request.returnNo())).isEqualTo("ALIPAY:13800001111");
    ReturnCaseView view = cases.view(request.returnNo());
    assertThat(view.timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("REFUND_CHANGE_REQUESTED");
      assertThat(e.actor()).isEqualTo("cslead");
      assertThat(e.detail()).contains("50.00 to ALIPAY:13800001111").contains("customer kept the strap");
    }).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("REFUND_CHANGE_APPROVED");
      assertThat(e.actor()).isEqualTo("cslead2");
      assertThat(e.detail()).contains("asked by cslead");
    });
    // the customer heard of it, on the order's contact, before the money moved, masked
    assertThat(view.notices()).filteredOn(n -> n.type() == NoticeType.REFUND_DESTINATION_CHANGED).singleElement()
        .satisfies(n -> assertThat(n.text()).contains("138****1111").contains("50.00"));
    // once paid, nothing changes any more
    assertThat(http.put(path, "cslead", "{\"amount\":10,\"reason\":\"late\"}").statusCode()).isEqualTo(409);
  }

  // ---- row 3: pay a refund with no case at all --------------------------------------------------------------

  @Test
  void nobodyStartsACaseInTheMiddleAndARefundWithoutItsRecordPaysNothing() throws Exception {
    String start = "{\"businessKey\":\"R-FAKE-1\",\"startInstructions\":[{\"type\":\"startBeforeActivity\","
        + "\"activityId\":\"Task_IssueRefund\"}],\"variables\":{\"returnNo\":{\"value\":\"R-FAKE-1\"},"
        + "\"amount\":{\"value\":99999.0},\"refundTo\":{\"value\":\"6222-evil\"}}}";
    for (String user : List.of("agent1", "cslead")) {
      HttpResponse<String> res = http.post("/engine-rest/process-definition/key/return-case/start", user, start);
      assertThat(res.statusCode()).as(user + ": " + res.body()).isEqualTo(403);
    }
    // the same without instructions and skipping the listeners
    assertThat(http.post("/engine-rest/process-definition/key/return-case/start", "agent1",
        "{\"skipCustomListeners\":true,\"variables\":{}}").statusCode()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("R-FAKE-1").count()).isZero();

    // an administrator may repair a process that way; even then a refund step without its case record pays nothing
    HttpResponse<String> admin = http.post("/engine-rest/process-definition/key/return-case/start", "demo", start);
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    Job refund = managementService.createJobQuery().processInstanceId(JSON.readTree(admin.body()).path("id").asText())
        .singleResult();
    assertThatThrownBy(() -> managementService.executeJob(refund.getId())).hasMessageContaining("R-FAKE-1");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(refund.getProcessInstanceId()).count())
        .as("an incident at once, no retries").isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from PC_REFUND where RETURN_NO = 'R-FAKE-1'", Integer.class))
        .isZero();
    // nor does one aimed at a real case from another process
    ReturnRequest real = aReturnForReview();
    shop.open(real, "shop1");
    HttpResponse<String> hijack = http.post("/engine-rest/process-definition/key/return-case/start", "demo",
        start.replace("R-FAKE-1", real.returnNo()));
    assertThat(hijack.statusCode()).isEqualTo(200);
    Job other = managementService.createJobQuery().processInstanceId(JSON.readTree(hijack.body()).path("id").asText())
        .activityId(Elements.TASK_ISSUE_REFUND).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(other.getId())).hasMessageContaining("runs no registered");
    assertThat(jdbc.queryForObject("select count(*) from PC_REFUND where RETURN_NO = ?", Integer.class,
        real.returnNo())).isZero();
  }

  /**
   * Issue 15 gave refund care a message start (RefundPromised, thrown by the return case): nobody but the case itself
   * starts it, so nobody makes the customer a promise, or a late-refund task, for a case of their choosing.
   */
  @Test
  void nobodyStartsRefundCareByItsMessageOrItsDefinition() throws Exception {
    String fake = "R-FAKE-" + System.nanoTime();
    String promise = "{\"messageName\":\"RefundPromised\",\"businessKey\":\"" + fake + "\","
        + "\"processVariables\":{\"promisedBy\":{\"value\":\"2020-01-01T00:00:00.000+0000\",\"type\":\"Date\"}}}";
    for (String user : List.of("agent1", "cslead", "shop1")) {
      assertThat(http.post("/engine-rest/message", user, promise).statusCode()).as(user).isIn(403, 404);
      assertThat(http.post("/engine-rest/message", user, promise.replace("RefundPromised", "Refund\\u0050romised"))
          .statusCode()).as(user + ", the name escaped").isIn(403, 404);
      assertThat(http.post("/engine-rest/process-definition/key/refund-care/start", user,
          "{\"businessKey\":\"" + fake + "\"}").statusCode()).as(user).isIn(403, 404);
      assertThat(http.post("/engine-rest/process-definition/key/refund-care/submit-form", user,
          "{\"businessKey\":\"" + fake + "\"}").statusCode()).as(user).isIn(403, 404);
      assertThat(http.post("/engine-rest/process-definition/key/refund-care/start", user,
          "{\"businessKey\":\"" + fake + "\",\"startInstructions\":[{\"type\":\"startBeforeActivity\","
              + "\"activityId\":\"Task_FollowUpLateRefund\"}]}").statusCode()).as(user + ", in the middle")
          .isIn(403, 404);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(fake).count()).isZero();
    assertThat(jdbc.queryForObject("select count(*) from PC_REFUND_PROMISE where RETURN_NO = ?", Integer.class, fake))
        .isZero();
  }

  @Test
  void aTasklistStartIsTheStartFormAndNothingElse() {
    HttpResponse<String> res = http.post("/engine-rest/process-definition/key/return-case/submit-form", "agent1",
        "{\"variables\":{\"returnNo\":{\"value\":\"R-X\"},\"refundTo\":{\"value\":\"6222-evil\"}}}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(res.body()).contains("refundTo").doesNotContain("Exception:").doesNotContain("\tat ");
    assertThat(cases.find("R-X")).isEmpty();
    // the warehouse does not open cases at all
    assertThat(http.post("/engine-rest/process-definition/key/return-case/submit-form", "warehouse1",
        "{\"variables\":{}}").statusCode()).isEqualTo(403);
  }

  // ---- row 6: hand a case to someone who may not decide it -------------------------------------------------

  @Test
  void aReviewGoesOnlyToAfterSalesAndAnInspectionOnlyToTheWarehouseOnEveryPath() throws Exception {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
    shop.open(request, "shop1");
    String review = openTask(request, Elements.TASK_REVIEW);
    for (String user : List.of("agent1", "cslead")) {
      assertThat(http.post("/engine-rest/task/" + review + "/assignee", user, "{\"userId\":\"auditor1\"}")
          .statusCode()).as(user).isEqualTo(403);
      assertThat(http.post("/engine-rest/task/" + review + "/identity-links", user,
          "{\"userId\":\"auditor1\",\"type\":\"assignee\"}").statusCode()).as(user).isEqualTo(403);
      assertThat(http.post("/engine-rest/task/" + review + "/identity-links", user,
          "{\"userId\":\"auditor1\",\"type\":\"candidate\"}").statusCode()).as(user).isEqualTo(403);
      assertThat(http.post("/engine-rest/task/" + review + "/delegate", user, "{\"userId\":\"auditor1\"}")
          .statusCode()).as(user).isIn(403, 404);
      // the whole task saved with another assignee (Camunda's update): the same rule, not a side door
      HttpResponse<String> saved = http.put("/engine-rest/task/" + review, user,
          "{\"name\":\"x\",\"assignee\":\"auditor1\",\"priority\":50}");
      assertThat(saved.statusCode()).as(user + " PUT task").isEqualTo(403);
      assertThat(saved.body()).contains("assignee").doesNotContain("Exception");
    }
    // what Tasklist does with the whole task: set a reminder (follow-up date); the rest stays as it was
    Task current = taskService.createTaskQuery().taskId(review).singleResult();
    String followUp = "{\"name\":" + JSON.writeValueAsString(current.getName()) + ",\"assignee\":\"agent1\","
        + "\"priority\":" + current.getPriority() + ",\"due\":" + (current.getDueDate() == null ? "null"
            : "\"" + new java.text.SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ").format(current.getDueDate()) + "\"")
        + ",\"followUp\":\"2030-01-02T09:00:00.000+0800\"}";
    assertThat(http.put("/engine-rest/task/" + review, "agent1", followUp).statusCode()).as(followUp).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getFollowUpDate()).isNotNull();
    assertThat(taskService.createTaskQuery().taskId(review).singleResult().getAssignee()).isEqualTo("agent1");
    assertThat(http.post("/engine-rest/task/" + review + "/assignee", "agent2", "{\"userId\":\"agent2\"}")
        .statusCode()).as("another agent takes it over").isIn(403, 404);
    assertThat(http.post("/engine-rest/task/" + review + "/unclaim", "agent1", "").statusCode()).isEqualTo(403);

    assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":true}}}").statusCode()).isEqualTo(204);
    cases.parcelShipped(request.returnNo(), "SF", "SF-" + request.returnNo(), "shop1");
    String inspection = openTask(request, Elements.TASK_INSPECT);
    assertThat(http.post("/engine-rest/task/" + inspection + "/claim", "agent1", "{\"userId\":\"agent1\"}")
        .statusCode()).as("agents cannot even see it").isIn(403, 404);
    assertThat(http.post("/engine-rest/task/" + inspection + "/assignee", "cslead", "{\"userId\":\"agent1\"}")
        .statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + inspection + "/claim", "warehouse1", "{\"userId\":\"warehouse1\"}")
        .statusCode()).isEqualTo(204);
    assertThat(http.post("/engine-rest/task/" + inspection + "/unclaim", "warehouse1", "").statusCode())
        .isEqualTo(204);
  }

  // ---- rows 7 and 8: what an integrator and a colleague learn ----------------------------------------------

  @Test
  void anIntegratorReadsOnlyItsOwnCasesAndARefusalNamesNobody() throws Exception {
    ReturnRequest ours = aSmallRefund();
    ReturnRequest staffs = withAssignee(aReturnForReview(), "agent1");
    shop.open(ours, "shop1");
    shop.open(staffs, "agent2");
    assertThat(http.get("/api/returns/" + ours.returnNo(), "shop1").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/returns/" + staffs.returnNo(), "shop1").statusCode()).isEqualTo(404);
    assertThat(http.post("/api/returns/" + staffs.returnNo() + "/survey", "shop1", "{\"rating\":1}").statusCode())
        .isEqualTo(404);
    JsonNode list = JSON.readTree(http.get("/api/returns?size=200", "shop1").body());
    assertThat(list.findValuesAsText("returnNo")).contains(ours.returnNo()).doesNotContain(staffs.returnNo());
    assertThat(http.get("/api/notices/" + staffs.returnNo(), "shop1").statusCode()).isEqualTo(403);

    String review = openTask(staffs, Elements.TASK_REVIEW);
    HttpResponse<String> byColleague = http.post("/engine-rest/task/" + review + "/complete", "staff1",
        "{\"variables\":{\"approved\":{\"value\":true}}}");
    assertThat(byColleague.statusCode()).isIn(403, 404);
    assertThat(JSON.readTree(byColleague.body()).path("message").asText()).doesNotContain("agent1")
        .doesNotContain("permission").contains("not yours to work on");
  }

  private String openTask(ReturnRequest request, String key) {
    return taskService.createTaskQuery().processInstanceBusinessKey(request.returnNo()).taskDefinitionKey(key)
        .singleResult().getId();
  }

  private void executeRefund(String returnNo) {
    Job job = managementService.createJobQuery()
        .processInstanceId(cases.find(returnNo).orElseThrow().processInstanceId())
        .activityId(Elements.TASK_ISSUE_REFUND).singleResult();
    managementService.executeJob(job.getId());
  }

  private BigDecimal paid(String returnNo) {
    return jdbc.queryForObject("select AMOUNT from PC_REFUND where RETURN_NO = ?", BigDecimal.class, returnNo);
  }
}
