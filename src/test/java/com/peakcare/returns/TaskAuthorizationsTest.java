package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.withAssignee;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.support.Http;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 23, item 5 ({@code engine.TaskAuthorizations}): no task has an authorization row of its own, and who may see
 * and work on a task is still exactly who it names (its assignee, a member of its candidate group) and whoever holds a
 * grant on every task (supervisors). Each door of {@code /engine-rest/task} is tried by the people it names and by
 * those it does not: an agent on the warehouse's task, the warehouse on an agent's, a member of another department.
 */
@PeakCareTest
class TaskAuthorizationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void aTaskHasNoAuthorizationRowAndOnlyThePeopleItNamesSeeAndWorkOnIt() throws Exception {
    ReturnRequest request = withAssignee(aReturnForReview(), "agent1");
    shop.open(request, "shop1");
    String review = task(request, Elements.TASK_REVIEW);
    assertThat(rowsOf(review)).as("the review's own authorization rows").isZero();

    // the assignee: every door
    assertVisible("agent1", request, review);
    // the supervisors' grant on every task still shows it
    assertVisible("cslead", request, review);
    // the warehouse, another department, a shop: nothing, not even that it exists
    for (String stranger : List.of("warehouse1", "ux1", "staff1", "shop1")) {
      assertHidden(stranger, request, review);
    }
    // another agent of the same department: the review names agent1 alone
    assertHidden("agent2", request, review);

    // the assignee works it; the next task is the warehouse's (candidate group), again without a row of its own
    assertThat(http.post("/engine-rest/task/" + review + "/complete", "agent1",
        "{\"variables\":{\"approved\":{\"value\":true},\"decisionNote\":{\"value\":\"ok\"}}}").statusCode())
        .isEqualTo(204);
    assertThat(rowsOf(review)).isZero();
    cases.parcelShipped(request.returnNo(), "SF", "SF-" + request.returnNo(), "shop1");
    String inspection = task(request, Elements.TASK_INSPECT);
    assertThat(rowsOf(inspection)).as("the inspection's own authorization rows").isZero();

    // every warehouse clerk sees it unclaimed; the agent who reviewed the case does not
    assertVisible("warehouse1", request, inspection);
    assertHidden("agent1", request, inspection);
    assertHidden("ux1", request, inspection);
    assertThat(http.post("/engine-rest/task/" + inspection + "/claim", "agent1", "{\"userId\":\"agent1\"}")
        .statusCode()).isEqualTo(403);

    // claimed, the candidate group still sees it (as Camunda's rows had it), the assignee works it
    assertThat(http.post("/engine-rest/task/" + inspection + "/claim", "warehouse1", "{\"userId\":\"warehouse1\"}")
        .statusCode()).isEqualTo(204);
    assertThat(rowsOf(inspection)).as("a claim writes no row").isZero();
    assertVisible("warehouse1", request, inspection);
    assertHidden("agent1", request, inspection);
    assertThat(http.post("/engine-rest/task/" + inspection + "/complete", "agent1",
        "{\"variables\":{\"inspectionPassed\":{\"value\":true}}}").statusCode()).isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + inspection + "/complete", "warehouse1",
        "{\"variables\":{\"inspectionPassed\":{\"value\":true}}}").statusCode()).isEqualTo(204);

    // no open task of any test in this context has a row of its own (a grant made by hand, as other tests make on
    // invented task ids, is not one); a case of this test's own stays open, so that there is one to look at when this
    // test runs alone
    ReturnRequest waiting = withAssignee(aReturnForReview(), "agent2");
    shop.open(waiting, "shop1");
    assertThat(rowsOf(task(waiting, Elements.TASK_REVIEW))).as("the waiting review's own rows").isZero();
    assertThat(jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION A where A.RESOURCE_TYPE_ = 7 "
        + "and exists (select 1 from ACT_RU_TASK T where T.ID_ = A.RESOURCE_ID_)", Integer.class))
        .as("rows of open tasks").isZero();
    assertThat(taskService.createTaskQuery().count()).as("open tasks to look at").isPositive();
  }

  private void assertVisible(String user, ReturnRequest request, String taskId) throws Exception {
    String byCase = "/engine-rest/task?processInstanceBusinessKey=" + request.returnNo() + "&maxResults=50";
    assertThat(ids(http.get(byCase, user).body())).as(user + " lists").contains(taskId);
    assertThat(count(http.get("/engine-rest/task/count?processInstanceBusinessKey=" + request.returnNo(), user)
        .body())).as(user + " counts").isPositive();
    assertThat(http.get("/engine-rest/task/" + taskId, user).statusCode()).as(user + " gets").isEqualTo(200);
    assertThat(http.get("/engine-rest/task/" + taskId + "/variables", user).statusCode()).as(user + " variables")
        .isEqualTo(200);
    assertThat(http.get("/engine-rest/task/" + taskId + "/form-variables", user).statusCode())
        .as(user + " form variables").isEqualTo(200);
    assertThat(http.get("/engine-rest/task/" + taskId + "/identity-links", user).statusCode())
        .as(user + " identity links").isEqualTo(200);
  }

  private void assertHidden(String user, ReturnRequest request, String taskId) throws Exception {
    String byCase = "/engine-rest/task?processInstanceBusinessKey=" + request.returnNo() + "&maxResults=50";
    var list = http.get(byCase, user);
    assertThat(list.statusCode()).as(user + " lists").isEqualTo(200);
    assertThat(ids(list.body())).as(user + " lists").doesNotContain(taskId);
    assertThat(ids(http.get("/engine-rest/task?maxResults=2000", user).body())).as(user + " lists all")
        .doesNotContain(taskId);
    assertThat(count(http.get("/engine-rest/task/count?processInstanceBusinessKey=" + request.returnNo(), user)
        .body())).as(user + " counts").isZero();
    assertThat(http.get("/engine-rest/task/" + taskId, user).statusCode()).as(user + " gets").isEqualTo(404);
    assertThat(http.get("/engine-rest/task/" + taskId + "/variables", user).statusCode()).as(user + " variables")
        .isIn(403, 404);
    assertThat(http.get("/engine-rest/task/" + taskId + "/form-variables", user).statusCode())
        .as(user + " form variables").isIn(403, 404);
    assertThat(http.get("/engine-rest/task/" + taskId + "/identity-links", user).statusCode())
        .as(user + " identity links").isIn(403, 404);
    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", user, "{\"userId\":\"" + user + "\"}")
        .statusCode()).as(user + " claims").isIn(403, 404);
    assertThat(http.post("/engine-rest/task/" + taskId + "/complete", user, "{}").statusCode())
        .as(user + " completes").isIn(400, 403, 404);
    assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee())
        .as("nothing changed hands").isNotEqualTo(user);
  }

  private String task(ReturnRequest request, String key) {
    return taskService.createTaskQuery().processInstanceBusinessKey(request.returnNo()).taskDefinitionKey(key)
        .singleResult().getId();
  }

  private int rowsOf(String taskId) {
    return jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION where RESOURCE_ID_ = ?", Integer.class,
        taskId);
  }

  private static List<String> ids(String body) throws Exception {
    JsonNode tasks = JSON.readTree(body);
    assertThat(tasks.isArray()).as(body).isTrue();
    return java.util.stream.StreamSupport.stream(tasks.spliterator(), false).map(t -> t.get("id").asText()).toList();
  }

  private static long count(String body) throws Exception {
    return JSON.readTree(body).get("count").asLong();
  }
}
