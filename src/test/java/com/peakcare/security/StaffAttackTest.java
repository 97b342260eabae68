package com.peakcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 12, attacked as a logged-in colleague would, on every door: {@code /engine-rest}, the webapps' own engine API,
 * {@code /api}. Each test is written as the attack (and at least one more way of doing it) and fails on a PeakCare
 * without the engine gate, the login throttle or the guarded identity service. The return case's and the campaign's
 * own attacks (money, four-eyes, hand-over) are in ReturnAttackTest and CampaignAttackTest.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class StaffAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** An expression written so that a text filter on "${" misses it: JSON's unicode escape of '$'. */
  private static final String ESCAPED = "\\u0024{expressionProbe.hit()}";

  @LocalServerPort int port;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired JdbcTemplate jdbc;
  Http http;
  String planted;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    ExpressionProbe.HITS.set(0);
  }

  @AfterEach
  void cleanUp() {
    if (planted != null) {
      filterService.deleteFilter(planted);
    }
  }

  // ---- row 1: no expression from a request is ever evaluated ---------------------------------------------

  @Test
  void noExpressionInATaskQueryIsEvaluatedHoweverItIsEncodedOrNested() throws Exception {
    for (String user : List.of("staff1", "shop1", "auditor1")) {
      // the attack of the issue: an or-query, the '$' escaped so that the request's text shows no "${"
      HttpResponse<String> or = http.post("/engine-rest/task", user,
          "{\"orQueries\":[{\"assigneeExpression\":\"" + ESCAPED + "\"}]}");
      assertThat(or.statusCode()).as(user + ": " + or.body()).isEqualTo(400);
      assertThat(or.body()).contains("taskAssignee");
      // the same in a count, with the deferred syntax, and at the top of the query
      assertThat(http.post("/engine-rest/task/count", user,
          "{\"orQueries\":[{\"candidateGroupExpression\":\"#{expressionProbe.hit()}\"}]}").statusCode()).isEqualTo(400);
      assertThat(http.post("/engine-rest/task", user, "{\"assigneeExpression\":\"" + ESCAPED + "\"}").statusCode())
          .isEqualTo(400);
      assertThat(http.get("/engine-rest/task?assigneeExpression="
          + URLEncoder.encode("${expressionProbe.hit()}", StandardCharsets.UTF_8), user).statusCode()).isEqualTo(400);
    }
    assertThat(ExpressionProbe.HITS).hasValue(0);
  }

  @Test
  void noExpressionReachesTheEngineThroughAFilterOrTheWebappsOwnApi() throws Exception {
    String myTasks = filterService.createFilterQuery().filterName("我的任务 · My tasks").list().stream()
        .filter(f -> f.getOwner() == null).findFirst().orElseThrow().getId();
    // Tasklist's list request extends a stored filter with the request's query: or-queries included
    String extending = "{\"orQueries\":[{\"assigneeExpression\":\"" + ESCAPED + "\"}]}";
    assertThat(http.post("/engine-rest/filter/" + myTasks + "/list", "agent1", extending).statusCode()).isEqualTo(400);
    assertThat(http.post("/engine-rest/filter/" + myTasks + "/count", "agent1", extending).statusCode()).isEqualTo(400);
    // the webapps' own engine API, with a Tasklist session
    WebappSession tasklist = WebappSession.login(port, "staff1");
    assertThat(tasklist.loginStatus()).isEqualTo(200);
    HttpResponse<String> viaWebapp = tasklist.post("/camunda/api/engine/engine/default/task", extending);
    assertThat(viaWebapp.statusCode()).as(viaWebapp.body()).isEqualTo(400);
    assertThat(tasklist.post("/camunda/api/engine/engine/default/filter/" + myTasks + "/list", extending)
        .statusCode()).isEqualTo(400);
    // a stored filter: an administrator cannot save one that calls a method, and one planted in the database anyway
    // (saved by PeakCare itself here) is refused when a person runs it
    HttpResponse<String> create = http.post("/engine-rest/filter/create", "demo", "{\"resourceType\":\"Task\","
        + "\"name\":\"x\",\"query\":{\"assigneeExpression\":\"${expressionProbe.hit()}\"}}");
    assertThat(create.statusCode()).as(create.body()).isEqualTo(400);
    TaskQueryImpl evil = (TaskQueryImpl) taskService.createTaskQuery().taskAssigneeExpression("${expressionProbe.hit()}");
    Filter stored = filterService.saveFilter(filterService.newTaskFilter("planted").setQuery(evil));
    planted = stored.getId();
    assertThat(http.get("/engine-rest/filter/" + planted + "/list", "demo").statusCode()).isEqualTo(400);
    // PeakCare's own filters keep their functions
    assertThat(http.post("/engine-rest/filter/" + myTasks + "/list?maxResults=15", "agent1", "{}").statusCode())
        .isEqualTo(200);
    assertThat(ExpressionProbe.HITS).hasValue(0);
  }

  @Test
  void honestTextWithDollarBracesIsASearchLikeAnyOther() {
    HttpResponse<String> like = http.get("/engine-rest/task?maxResults=100&nameLike="
        + URLEncoder.encode("%标价 ${price}%", StandardCharsets.UTF_8), "agent1");
    assertThat(like.statusCode()).as(like.body()).isEqualTo(200);
    HttpResponse<String> byValue = http.post("/engine-rest/task?maxResults=100", "agent1", "{\"processVariables\":[{\"name\":"
        + "\"decisionNote\",\"operator\":\"eq\",\"value\":\"see order #{O-1}, ${price}\"}]}");
    assertThat(byValue.statusCode()).as(byValue.body()).isEqualTo(200);
  }

  // ---- row 5: nobody locks an account from outside ---------------------------------------------------------

  @Test
  void failedLoginsAreThrottledPerAccountAndSourceAndTheRightPasswordWorksAgainSoonAfter(CapturedOutput log)
      throws Exception {
    for (String user : List.of("shop1", "demo")) {
      // the account's own address: it logged in from there before the attack
      assertThat(http.statusFrom("127.0.0.2", "/api/me", user, "demo")).isEqualTo(200);
      int refusedFast = 0;
      for (int i = 0; i < 50; i++) {
        HttpResponse<String> wrong = http.get("/api/me", user, "wrong-" + i);
        assertThat(wrong.statusCode()).isIn(401, 429);
        if (wrong.statusCode() == 429) {
          assertThat(wrong.headers().firstValue("Retry-After")).isPresent();
          refusedFast++;
        }
      }
      assertThat(refusedFast).as("throttled, not checked").isGreaterThan(40);
      // from its own address the account is not held back at all (issue 20: the account's ceiling spares it)
      assertThat(http.statusFrom("127.0.0.2", "/api/me", user, "demo")).isEqualTo(200);
      // and once the attack stops, the right password works again from the attacked address too
      Thread.sleep(2_200);
      assertThat(http.get("/api/me", user, "demo").statusCode()).as(user).isEqualTo(200);
      // Camunda's own lasting lock never kicked in
      Integer attempts = jdbc.queryForObject("select ATTEMPTS_ from ACT_ID_USER where ID_ = ?", Integer.class, user);
      assertThat(attempts).isLessThanOrEqualTo(0);
    }
    assertThat(log.getOut()).contains("login of shop1 from 127.0.0.1 throttled");
  }

  @Test
  void theWebappLoginIsThrottledTooAndRecovers() throws Exception {
    for (int i = 0; i < 12; i++) {
      assertThat(WebappSession.login(port, "staff2", "wrong").loginStatus()).isNotEqualTo(200);
    }
    assertThat(WebappSession.login(port, "staff2", "demo").loginStatus()).as("still throttled").isNotEqualTo(200);
    Thread.sleep(2_200);
    assertThat(WebappSession.login(port, "staff2", "demo").loginStatus()).isEqualTo(200);
  }

  // ---- row 9: the printed name is the administrators' ------------------------------------------------------

  @Test
  void staffCannotChangeTheirOwnNameButStillTheirPassword() throws Exception {
    HttpResponse<String> rename = http.put("/engine-rest/user/setter1/profile", "setter1",
        "{\"id\":\"setter1\",\"firstName\":\"Evil\",\"lastName\":\"Twin\",\"email\":\"setter1@peakcare.example\"}");
    assertThat(rename.statusCode()).as(rename.body()).isEqualTo(403);
    assertThat(identityService.createUserQuery().userId("setter1").singleResult().getFirstName()).isEqualTo("Lin");
    assertThat(JSON.readTree(http.get("/api/me", "setter1").body()).path("name").asText()).isEqualTo("林伟");
    // a password is one's own: changed (one that meets the policy, issue 20), and the demo password put back by PeakCare
    String to = "{\"password\":\"Orchid-Fields-8\",\"authenticatedUserPassword\":\"demo\"}";
    assertThat(http.put("/engine-rest/user/staff1/credentials", "staff1", to).statusCode()).isEqualTo(204);
    assertThat(identityService.checkPassword("staff1", "Orchid-Fields-8")).isTrue();
    org.camunda.bpm.engine.identity.User staff1 = identityService.createUserQuery().userId("staff1").singleResult();
    staff1.setPassword("demo");
    identityService.saveUser(staff1);
    // an administrator keeps the printed name in the staff directory
    assertThat(http.put("/api/staff/staff1", "demo", "{\"department\":\"general\",\"superior\":\"opslead\","
        + "\"name\":\"孙丽 (客服)\"}").statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(http.get("/api/me", "staff1").body()).path("name").asText()).isEqualTo("孙丽 (客服)");
    http.put("/api/staff/staff1", "demo", "{\"department\":\"general\",\"superior\":\"opslead\",\"name\":\"孙丽\"}");
  }

  // ---- 8: encoded paths -------------------------------------------------------------------------------------

  @Test
  void anEncodedOrDottedPathIsA400ProblemWithoutAStackTrace(CapturedOutput log) throws Exception {
    for (String path : List.of("/engine%2Drest/task", "/camunda/../engine-rest/task", "/api/../engine-rest/task",
        "/engine-rest;x=1/task", "/%65ngine-rest/user")) {
      HttpResponse<String> res = http.send(http.request(path, "staff1").GET().build());
      assertThat(res.statusCode()).as(path).isEqualTo(400);
      assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.contains("problem+json"));
    }
    assertThat(log.getOut()).doesNotContain("Invalid contextPath").doesNotContain("\tat org.springframework");
  }

  private static JsonNode json(HttpResponse<String> res) throws Exception {
    return JSON.readTree(res.body());
  }
}
