package com.peakcare.briefing;

import static com.peakcare.briefing.BriefingFixtures.AGENTS;
import static com.peakcare.briefing.BriefingFixtures.CORRECTED_ITEMS;
import static com.peakcare.briefing.BriefingFixtures.ITEMS;
import static com.peakcare.briefing.BriefingFixtures.aCode;
import static com.peakcare.briefing.BriefingFixtures.goLiveInDays;
import static com.peakcare.briefing.CampaignBriefingProcess.Elements.*;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.peakcare.PeakCareTest;
import com.peakcare.briefing.BriefingRecords.Attempt;
import com.peakcare.briefing.BriefingRecords.Credit;
import com.peakcare.briefing.BriefingRecords.Question;
import com.peakcare.briefing.BriefingRecords.Round;
import com.peakcare.briefing.CampaignBriefingProcess.Status;
import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.campaign.CampaignCheckProcess;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One test per path through campaign-briefing.bpmn, driven through the engine as the demo users would. */
@PeakCareTest
class BriefingProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired Briefings briefings;
  @Autowired BriefingCredits credits;
  @Autowired Readiness readiness;
  @LocalServerPort int port;
  BriefingFixtures fx;

  @BeforeEach
  void setUp() {
    init(engine);
    fx = new BriefingFixtures(new Http(port), tasks, runtime, briefings);
  }

  @Test
  void shouldMarkEveryAgentReadyWhenAllPassFirstTime() {
    String code = aCode();
    Instant goLive = goLiveInDays(5);
    ProcessInstance pi = fx.live(code, ITEMS, goLive);
    ProcessInstance check = runtime.createProcessInstanceQuery().processInstanceBusinessKey(code)
        .processDefinitionKey(CampaignCheckProcess.KEY).singleResult();
    assertThat(check).hasPassed(CampaignCheckProcess.Elements.EVENT_LAUNCH_APPROVED, "Event_BriefingRequested")
        .isWaitingAt(CampaignCheckProcess.Elements.TIMER_REPORT_WINDOW_CLOSED);
    assertThat(pi).isWaitingAt(TASK_PREPARE_ROUND);

    execute(job(TASK_PREPARE_ROUND, pi));

    assertThat(pi).isWaitingAt(TASK_PUBLISH_NOTES).task().isAssignedTo("setter1")
        .hasDueDate(java.util.Date.from(goLive.minus(Duration.ofHours(1))));
    fx.publishNotes(pi, Map.of());
    List<Task> quizzes = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_TAKE_QUIZ)
        .list();
    Assertions.assertThat(quizzes).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(AGENTS);
    Assertions.assertThat(quizzes).extracting(Task::getDueDate)
        .containsOnly(java.util.Date.from(goLive.minus(Duration.ofHours(1))));
    Assertions.assertThat(fx.sheet(code, "agent1")).extracting(Question::itemId, Question::kind)
        .containsExactly(tuple("b1", QuizGenerator.REAL_PRICE), tuple("t1", QuizGenerator.THRESHOLD_PER_ORDER));

    AGENTS.forEach(agent -> fx.answer(pi, code, agent, true));

    assertThat(pi).hasPassed(END_ALL_READY).isWaitingAt(GATEWAY_WAIT_FOR_CORRECTION);
    Assertions.assertThat(briefings.require(code).status()).isEqualTo(Status.ALL_READY);
    Assertions.assertThat(briefings.round(code, 1).outcome()).isEqualTo(Status.ALL_READY);
    Assertions.assertThat(briefings.attempts(code)).extracting(Attempt::agent, Attempt::passed, Attempt::score)
        .containsExactlyInAnyOrder(tuple("agent1", true, 100), tuple("agent2", true, 100), tuple("cslead", true, 100),
            tuple("cslead2", true, 100));
    Assertions.assertThat(credits.find(code, null)).extracting(Credit::person, Credit::kind)
        .containsExactlyInAnyOrder(tuple("agent1", BriefingCredits.QUIZ_PASSED),
            tuple("agent2", BriefingCredits.QUIZ_PASSED), tuple("cslead", BriefingCredits.QUIZ_PASSED),
            tuple("cslead2", BriefingCredits.QUIZ_PASSED));
    Assertions.assertThat(readiness.of(code).passed()).containsExactlyInAnyOrderElementsOf(AGENTS);
  }

  @Test
  void shouldGiveTheQuizAgainWithTheRulesOfTheWrongAnswersWhenAnAgentFails() {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);

    fx.answer(pi, code, "agent1", false);

    Task again = fx.quiz(pi, "agent1");
    Assertions.assertThat(again).as("agent1 gets the quiz again").isNotNull();
    Assertions.assertThat(runtime.getVariable(again.getExecutionId(), Vars.QUIZ_ATTEMPT)).isEqualTo(2);
    Assertions.assertThat(runtime.getVariable(again.getExecutionId(), Vars.FAILED_ATTEMPTS)).isEqualTo(1);
    String feedback = (String) forms.getTaskFormVariables(again.getId()).getValue(Vars.QUIZ_FEEDBACK, String.class);
    Assertions.assertThat(feedback).contains("第1次答题：答对0/2", "未通过", "[t1]", "规则 · Rule: 门槛按单笔实付计算",
        "[b1]", "实际价格99元");
    Assertions.assertThat(briefings.attempts(code, 1, "agent1")).extracting(Attempt::passed, Attempt::score)
        .containsExactly(tuple(false, 0));

    fx.answer(pi, code, "agent1", true);
    fx.answer(pi, code, "agent2", false);
    fx.answer(pi, code, "agent2", false);

    Assertions.assertThat(readiness.of(code).passed()).containsExactly("agent1");
    Assertions.assertThat(readiness.of(code).failedTwice()).containsExactly("agent2");
    Assertions.assertThat(readiness.of(code).notYet()).containsExactly("cslead", "cslead2");
    fx.answer(pi, code, "agent2", true);
    fx.answer(pi, code, "cslead", true);
    fx.answer(pi, code, "cslead2", true);
    assertThat(pi).hasPassed(END_ALL_READY).isWaitingAt(GATEWAY_WAIT_FOR_CORRECTION);
    Assertions.assertThat(credits.find(code, "agent1")).extracting(Credit::kind)
        .containsExactly(BriefingCredits.QUIZ_PASSED);
  }

  @Test
  void shouldGiveTheSetterAnAnswerTaskAndShowTheAnswerToEveryAgentWhenAnAgentAsks() {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    Map<String, Object> answers = new java.util.HashMap<>(fx.answers(code, "agent1", true));
    answers.put(Vars.AGENT_QUESTION, "满减可以和店铺券叠加吗？");

    tasks.complete(fx.quiz(pi, "agent1").getId(), answers);

    Task answer = fx.task(pi, TASK_ANSWER_QUESTION, null);
    assertThat(answer).isAssignedTo("setter1");
    Assertions.assertThat(forms.getTaskFormVariables(answer.getId()).getValue(Vars.ASKED, String.class))
        .contains("agent1", "满减可以和店铺券叠加吗？");
    Assertions.assertThat(readiness.of(code).openQuestions()).hasSize(1);
    tasks.complete(answer.getId(), Map.of(Vars.ANSWER, "可以叠加：先用店铺券，实付仍须满199元。"));

    assertThat(pi).hasPassed(END_QUESTION_ANSWERED);
    Assertions.assertThat(readiness.of(code).openQuestions()).isEmpty();
    Assertions.assertThat(forms.getTaskFormVariables(fx.quiz(pi, "agent2").getId())
        .getValue(Vars.ANSWERED_QUESTIONS, String.class)).contains("满减可以和店铺券叠加吗？", "先用店铺券，实付仍须满199元");
    Assertions.assertThat(credits.find(code, null)).extracting(Credit::person, Credit::kind).contains(
        tuple("setter1", BriefingCredits.QUESTION_ANSWERED), tuple("agent1", BriefingCredits.QUESTION_ASKED),
        tuple("agent1", BriefingCredits.QUIZ_PASSED));
  }

  @Test
  void shouldGiveAfterSalesSupervisorsAFollowUpWhenAgentsAreNotReadyByTheDeadline() {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    fx.answer(pi, code, "agent1", true);

    execute(job(TIMER_NOT_READY, pi));

    Task followUp = fx.task(pi, TASK_FOLLOW_UP_NOT_READY, null);
    assertThat(followUp).hasCandidateUser("cslead").isNotAssigned();
    Assertions.assertThat(tasks.createTaskQuery().taskId(followUp.getId()).taskCandidateUser("opslead").count())
        .as("supervisors of other departments are not asked").isZero();
    String shown = forms.getTaskFormVariables(followUp.getId()).getValue(Vars.READINESS, String.class);
    Assertions.assertThat(shown).contains("已通过 · Passed: agent1", "未通过 · Not yet: agent2").contains("cslead");
    Assertions.assertThat(briefings.round(code, 1).escalatedAt()).isNotNull();
    Assertions.assertThat(fx.quiz(pi, "agent2")).as("the quizzes stay open").isNotNull();
    tasks.claim(followUp.getId(), "cslead");
    tasks.complete(followUp.getId(), Map.of(Vars.FOLLOW_UP_NOTE, "已提醒郑磊今天下班前完成"));
    Assertions.assertThat(briefings.round(code, 1).followedUpBy()).isEqualTo("cslead");

    fx.answer(pi, code, "agent2", true);
    fx.answer(pi, code, "cslead", true);
    fx.answer(pi, code, "cslead2", true);
    assertThat(pi).hasPassed(END_NOT_READY_FOLLOWED_UP_ID, END_ALL_READY).isWaitingAt(GATEWAY_WAIT_FOR_CORRECTION);
  }

  @Test
  void shouldReopenTheQuizOnTheChangedItemsOnlyWhenTheCampaignIsCorrectedAfterLive() {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    AGENTS.forEach(agent -> fx.answer(pi, code, agent, true));
    assertThat(pi).isWaitingAt(GATEWAY_WAIT_FOR_CORRECTION);

    HttpResponse<String> corrected = new Http(port).post("/api/campaigns/" + code + "/corrections", "setter1",
        "{\"items\":" + CORRECTED_ITEMS + ",\"reason\":\"入口图改为89元，商品同步降价\"}");

    Assertions.assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    Assertions.assertThat(corrected.body()).contains("\"stage\":\"CORRECTION\"", "corrected after launch");
    assertThat(pi).hasPassed(EVENT_CAMPAIGN_CORRECTED).isWaitingAt(TASK_PREPARE_ROUND);
    execute(job(TASK_PREPARE_ROUND, pi));
    Round round2 = briefings.round(code, 2);
    Assertions.assertThat(round2.reason()).isEqualTo(Briefings.CORRECTION);
    Assertions.assertThat(round2.version()).isEqualTo(2);
    Assertions.assertThat(round2.changedItems()).containsExactly("b1");
    fx.publishNotes(pi, Map.of());

    for (String agent : AGENTS) {
      Assertions.assertThat(fx.sheet(code, agent)).as(agent + "'s quiz").extracting(Question::itemId)
          .containsExactly("b1");
      Assertions.assertThat(fx.sheet(code, agent).get(0).rule()).contains("89");
    }
    AGENTS.forEach(agent -> fx.answer(pi, code, agent, true));
    assertThat(pi).isWaitingAt(GATEWAY_WAIT_FOR_CORRECTION);
    Assertions.assertThat(briefings.round(code, 2).outcome()).isEqualTo(Status.ALL_READY);
    Assertions.assertThat(briefings.attempts(code)).filteredOn(a -> a.round() == 2).extracting(Attempt::asked)
        .containsOnly(1);
  }

  @Test
  void shouldAskThoseWhoPassedOnlyTheChangedItemsWhenACorrectionInterruptsARound() {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    fx.answer(pi, code, "agent1", true);

    HttpResponse<String> corrected = new Http(port).post("/api/campaigns/" + code + "/corrections", "setter1",
        "{\"items\":" + CORRECTED_ITEMS + ",\"reason\":\"入口图改为89元\"}");

    Assertions.assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    assertThat(pi).hasPassed(EVENT_CORRECTED_DURING_ROUND).isWaitingAt(TASK_PREPARE_ROUND);
    Assertions.assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_TAKE_QUIZ)
        .count()).as("round 1's quizzes are cancelled").isZero();
    execute(job(TASK_PREPARE_ROUND, pi));
    Assertions.assertThat(briefings.round(code, 1).outcome()).isEqualTo("SUPERSEDED");
    fx.publishNotes(pi, Map.of());

    Assertions.assertThat(fx.sheet(code, "agent1")).extracting(Question::itemId).containsExactly("b1");
    Assertions.assertThat(fx.sheet(code, "agent2")).extracting(Question::itemId).containsExactly("b1", "t1");
    AGENTS.forEach(agent -> fx.answer(pi, code, agent, true));
    assertThat(pi).hasPassed(END_ALL_READY).isWaitingAt(GATEWAY_WAIT_FOR_CORRECTION);
  }

  @Test
  void shouldCloseTheBriefingWhenTheCampaignsReportWindowEnds() {
    String code = aCode();
    ProcessInstance pi = openQuiz(code);
    AGENTS.forEach(agent -> fx.answer(pi, code, agent, true));

    execute(job(TIMER_CAMPAIGN_OVER, pi));

    assertThat(pi).hasPassed(END_BRIEFING_CLOSED).isEnded();
    Assertions.assertThat(briefings.require(code).status()).isEqualTo(Status.CLOSED);
  }

  /** A live campaign whose round 1 is prepared and whose notes are out: every agent has a quiz. */
  private ProcessInstance openQuiz(String code) {
    ProcessInstance pi = fx.live(code, ITEMS, goLiveInDays(5));
    execute(job(TASK_PREPARE_ROUND, pi));
    fx.publishNotes(pi, Map.of());
    assertThat(pi).isWaitingAt(TASK_TAKE_QUIZ);
    return pi;
  }

  private static final String END_NOT_READY_FOLLOWED_UP_ID = "EndEvent_NotReadyFollowedUp";
}
