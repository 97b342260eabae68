package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.peakcare.PeakCareTest;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 23 point 3, read once: a command loads its case record once and passes it on. Opening a case selected its
 * {@code PC_RETURN_CASE} row 8 times before (the steps, the agent task's assignee and title, the notice, the view);
 * counted here with the repository's own select counter, so that a new re-read fails this test. (The open's answer
 * read it back after the commit, an eighth select, until it was built in the transaction.)
 */
@PeakCareTest
class ReadOnceTest {

  @Autowired ProcessEngine engine;
  @Autowired ShopOrders shop;
  @Autowired ReturnCases cases;
  @Autowired PlatformTransactionManager transactions;

  @BeforeEach
  void setUp() {
    init(engine);
  }

  @Test
  void openingACaseWithItsAgentTaskReadsTheRecordOnlyBeforeItsTransaction() {
    ReturnRequest request = shop.registered(aReturnForReview());

    long before = ReturnCaseRepository.selects();
    ReturnCases.Opened opened = cases.open(request, "shop1");
    long selects = ReturnCaseRepository.selects() - before;

    assertThat(opened.view().status()).isEqualTo(Status.UNDER_REVIEW); // the policy ran, an agent has the review
    assertThat(opened.view().assignee()).isNotNull();
    // one to learn that the number is new (a retry answers the existing case); the registration, the policy, the
    // assignment, the refund promise, the review task, its notice and the answer (built in the transaction from what
    // it wrote, OpenAnswerTest) read none
    assertThat(selects).as("selects of the case row while opening it").isEqualTo(1);
  }

  @Test
  void aStepThatCreatesAnAgentTaskReadsTheRecordOnce() {
    ReturnRequest request = shop.registered(aReturnForReview());
    cases.open(request, "shop1");
    ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(ReturnCaseProcess.KEY).processInstanceBusinessKey(request.returnNo()).singleResult();
    String agent = cases.view(request.returnNo()).assignee();

    long before = ReturnCaseRepository.selects();
    // the agent approves: the step records it, the return instructions notice goes out, the parcel wait begins
    engine.getIdentityService().setAuthenticatedUserId(agent);
    try {
      complete(task(pi), withVariables(Vars.APPROVED, true, Vars.DECISION_NOTE, "ok"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    long approve = ReturnCaseRepository.selects() - before;
    assertThat(cases.view(request.returnNo()).status()).isEqualTo(Status.AWAITING_PARCEL);
    assertThat(approve).as("selects of the case row by one task completion").isEqualTo(1);

    // the parcel arrives: status check, the correlation, the warehouse task and its title, the view: one select
    before = ReturnCaseRepository.selects();
    new TransactionTemplate(transactions).executeWithoutResult(
        s -> cases.parcelShipped(request.returnNo(), "SF", "SF-READ-ONCE", "shop1"));
    assertThat(ReturnCaseRepository.selects() - before).as("selects of the case row by parcelShipped").isEqualTo(1);
  }
}
