package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aRequest;
import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.peakcare.PeakCareTest;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeType;
import com.peakcare.order.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.survey.CaseKind;
import com.peakcare.survey.CaseSurveys;
import com.peakcare.survey.ReturnSurveyProcess;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 回访 after a return case (issue 24 point 7, processes/return-survey.bpmn): started where the case closes refunded or
 * replaced and nowhere else; a survey only for a case an agent worked; every path after it (satisfied, low score with
 * the superior's recovery task, no answer until the link expires).
 */
@PeakCareTest
class ReturnSurveyProcessTest {

  private static final Pattern LINK = Pattern.compile("/survey/([A-Za-z0-9_.-]+)");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired CaseSurveys surveys;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @Test
  void shouldSurveyAWorkedCaseAfterTheDelayAndCloseWhenSatisfied() {
    String returnNo = aWorkedCaseClosed();
    ProcessInstance survey = surveyOf(returnNo);
    assertThat(survey).isWaitingAt(ReturnSurveyProcess.Elements.TIMER_SURVEY_DUE);
    assertThat(noticeTypes(returnNo)).doesNotContain(NoticeType.CASE_SURVEY);

    execute(job(ReturnSurveyProcess.Elements.TIMER_SURVEY_DUE, survey));

    assertThat(survey).hasPassed(ReturnSurveyProcess.Elements.TASK_SEND_SURVEY)
        .isWaitingAt(ReturnSurveyProcess.Elements.GATEWAY_SURVEY_ANSWER);
    surveys.answer(token(returnNo), "5", "yes", List.of(), "很满意");
    assertThat(survey).hasPassed(ReturnSurveyProcess.Elements.END_SURVEYED)
        .hasNotPassed(ReturnSurveyProcess.Elements.TASK_RECOVER).isEnded();
    assertThat(surveys.answerOf(CaseKind.RETURN, returnNo).orElseThrow().workedBy())
        .isEqualTo(cases.view(returnNo).assignee());
  }

  @Test
  void shouldGiveTheAgentsSuperiorARecoveryTaskOnALowScore() {
    String returnNo = aWorkedCaseClosed();
    String agent = cases.view(returnNo).assignee();
    ProcessInstance survey = surveyOf(returnNo);
    execute(job(ReturnSurveyProcess.Elements.TIMER_SURVEY_DUE, survey));

    surveys.answer(token(returnNo), "1", "no", List.of("SLOW", "NOT_SOLVED"), null);

    assertThat(survey).isWaitingAt(ReturnSurveyProcess.Elements.TASK_RECOVER);
    Task recovery = taskService.createTaskQuery().processInstanceId(survey.getId()).singleResult();
    String superior = engine.getIdentityService().createUserQuery().userId(recovery.getAssignee()).singleResult()
        .getId();
    assertThat(superior).isNotEqualTo(agent).isEqualTo("cslead");
    assertThatThrownBy(() -> as(agent, () -> taskService.complete(recovery.getId(), Map.of(
        ReturnSurveyProcess.Vars.RECOVERY_NOTE, "我处理好了")))).isInstanceOf(Refusal.Forbidden.class);
    assertThatThrownBy(() -> as(superior, () -> taskService.complete(recovery.getId(), Map.of())))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining(ReturnSurveyProcess.Vars.RECOVERY_NOTE);

    as(superior, () -> taskService.complete(recovery.getId(), Map.of(ReturnSurveyProcess.Vars.RECOVERY_NOTE,
        "电话道歉，加急处理补偿")));

    assertThat(survey).hasPassed(ReturnSurveyProcess.Elements.END_RECOVERED).isEnded();
  }

  @Test
  void shouldEndUnansweredWhenTheLinkExpires() {
    String returnNo = aWorkedCaseClosed();
    ProcessInstance survey = surveyOf(returnNo);
    execute(job(ReturnSurveyProcess.Elements.TIMER_SURVEY_DUE, survey));

    execute(job(ReturnSurveyProcess.Elements.TIMER_SURVEY_EXPIRED, survey));

    assertThat(survey).hasPassed(ReturnSurveyProcess.Elements.END_UNANSWERED).isEnded();
    assertThat(surveys.answerOf(CaseKind.RETURN, returnNo)).isEmpty();
  }

  @Test
  void shouldSendNoSurveyForACaseNobodyWorked() {
    ProcessInstance pi = shop.openFromForm(aSmallRefund(), "shop1"); // the policy approves it at once
    String returnNo = pi.getBusinessKey();
    execute(job(Elements.TASK_ISSUE_REFUND, pi));
    assertThat(pi).hasPassed(Elements.TASK_CLOSE).isEnded();
    ProcessInstance survey = surveyOf(returnNo);

    execute(job(ReturnSurveyProcess.Elements.TIMER_SURVEY_DUE, survey));

    assertThat(survey).hasPassed(ReturnSurveyProcess.Elements.END_NO_SURVEY)
        .hasNotPassed(ReturnSurveyProcess.Elements.TASK_SEND_SURVEY).isEnded();
    assertThat(noticeTypes(returnNo)).doesNotContain(NoticeType.CASE_SURVEY);
    assertThat(surveys.surveyed(CaseKind.RETURN, returnNo)).isFalse();
  }

  @Test
  void aRejectedCaseGetsNoSurveyProcessAtAll() {
    ProcessInstance pi = shop.openFromForm(aRequest(CaseType.REFUND_ONLY, Reason.NOT_AS_DESCRIBED, "260.00", 3,
        MemberTier.REGULAR, "HOME"), "shop1");
    complete(task(pi), withVariables(Vars.APPROVED, false, Vars.DECISION_NOTE, "照片显示商品完好"));

    assertThat(pi).hasPassed(Elements.TASK_CLOSE_REJECTED).isEnded();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ReturnSurveyProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).isZero();
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  /** A case the shop's system opened, the agent reviewed, the warehouse inspected; refunded and closed. */
  String aWorkedCaseClosed() {
    ProcessInstance pi = shop.openFromForm(aReturnForReview(), "shop1");
    String returnNo = pi.getBusinessKey();
    complete(task(pi), withVariables(Vars.APPROVED, true, Vars.DECISION_NOTE, "ok"));
    cases.parcelShipped(returnNo, "SF", "SF1234567890", "shop1");
    taskService.claim(task(pi).getId(), "warehouse1");
    complete(task(pi), withVariables(Vars.INSPECTION_PASSED, true));
    execute(job(Elements.TASK_ISSUE_REFUND, pi));
    assertThat(pi).hasPassed(Elements.TASK_CLOSE).isEnded();
    return returnNo;
  }

  ProcessInstance surveyOf(String returnNo) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ReturnSurveyProcess.KEY)
        .processInstanceBusinessKey(returnNo).singleResult();
  }

  String token(String returnNo) {
    Notice notice = cases.view(returnNo).notices().stream().filter(n -> n.type() == NoticeType.CASE_SURVEY)
        .findFirst().orElseThrow();
    Matcher m = LINK.matcher(notice.text());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  List<NoticeType> noticeTypes(String returnNo) {
    return cases.view(returnNo).notices().stream().map(Notice::type).toList();
  }

  void as(String user, Runnable work) {
    identityService.setAuthentication(user, engine.getIdentityService().createGroupQuery().groupMember(user).list()
        .stream().map(g -> g.getId()).toList());
    try {
      work.run();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
