package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.notice.NoticePeers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What history a return case leaves (HistoryTrim, application.yaml peakcare.history): its story is kept, the
 * variable-change details, gateway passes, the machinery's variable history and successful job log, and notice
 * delivery's activities are not.
 */
@PeakCareTest
class ReturnHistoryTest {

  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;

  @Test
  void aCaseKeepsItsStoryButNotItsVariableDetailsNorTheMachinerysVariablesAndSuccessfulJobs() {
    NoticePeers.sms();
    NoticePeers.mail();
    ReturnRequest request = aSmallRefund();
    String returnNo = request.returnNo();
    ProcessInstance pi = shop.openFromForm(request, "shop1");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());

    // the return case: activities, variables' last values and the policy decision; no per-change details
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).count()).isPositive();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).count()).isPositive();
    assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(pi.getId()).count()).isZero();
    // no gateway passes (the steps around them say the way taken), and no log of the refund job that went well
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId()).list())
        .extracting(a -> a.getActivityType()).doesNotContain("exclusiveGateway", "parallelGateway",
            "eventBasedGateway").contains("serviceTask");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(ReturnCaseProcess.Elements.TASK_ISSUE_REFUND).finished().count()).isEqualTo(1);
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(pi.getId()).successLog().count())
        .isZero();
    // the notice step's input parameter is the model's, not the case's history
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
        .variableName("noticeType").count()).isZero();

    // refund care (machinery): the instance and its activities, no variable history
    HistoricProcessInstance care = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("refund-care").processInstanceBusinessKey(returnNo).singleResult();
    assertThat(care).isNotNull();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(care.getId()).count()).isPositive();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(care.getId()).count()).isZero();

    // a notice's delivery by a notice-delivery instance (machinery; the outbox delivers new notices, an instance of
    // before or of peakcare.notice.delivery=process still runs): delivered, its instance ended in history, no log of
    // the job that went well
    String noticeKey = returnNo + ":REFUND_CARE:1";
    ProcessInstance delivery = runtimeService.startProcessInstanceByKey("notice-delivery", noticeKey);
    Job job = managementService.createJobQuery().processInstanceId(delivery.getId()).singleResult();
    managementService.executeJob(job.getId());
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(delivery.getId()).singleResult()
        .getEndTime()).isNotNull();
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(delivery.getId()).count())
        .as("notice delivery keeps no activity rows: PC_NOTICE_DELIVERY is its story").isZero();

    // elsewhere full history stays: a process not listed keeps every variable change
    String other = runtimeService.startProcessInstanceByKey("smoke-one-task",
        java.util.Map.of("note", "kept")).getId();
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(other).count()).isPositive();
  }
}
