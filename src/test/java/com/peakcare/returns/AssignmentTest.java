package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.withAssignee;
import static com.peakcare.returns.ReturnRequests.ofTheBuyerOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** 指派: explicit, returning customer, least loaded with ties in turn, re-assignment, and assignee-only completion. */
@PeakCareTest
class AssignmentTest {

  @LocalServerPort int port;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired TaskService taskService;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void anExplicitAssigneeIsHonoured() {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent2");
    ReturnCaseView view = shop.open(request, "shop1").view();
    assertThat(view.assignee()).isEqualTo("agent2");
    assertThat(view.timeline()).anySatisfy(e -> assertThat(e.detail()).isEqualTo("agent2 (explicit: requested by the caller)"));
  }

  @Test
  void aReturningCustomerGetsTheAgentWhoServedTheirLastCase() {
    ReturnRequest first = withAssignee(aReturnForReview(), "agent1");
    shop.open(first, "shop1");
    ReturnRequest second = ofTheBuyerOf(aReturnForReview(), first);

    ReturnCaseView view = shop.open(second, "shop1").view();

    assertThat(view.assignee()).isEqualTo("agent1");
    assertThat(view.timeline()).anySatisfy(e -> assertThat(e.detail()).contains("returning customer"));
  }

  @Test
  void theLeastLoadedAgentGetsANewCustomerAndTiesGoInTurn() {
    List<String> balancing = new ArrayList<>();
    try {
      // make both agents equally loaded, whatever earlier tests left open
      long load1 = openTasks("agent1");
      long load2 = openTasks("agent2");
      String lighter = load1 < load2 ? "agent1" : "agent2";
      for (long i = Math.min(load1, load2); i < Math.max(load1, load2); i++) {
        Task t = taskService.newTask();
        t.setAssignee(lighter);
        t.setName("balancing task of AssignmentTest");
        taskService.saveTask(t);
        balancing.add(t.getId());
      }
      // auto-approved refunds give the agent no task, so the load stays level and the turn decides
      String a = shop.open(aSmallRefund(), "shop1").view().assignee();
      String b = shop.open(aSmallRefund(), "shop1").view().assignee();
      assertThat(List.of(a, b)).containsExactlyInAnyOrder("agent1", "agent2");

      // one more task for agent1: the next new customer goes to agent2
      Task extra = taskService.newTask();
      extra.setAssignee("agent1");
      taskService.saveTask(extra);
      balancing.add(extra.getId());
      ReturnCaseView next = shop.open(aSmallRefund(), "shop1").view();
      assertThat(next.assignee()).isEqualTo("agent2");
      assertThat(next.timeline()).anySatisfy(e -> assertThat(e.detail()).contains("least loaded"));
    } finally {
      balancing.forEach(id -> taskService.deleteTask(id, true));
    }
  }

  @Test
  void aSupervisorReassignsOverRestAndOthersMayNot() throws Exception {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
    shop.open(request, "shop1");
    String path = "/api/returns/" + request.returnNo() + "/assignee";

    assertThat(http.post(path, "agent1", "{\"assignee\":\"agent2\"}").statusCode()).isEqualTo(403);
    assertThat(http.post(path, "cslead", "{\"assignee\":\"warehouse1\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> res = http.post(path, "cslead", "{\"assignee\":\"agent2\"}");

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode view = ReturnApiTest.JSON.readTree(res.body());
    assertThat(view.path("assignee").asText()).isEqualTo("agent2");
    assertThat(view.path("openTasks").get(0).path("assignee").asText()).isEqualTo("agent2");
    assertThat(view.path("timeline").findValuesAsText("event")).contains("REASSIGNED");
  }

  @Test
  void anAgentHandsATaskOverInTasklistAndTheCaseFollows() throws Exception {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
    shop.open(request, "shop1");
    String taskId = cases.view(request.returnNo()).openTasks().get(0).id();

    HttpResponse<String> res = http.post("/engine-rest/task/" + taskId + "/assignee", "agent1", "{\"userId\":\"agent2\"}");

    assertThat(res.statusCode()).isEqualTo(204);
    ReturnCaseView view = cases.view(request.returnNo());
    assertThat(view.assignee()).isEqualTo("agent2");
    assertThat(view.timeline()).anySatisfy(e -> assertThat(e.detail()).isEqualTo("agent2 (handed over by agent1)"));
    // the new assignee completes it; the old one no longer may
    String approve = "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"ok\"}}}";
    assertThat(http.post("/engine-rest/task/" + taskId + "/complete", "agent1", approve).statusCode()).isIn(403, 404);
    assertThat(http.post("/engine-rest/task/" + taskId + "/complete", "agent2", approve).statusCode()).isEqualTo(204);
  }

  @Test
  void onlyTheAssigneeOrASupervisorMayCompleteACaseTask() {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
    shop.open(request, "shop1");
    String taskId = cases.view(request.returnNo()).openTasks().get(0).id();
    String approve = "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"ok\"}}}";

    // agent2 cannot even see it; a supervisor sees it but is not its assignee... and may still complete it
    HttpResponse<String> other = http.post("/engine-rest/task/" + taskId + "/complete", "agent2", approve);
    assertThat(other.statusCode()).isIn(403, 404);
    HttpResponse<String> missing = http.post("/engine-rest/task/" + taskId + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":false}}}");
    assertThat(missing.statusCode()).as("server-side form rules").isEqualTo(400);
    assertThat(missing.body()).contains("decisionNote");
    HttpResponse<String> own = http.post("/engine-rest/task/" + taskId + "/complete", "agent1", approve);
    assertThat(own.statusCode()).isEqualTo(204);
    assertThat(cases.view(request.returnNo()).status()).isEqualTo(ReturnCaseProcess.Status.AWAITING_PARCEL);
  }

  @Test
  void aCandidateWhoDidNotClaimMayNotComplete() {
    ReturnRequest request = withAssignee(ReturnRequests.anExchange(), "agent1");
    shop.open(request, "shop1");
    cases.parcelShipped(request.returnNo(), "SF", "SF77", "shop1");
    String taskId = cases.view(request.returnNo()).openTasks().get(0).id();
    String pass = "{\"variables\":{\"inspectionPassed\":{\"value\":true}}}";

    HttpResponse<String> unclaimed = http.post("/engine-rest/task/" + taskId + "/complete", "warehouse1", pass);
    assertThat(unclaimed.statusCode()).isEqualTo(403);
    assertThat(unclaimed.body()).contains("Claim the task before you complete it");
    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "warehouse1", "{\"userId\":\"warehouse1\"}")
        .statusCode()).isEqualTo(204);
    assertThat(http.post("/engine-rest/task/" + taskId + "/complete", "warehouse1", pass).statusCode()).isEqualTo(204);
  }

  private long openTasks(String agent) {
    return taskService.createTaskQuery().taskAssignee(agent).count();
  }
}
