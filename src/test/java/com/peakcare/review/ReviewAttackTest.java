package com.peakcare.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The review feature attacked as a logged-in colleague would, on every door: Cockpit's plugin API with the webapps'
 * session (the page's door), {@code /engine-rest} and the webapps' engine API (starting in the middle, correlating the
 * cycle's message, writing a variable, a task handed to the wrong person, a field the form does not have).
 */
@PeakCareTest
class ReviewAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PAGES = "/camunda/api/cockpit/plugin/peakcare/default/pages/";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void thePagesDoorReadsTheSessionsPersonAndAppliesTheSameGroups() throws Exception {
    WebappSession lead = WebappSession.login(port, "whlead");
    HttpResponse<String> read = lead.get(PAGES + "reviews/meeting");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).path("canUpload").asBoolean()).isTrue();

    WebappSession agent = WebappSession.login(port, "agent1"); // Tasklist lets agents in; the page does not
    assertThat(agent.loginStatus()).isEqualTo(200);
    HttpResponse<String> refused = agent.get(PAGES + "reviews/meeting");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("\"status\":403").doesNotContain("Exception");
    assertThat(agent.get(PAGES + "reviews/meeting.csv").statusCode()).isEqualTo(403);

    WebappSession auditor = WebappSession.login(port, "auditor1");
    assertThat(JSON.readTree(auditor.get(PAGES + "reviews/meeting").body()).path("canUpload").asBoolean()).isFalse();
    String csv = "orderNo,sku,stars,text,reviewedAt\n" + ReviewFixtures.order() + ",A,5,好,2026-11-14 10:00\n";
    assertThat(auditor.post(PAGES + "reviews/upload", csv, "text/csv", true).statusCode()).isEqualTo(403);

    assertThat(http.get(PAGES + "reviews/meeting", null).statusCode()).as("no session").isIn(401, 403);
    assertThat(lead.get(PAGES + "nothing/here").statusCode()).isEqualTo(404);
  }

  @Test
  void aPageActionNeedsTheSessionsXsrfToken() throws Exception {
    WebappSession lead = WebappSession.login(port, "whlead");
    String order = ReviewFixtures.order();
    String csv = "orderNo,sku,stars,text,reviewedAt\n" + order + ",A,4,还不错，就是物流太慢了,2026-11-14 10:00\n";

    HttpResponse<String> crossSite = lead.post(PAGES + "reviews/upload", csv, "text/csv", false);
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(lead.get(PAGES + "reviews/meeting").statusCode()).as("Camunda ends the session of a request without "
        + "its token").isIn(401, 403);

    lead = WebappSession.login(port, "whlead");
    HttpResponse<String> sameSite = lead.post(PAGES + "reviews/upload", csv, "text/csv", true);
    assertThat(sameSite.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(sameSite.body()).path("created").asInt()).as("the refused one wrote nothing")
        .isEqualTo(1);
    assertThat(lead.get(PAGES + "reviews/cycles").statusCode()).as("a GET changes nothing").isEqualTo(200);
    assertThat(lead.post(PAGES + "reviews/cycles", "{\"label\":\"页面开启\"}", "application/json", false)
        .statusCode()).isEqualTo(403);
  }

  @Test
  void nobodyStartsACycleOrASeriousReviewAroundPeakCare() {
    assertThat(http.post("/engine-rest/process-definition/key/review-cycle/start", "whlead", "{}").statusCode())
        .isEqualTo(403);
    assertThat(http.post("/engine-rest/process-definition/key/serious-review/start", "cslead",
        "{\"businessKey\":\"O-1/SKU-1\"}").statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/message", "whlead", "{\"messageName\":\"ReviewCycleRequested\","
        + "\"businessKey\":\"RC-FAKE\"}").statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/process-definition/key/review-cycle/submit-form", "cslead",
        "{\"variables\":{}}").statusCode()).isEqualTo(403);
    WebappSession lead = WebappSession.login(port, "whlead");
    assertThat(lead.post("/camunda/api/engine/engine/default/process-definition/key/review-cycle/start", "{}")
        .statusCode()).isEqualTo(403);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("RC-FAKE").count()).isZero();
  }

  @Test
  void theMeetingTaskTakesOnlyItsFormsFieldsAndOnlyItsLeads() throws Exception {
    String order = ReviewFixtures.order();
    http.post("/api/reviews", "shop1", ReviewApiTest.batch(ReviewApiTest.review(order, "A", 5,
        "衣服质量很好，但是物流太慢了。", null)));
    HttpResponse<String> opened = http.post("/api/review-cycles", "whlead", "{}");
    String cycle = JSON.readTree(opened.body()).path("cycle").path("id").asText();
    String pi = runtime.createProcessInstanceQuery().processInstanceBusinessKey(cycle).singleResult().getId();
    org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute(
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job(ReviewCycleProcess.Elements.TASK_GATHER,
            runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult()));
    Task task = tasks.createTaskQuery().processInstanceId(pi).list().stream()
        .filter(t -> "LOGISTICS".equals(runtime.getVariable(t.getExecutionId(), ReviewCycleProcess.Vars.CATEGORY)))
        .findFirst().orElseThrow();

    assertThat(http.post("/engine-rest/task/" + task.getId() + "/claim", "qclead", "{\"userId\":\"qclead\"}")
        .statusCode()).as("another department's lead").isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + task.getId() + "/claim", "whlead", "{\"userId\":\"whlead\"}")
        .statusCode()).isEqualTo(204);
    assertThat(http.post("/engine-rest/task/" + task.getId() + "/assignee", "whlead", "{\"userId\":\"agent1\"}")
        .statusCode()).as("handed to the wrong person").isEqualTo(403);
    HttpResponse<String> extra = http.post("/engine-rest/task/" + task.getId() + "/complete", "whlead",
        "{\"variables\":{\"meetingNote\":{\"value\":\"ok\"},\"reviewCategories\":{\"value\":\"[]\"}}}");
    assertThat(extra.statusCode()).isEqualTo(400);
    assertThat(extra.body()).contains("reviewCategories");
    assertThat(http.put("/engine-rest/process-instance/" + pi + "/variables/reviewCategories", "whlead",
        "{\"value\":\"[]\"}").statusCode()).as("a variable written by hand").isEqualTo(403);
    HttpResponse<String> done = http.post("/engine-rest/task/" + task.getId() + "/submit-form", "whlead",
        "{\"variables\":{\"actionText1\":{\"value\":\"与快递约定时效\"},\"actionOwner1\":{\"value\":\"whlead\"},"
            + "\"actionDue1\":{\"value\":\"2099-01-01\"}}}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(400); // more than a year ahead
    HttpResponse<String> ok = http.post("/engine-rest/task/" + task.getId() + "/submit-form", "whlead",
        "{\"variables\":{\"actionText1\":{\"value\":\"与快递约定时效\"},\"actionOwner1\":{\"value\":\"whlead\"},"
            + "\"actionDue1\":{\"value\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(5)
            + "\"}}}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
    JsonNode meeting = JSON.readTree(http.get("/api/reviews/meeting?cycle=" + cycle, "auditor1").body());
    assertThat(meeting.path("decided").toString()).contains("与快递约定时效");
    assertThat(List.of(meeting.path("cycle").path("id").asText())).containsExactly(cycle);
  }
}
