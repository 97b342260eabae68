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
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.CampaignBriefingProcess.Elements;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A quiz is scored on the server, against the stored right options, whatever the client sends: through the engine
 * REST API as Tasklist sends it, as agent1 (and as others who must not answer for agent1).
 */
@PeakCareTest
class BriefingScoringTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired Briefings briefings;
  @LocalServerPort int port;
  Http http;
  BriefingFixtures fx;
  String code;
  ProcessInstance pi;
  String quiz;

  @BeforeEach
  void setUp() {
    init(engine);
    http = new Http(port);
    fx = new BriefingFixtures(http, tasks, runtime, briefings);
    code = aCode();
    pi = fx.live(code, ITEMS, goLiveInDays(5));
    execute(job(Elements.TASK_PREPARE_ROUND, pi));
    fx.publishNotes(pi, Map.of());
    quiz = fx.quiz(pi, "agent1").getId();
  }

  @Test
  void aForgedScoreOrCorrectFlagIsRefusedAndNothingIsRecorded() {
    Map<String, Object> right = fx.answers(code, "agent1", true);
    Map<String, Object> withScore = new LinkedHashMap<>(right);
    withScore.put("score", 100);
    Map<String, Object> withFlag = new LinkedHashMap<>(fx.answers(code, "agent1", false));
    withFlag.put("quiz1Correct", true);
    withFlag.put("passed", true);

    HttpResponse<String> forgedScore = submit("agent1", withScore);
    HttpResponse<String> forgedFlag = submit("agent1", withFlag);

    assertThat(forgedScore.statusCode()).as(forgedScore.body()).isEqualTo(400);
    assertThat(forgedScore.body()).contains("score", "不是这个表单的字段");
    assertThat(forgedFlag.statusCode()).as(forgedFlag.body()).isEqualTo(400);
    assertThat(forgedFlag.body()).containsAnyOf("quiz1Correct", "passed");
    assertThat(briefings.attempts(code)).isEmpty();
    assertThat(fx.quiz(pi, "agent1").getId()).isEqualTo(quiz);
  }

  @Test
  void theServerScoresWrongAnswersAsFailedAndGivesTheQuizAgain() {
    HttpResponse<String> res = submit("agent1", fx.answers(code, "agent1", false));

    assertThat(res.statusCode()).as(res.body()).isEqualTo(204);
    assertThat(briefings.attempts(code, 1, "agent1")).singleElement().satisfies(a -> {
      assertThat(a.passed()).isFalse();
      assertThat(a.correct()).isZero();
      assertThat(a.wrongKeys()).hasSize(2);
    });
    assertThat(fx.quiz(pi, "agent1").getId()).as("a new quiz").isNotEqualTo(quiz);
  }

  @Test
  void anAnswerThatIsNoOptionOrForAQuestionNotAskedOrMissingIsRefusedNamingTheField() {
    Map<String, Object> right = fx.answers(code, "agent1", true);
    Map<String, Object> notAnOption = new LinkedHashMap<>(right);
    notAnOption.put(Vars.QUIZ_ANSWER + 1, "Z");
    Map<String, Object> notAsked = new LinkedHashMap<>(right);
    notAsked.put(Vars.QUIZ_ANSWER + 3, "A");
    Map<String, Object> missing = new LinkedHashMap<>(right);
    missing.remove(Vars.QUIZ_ANSWER + 2);

    assertThat(submit("agent1", notAnOption)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("quizAnswer1");
    });
    assertThat(submit("agent1", notAsked)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("quizAnswer3", "no question 3");
    });
    assertThat(submit("agent1", missing)).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("quizAnswer2", "required");
    });
    assertThat(briefings.attempts(code)).isEmpty();
  }

  @Test
  void nobodyAnswersAgent1sQuizOrTakesItFromThem() {
    Map<String, Object> right = fx.answers(code, "agent1", true);

    assertThat(submit("cslead", right).statusCode()).as("a supervisor may not answer for an agent").isEqualTo(403);
    assertThat(submit("agent2", right).statusCode()).as("another agent does not see it").isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + quiz + "/assignee", "agent1", "{\"userId\":\"agent2\"}").statusCode())
        .as("agent1 may not hand it over").isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + quiz + "/unclaim", "agent1", "").statusCode()).isEqualTo(403);
    assertThat(briefings.attempts(code)).isEmpty();

    assertThat(submit("agent1", right).statusCode()).isEqualTo(204);
    assertThat(briefings.attempts(code)).extracting(Attempt::agent, Attempt::passed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("agent1", true));
  }

  @Test
  void theQuizFormShowsTheQuestionsAndOptionsButNoAnswerOrRule() throws Exception {
    HttpResponse<String> res = http.get("/engine-rest/task/" + quiz + "/form-variables?deserializeValues=false",
        "agent1");

    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode vars = JSON.readTree(res.body());
    assertThat(vars.path("quizQuestion1").path("value").asText()).contains("主会场入口图 到手价99");
    assertThat(vars.path("quizQuestion2").path("value").asText()).contains("单笔实付满199元减30元", "两笔");
    assertThat(vars.has("quizQuestion3")).isFalse();
    assertThat(vars.path("quizOptions2").path("type").asText()).isEqualTo("Json");
    assertThat(JSON.readTree(vars.path("quizOptions2").path("value").asText())).hasSize(3);
    assertThat(vars.path("briefingNotes").path("value").asText()).contains("满减按单笔实付");
    assertThat(res.body()).doesNotContain("门槛按单笔实付计算", "correct", "Right answer");
  }

  private HttpResponse<String> submit(String user, Map<String, Object> answers) {
    Map<String, Object> variables = new LinkedHashMap<>();
    answers.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    try {
      return http.post("/engine-rest/task/" + quiz + "/submit-form", user,
          JSON.writeValueAsString(Map.of("variables", variables)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
