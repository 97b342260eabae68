package com.peakcare.briefing;

import static com.peakcare.briefing.BriefingFixtures.aCode;
import static com.peakcare.briefing.BriefingFixtures.goLiveInDays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.briefing.BriefingRecords.AskedQuestion;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.CampaignBriefingProcess.Elements;
import com.peakcare.support.BrowserScenario;
import com.peakcare.support.Http;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * agent1's briefing quiz in the real Tasklist: from the 活动宣贯 filter, the tempting answer first (scored wrong on
 * the server), the quiz again with the rule, then the right answer and a question for ops.
 */
@PeakCareTest
class BriefingTasklistBrowserTest {

  /** One threshold discount: one question, "两笔订单各付120元，能否每笔各减30元？" */
  private static final String ONE_THRESHOLD = "[{\"id\":\"t1\",\"type\":\"threshold\",\"text\":\"单笔实付满199元减30元\","
      + "\"threshold\":199}]";

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired Briefings briefings;
  @Autowired Readiness readiness;

  @Test
  void agent1FailsTheQuizReadsTheRuleAndPassesItInTasklist() throws Exception {
    init(engine);
    BriefingFixtures fx = new BriefingFixtures(new Http(port), tasks, runtime, briefings);
    String code = aCode();
    ProcessInstance pi = fx.live(code, ONE_THRESHOLD, goLiveInDays(5));
    execute(job(Elements.TASK_PREPARE_ROUND, pi));
    fx.publishNotes(pi, Map.of());

    JsonNode seen = new ObjectMapper().readTree(BrowserScenario.run(port, "briefing-quiz:" + code));

    assertThat(seen.path("question").asText()).contains("单笔实付满199元减30元", "每笔实付120元", "能否每笔各减30元");
    assertThat(seen.path("options").toString()).contains("Yes, 30 off each", "No: neither order qualifies");
    assertThat(seen.path("feedback").asText()).contains("答对0/1", "未通过", "门槛按单笔实付计算");
    assertThat(briefings.attempts(code, 1, "agent1")).extracting(Attempt::attempt, Attempt::passed)
        .containsExactly(tuple(1, false), tuple(2, true));
    assertThat(readiness.of(code).passed()).containsExactly("agent1");
    assertThat(briefings.askedQuestions(code)).extracting(AskedQuestion::askedBy, AskedQuestion::question)
        .containsExactly(tuple("agent1", "满减可以和店铺券叠加吗？"));
    assertThat(fx.task(pi, Elements.TASK_ANSWER_QUESTION, "setter1")).as("the setter's answer task").isNotNull();
  }
}
