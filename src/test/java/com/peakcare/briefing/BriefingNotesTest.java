package com.peakcare.briefing;

import static com.peakcare.briefing.BriefingFixtures.ITEMS;
import static com.peakcare.briefing.BriefingFixtures.aCode;
import static com.peakcare.briefing.BriefingFixtures.goLiveInDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.CampaignBriefingProcess.Elements;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The notes task: the setter's notes, ops' own yes/no questions, and who may publish them. */
@PeakCareTest
class BriefingNotesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired Briefings briefings;
  @LocalServerPort int port;
  Http http;
  BriefingFixtures fx;
  String code;
  ProcessInstance pi;
  String notes;

  @BeforeEach
  void setUp() {
    init(engine);
    http = new Http(port);
    fx = new BriefingFixtures(http, tasks, runtime, briefings);
    code = aCode();
    pi = fx.live(code, ITEMS, goLiveInDays(5));
    execute(job(Elements.TASK_PREPARE_ROUND, pi));
    notes = fx.task(pi, Elements.TASK_PUBLISH_NOTES, "setter1").getId();
  }

  @Test
  void theSetterSeesTheGeneratedQuestionsWithTheirRightAnswersBeforePublishing() {
    String shown = forms.getTaskFormVariables(notes).getValue(Vars.GENERATED_QUESTIONS, String.class);

    assertThat(shown).contains("1. 「主会场入口图 到手价99」", "正确答案 · Right answer: 99元 · 99",
        "正确答案 · Right answer: 不能，两笔都不享受", "规则 · Rule: 门槛按单笔实付计算");
  }

  @Test
  void opsOwnYesNoQuestionIsAskedAfterTheGeneratedOnesAndItsRuleShownWhenAnsweredWrong() {
    fx.publishNotes(pi, Map.of(Vars.OPS_QUESTION + 1, "满减能和店铺券叠加吗？", Vars.OPS_ANSWER + 1, "yes",
        Vars.OPS_RULE + 1, "可以叠加，但用券后单笔实付仍须满199元"));

    assertThat(fx.sheet(code, "agent1")).extracting(Question::itemId, Question::source, Question::correct)
        .containsExactly(tuple("b1", Briefings.GENERATED, fx.sheet(code, "agent1").get(0).correct()),
            tuple("t1", Briefings.GENERATED, fx.sheet(code, "agent1").get(1).correct()),
            tuple(null, Briefings.OPS, "yes"));
    Map<String, Object> answers = new LinkedHashMap<>(fx.answers(code, "agent1", true));
    answers.put(Vars.QUIZ_ANSWER + 3, "no");
    tasks.complete(fx.quiz(pi, "agent1").getId(), answers);

    assertThat(briefings.attempts(code, 1, "agent1")).singleElement()
        .satisfies(a -> assertThat(a.correct()).isEqualTo(2));
    assertThat(forms.getTaskFormVariables(fx.quiz(pi, "agent1").getId()).getValue(Vars.QUIZ_FEEDBACK, String.class))
        .contains("满减能和店铺券叠加吗？", "规则 · Rule: 可以叠加，但用券后单笔实付仍须满199元")
        .doesNotContain("门槛按单笔实付计算");
  }

  @Test
  void aQuestionNeedsItsAnswerAndRuleAndTheNotesAreRequired() {
    assertThat(submit("setter1", Map.of(Vars.NOTES, "说明", Vars.OPS_QUESTION + 1, "能叠加吗？",
        Vars.OPS_RULE + 1, "可以"))).satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(400);
          assertThat(r.body()).contains("opsAnswer1");
        });
    assertThat(submit("setter1", Map.of(Vars.NOTES, "说明", Vars.OPS_QUESTION + 1, "能叠加吗？",
        Vars.OPS_ANSWER + 1, "yes"))).satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(400);
          assertThat(r.body()).contains("opsRule1");
        });
    assertThat(submit("setter1", Map.of(Vars.NOTES, "说明", Vars.OPS_ANSWER + 2, "no"))).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("opsQuestion2");
    });
    assertThat(submit("setter1", Map.of(Vars.OPS_QUESTION + 1, ""))).satisfies(r -> {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.body()).contains("briefingNotes");
    });
    assertThat(fx.task(pi, Elements.TASK_PUBLISH_NOTES, "setter1")).as("still to publish").isNotNull();
  }

  @Test
  void theSetterHandsTheNotesToAColleagueOfTheirDepartmentOnly() {
    assertThat(submit("peer1", Map.of(Vars.NOTES, "说明")).statusCode()).as("not yet peer1's").isEqualTo(403);
    assertThat(http.post("/engine-rest/task/" + notes + "/assignee", "setter1", "{\"userId\":\"agent1\"}")
        .statusCode()).as("not ops").isEqualTo(403);

    assertThat(http.post("/engine-rest/task/" + notes + "/assignee", "setter1", "{\"userId\":\"peer1\"}")
        .statusCode()).isEqualTo(204);
    assertThat(submit("setter1", Map.of(Vars.NOTES, "说明")).statusCode()).as("handed over").isEqualTo(403);
    assertThat(submit("peer1", Map.of(Vars.NOTES, "满减按单笔实付")).statusCode()).isEqualTo(204);
    assertThat(briefings.round(code, 1).notesBy()).isEqualTo("peer1");
  }

  private HttpResponse<String> submit(String user, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    try {
      return http.post("/engine-rest/task/" + notes + "/submit-form", user,
          JSON.writeValueAsString(Map.of("variables", variables)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
