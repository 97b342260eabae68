package com.peakcare.complaint;

import static com.peakcare.complaint.ComplaintFixtures.AGENT;
import static com.peakcare.complaint.ComplaintFixtures.LEAD;
import static com.peakcare.complaint.ComplaintFixtures.aComplaint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.peakcare.PeakCareTest;
import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.complaint.ComplaintProcess.Status;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.complaint.ComplaintView.TimelineStep;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeType;
import com.peakcare.order.MemberTier;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One test per path through processes/complaint.bpmn, driven step by step (job executor off). */
@PeakCareTest
class ComplaintProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired Complaints complaints;
  @Autowired ComplaintFixtures fixtures;
  @Autowired JdbcTemplate jdbc;
  @Autowired ComplaintRetention retention;
  @Autowired ComplaintFigures figures;
  @Autowired ComplaintPersonalData personalData;

  private final List<ProcessInstance> opened = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    init(engine);
  }

  /** Whatever path a complaint took, it never had a process variable beyond what it routes on. */
  @AfterEach
  void everyComplaintHadOnlyTheVariablesItRoutesOn() {
    for (ProcessInstance pi : opened) {
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
          .extracting(HistoricVariableInstance::getName)
          .isSubsetOf(new java.util.HashSet<>(java.util.Set.copyOf(ComplaintProcess.PROCESS_VARIABLES)) {{
            add("noticeType"); // the notice steps' input parameter
          }});
    }
  }

  @Test
  void shouldPromiseAtOnceAndCloseWhenTheCustomerConfirms() {
    ProcessInstance pi = open(Severity.HIGH, MemberTier.VIP, "agent1");
    String no = pi.getBusinessKey();

    assertThat(pi).hasPassed(Elements.TASK_DECIDE_TARGETS, Elements.TASK_SEND_PROMISE).isWaitingAt(Elements.TASK_HANDLE);
    ComplaintView view = complaints.view(no);
    assertThat(view.status()).isEqualTo(Status.IN_PROGRESS);
    // HIGH × VIP: first answer promised within 2 h, resolution within 48 h; the internal target is 24 h
    assertThat(Duration.between(view.openedAt(), view.promise().resolutionBy()).toHours()).isEqualTo(48);
    assertThat(Duration.between(view.openedAt(), view.clock().targetDue()).toHours()).isEqualTo(24);
    Notice promise = notice(no, NoticeType.COMPLAINT_PROMISE);
    assertThat(promise.text()).contains("李娜", "吴慧", ComplaintText.time(view.promise().firstAnswerBy()),
        ComplaintText.time(view.promise().resolutionBy()));
    assertThat(task(pi)).isAssignedTo("agent1");

    resolve(pi, "agent1", "APOLOGY", Map.of());
    assertThat(pi).isWaitingAt(Elements.TASK_FOLLOW_UP);
    assertThat(complaints.view(no).status()).isEqualTo(Status.RESOLVED);
    assertThat(complaints.view(no).promise().kept()).isTrue();

    complete("agent1", Map.of(Vars.FOLLOW_UP_OUTCOME, "CONFIRMED", Vars.CUSTOMER_REPLY, "好的，谢谢，已经解决了"));
    assertThat(pi).hasPassed(Elements.TASK_CLOSE).isWaitingAt(Elements.GATEWAY_AFTER_CLOSE);
    assertThat(complaints.view(no).status()).isEqualTo(Status.CLOSED);
    assertThat(complaints.view(no).closeReason()).isEqualTo("CONFIRMED");

    execute(job(Elements.TIMER_SURVEY_DUE, pi));
    assertThat(pi).hasPassed(Elements.TASK_SEND_SURVEY).isWaitingAt(Elements.GATEWAY_SURVEY_ANSWER);
    assertThat(noticeTypes(no)).contains(NoticeType.COMPLAINT_PROMISE, NoticeType.CASE_SURVEY);
  }

  @Test
  void shouldCloseWhenTheShopsSystemRecordsTheCustomersConfirmation() {
    ProcessInstance pi = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    resolve(pi, "agent1", "EXPLANATION", Map.of());

    complaints.customerConfirmed(pi.getBusinessKey(), "满意", "shop1");

    assertThat(pi).hasPassed(Elements.BOUNDARY_CUSTOMER_CONFIRMED, Elements.TASK_CLOSE)
        .isWaitingAt(Elements.GATEWAY_AFTER_CLOSE);
    assertThat(complaints.view(pi.getBusinessKey()).timeline()).extracting(TimelineStep::event)
        .contains("CUSTOMER_CONFIRMED", "CLOSED");
  }

  @Test
  void shouldPauseTheClockWhileWaitingForTheCustomerAndRunItAgainWithTheTimeThatWasLeft() {
    ProcessInstance pi = open(Severity.MEDIUM, MemberTier.REGULAR, "agent1");
    String no = pi.getBusinessKey();
    Instant target = complaints.view(no).clock().targetDue();

    complete("agent1", Map.of(Vars.ACTION, "ASK_CUSTOMER", Vars.NOTE, "请提供漏水的照片"));

    assertThat(pi).hasPassed(Elements.TASK_PAUSE_CLOCK).isWaitingAt(Elements.TASK_WAIT_FOR_CUSTOMER);
    ComplaintView waiting = complaints.view(no);
    assertThat(waiting.status()).isEqualTo(Status.WAITING_FOR_CUSTOMER);
    assertThat(waiting.clock().paused()).isTrue();
    assertThat(ladderTimers(pi)).as("no ladder timer runs while PeakCare waits").isEmpty();
    // the customer takes two hours to answer: as if the complaint had been paused (and opened) two hours ago
    Instant shiftedTarget = target.minus(Duration.ofHours(2));
    jdbc.update("update PC_COMPLAINT set PAUSED_AT = ?, TARGET_DUE = ? where COMPLAINT_NO = ?",
        java.sql.Timestamp.from(waiting.clock().pausedAt().minus(Duration.ofHours(2))),
        java.sql.Timestamp.from(shiftedTarget), no);

    complaints.customerAnswered(no, "照片已发送", "shop1");

    assertThat(pi).hasPassed(Elements.TASK_RUN_CLOCK).isWaitingAt(Elements.TASK_HANDLE);
    ComplaintView resumed = complaints.view(no);
    assertThat(resumed.clock().paused()).isFalse();
    assertThat(resumed.clock().pausedSeconds()).isBetween(7200L, 7260L);
    assertThat(Duration.between(shiftedTarget, resumed.clock().targetDue()).toMinutes())
        .as("the target moves on by the wait").isBetween(119L, 121L);
    assertThat(job(Elements.TIMER_TARGET_MISSED, pi).getDuedate()).isEqualTo(Date.from(resumed.clock().targetDue()));
  }

  @Test
  void shouldRemindTheHandlerBeforeTheTarget() {
    ProcessInstance pi = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    Instant target = complaints.view(pi.getBusinessKey()).clock().targetDue();
    assertThat(job(Elements.TIMER_REMINDER, pi).getDuedate()).isEqualTo(Date.from(target.minus(Duration.ofMinutes(240))));

    execute(job(Elements.TIMER_REMINDER, pi));

    assertThat(pi).hasPassed(Elements.TASK_REMIND, Elements.END_REMINDED).isWaitingAt(Elements.TASK_HANDLE);
    assertThat(ladder(pi, "REMINDED")).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo("agent1"));
  }

  /**
   * What an open leaves in Camunda's history (HistoryTrim, application.yaml peakcare.history; issue 24: every row an
   * open writes costs the Double 11 rate): the targets' decision is the complaint's record (its columns and the
   * PROMISED entry), not ACT_HI_DECINST; variables keep their last values, not every change; the ladder's timers log
   * their runs (the fault tests count who ran which), not their creation.
   */
  @Test
  void anOpenKeepsTheComplaintsStoryButNotTheTargetsDecisionNorVariableChangesNorTheTimersCreation() {
    ProcessInstance pi = open(Severity.HIGH, MemberTier.REGULAR, "agent1");
    String no = pi.getBusinessKey();

    assertThat(complaints.view(no).clock().targetDue()).isNotNull();
    assertThat(ladder(pi, "PROMISED")).singleElement().satisfies(s -> assertThat(s.detail()).contains("targets "));
    assertThat(historyService.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(ComplaintProcess.TARGETS_DECISION).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName(Vars.TARGET_DUE).count()).isEqualTo(1);
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(Elements.TASK_DECIDE_TARGETS).finished().count()).isEqualTo(1);
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().count()).isEqualTo(3);
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(pi.getId()).count()).isZero();

    execute(job(Elements.TIMER_TARGET_MISSED, pi));

    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(pi.getId()).successLog()
        .activityIdIn(Elements.TIMER_TARGET_MISSED).count()).isEqualTo(1);
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(pi.getId()).count())
        .as("the run's log only: not the timer's creation nor its deletion").isEqualTo(1);
  }

  @Test
  void shouldGiveTheSuperiorATaskWhenTheTargetIsMissedAndTheSuperiorsSuperiorLater() {
    ProcessInstance pi = open(Severity.HIGH, MemberTier.REGULAR, "agent1");
    String no = pi.getBusinessKey();
    assertThat(List.of(job(Elements.TIMER_REMINDER, pi), job(Elements.TIMER_TARGET_MISSED, pi),
        job(Elements.TIMER_SECOND_LEVEL, pi))).as("the ladder's timers yield to every other job, the customers' notices"
        + " first").allSatisfy(j -> assertThat(j.getPriority()).isEqualTo(ComplaintProcess.LADDER_JOB_PRIORITY));

    execute(job(Elements.TIMER_TARGET_MISSED, pi));

    assertThat(pi).hasPassed(Elements.TASK_ESCALATE_LEVEL_ONE).isWaitingAt(Elements.TASK_HANDLE,
        Elements.TASK_SUPERIOR_REVIEWS);
    assertThat(taskAt(pi, Elements.TASK_SUPERIOR_REVIEWS)).isAssignedTo("cslead");
    assertThat(complaints.view(no).escalationLevel()).isEqualTo(1);
    assertThat(ladder(pi, "ESCALATED")).singleElement().satisfies(s -> {
      assertThat(s.from()).isEqualTo("agent1");
      assertThat(s.to()).isEqualTo("cslead");
      assertThat(s.level()).isEqualTo(1);
      assertThat(s.detail()).contains("target was missed");
    });
    assertThat(complaints.view(no).notices()).filteredOn(n -> n.type() == NoticeType.COMPLAINT_ESCALATED)
        .as("the customer is told, naming the superior").singleElement()
        .satisfies(n -> assertThat(n.text()).contains("黄梅"));

    execute(job(Elements.TIMER_SECOND_LEVEL, pi));

    assertThat(taskAt(pi, Elements.TASK_SECOND_LEVEL_REVIEWS)).as("cslead's superior").isAssignedTo("demo");
    assertThat(complaints.view(no).escalationLevel()).isEqualTo(2);
    assertThat(ladder(pi, "ESCALATED")).extracting(TimelineStep::to).containsExactly("cslead", "demo");
    assertThat(complaints.view(no).notices()).filteredOn(n -> n.type() == NoticeType.COMPLAINT_ESCALATED)
        .as("once per level").hasSize(2).last().satisfies(n -> assertThat(n.text()).contains("系统管理员"));
  }

  @Test
  void shouldLetTheSuperiorTakeTheComplaintOver() {
    ProcessInstance pi = open(Severity.HIGH, MemberTier.REGULAR, "agent1");
    execute(job(Elements.TIMER_TARGET_MISSED, pi));

    completeTask(taskAt(pi, Elements.TASK_SUPERIOR_REVIEWS), "cslead", LEAD,
        Map.of(Vars.DECISION, "TAKE_OVER", Vars.NOTE, "VIP 客户，我来"));

    assertThat(pi).hasPassed(Elements.END_SUPERIOR_REVIEWED);
    assertThat(taskAt(pi, Elements.TASK_HANDLE)).isAssignedTo("cslead");
    assertThat(complaints.view(pi.getBusinessKey()).handler()).isEqualTo("cslead");
  }

  @Test
  void shouldLetTheSuperiorReassignToAnotherAgent() {
    ProcessInstance pi = open(Severity.HIGH, MemberTier.REGULAR, "agent1");
    execute(job(Elements.TIMER_TARGET_MISSED, pi));

    completeTask(taskAt(pi, Elements.TASK_SUPERIOR_REVIEWS), "cslead", LEAD,
        Map.of(Vars.DECISION, "REASSIGN", Vars.REASSIGN_TO, "agent2"));

    assertThat(taskAt(pi, Elements.TASK_HANDLE)).isAssignedTo("agent2");
    assertThat(ladder(pi, "HANDED_OVER")).singleElement().satisfies(s -> {
      assertThat(s.from()).isEqualTo("agent1");
      assertThat(s.to()).isEqualTo("agent2");
    });
  }

  @Test
  void shouldHandUpWithAReasonTellTheCustomerAndNotEscalateTwiceWhenTheTargetIsMissed() {
    ProcessInstance pi = open(Severity.MEDIUM, MemberTier.GOLD, "agent1");
    String no = pi.getBusinessKey();

    complete("agent1", Map.of(Vars.ACTION, "ESCALATE", Vars.ESCALATION_REASON, "我无法处理：需要补偿审批"));

    assertThat(pi).hasPassed(Elements.EVENT_AGENT_ESCALATES, Elements.BOUNDARY_AGENT_ESCALATED,
        Elements.TASK_TELL_CUSTOMER_ESCALATED).isWaitingAt(Elements.TASK_HANDLE);
    assertThat(taskAt(pi, Elements.TASK_HANDLE)).isAssignedTo("cslead");
    assertThat(notice(no, NoticeType.COMPLAINT_ESCALATED).text()).contains("黄梅");
    assertThat(ladder(pi, "ESCALATED")).singleElement().satisfies(s -> {
      assertThat(s.from()).isEqualTo("agent1");
      assertThat(s.to()).isEqualTo("cslead");
      assertThat(s.detail()).isEqualTo("我无法处理：需要补偿审批");
      assertThat(s.actor()).isEqualTo("agent1");
    });

    execute(job(Elements.TIMER_TARGET_MISSED, pi));
    assertThat(pi).hasPassed(Elements.END_LEVEL_ONE_ALREADY).hasNotPassed(Elements.TASK_SUPERIOR_REVIEWS);
    assertThat(noticeTypes(no)).as("the customer heard of the hand-up once, not again from the timer")
        .containsOnlyOnce(NoticeType.COMPLAINT_ESCALATED);
  }

  @Test
  void shouldCloseAfterThreeDocumentedFollowUpAttemptsOverDays() {
    ProcessInstance pi = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    String no = pi.getBusinessKey();
    resolve(pi, "agent1", "EXPLANATION", Map.of());

    for (int attempt = 1; attempt <= 3; attempt++) {
      complete("agent1", Map.of(Vars.FOLLOW_UP_OUTCOME, "NO_ANSWER", Vars.NOTE, "电话未接 " + attempt));
      if (attempt < 3) {
        assertThat(pi).isWaitingAt(Elements.TIMER_NEXT_FOLLOW_UP);
        assertThat(complaints.view(no).status()).isEqualTo(Status.RESOLVED);
        Job next = job(Elements.TIMER_NEXT_FOLLOW_UP, pi);
        assertThat(Duration.between(Instant.now(), next.getDuedate().toInstant()).toHours()).isBetween(23L, 24L);
        execute(next);
      }
    }

    assertThat(pi).hasPassed(Elements.TASK_CLOSE).isWaitingAt(Elements.GATEWAY_AFTER_CLOSE);
    assertThat(complaints.view(no).closeReason()).isEqualTo("FOLLOW_UPS_EXHAUSTED");
    assertThat(complaints.view(no).timeline()).filteredOn(s -> s.event().equals("FOLLOW_UP_FAILED"))
        .extracting(TimelineStep::detail).hasSize(3).allSatisfy(d -> assertThat(d).contains("电话未接"));
  }

  @Test
  void shouldReopenWhenNotSolvedAndGoOneLevelUpAtOnceTheSecondTime() {
    ProcessInstance pi = open(Severity.MEDIUM, MemberTier.REGULAR, "agent1");
    String no = pi.getBusinessKey();
    resolve(pi, "agent1", "EXPLANATION", Map.of());

    complete("agent1", Map.of(Vars.FOLLOW_UP_OUTCOME, "NOT_SOLVED", Vars.CUSTOMER_REPLY, "还是漏水"));

    assertThat(pi).hasPassed(Elements.TASK_REOPEN).isWaitingAt(Elements.TASK_HANDLE);
    assertThat(complaints.view(no).reopenCount()).isEqualTo(1);
    assertThat(complaints.view(no).escalationLevel()).isZero();
    assertThat(taskAt(pi, Elements.TASK_HANDLE)).isAssignedTo("agent1");

    resolve(pi, "agent1", "APOLOGY", Map.of());
    complete("agent1", Map.of(Vars.FOLLOW_UP_OUTCOME, "CONFIRMED", Vars.CUSTOMER_REPLY, "行吧"));
    assertThat(complaints.view(no).status()).isEqualTo(Status.CLOSED);

    complaints.customerCameBack(no, "又坏了", "shop1");

    assertThat(pi).hasPassed(Elements.EVENT_CUSTOMER_CAME_BACK).isWaitingAt(Elements.TASK_HANDLE);
    ComplaintView reopened = complaints.view(no);
    assertThat(reopened.reopenCount()).isEqualTo(2);
    assertThat(reopened.escalationLevel()).isEqualTo(1);
    assertThat(taskAt(pi, Elements.TASK_HANDLE)).isAssignedTo("cslead");
    assertThat(reopened.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(noticeTypes(no)).contains(NoticeType.COMPLAINT_ESCALATED);
  }

  @Test
  void shouldSendNoSurveyForAComplaintNobodyWorked() {
    ProcessInstance pi = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    // an administrator moves it to the close in Cockpit: nobody worked it
    runtimeService.createProcessInstanceModification(pi.getId()).cancelAllForActivity(Elements.SUB_WORK)
        .startBeforeActivity(Elements.TASK_CLOSE).execute(true, true);

    execute(job(Elements.TIMER_SURVEY_DUE, pi));

    assertThat(pi).hasPassed(Elements.END_NO_SURVEY).hasNotPassed(Elements.TASK_SEND_SURVEY).isEnded();
    assertThat(noticeTypes(pi.getBusinessKey())).doesNotContain(NoticeType.COMPLAINT_SURVEY, NoticeType.CASE_SURVEY);
  }

  @Test
  void shouldForgetAClosedComplaintsWordsPastTheRetentionTableButNotAnOpenOnes() {
    ProcessInstance closed = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    resolve(closed, "agent1", "EXPLANATION", Map.of());
    complaints.customerConfirmed(closed.getBusinessKey(), "满意，谢谢", "shop1");
    ProcessInstance running = open(Severity.LOW, MemberTier.REGULAR, "agent1");

    int changed = retention.expire(Instant.now().plus(Duration.ofDays(1)));

    assertThat(changed).isPositive();
    assertThat(jdbc.queryForObject("select DEMAND from PC_COMPLAINT where COMPLAINT_NO = ?", String.class,
        closed.getBusinessKey())).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from PC_COMPLAINT_EVENT where COMPLAINT_NO = ? and DETAIL is not "
        + "null", Integer.class, closed.getBusinessKey())).isZero();
    assertThat(complaints.view(closed.getBusinessKey()).status()).isEqualTo(Status.CLOSED);
    assertThat(jdbc.queryForObject("select DEMAND from PC_COMPLAINT where COMPLAINT_NO = ?", String.class,
        running.getBusinessKey())).contains("杯子漏水");
    assertThat(retention.expire(Instant.now().plus(Duration.ofDays(1)))).isZero();
  }

  @Test
  void shouldCountItsResolutionPromiseAsKeptForTheDashboard() {
    Instant from = Instant.now();
    Instant to = from.plus(Duration.ofDays(30));
    ComplaintFigures.Promises before = figures.resolutionPromises(from, to, Instant.now());

    ProcessInstance kept = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    resolve(kept, "agent1", "EXPLANATION", Map.of());
    open(Severity.LOW, MemberTier.REGULAR, "agent1");

    ComplaintFigures.Promises after = figures.resolutionPromises(from, to, Instant.now());
    assertThat(after.due() - before.due()).isEqualTo(2);
    assertThat(after.kept() - before.kept()).isEqualTo(1);
    assertThat(after.open() - before.open()).isEqualTo(1);
    assertThat(after.late() - before.late()).isZero();
  }

  @Test
  void shouldExportAPersonsComplaintAndEraseTheirWordsOnlyOnceItIsClosed() {
    ProcessInstance pi = open(Severity.LOW, MemberTier.REGULAR, "agent1");
    String no = pi.getBusinessKey();
    com.peakcare.retention.DataSubject subject = new com.peakcare.retention.DataSubject(null, null, "p-test");
    subject.orderNos().add(complaints.view(no).orderNo());

    personalData.identify(subject);
    assertThat(subject.caseRefs()).contains(no);
    assertThat(personalData.export(subject)).singleElement()
        .satisfies(c -> assertThat(c.get("DEMAND").toString()).contains("杯子漏水"));
    assertThat(personalData.stillNeeded(subject)).contains(no);

    resolve(pi, "agent1", "EXPLANATION", Map.of());
    complaints.customerConfirmed(no, "满意，谢谢", "shop1");
    assertThat(personalData.stillNeeded(subject)).isNull();
    assertThat(personalData.erase(subject)).isPositive();

    assertThat(jdbc.queryForObject("select DEMAND from PC_COMPLAINT where COMPLAINT_NO = ?", String.class, no))
        .isEmpty();
    assertThat(complaints.view(no).status()).isEqualTo(Status.CLOSED);
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  ProcessInstance open(Severity severity, MemberTier tier, String agent) {
    String orderNo = fixtures.anOrder(tier, "199.00");
    Complaints.Opened o = complaints.open(aComplaint(orderNo, severity, agent), "shop1");
    ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey(ComplaintProcess.KEY)
        .processInstanceBusinessKey(o.view().complaintNo()).singleResult();
    opened.add(pi);
    return pi;
  }

  void resolve(ProcessInstance pi, String user, String kind, Map<String, Object> more) {
    Map<String, Object> values = new HashMap<>(more);
    values.put(Vars.ACTION, "RESOLVE");
    values.put(Vars.RESOLUTION_KIND, kind);
    values.put(Vars.NOTE, "我明白您的意思。造成这种情况，我们非常抱歉。");
    completeTask(taskAt(pi, Elements.TASK_HANDLE), user, AGENT, values);
  }

  /** Completes the agent's only open task of the complaint they hold. */
  void complete(String user, Map<String, Object> values) {
    ProcessInstance pi = opened.get(opened.size() - 1);
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskAssignee(user).singleResult();
    completeTask(task, user, AGENT, values);
  }

  void completeTask(Task task, String user, List<String> groups, Map<String, Object> values) {
    fixtures.as(user, groups, () -> taskService.complete(task.getId(), values));
  }

  Task task(ProcessInstance pi) {
    return taskAt(pi, Elements.TASK_HANDLE);
  }

  Task taskAt(ProcessInstance pi, String key) {
    return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
  }

  List<Job> ladderTimers(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .filter(j -> List.of(Elements.TIMER_REMINDER, Elements.TIMER_TARGET_MISSED, Elements.TIMER_SECOND_LEVEL)
            .contains(((org.camunda.bpm.engine.impl.persistence.entity.JobEntity) j).getActivityId()))
        .toList();
  }

  List<TimelineStep> ladder(ProcessInstance pi, String event) {
    return complaints.view(pi.getBusinessKey()).timeline().stream().filter(s -> s.event().equals(event)).toList();
  }

  Notice notice(String no, NoticeType type) {
    return complaints.view(no).notices().stream().filter(n -> n.type() == type).findFirst().orElseThrow();
  }

  List<NoticeType> noticeTypes(String no) {
    return complaints.view(no).notices().stream().map(Notice::type).toList();
  }
}
