package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignFixtures.aCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.audit.SignOff;
import com.peakcare.audit.SignOffLedger;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The campaign API and the check tasks through real HTTP, security included. */
@PeakCareTest
class CampaignApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired TaskService tasks;
  @Autowired SignOffLedger signOffs;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  static String body(String code, String extra, String items) {
    return "{\"code\":\"" + code + "\",\"name\":\"双11 主会场\",\"goLiveAt\":\""
        + Instant.now().plus(4, ChronoUnit.DAYS) + "\"" + extra + ",\"items\":" + items + "}";
  }

  static final String TRAPS = "[{\"id\":\"first-n\",\"type\":\"gift\",\"text\":\"前100名下单送帆布袋\",\"firstN\":100},"
      + "{\"id\":\"threshold\",\"type\":\"threshold\",\"text\":\"满99送试用装\",\"threshold\":99,\"giftValue\":20},"
      + "{\"id\":\"cup\",\"type\":\"gift\",\"text\":\"单笔实付满118元送148元保温杯\",\"threshold\":118,\"giftValue\":148},"
      + "{\"id\":\"banner\",\"type\":\"banner\",\"text\":\"入口图 到手价89\",\"bannerPrice\":89,\"itemPrice\":99}]";

  static final String CLEAN = "[{\"id\":\"gift-1\",\"type\":\"gift\",\"text\":\"11月11日00:00-00:30单笔实付满199元送保温杯\","
      + "\"threshold\":199,\"giftValue\":148}]";

  @Test
  void startingACampaignAnswersWithEachTrapAsAFindingWithItsItemAndFix() throws Exception {
    String code = aCode();
    HttpResponse<String> res = http.post("/api/campaigns", "setter1", body(code, "", TRAPS));
    assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
    assertThat(res.headers().firstValue("Location")).hasValue("/api/campaigns/" + code);
    JsonNode c = JSON.readTree(res.body());
    assertThat(c.path("setter").asText()).isEqualTo("setter1");
    assertThat(c.path("stage").asText()).isEqualTo("SET_UP");
    assertThat(c.path("currentHash").asText()).matches("[0-9a-f]{64}");
    assertThat(c.path("findings").findValuesAsText("code")).containsExactlyInAnyOrder(
        "FIRST_N_UNVERIFIABLE", "THRESHOLD_NOT_PER_ORDER", "GIFT_EXCEEDS_THRESHOLD", "BANNER_PRICE_MISMATCH");
    for (JsonNode f : c.path("findings")) {
      String expectedItem = switch (f.path("code").asText()) {
        case "FIRST_N_UNVERIFIABLE" -> "first-n";
        case "THRESHOLD_NOT_PER_ORDER" -> "threshold";
        case "GIFT_EXCEEDS_THRESHOLD" -> "cup";
        default -> "banner";
      };
      assertThat(f.path("itemId").asText()).isEqualTo(expectedItem);
      assertThat(f.path("fix").asText()).isNotBlank();
      assertThat(f.path("open").asBoolean()).isTrue();
    }
    assertThat(c.path("findings").toString()).contains("单笔实付").contains("order's creation time");
    // the default all-hands deadline: two hours before go-live
    assertThat(Instant.parse(c.path("goLiveAt").asText()).minusSeconds(7200))
        .isEqualTo(Instant.parse(c.path("allHandsDeadline").asText()));
    assertThat(c.path("openTasks").get(0).path("taskDefinitionKey").asText()).isEqualTo("Task_SetUpCampaign");
    assertThat(c.path("openTasks").get(0).path("assignee").asText()).isEqualTo("setter1");
  }

  @Test
  void aDuplicateCodeIs409AndStartsNothing() {
    String code = aCode();
    assertThat(http.post("/api/campaigns", "setter1", body(code, "", CLEAN)).statusCode()).isEqualTo(201);
    HttpResponse<String> again = http.post("/api/campaigns", "peer1", body(code, "", CLEAN));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(code).count()).isEqualTo(1);
  }

  @Test
  void invalidCampaignsAreRefusedNamingEachField() throws Exception {
    String items = "[{\"id\":\"a\",\"type\":\"gift\",\"text\":\"\"},{\"id\":\"a\",\"type\":\"gift\",\"text\":\"x\","
        + "\"giftValue\":-1}]";
    HttpResponse<String> res = http.post("/api/campaigns", "setter1",
        "{\"code\":\"" + aCode() + "\",\"goLiveAt\":\"2020-01-01T00:00:00Z\",\"items\":" + items + "}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(res.body()).path("errors").findValuesAsText("field"))
        .contains("name", "items[0].text", "items[1].giftValue");

    HttpResponse<String> past = http.post("/api/campaigns", "setter1", "{\"code\":\"" + aCode()
        + "\",\"name\":\"n\",\"goLiveAt\":\"2020-01-01T00:00:00Z\",\"items\":" + CLEAN + "}");
    assertThat(past.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(past.body()).path("errors").findValuesAsText("field")).containsExactly("goLiveAt");

    String goLive = Instant.now().plus(1, ChronoUnit.DAYS).toString();
    HttpResponse<String> lateDeadline = http.post("/api/campaigns", "setter1", "{\"code\":\"" + aCode()
        + "\",\"name\":\"n\",\"goLiveAt\":\"" + goLive + "\",\"allHandsDeadline\":\"" + goLive + "\",\"items\":"
        + CLEAN + "}");
    assertThat(JSON.readTree(lateDeadline.body()).path("errors").findValuesAsText("field"))
        .containsExactly("allHandsDeadline");
  }

  @Test
  void onlyOpsAndIntegratorsStartCampaignsAndIntegratorsNameTheSetter() throws Exception {
    assertThat(http.post("/api/campaigns", "staff1", body(aCode(), "", CLEAN)).statusCode()).isEqualTo(403);
    assertThat(http.post("/api/campaigns", "agent1", body(aCode(), "", CLEAN)).statusCode()).isEqualTo(403);

    HttpResponse<String> noSetter = http.post("/api/campaigns", "shop1", body(aCode(), "", CLEAN));
    assertThat(noSetter.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noSetter.body()).path("errors").findValuesAsText("field")).containsExactly("setter");

    String code = aCode();
    HttpResponse<String> named = http.post("/api/campaigns", "shop1", body(code, ",\"setter\":\"setter1\"", CLEAN));
    assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
    assertThat(JSON.readTree(named.body()).path("setter").asText()).isEqualTo("setter1");

    HttpResponse<String> opsNamesOther = http.post("/api/campaigns", "peer1",
        body(aCode(), ",\"setter\":\"setter1\"", CLEAN));
    assertThat(opsNamesOther.statusCode()).isEqualTo(400);
  }

  @Test
  void aCustomerReportBeforeLaunchIs409() {
    String code = aCode();
    http.post("/api/campaigns", "setter1", body(code, "", CLEAN));
    HttpResponse<String> res = http.post("/api/campaigns/" + code + "/customer-reports", "agent1",
        "{\"description\":\"banner says 89\"}");
    assertThat(res.statusCode()).isEqualTo(409);
    assertThat(http.post("/api/campaigns/" + code + "/customer-reports", "staff1",
        "{\"description\":\"x\"}").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/campaigns/NOPE-" + code, "setter1").statusCode()).isEqualTo(404);
  }

  @Test
  void theSetterCannotCompleteThePeerCheckThroughEngineRest() throws Exception {
    String code = aCode();
    assertThat(http.post("/api/campaigns", "setter1", body(code, "", CLEAN)).statusCode()).isEqualTo(201);
    // set-up and re-check by the setter, through Camunda's REST API as Tasklist does
    assertThat(completeOverRest(code, "Task_SetUpCampaign", "setter1", "{}").statusCode()).isEqualTo(204);
    HttpResponse<String> noCount = completeOverRest(code, "Task_RecheckOwnSetup", "setter1", "{}");
    assertThat(noCount.statusCode()).as("the form's rule, answered as a bad request").isEqualTo(400);
    assertThat(noCount.body()).contains("errorCount");
    HttpResponse<String> recheck = completeOverRest(code, "Task_RecheckOwnSetup", "setter1",
        "{\"errorCount\":{\"value\":0,\"type\":\"Integer\"}}");
    assertThat(recheck.statusCode()).as(recheck.body()).isEqualTo(204);

    String peerTask = taskId(code, "Task_PeerCheck");
    String vars = "{\"variables\":{\"errorCount\":{\"value\":0,\"type\":\"Integer\"}}}";
    HttpResponse<String> bySetter = http.post("/engine-rest/task/" + peerTask + "/complete", "setter1", vars);
    assertThat(bySetter.statusCode()).isIn(403, 404);
    HttpResponse<String> claimBySetter = http.post("/engine-rest/task/" + peerTask + "/claim", "setter1",
        "{\"userId\":\"setter1\"}");
    assertThat(claimBySetter.statusCode()).isIn(403, 404);
    // even an administrator cannot hand the peer check to the setter
    HttpResponse<String> assignedBySetter = http.post("/engine-rest/task/" + peerTask + "/assignee", "demo",
        "{\"userId\":\"setter1\"}");
    assertThat(assignedBySetter.statusCode()).as("a refusal, not a server error").isEqualTo(403);
    assertThat(assignedBySetter.body()).contains("Four-eyes");
    assertThat(tasks.createTaskQuery().taskId(peerTask).singleResult().getAssignee()).isNull();
    assertThat(signOffs.forCampaign(code)).extracting(SignOff::stage).containsExactly("RECHECK");

    HttpResponse<String> unclaimed = http.post("/engine-rest/task/" + peerTask + "/complete", "peer1", vars);
    assertThat(unclaimed.statusCode()).as("a sign-off needs a named signer: claim first").isEqualTo(403);
    assertThat(unclaimed.body()).contains("Claim the task first");
    assertThat(http.post("/engine-rest/task/" + peerTask + "/claim", "peer1", "{\"userId\":\"peer1\"}").statusCode())
        .isEqualTo(204);
    HttpResponse<String> byPeer = http.post("/engine-rest/task/" + peerTask + "/complete", "peer1", vars);
    assertThat(byPeer.statusCode()).as(byPeer.body()).isEqualTo(204);
    assertThat(signOffs.forCampaign(code)).extracting(SignOff::signerId).containsExactly("setter1", "peer1");
    JsonNode c = JSON.readTree(http.get("/api/campaigns/" + code, "setter1").body());
    assertThat(c.path("stage").asText()).isEqualTo("UX_CHECK");
    assertThat(c.path("signoffs").get(1).path("signerName").asText()).isEqualTo("赵敏");
    assertThat(c.path("signoffs").get(1).path("currentVersion").asBoolean()).isTrue();
  }

  @Test
  void nobodyButAuditorsReadsOtherPeoplesRewardsAndPenalties() {
    assertThat(http.get("/api/campaign-ledger?person=peer1", "staff1").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/campaign-ledger?person=peer1", "opslead").statusCode()).isEqualTo(403);
    assertThat(http.get("/api/campaign-ledger?person=peer1", "auditor1").statusCode()).isEqualTo(200);
    assertThat(http.get("/api/campaign-ledger", "peer1").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> completeOverRest(String code, String key, String user, String variables) {
    String body = variables.equals("{}") ? "{}" : "{\"variables\":" + variables + "}";
    return http.post("/engine-rest/task/" + taskId(code, key) + "/complete", user, body);
  }

  private String taskId(String code, String key) {
    return tasks.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(key).singleResult().getId();
  }
}
