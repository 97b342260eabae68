package com.peakcare.briefing;

import static com.peakcare.briefing.BriefingFixtures.ITEMS;
import static com.peakcare.briefing.BriefingFixtures.aCode;
import static com.peakcare.briefing.BriefingFixtures.goLiveInDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.briefing.CampaignBriefingProcess.Elements;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.support.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Readiness, the agents' FAQ, the credits, the correction door and the Tasklist filter, over real HTTP as the
 * least-privileged users: agent1 (after-sales), cslead (after-sales supervisor), auditor1, shop1 (integrator), and
 * the campaign's ops (setter1, peer1).
 */
@PeakCareTest
class BriefingApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired Briefings briefings;
  @LocalServerPort int port;
  Http http;
  BriefingFixtures fx;

  @BeforeEach
  void setUp() {
    init(engine);
    http = new Http(port);
    fx = new BriefingFixtures(http, tasks, runtime, briefings);
  }

  @Test
  void supervisorsSeeWhoPassedWhoHasNotYetWhoFailedTwiceAndTheOpenQuestions() throws Exception {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    Map<String, Object> answers = new HashMap<>(fx.answers(code, "agent1", true));
    answers.put(Vars.AGENT_QUESTION, "前台改价后还按199算吗？");
    tasks.complete(fx.quiz(pi, "agent1").getId(), answers);
    fx.answer(pi, code, "agent2", false);
    fx.answer(pi, code, "agent2", false);

    HttpResponse<String> res = http.get("/api/campaigns/" + code + "/briefing", "cslead");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode view = JSON.readTree(res.body());
    assertThat(view.path("status").asText()).isEqualTo("QUIZ_OPEN");
    assertThat(view.path("passMark").asInt()).isEqualTo(100);
    assertThat(view.path("allReady").asBoolean()).isFalse();
    assertThat(view.path("passed").toString()).isEqualTo("[\"agent1\"]");
    assertThat(view.path("notYet").toString()).isEqualTo("[\"cslead\",\"cslead2\"]");
    assertThat(view.path("failedTwice").toString()).isEqualTo("[\"agent2\"]");
    assertThat(view.path("openQuestions")).singleElement().satisfies(q -> {
      assertThat(q.path("askedBy").asText()).isEqualTo("agent1");
      assertThat(q.path("question").asText()).isEqualTo("前台改价后还按199算吗？");
    });
    assertThat(view.path("round").path("readyBy").asText()).isNotBlank();
    assertThat(view.path("round").path("notesBy").asText()).isEqualTo("setter1");
    JsonNode agent2 = null;
    for (JsonNode a : view.path("agents")) {
      if (a.path("userId").asText().equals("agent2")) {
        agent2 = a;
      }
    }
    assertThat(agent2).isNotNull();
    assertThat(agent2.path("failedAttempts").asInt()).isEqualTo(2);
    assertThat(agent2.path("name").asText()).isEqualTo("郑磊");
  }

  @Test
  void theReadinessIsForSupervisorsAuditorsAndTheCampaignsOpsNotForAgentsOrIntegrators() throws Exception {
    String code = aCode();
    openQuiz(code);
    String path = "/api/campaigns/" + code + "/briefing";

    for (String user : List.of("cslead", "auditor1", "setter1", "peer1")) {
      assertThat(http.get(path, user).statusCode()).as(user).isEqualTo(200);
    }
    for (String user : List.of("agent1", "shop1", "ux1", "staff1")) {
      HttpResponse<String> refused = http.get(path, user);
      assertThat(refused.statusCode()).as(user).isEqualTo(403);
      assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    }
    assertThat(http.get("/api/campaigns/NO-SUCH/briefing", "cslead").statusCode()).isEqualTo(404);
    String notLive = aCode();
    assertThat(http.post("/api/campaigns", "setter1", "{\"code\":\"" + notLive + "\",\"name\":\"x\",\"goLiveAt\":\""
        + goLiveInDays(5) + "\",\"items\":" + ITEMS + "}").statusCode()).isEqualTo(201);
    HttpResponse<String> notYet = http.get("/api/campaigns/" + notLive + "/briefing", "cslead");
    assertThat(notYet.statusCode()).isEqualTo(404);
    assertThat(notYet.body()).contains("approved for launch");
  }

  @Test
  void everyAgentReadsTheNotesAndTheAnsweredQuestions() throws Exception {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    Map<String, Object> answers = new HashMap<>(fx.answers(code, "agent2", true));
    answers.put(Vars.AGENT_QUESTION, "可以和店铺券叠加吗？");
    tasks.complete(fx.quiz(pi, "agent2").getId(), answers);
    tasks.complete(fx.task(pi, Elements.TASK_ANSWER_QUESTION, "setter1").getId(),
        Map.of(Vars.ANSWER, "可以，但实付仍须满199元"));

    HttpResponse<String> res = http.get("/api/campaigns/" + code + "/briefing/faq", "agent1");

    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonNode faq = JSON.readTree(res.body());
    assertThat(faq.path("rules").asText()).contains("单笔实付满199元减30元");
    assertThat(faq.path("notes").get(0).path("notes").asText()).contains("满减按单笔实付");
    assertThat(faq.path("answered").get(0).path("answer").asText()).isEqualTo("可以，但实付仍须满199元");
    assertThat(http.get("/api/campaigns/" + code + "/briefing/faq", "shop1").statusCode()).isEqualTo(403);
  }

  @Test
  void creditsAreSupervisorsAndAuditorsToReadAndEveryonesOwn() throws Exception {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    fx.answer(pi, code, "agent1", true);
    fx.answer(pi, code, "agent2", true);

    JsonNode all = JSON.readTree(http.get("/api/briefing-credits?campaign=" + code, "auditor1").body());
    JsonNode byCslead = JSON.readTree(http.get("/api/briefing-credits?campaign=" + code + "&person=agent2", "cslead")
        .body());
    JsonNode own = JSON.readTree(http.get("/api/briefing-credits?campaign=" + code, "agent1").body());

    assertThat(all.findValuesAsText("person")).containsExactlyInAnyOrder("agent1", "agent2");
    assertThat(all.findValuesAsText("kind")).containsOnly("QUIZ_PASSED");
    assertThat(byCslead.findValuesAsText("person")).containsExactly("agent2");
    assertThat(own.findValuesAsText("person")).containsExactly("agent1");
    assertThat(http.get("/api/briefing-credits?person=agent2", "agent1").statusCode()).isEqualTo(403);
  }

  @Test
  void onlyTheSetterCorrectsALiveCampaignAndAnOpenFindingNeedsAJustification() throws Exception {
    String code = aCode();
    openQuiz(code);
    String path = "/api/campaigns/" + code + "/corrections";
    String trapped = "{\"items\":[{\"id\":\"t1\",\"type\":\"threshold\",\"text\":\"满199减30\",\"threshold\":199},"
        + "{\"id\":\"b1\",\"type\":\"banner\",\"text\":\"主会场入口图 到手价99\",\"bannerPrice\":99,\"itemPrice\":99,"
        + "\"sku\":\"TEA-02\"}],\"reason\":\"文案精简\"";

    assertThat(http.post(path, "peer1", trapped + "}").statusCode()).as("ops, not the setter").isEqualTo(403);
    assertThat(http.post(path, "agent1", trapped + "}").statusCode()).as("not ops").isEqualTo(403);
    assertThat(http.post(path, "setter1", "{\"items\":" + ITEMS + ",\"reason\":\"same\"}").statusCode())
        .as("nothing changed").isEqualTo(409);
    HttpResponse<String> unjustified = http.post(path, "setter1", trapped + "}");
    assertThat(unjustified.statusCode()).as(unjustified.body()).isEqualTo(400);
    assertThat(unjustified.body()).contains("THRESHOLD_NOT_PER_ORDER (t1)", "\"field\":\"items\"");
    assertThat(JSON.readTree(http.get("/api/campaigns/" + code, "auditor1").body()).path("currentVersion").asInt())
        .as("nothing saved").isEqualTo(1);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignBriefingProcess.KEY).singleResult()).satisfies(pi ->
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Elements.TASK_TAKE_QUIZ)
            .count()).as("the round goes on").isEqualTo(4));

    HttpResponse<String> justified = http.post(path, "setter1", trapped
        + ",\"justification\":\"满减本就按单笔计算，客服会说明\"}");
    assertThat(justified.statusCode()).as(justified.body()).isEqualTo(201);
    assertThat(JSON.readTree(justified.body()).path("currentVersion").asInt()).isEqualTo(2);

    String notLive = aCode();
    http.post("/api/campaigns", "setter1", "{\"code\":\"" + notLive + "\",\"name\":\"x\",\"goLiveAt\":\""
        + goLiveInDays(5) + "\",\"items\":" + ITEMS + "}");
    assertThat(http.post("/api/campaigns/" + notLive + "/corrections", "setter1", trapped + "}").statusCode())
        .as("before launch the set-up task fixes it").isEqualTo(409);
  }

  @Test
  void theBriefingFilterShowsSupervisorsEveryOpenQuizAndQuestionAndAgentsTheirOwn() throws Exception {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    fx.answer(pi, code, "agent2", false);
    Map<String, Object> answers = new HashMap<>(fx.answers(code, "cslead", true));
    answers.put(Vars.AGENT_QUESTION, "海报价就是到手价吗？");
    tasks.complete(fx.quiz(pi, "cslead").getId(), answers);
    String filterId = filters.createFilterQuery().filterName(BriefingTasklistFilters.BRIEFINGS).list().stream()
        .filter(f -> f.getOwner() == null).findFirst().orElseThrow().getId();

    List<JsonNode> forCslead = list(filterId, "cslead", code);
    List<JsonNode> forAgent1 = list(filterId, "agent1", code);

    assertThat(forCslead).extracting(t -> t.path("taskDefinitionKey").asText() + ":" + t.path("assignee").asText())
        .containsExactlyInAnyOrder("Task_TakeQuiz:agent1", "Task_TakeQuiz:agent2", "Task_TakeQuiz:cslead2",
            "Task_AnswerQuestion:setter1");
    JsonNode agent2sQuiz = forCslead.stream().filter(t -> t.path("assignee").asText().equals("agent2")).findFirst()
        .orElseThrow();
    Map<String, String> shown = new HashMap<>();
    agent2sQuiz.path("_embedded").path("variable").forEach(v -> shown.put(v.path("name").asText(),
        v.path("value").asText()));
    assertThat(shown).containsEntry(Vars.CAMPAIGN_CODE, code).containsEntry(Vars.QUIZ_ATTEMPT, "2")
        .containsEntry(Vars.FAILED_ATTEMPTS, "1").containsKey(Vars.READY_BY);
    assertThat(forAgent1).extracting(t -> t.path("assignee").asText()).containsExactly("agent1");
    for (String user : List.of("auditor1", "shop1")) {
      assertThat(http.get("/engine-rest/filter/" + filterId, user).statusCode()).as(user).isIn(403, 404);
      assertThat(http.post("/engine-rest/filter/" + filterId + "/list", user, "{}").statusCode()).as(user)
          .isIn(403, 404);
    }
  }

  @Test
  void nobodyStartsABriefingByHandNotEvenAnAdministrator() {
    for (String user : List.of("cslead", "setter1", "demo")) {
      HttpResponse<String> res = http.post("/engine-rest/process-definition/key/" + CampaignBriefingProcess.KEY
          + "/start", user, "{\"businessKey\":\"" + aCode() + "\"}");
      assertThat(res.statusCode()).as(user + ": " + res.body()).isIn(403, 404);
    }
    assertThat(http.post("/engine-rest/process-definition/key/" + CampaignBriefingProcess.KEY + "/start", "demo",
        "{}").body()).contains("自动开始");
  }

  /** The filter's list as Tasklist asks for it (HAL, with the card variables), the campaign's tasks only. */
  private List<JsonNode> list(String filterId, String user, String code) throws Exception {
    HttpResponse<String> res = http.send(http.request("/engine-rest/filter/" + filterId + "/list?firstResult=0"
            + "&maxResults=200", user).header("Accept", "application/hal+json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"processInstanceBusinessKey\":\"" + code + "\"}")).build());
    assertThat(res.statusCode()).as(user + ": " + res.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(res.body()).path("_embedded").path("task").forEach(out::add);
    return out;
  }

  private ProcessInstance openQuiz(String code) {
    ProcessInstance pi = fx.live(code, ITEMS, goLiveInDays(5));
    execute(job(Elements.TASK_PREPARE_ROUND, pi));
    fx.publishNotes(pi, Map.of());
    return pi;
  }
}
