package com.peakcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@PeakCareTest
class SecurityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void anonymousCallsToTheApisAreRefusedWith401() throws Exception {
    for (String path : List.of("/engine-rest/user", "/engine-rest/process-definition", "/api/me", "/v3/api-docs")) {
      HttpResponse<String> res = http.get(path, null);
      assertThat(res.statusCode()).as(path).isEqualTo(401);
      assertThat(res.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> v.startsWith("Basic"));
    }
    HttpResponse<String> res = http.get("/api/me", null);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("application/problem+json"));
    assertThat(JSON.readTree(res.body()).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void anonymousStartOfAProcessIsRefusedAndStartsNothing() {
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("smoke-one-task").count();
    HttpResponse<String> res = http.post("/engine-rest/process-definition/key/smoke-one-task/start", null, "{}");
    assertThat(res.statusCode()).isEqualTo(401);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("smoke-one-task").count()).isEqualTo(before);
  }

  @Test
  void wrongPasswordIs401() {
    // staff2: a failed login makes Camunda delay that user's next attempts
    HttpResponse<String> res = http.send(http.request("/api/me", null)
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("staff2:wrong".getBytes()))
        .GET().build());
    assertThat(res.statusCode()).isEqualTo(401);
  }

  @Test
  void aUserSeesTheirOwnProfileWithDepartmentAndSuperior() throws Exception {
    HttpResponse<String> res = http.get("/api/me", "agent1");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode me = JSON.readTree(res.body());
    assertThat(me.path("department").asText()).isEqualTo("after-sales");
    assertThat(me.path("superior").asText()).isEqualTo("cslead");
    assertThat(me.path("groups").toString()).contains("after-sales", "all-staff");
  }

  /** Issue 23: the security filters are not timed per request (management.observations.enable.spring.security). */
  @Test
  void theSecurityFilterChainIsNotTimedPerRequest() {
    assertThat(http.get("/api/me", "agent1").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/metrics/http.server.requests", "demo").statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/metrics/spring.security.filterchains", "demo").statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/metrics/spring.security.authorizations", "demo").statusCode()).isEqualTo(404);
  }

  @Test
  void otherGroupsGet403() {
    assertThat(http.get("/actuator/metrics", "agent1").statusCode()).isEqualTo(403);
    assertThat(http.get("/actuator/metrics", "demo").statusCode()).isEqualTo(200);
    assertThat(http.put("/api/staff/agent2", "agent1", "{\"department\":\"ops\"}").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/staff/agent2", "staff1").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/staff/agent2", "cslead").statusCode()).isEqualTo(200);
  }

  @Test
  void engineAuthorizationChecksApplyToRestCalls() {
    // staff1 (all-staff only) may read definitions but not start processes
    HttpResponse<String> refused = http.post("/engine-rest/process-definition/key/smoke-one-task/start", "staff1", "{}");
    assertThat(refused.statusCode()).isEqualTo(403);
    // one sentence a person can act on, no permission dump (issue 14)
    assertThat(refused.body()).contains("\"type\":\"Refused\"", "You may not do this")
        .doesNotContain("CREATE_INSTANCE", "permission", "Exception");
    HttpResponse<String> started = http.post("/engine-rest/process-definition/key/smoke-one-task/start", "demo", "{}");
    assertThat(started.statusCode()).isEqualTo(200);
  }

  @Test
  void eachGroupSeesOnlyItsOwnTasks() throws Exception {
    String pi = runtimeService.startProcessInstanceByKey("smoke-one-task").getId();
    // the smoke task is for after-sales
    JsonNode agentTasks = JSON.readTree(http.get("/engine-rest/task?maxResults=10&processInstanceId=" + pi, "agent1")
        .body());
    JsonNode warehouseTasks = JSON.readTree(http.get("/engine-rest/task?maxResults=10&processInstanceId=" + pi,
        "warehouse1").body());
    assertThat(agentTasks).hasSize(1);
    assertThat(warehouseTasks).isEmpty();
    String taskId = agentTasks.get(0).path("id").asText();
    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "warehouse1", "{\"userId\":\"warehouse1\"}")
        .statusCode()).isIn(403, 404);
    assertThat(http.post("/engine-rest/task/" + taskId + "/claim", "agent1", "{\"userId\":\"agent1\"}")
        .statusCode()).isEqualTo(204);
  }

  @Test
  void setupEndpointIsRefusedEvenForAnonymousFirstUsers() {
    String body = "{\"profile\":{\"id\":\"intruder\",\"firstName\":\"I\",\"lastName\":\"N\",\"email\":\"i@x\"},"
        + "\"credentials\":{\"password\":\"intruder\"}}";
    HttpResponse<String> res = http.post("/camunda/api/admin/setup/default/user/create", null, body);
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(http.post("/camunda/api/admin/setup/default/user/create", "demo", body).statusCode()).isEqualTo(403);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void healthShowsStatusOnly() throws Exception {
    HttpResponse<String> res = http.get("/actuator/health", null);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode health = JSON.readTree(res.body());
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.size()).isEqualTo(1);
  }

  @Test
  void webappLoginSetsAnHttpOnlySameSiteSessionCookie() {
    HttpResponse<String> page = http.get("/camunda/app/tasklist/default/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    String xsrf = cookie(page, "XSRF-TOKEN");
    String session = cookie(page, "SESSION");
    HttpResponse<String> login = http.send(http.request("/camunda/api/admin/auth/user/default/login/tasklist", null)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", xsrf)
        .header("Cookie", "SESSION=" + session + "; XSRF-TOKEN=" + xsrf)
        .POST(HttpRequest.BodyPublishers.ofString("username=agent1&password=demo"))
        .build());
    assertThat(login.statusCode()).isEqualTo(200);
    String setCookie = login.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax");
  }

  @Test
  void openApiDescribesPeakCaresApi() {
    HttpResponse<String> res = http.get("/v3/api-docs", "agent1");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("/api/me");
  }

  @Test
  void aRememberedLoginNeverAcceptsAnotherPasswordAndExpiresAfterItsTtl() throws Exception {
    String user = "cache-" + System.nanoTime();
    var u = identityService.newUser(user);
    u.setPassword("first-secret");
    identityService.saveUser(u);
    identityService.createMembership(user, "after-sales");

    assertThat(basic("/api/me", user, "first-secret").statusCode()).isEqualTo(200);
    assertThat(basic("/api/me", user, "not-the-secret").statusCode()).as("a wrong password is never served from the cache")
        .isEqualTo(401);

    u = identityService.createUserQuery().userId(user).singleResult();
    u.setPassword("second-secret");
    identityService.saveUser(u);
    // the old password expires from the cache within the TTL (2 s in tests, 30 s by default)
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    int old = 200;
    while (old == 200 && System.nanoTime() < deadline) {
      Thread.sleep(250);
      old = basic("/api/me", user, "first-secret").statusCode();
    }
    assertThat(old).as("the old password after the TTL").isEqualTo(401);
    // Camunda delays logins for a few seconds after a failed one: the new password works once that has passed
    int fresh = 401;
    while (fresh != 200 && System.nanoTime() < deadline + java.util.concurrent.TimeUnit.SECONDS.toNanos(20)) {
      Thread.sleep(500);
      fresh = basic("/api/me", user, "second-secret").statusCode();
    }
    assertThat(fresh).isEqualTo(200);
  }

  private HttpResponse<String> basic(String path, String user, String password) {
    String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    return http.send(http.request(path, null).header("Authorization", "Basic " + token).GET().build());
  }

  private static String cookie(HttpResponse<String> res, String name) {
    return res.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') > 0 ? c.indexOf(';') : c.length()))
        .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name));
  }
}
