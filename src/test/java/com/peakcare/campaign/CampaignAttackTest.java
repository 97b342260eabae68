package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignApiTest.CLEAN;
import static com.peakcare.campaign.CampaignApiTest.body;
import static com.peakcare.campaign.CampaignFixtures.aCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.audit.SignOff;
import com.peakcare.audit.SignOffLedger;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12's attacks on the campaign check's four-eyes rule and records, as a setter, a colleague holding two roles
 * and an integrator would try them: one person never holds two checking roles on one version, by any path.
 */
@PeakCareTest
class CampaignAttackTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired CampaignService campaigns;
  @Autowired SignOffLedger signOffs;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  @Test
  void theSetterCannotSignTheirOwnPeerCheckByAnyPath() throws Exception {
    String code = aCode();
    // the attack of the issue: started at the peer check, naming someone else the setter
    String start = "{\"businessKey\":\"" + code + "\",\"startInstructions\":[{\"type\":\"startBeforeActivity\","
        + "\"activityId\":\"Task_PeerCheck\"}],\"variables\":{\"campaignCode\":{\"value\":\"" + code + "\"},"
        + "\"setter\":{\"value\":\"peer1\"}}}";
    HttpResponse<String> middle = http.post("/engine-rest/process-definition/key/campaign-check/start", "setter1", start);
    assertThat(middle.statusCode()).as(middle.body()).isEqualTo(403);
    // the start form with a setter of one's choosing
    HttpResponse<String> named = http.post("/engine-rest/process-definition/key/campaign-check/submit-form", "setter1",
        "{\"variables\":{\"code\":{\"value\":\"" + code + "\"},\"setter\":{\"value\":\"peer1\"}}}");
    assertThat(named.statusCode()).isEqualTo(400);
    assertThat(named.body()).contains("setter");
    assertThat(campaigns.find(code)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code).count()).isZero();

    // started honestly, the record says who the setter is; the peer check refuses them on every path
    assertThat(http.post("/api/campaigns", "setter1", body(code, "", CLEAN)).statusCode()).isEqualTo(201);
    complete(code, "Task_SetUpCampaign", "setter1", "{}");
    complete(code, "Task_RecheckOwnSetup", "setter1", "{\"errorCount\":{\"value\":0}}");
    String peer = taskId(code, "Task_PeerCheck");
    for (String path : new String[] {"/claim", "/assignee"}) {
      HttpResponse<String> res = http.post("/engine-rest/task/" + peer + path, "demo", "{\"userId\":\"setter1\"}");
      assertThat(res.statusCode()).as(path).isEqualTo(403);
      assertThat(res.body()).contains("四眼原则").contains("Four-eyes");
    }
    assertThat(http.post("/engine-rest/task/" + peer + "/complete", "setter1",
        "{\"variables\":{\"errorCount\":{\"value\":0}}}").statusCode()).isIn(403, 404);
    assertThat(signOffs.forCampaign(code)).extracting(SignOff::signerId).containsExactly("setter1");
    assertThat(signOffs.forCampaign(code).get(0).signerName()).isEqualTo("林伟");
  }

  @Test
  void aColleagueInTwoDepartmentsHoldsOneCheckingRolePerVersion() throws Exception {
    String both = "opsux-" + System.nanoTime() % 100_000;
    User user = identity.newUser(both);
    user.setFirstName("Two");
    user.setLastName("Hats");
    user.setPassword("demo");
    identity.saveUser(user);
    identity.createMembership(both, "ops");
    identity.createMembership(both, "ux");
    http.put("/api/staff/" + both, "demo", "{\"department\":\"ops\",\"superior\":\"opslead\"}");

    String code = aCode();
    assertThat(http.post("/api/campaigns", "setter1", body(code, "", CLEAN)).statusCode()).isEqualTo(201);
    complete(code, "Task_SetUpCampaign", "setter1", "{}");
    complete(code, "Task_RecheckOwnSetup", "setter1", "{\"errorCount\":{\"value\":0}}");
    String peer = taskId(code, "Task_PeerCheck");
    tasks.claim(peer, both);
    tasks.complete(peer, java.util.Map.of("errorCount", 0));

    String ux = taskId(code, "Task_UxCheck");
    HttpResponse<String> second = http.post("/engine-rest/task/" + ux + "/assignee", "uxlead",
        "{\"userId\":\"" + both + "\"}");
    assertThat(second.statusCode()).isEqualTo(403);
    assertThat(second.body()).contains("Four-eyes");
    tasks.claim(ux, "ux1");
    tasks.complete(ux, java.util.Map.of("errorCount", 0));
    assertThat(signOffs.forCampaign(code)).extracting(SignOff::signerId).containsExactly("setter1", both, "ux1");
    assertThat(signOffs.verify(code).valid()).isTrue();
  }

  @Test
  void anIntegratorReadsNoPersonsRecordsOfACampaign() throws Exception {
    String code = aCode();
    assertThat(http.post("/api/campaigns", "setter1", body(code, "", CLEAN)).statusCode()).isEqualTo(201);
    // the shop's system sees where any check stands, not who checked it
    HttpResponse<String> reduced = http.get("/api/campaigns/" + code, "shop1");
    assertThat(reduced.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(reduced.body()).path("signoffs")).isEmpty();
    assertThat(JSON.readTree(reduced.body()).path("ledger")).isEmpty();
    assertThat(http.get("/api/campaigns/" + code, "ux1").statusCode()).isEqualTo(200);
    // an integrator starting a check names its setter and sees where it stands, not the people's records
    String own = aCode();
    HttpResponse<String> started = http.post("/api/campaigns", "shop1", body(own, ",\"setter\":\"setter1\"", CLEAN));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    JsonNode view = JSON.readTree(started.body());
    assertThat(view.path("stage").asText()).isEqualTo("SET_UP");
    assertThat(view.path("signoffs")).isEmpty();
    assertThat(view.path("openTasks")).isEmpty();
    // and reads it back later the same way (DESIGN: GET /api/campaigns/{code} for integrators)
    HttpResponse<String> read = http.get("/api/campaigns/" + own, "shop1");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    JsonNode again = JSON.readTree(read.body());
    assertThat(again.path("stage").asText()).isEqualTo("SET_UP");
    assertThat(again.path("signoffs")).isEmpty();
    assertThat(again.path("openTasks")).isEmpty();
    assertThat(again.path("ledger")).isEmpty();
  }

  @Test
  void anItemWhoseTextContainsDollarBracesIsAcceptedAndItsSetUpFormCompletes() throws Exception {
    String code = aCode();
    String items = "[{\"id\":\"cut-1\",\"type\":\"threshold\",\"text\":\"单笔实付满199元减30元，页面显示 ${price} 处填实价\","
        + "\"threshold\":199}]";
    HttpResponse<String> res = http.post("/api/campaigns", "setter1", body(code, "", items));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    String rows = "[{\"type\":\"threshold\",\"id\":\"cut-1\",\"text\":\"单笔实付满199元减30元，页面显示 #{price} 与 ${price}\","
        + "\"threshold\":199}]";
    HttpResponse<String> setUp = http.post("/engine-rest/task/" + taskId(code, "Task_SetUpCampaign") + "/submit-form",
        "setter1", "{\"variables\":{\"itemRows\":{\"value\":" + JSON.writeValueAsString(rows)
            + ",\"type\":\"Json\"}}}");
    assertThat(setUp.statusCode()).as(setUp.body()).isEqualTo(204);
    assertThat(campaigns.currentVersion(code).items().get(0).text()).contains("#{price} 与 ${price}");
  }

  private void complete(String code, String key, String user, String variables) {
    String body = variables.equals("{}") ? "{}" : "{\"variables\":" + variables + "}";
    HttpResponse<String> res = http.post("/engine-rest/task/" + taskId(code, key) + "/complete", user, body);
    assertThat(res.statusCode()).as(key + ": " + res.body()).isEqualTo(204);
  }

  private String taskId(String code, String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult().getId();
  }
}
