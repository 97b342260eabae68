package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aRequest;
import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.anExchange;
import static com.peakcare.returns.ReturnRequests.asVip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.peakcare.PeakCareTest;
import com.peakcare.notice.NoticeType;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.order.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through processes/return-case.bpmn, driven step by step (job executor off). */
@PeakCareTest
class ReturnCaseProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired ReturnCases cases;
  @Autowired RefundCare refundCare;
  @Autowired HistoryService historyService;
  @Autowired ShopOrders shop;
  @Autowired com.peakcare.order.Orders orders;

  private final java.util.List<ProcessInstance> opened = new java.util.ArrayList<>();

  @BeforeEach
  void setUp() {
    init(engine);
  }

  /**
   * Issue 15: whatever path a case took, it never had a process variable beyond what it routes on (history keeps every
   * variable a case ever had, ended or not); the customer, the items and the money stay in the case record.
   */
  @AfterEach
  void everyCaseHadOnlyTheVariablesItRoutesOn() {
    for (ProcessInstance pi : opened) {
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
          .as("variables of case " + pi.getBusinessKey()).extracting(HistoricVariableInstance::getName)
          .isSubsetOf(ReturnCaseProcess.PROCESS_VARIABLES);
    }
  }

  @Test
  void aCockpitModificationThatSkipsListenersMovesTheStatusWithTheProcess() {
    ProcessInstance pi = open(aReturnForReview());
    String returnNo = businessKey(pi);
    assertThat(status(returnNo)).isEqualTo(Status.UNDER_REVIEW);

    // as an operator in Cockpit: cancel the review, start before the parcel wait, skipping custom listeners and I/O
    runtimeService.createProcessInstanceModification(pi.getId())
        .cancelAllForActivity(Elements.TASK_REVIEW)
        .startBeforeActivity(Elements.TASK_WAIT_FOR_PARCEL)
        .execute(true, true);

    assertThat(pi).isWaitingAt(Elements.TASK_WAIT_FOR_PARCEL);
    assertThat(status(returnNo)).isEqualTo(Status.AWAITING_PARCEL);
  }

  @Test
  void aCaseUnderReviewCarriesWhatItRoutesOnAndNothingElse() {
    ProcessInstance pi = open(aReturnForReview());

    assertThat(runtimeService.getVariables(pi.getId())).containsOnlyKeys(Vars.TYPE, Vars.MONEY_INVOLVED,
        Vars.PARCEL_NEEDED, Vars.MEMBER_TIER, Vars.PRIORITY, Vars.POLICY_OUTCOME, Vars.REVIEW_DUE);
    // the review form still shows the customer, the items and the amount: from the record, when the task loads
    assertThat(engine.getFormService().getTaskFormVariables(task(pi).getId()).keySet())
        .contains(Vars.CUSTOMER_NAME, Vars.ITEMS_SUMMARY, Vars.AMOUNT, Vars.ASSIGNMENT_REASON);
  }

  @Test
  void theEnginesDmnParsesEachFeelExpressionOnce() {
    var dmn = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration();
    assertThat(dmn.getFeelEngine().getClass().getName()).endsWith("ParsedFeelCache$CachingScalaFeelEngine");
  }

  @Test
  void shouldRefundAtOnceWhenThePolicyAutoApprovesARefundOnly() {
    ProcessInstance pi = open(aSmallRefund());
    String returnNo = businessKey(pi);

    assertThat(pi).hasPassed(Elements.TASK_PROMISE_REFUND_CARE, Elements.TASK_ASSIGN_AGENT)
        .isWaitingAt(Elements.TASK_ISSUE_REFUND);
    assertThat(status(returnNo)).isEqualTo(Status.REFUNDING);
    assertThat(noticeTypes(returnNo)).contains(NoticeType.REFUND_CARE);

    execute(job(Elements.TASK_ISSUE_REFUND, pi));

    // version 5: no survey step of its own (return-survey.bpmn asks, started at the closed end); a regular customer
    // gets no follow-up call, so the case closes with its refund
    assertThat(pi).hasPassed(Elements.TASK_CLOSE).hasNotPassed(Elements.TASK_FOLLOW_UP_CALL).isEnded();
    assertThat(status(returnNo)).isEqualTo(Status.CLOSED);
    assertThat(refundCare.promiseOf(returnNo)).hasValueSatisfying(p -> assertThat(p.onTime()).isTrue());
    assertThat(noticeTypes(returnNo)).contains(NoticeType.REFUND_DONE).doesNotContain(NoticeType.SURVEY);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(
        com.peakcare.survey.ReturnSurveyProcess.KEY).processInstanceBusinessKey(returnNo).count())
        .as("the 回访 is return-survey.bpmn's").isEqualTo(1);
  }

  @Test
  void shouldRefundAfterTheAgentApprovesAndTheWarehouseInspects() {
    ProcessInstance pi = open(aReturnForReview());
    String returnNo = businessKey(pi);
    assertThat(pi).isWaitingAt(Elements.TASK_REVIEW);
    assertThat(task(pi)).isAssignedTo(cases.view(returnNo).assignee()).hasDueDate(
        (java.util.Date) runtimeService.getVariable(pi.getId(), Vars.REVIEW_DUE));
    assertThat(status(returnNo)).isEqualTo(Status.UNDER_REVIEW);

    complete(task(pi), withVariables(Vars.APPROVED, true, Vars.DECISION_NOTE, "ok"));

    assertThat(pi).hasPassed(Elements.TASK_SEND_RETURN_INSTRUCTIONS).isWaitingAt(Elements.TASK_WAIT_FOR_PARCEL);
    assertThat(status(returnNo)).isEqualTo(Status.AWAITING_PARCEL);
    assertThat(noticeTypes(returnNo)).contains(NoticeType.RETURN_INSTRUCTIONS);

    cases.parcelShipped(returnNo, "SF", "SF1234567890", "shop1");

    assertThat(pi).isWaitingAt(Elements.TASK_INSPECT);
    assertThat(task(pi)).hasCandidateGroup("warehouse").hasDueDate(
        (java.util.Date) runtimeService.getVariable(pi.getId(), Vars.INSPECTION_DUE));
    assertThat(status(returnNo)).isEqualTo(Status.INSPECTING);
    taskService.claim(task(pi).getId(), "warehouse1");
    complete(task(pi), withVariables(Vars.INSPECTION_PASSED, true));
    execute(job(Elements.TASK_ISSUE_REFUND, pi));

    assertThat(pi).hasPassed(Elements.TASK_CLOSE).isEnded();
    assertThat(status(returnNo)).isEqualTo(Status.CLOSED);
  }

  @Test
  void shouldRejectWhenThePolicySaysTheWindowIsClosed() {
    ProcessInstance pi = open(aRequest(CaseType.RETURN_AND_REFUND, Reason.NO_REASON, "300.00", 10,
        MemberTier.REGULAR, "APPAREL"));
    String returnNo = businessKey(pi);

    assertThat(pi).hasPassed(Elements.TASK_SEND_REJECTED).hasNotPassed(Elements.TASK_ASSIGN_AGENT)
        .isEnded();
    assertThat(status(returnNo)).isEqualTo(Status.REJECTED);
    assertThat(cases.view(returnNo).notices()).anySatisfy(n -> {
      assertThat(n.type()).isEqualTo(NoticeType.REJECTED);
      assertThat(n.text()).contains("张伟").contains("七天无理由退货期限");
    });
    assertThat(noticeTypes(returnNo)).doesNotContain(NoticeType.REFUND_CARE);
  }

  @Test
  void shouldRejectWhenTheAgentRejectsAndWithdrawTheRefundPromise() {
    ProcessInstance pi = open(aRequest(CaseType.REFUND_ONLY, Reason.NOT_AS_DESCRIBED, "260.00", 3,
        MemberTier.REGULAR, "HOME"));
    String returnNo = businessKey(pi);
    assertThat(pi).isWaitingAt(Elements.TASK_REVIEW);

    complete(task(pi), withVariables(Vars.APPROVED, false, Vars.DECISION_NOTE, "照片显示商品完好 · the photos show no defect"));

    assertThat(pi).hasPassed(Elements.TASK_SEND_REJECTED, Elements.TASK_CLOSE_REJECTED).isEnded();
    assertThat(status(returnNo)).isEqualTo(Status.REJECTED);
    assertThat(cases.view(returnNo).notices()).anySatisfy(n ->
        assertThat(n.text()).contains("照片显示商品完好"));
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(returnNo).active().list())
        .as("no refund-care process keeps waiting for a refund that will not come").isEmpty();
  }

  @Test
  void shouldShipAReplacementForAnExchange() {
    ProcessInstance pi = open(anExchange());
    String returnNo = businessKey(pi);
    assertThat(pi).hasNotPassed(Elements.TASK_PROMISE_REFUND_CARE).isWaitingAt(Elements.TASK_WAIT_FOR_PARCEL);
    cases.parcelShipped(returnNo, "YTO", "YT998877", "shop1");
    taskService.claim(task(pi).getId(), "warehouse1");
    complete(task(pi), withVariables(Vars.INSPECTION_PASSED, true));

    assertThat(pi).isWaitingAt(Elements.TASK_SHIP_REPLACEMENT);
    taskService.claim(task(pi).getId(), "warehouse1");
    complete(task(pi), withVariables(Vars.REPLACEMENT_COURIER, "SF", Vars.REPLACEMENT_WAYBILL_NO, "SF555"));

    assertThat(pi).hasPassed(Elements.TASK_SEND_SHIPPING).isWaitingAt(Elements.TASK_WAIT_FOR_DELIVERY);
    assertThat(status(returnNo)).isEqualTo(Status.EXCHANGE_SHIPPED);
    assertThat(cases.view(returnNo).notices()).anySatisfy(n -> {
      assertThat(n.type()).isEqualTo(NoticeType.SHIPPING);
      assertThat(n.text()).contains("SF555");
    });

    cases.replacementDelivered(returnNo, "shop1");
    assertThat(pi).hasPassed(Elements.TASK_SEND_DELIVERY_CARE, Elements.TASK_CLOSE).isEnded();
    assertThat(noticeTypes(returnNo)).contains(NoticeType.DELIVERY_CARE).doesNotContain(NoticeType.SURVEY);
    assertThat(refundCare.promiseOf(returnNo)).isEmpty();
  }

  @Test
  void shouldAskASecondApprovalAfterAFailedInspectionAndRefundPartOnceGiven() {
    ProcessInstance pi = open(aRequest(CaseType.RETURN_AND_REFUND, Reason.DAMAGED, "90.00", 2,
        MemberTier.REGULAR, "ELECTRONICS"));
    String returnNo = businessKey(pi);
    cases.parcelShipped(returnNo, "SF", "SF42", "shop1");
    taskService.claim(task(pi).getId(), "warehouse1");
    complete(task(pi), withVariables(Vars.INSPECTION_PASSED, false, Vars.INSPECTION_NOTE, "外壳有划痕 · scratched case"));

    assertThat(pi).isWaitingAt(Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION);
    String agent = cases.view(returnNo).assignee();
    assertThat(task(pi)).isAssignedTo(agent);
    complete(task(pi), withVariables(Vars.PARTIAL_REFUND, true, Vars.REFUND_AMOUNT, 45.0,
        Vars.DECISION_NOTE, "退一半 · half back"));

    // any refund after a failed inspection: a second after-sales supervisor, neither the agent nor the warehouse
    assertThat(pi).isWaitingAt(Elements.TASK_APPROVE_REFUND);
    assertThat(status(returnNo)).isEqualTo(Status.AWAITING_SECOND_APPROVAL);
    assertThat(task(pi)).hasCandidateUser("cslead").hasCandidateUser("cslead2");
    assertThat(orders.reserved(returnNo)).as("the order's claim shrank to the partial refund").hasValueSatisfying(
        r -> assertThat(r).isEqualByComparingTo("45.00"));
    taskService.claim(task(pi).getId(), "cslead2");
    complete(task(pi), withVariables(Vars.SECOND_APPROVED, true));

    assertThat(status(returnNo)).isEqualTo(Status.REFUNDING);
    execute(job(Elements.TASK_ISSUE_REFUND, pi));
    assertThat(status(returnNo)).as("refunded, then closed (no survey step since version 5)").isEqualTo(Status.CLOSED);
    assertThat(cases.view(returnNo).timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("REFUNDED");
      assertThat(e.detail()).startsWith("45.00");
    }).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("SECOND_APPROVED");
      assertThat(e.actor()).isEqualTo("cslead2");
      assertThat(e.detail()).contains("inspected by warehouse1").contains("decided by " + agent);
    });
  }

  @Test
  void shouldRefundAboveTheThresholdOnlyAfterASecondApproval() {
    ProcessInstance pi = open(ReturnRequests.aLargeRefund());
    String returnNo = businessKey(pi);
    assertThat(pi).isWaitingAt(Elements.TASK_REVIEW);
    String reviewer = cases.view(returnNo).assignee();
    complete(task(pi), withVariables(Vars.APPROVED, true));

    assertThat(pi).hasPassed(Elements.TASK_REVIEW).isWaitingAt(Elements.TASK_APPROVE_REFUND);
    assertThat(status(returnNo)).isEqualTo(Status.AWAITING_SECOND_APPROVAL);
    assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).activityId(Elements.TASK_ISSUE_REFUND)
        .count()).as("nothing to pay yet").isZero();
    Task approval = task(pi);
    assertThat(engine.getFormService().getTaskFormVariables(approval.getId()).getValue(Vars.DECIDERS, String.class))
        .contains("shop1").contains(reviewer);
    taskService.claim(approval.getId(), "cslead");
    complete(approval, withVariables(Vars.SECOND_APPROVED, true));

    execute(job(Elements.TASK_ISSUE_REFUND, pi));
    assertThat(status(returnNo)).as("refunded, then closed (no survey step since version 5)").isEqualTo(Status.CLOSED);
    assertThat(cases.view(returnNo).timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("SECOND_APPROVED");
      assertThat(e.actor()).isEqualTo("cslead");
      assertThat(e.detail()).contains("1500.00").contains("reviewed by " + reviewer).contains("opened by shop1");
    });
  }

  @Test
  void shouldRejectAndGiveTheMoneyBackToTheOrderWhenTheSecondApproverRefuses() {
    ProcessInstance pi = open(ReturnRequests.aLargeRefund());
    String returnNo = businessKey(pi);
    complete(task(pi), withVariables(Vars.APPROVED, true));
    assertThat(pi).isWaitingAt(Elements.TASK_APPROVE_REFUND);
    taskService.claim(task(pi).getId(), "cslead2");
    complete(task(pi), withVariables(Vars.SECOND_APPROVED, false, Vars.SECOND_APPROVAL_NOTE,
        "照片与描述不符，请补充材料 · the photos do not match the description"));

    assertThat(pi).hasPassed(Elements.TASK_SEND_REJECTED, Elements.TASK_CLOSE_REJECTED).isEnded();
    assertThat(status(returnNo)).isEqualTo(Status.REJECTED);
    assertThat(cases.view(returnNo).notices()).anySatisfy(n -> {
      assertThat(n.type()).isEqualTo(NoticeType.REJECTED);
      assertThat(n.text()).contains("照片与描述不符");
    });
    assertThat(cases.view(returnNo).timeline()).anySatisfy(e -> assertThat(e.event()).isEqualTo("SECOND_REFUSED"));
    assertThat(orders.reserved(returnNo)).as("nothing in flight any more").isEmpty();
    assertThat(orders.find(cases.view(returnNo).orderNo()).orElseThrow().refundable()).isEqualByComparingTo("1500.00");
  }

  @Test
  void shouldHaveAColleagueReviewACaseStaffOpenedWhateverThePolicySays() {
    ProcessInstance pi = shop.openFromForm(aSmallRefund(), "agent1"); // 80.00: the policy would approve it at once
    opened.add(pi);
    String returnNo = businessKey(pi);

    assertThat(pi).isWaitingAt(Elements.TASK_REVIEW);
    assertThat(status(returnNo)).isEqualTo(Status.UNDER_REVIEW);
    assertThat(cases.view(returnNo).policyOutcome()).isEqualTo("MANUAL_REVIEW");
    assertThat(task(pi).getAssignee()).as("never the opener").isEqualTo("agent2");
    assertThat(cases.view(returnNo).timeline()).anySatisfy(e -> {
      assertThat(e.event()).isEqualTo("AUTO_APPROVAL_WITHHELD");
      assertThat(e.detail()).contains("agent1");
    });
  }

  @Test
  void shouldRemindAndThenCancelWhenTheParcelNeverArrives() {
    ProcessInstance pi = open(anExchange());
    String returnNo = businessKey(pi);
    assertThat(pi).isWaitingAt(Elements.TASK_WAIT_FOR_PARCEL);

    execute(job(Elements.TIMER_PARCEL_REMINDER, pi));
    assertThat(pi).hasPassed(Elements.TASK_SEND_PARCEL_REMINDER).isWaitingAt(Elements.TASK_WAIT_FOR_PARCEL);
    assertThat(noticeTypes(returnNo)).contains(NoticeType.PARCEL_REMINDER);

    execute(job(Elements.TIMER_PARCEL_LIMIT, pi));
    assertThat(pi).hasPassed(Elements.TASK_CANCEL).isEnded();
    assertThat(status(returnNo)).isEqualTo(Status.CANCELLED);
  }

  @Test
  void shouldEscalateToSupervisorsWhenTheReviewIsOverdueWithoutStoppingTheCase() {
    ProcessInstance pi = open(aReturnForReview());
    String returnNo = businessKey(pi);

    execute(job(Elements.TIMER_REVIEW_OVERDUE, pi));

    assertThat(pi).isWaitingAt(Elements.TASK_REVIEW, Elements.TASK_HANDLE_OVERDUE_REVIEW);
    Task escalation = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(Elements.TASK_HANDLE_OVERDUE_REVIEW).singleResult();
    assertThat(escalation).hasCandidateGroup("supervisors");
    assertThat(escalation.getName()).contains(returnNo);

    String other = "agent1".equals(cases.view(returnNo).assignee()) ? "agent2" : "agent1";
    taskService.claim(escalation.getId(), "cslead");
    complete(escalation, withVariables("reassignTo", other, "escalationNote", "agent on leave"));

    assertThat(task(Elements.TASK_REVIEW, pi)).isAssignedTo(other);
    assertThat(cases.view(returnNo).assignee()).isEqualTo(other);
  }

  @Test
  void shouldEscalateToSupervisorsWhenTheInspectionIsOverdue() {
    ProcessInstance pi = open(anExchange());
    String returnNo = businessKey(pi);
    cases.parcelShipped(returnNo, "SF", "SF9", "shop1");

    execute(job(Elements.TIMER_INSPECTION_OVERDUE, pi));

    assertThat(pi).isWaitingAt(Elements.TASK_INSPECT, Elements.TASK_HANDLE_OVERDUE_INSPECTION);
    Task escalation = taskService.createTaskQuery().processInstanceId(pi.getId())
        .taskDefinitionKey(Elements.TASK_HANDLE_OVERDUE_INSPECTION).singleResult();
    assertThat(escalation).hasCandidateGroup("supervisors");
    assertThat(escalation.getName()).contains(returnNo);
    complete(escalation, withVariables("escalationNote", "warehouse short-staffed, asked for overtime"));
    assertThat(pi).isWaitingAt(Elements.TASK_INSPECT);
  }

  @Test
  void shouldCallAVipBackAfterTheCase() {
    ProcessInstance pi = open(asVip(aSmallRefund()));
    String returnNo = businessKey(pi);
    execute(job(Elements.TASK_ISSUE_REFUND, pi));

    assertThat(pi).hasPassed(Elements.TASK_ISSUE_REFUND).isWaitingAt(Elements.TASK_FOLLOW_UP_CALL);
    assertThat(task(pi)).isAssignedTo(cases.view(returnNo).assignee());
    complete(task(pi), withVariables(Vars.SATISFIED, true, Vars.NOTE, "客户满意 · happy"));
    assertThat(pi).isEnded();
  }

  @Test
  void aCaseOfTheCurrentModelAsksForNoRatingItself() {
    ProcessInstance pi = open(aSmallRefund());
    execute(job(Elements.TASK_ISSUE_REFUND, pi));
    assertThat(pi).isEnded();
    // a low score's call back is return-survey.bpmn's recovery task now (ReturnSurveyProcessTest)
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cases.surveyAnswered(businessKey(pi), 1, "shop1"))
        .hasMessageContaining("not waiting for a survey answer");
  }

  /**
   * Opens the case on its order as the shop's system (an integrator: the policy may approve at once), through the same
   * door as Tasklist's start form, keeping the instance (also when it ends at once).
   */
  private ProcessInstance open(ReturnRequest request) {
    ProcessInstance pi = shop.openFromForm(request, "shop1");
    opened.add(pi);
    return pi;
  }

  private static String businessKey(ProcessInstance pi) {
    return pi.getBusinessKey();
  }

  private Status status(String returnNo) {
    return cases.view(returnNo).status();
  }

  private java.util.List<NoticeType> noticeTypes(String returnNo) {
    return cases.view(returnNo).notices().stream().map(n -> n.type()).toList();
  }

}
