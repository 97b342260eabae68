package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static com.peakcare.returns.ReturnRequests.asVip;
import static com.peakcare.returns.ReturnRequests.ofCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.identity.Groups;
import com.peakcare.notice.NoticePeers;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.util.List;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Personal data where it is shown (issue 27): the phone is masked on every form but the follow-up call, and there only
 * for the agent it is assigned to; a case's whole run writes no phone, e-mail or name to the log.
 */
@PeakCareTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataShownTest {

  private static final String NAME = "欧阳娜娜";
  private static final String PHONE = "13955501234";
  private static final String EMAIL = "ouyang.nana.pd@example.com";

  @Autowired com.peakcare.notice.NoticeOutboxPoller noticePoller;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired FormService formService;
  @Autowired IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;

  @AfterEach
  void nobody() {
    identityService.clearAuthentication();
  }

  @Test
  void theReviewerSeesTheNumberMasked() {
    ReturnRequest request = ofCustomer(aReturnForReview(), NAME, PHONE, EMAIL);
    ProcessInstance pi = shop.openFromForm(request, "shop1");
    Task review = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(review.getTaskDefinitionKey()).isEqualTo(Elements.TASK_REVIEW);

    assertThat(phoneOnForm(review, review.getAssignee(), Groups.AFTER_SALES)).isEqualTo("139****1234");
  }

  @Test
  void onlyTheAgentMakingTheFollowUpCallSeesTheWholeNumberAndTheLogNeverCarriesIt(CapturedOutput output) {
    NoticePeers.sms();
    NoticePeers.mail();
    ReturnRequest request = ofCustomer(asVip(aSmallRefund()), NAME, PHONE, EMAIL);
    ProcessInstance pi = shop.openFromForm(request, "shop1");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(pi.getId()).singleResult()
        .getId());
    deliverNoticesOf(request.returnNo());
    Task call = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(call.getTaskDefinitionKey()).isEqualTo(Elements.TASK_FOLLOW_UP_CALL);

    assertThat(phoneOnForm(call, call.getAssignee(), Groups.AFTER_SALES)).as("the agent who calls").isEqualTo(PHONE);
    identityService.clearAuthentication();
    assertThat(formService.getTaskFormVariables(call.getId()).getValue(Vars.CUSTOMER_PHONE, String.class))
        .as("anyone else, PeakCare itself included").isEqualTo("139****1234");
    taskService.complete(call.getId(), java.util.Map.of(Vars.SATISFIED, true, Vars.NOTE, "客户满意 · happy"));
    assertThat(cases.view(request.returnNo()).status()).isEqualTo(ReturnCaseProcess.Status.CLOSED);

    // PeakCare's log, Camunda's and Spring's: every line but the test's own mail server and SMS gateway (GreenMail logs
    // each mailbox it creates, by address; the real ones are not in this JVM)
    String log = output.getAll().lines().filter(l -> !l.contains("c.icegreen.greenmail") && !l.contains("WireMock")
        && !l.contains("wiremock")).collect(java.util.stream.Collectors.joining("\n"));
    assertThat(log).as("the run logged something about the case").contains(request.returnNo());
    assertThat(log).doesNotContain(PHONE).doesNotContain(EMAIL).doesNotContain(NAME)
        .doesNotContain("139 5550 1234").doesNotContain("ouyang.nana");
  }

  private String phoneOnForm(Task task, String user, String... groups) {
    identityService.setAuthentication(user, List.of(groups));
    try {
      return formService.getTaskFormVariables(task.getId()).getValue(Vars.CUSTOMER_PHONE, String.class);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** What every node's outbox poller does (off in tests): the case's notices, and whatever else is due, go out. */
  private void deliverNoticesOf(String returnNo) {
    noticePoller.runOnce();
    assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE_DELIVERY where NOTICE_KEY like ? and STATUS <> 'SENT'",
        Integer.class, returnNo + ":%")).as("every notice of " + returnNo + " delivered").isZero();
  }
}
