package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.notice.NoticeType;
import com.peakcare.returns.PaymentProviderPeer.Answer;
import com.peakcare.returns.PaymentProviderPeer.Attempt;
import com.peakcare.returns.PaymentProviderPeer.PayThenStall;
import com.peakcare.returns.PaymentProviderPeer.Payment;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Status;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The refund step of return-case.bpmn paying through the HTTP gateway and a real payment provider peer: one test per
 * way the provider behaves. The job executor is off: each attempt of the step is one {@code executeJob}, as the job
 * executor would run it after the retry cycle's minute (R5/PT1M: five attempts, then an incident).
 */
@PeakCareTest
class RefundGatewayProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired RefundCare refundCare;
  @Autowired RefundLedger ledger;
  @Autowired ObjectMapper json;
  @Autowired SwitchableRefundGateway gateways;

  PaymentProviderPeer provider;
  AutoCloseable paysOverHttp;

  @BeforeEach
  void payThroughTheProvider() {
    init(engine);
    provider = PaymentProviderPeer.start();
    paysOverHttp = gateways.use(provider.gateway(ledger, json, Duration.ofSeconds(1)));
  }

  @AfterEach
  void stopProvider() throws Exception {
    paysOverHttp.close();
    provider.close();
  }

  @Test
  void shouldPayOnceWhenTheProviderTookTheMoneyButAnsweredTooLate() {
    ProcessInstance pi = aCaseWaitingForItsRefund();
    String returnNo = pi.getBusinessKey();
    provider.next(returnNo, new PayThenStall(Duration.ofSeconds(4)));
    Job refund = job(Elements.TASK_ISSUE_REFUND, pi);

    assertThatThrownBy(() -> managementService.executeJob(refund.getId()))
        .hasMessageContaining("no answer from the provider within 1 s");

    assertThat(retriesOf(refund)).isEqualTo(4);
    assertThat(provider.paymentsFor(returnNo)).as("the provider took the money").hasSize(1);
    assertWaitingForTheRefund(returnNo);

    managementService.executeJob(refund.getId());

    List<Attempt> attempts = provider.attempts(returnNo);
    assertThat(attempts).hasSize(2).extracting(Attempt::idempotencyKey).containsOnly(returnNo);
    assertThat(attempts.get(1).status()).as("the retry is answered as a repeat").isEqualTo(200);
    assertThat(provider.paymentsFor(returnNo)).as("the customer is paid once").hasSize(1);
    assertRefundedWithTheProvidersReference(pi, provider.paymentsFor(returnNo).get(0));
  }

  @Test
  void shouldPayWhenTheProviderAnswersAgainAfterServerErrors() {
    ProcessInstance pi = aCaseWaitingForItsRefund();
    String returnNo = pi.getBusinessKey();
    provider.next(returnNo, new Answer(503, "application/json", "{\"message\":\"维护中 · maintenance\"}"),
        new Answer(502, "text/html", "<html>Bad Gateway</html>"),
        new Answer(500, "application/json", "{\"message\":\"internal error\"}"));
    Job refund = job(Elements.TASK_ISSUE_REFUND, pi);

    for (String status : new String[] {"503", "502", "500"}) {
      assertThatThrownBy(() -> managementService.executeJob(refund.getId()))
          .hasMessageContaining("the provider answered " + status);
      assertWaitingForTheRefund(returnNo);
    }
    assertThat(retriesOf(refund)).isEqualTo(2);

    managementService.executeJob(refund.getId());

    assertThat(provider.attempts(returnNo)).extracting(Attempt::status).containsExactly(503, 502, 500, 201);
    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
    assertRefundedWithTheProvidersReference(pi, provider.paymentsFor(returnNo).get(0));
  }

  @Test
  void shouldTakeTheProvidersRepeatedAnswerAsPaidWithTheOriginalReference() {
    // a node paid, then died before its transaction committed: the job runs again on another node
    ProcessInstance pi = aCaseWaitingForItsRefund();
    String returnNo = pi.getBusinessKey();
    Payment earlier = provider.paidEarlier(returnNo, new BigDecimal("80.00"), "ORIGINAL_PAYMENT");

    managementService.executeJob(job(Elements.TASK_ISSUE_REFUND, pi).getId());

    assertThat(provider.attempts(returnNo)).extracting(Attempt::status).containsExactly(200);
    assertThat(provider.paymentsFor(returnNo)).containsExactly(earlier);
    assertRefundedWithTheProvidersReference(pi, earlier);
  }

  @Test
  void shouldRaiseAnIncidentAndKeepTheCaseRefundingWhileTheProviderStaysDown() {
    ProcessInstance pi = aCaseWaitingForItsRefund();
    String returnNo = pi.getBusinessKey();
    provider.always(returnNo, new Answer(503, "application/json", "{\"message\":\"gateway down\"}"));
    Job refund = job(Elements.TASK_ISSUE_REFUND, pi);

    for (int attempt = 1; attempt <= 5; attempt++) {
      assertThatThrownBy(() -> managementService.executeJob(refund.getId())).hasMessageContaining("503");
      assertThat(retriesOf(refund)).as("retries left after attempt " + attempt).isEqualTo(5 - attempt);
      assertThat(incidentOf(refund)).as("incident after attempt " + attempt).isEqualTo(attempt == 5 ? 1 : 0);
    }

    Incident incident = runtimeService.createIncidentQuery().configuration(refund.getId()).singleResult();
    assertThat(incident.getIncidentMessage())
        .isEqualTo("refund " + returnNo + " of 80.00 CNY failed: the provider answered 503: gateway down");
    assertThat(provider.attempts(returnNo)).hasSize(5);
    assertThat(provider.paymentsFor(returnNo)).isEmpty();
    assertWaitingForTheRefund(returnNo);

    // the provider is back; an operator retries the incident (Cockpit: Retry)
    provider.recover(returnNo);
    managementService.setJobRetries(refund.getId(), 1);
    managementService.executeJob(refund.getId());

    assertThat(runtimeService.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
    assertThat(provider.attempts(returnNo)).hasSize(6);
    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
    assertRefundedWithTheProvidersReference(pi, provider.paymentsFor(returnNo).get(0));
  }

  @Test
  void shouldRaiseAnIncidentAtOnceWhenTheProviderRefuses() {
    ProcessInstance pi = aCaseWaitingForItsRefund();
    String returnNo = pi.getBusinessKey();
    provider.next(returnNo, new Answer(422, "application/problem+json",
        "{\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"收款账户已注销 · account closed\"}"));
    Job refund = job(Elements.TASK_ISSUE_REFUND, pi);

    assertThatThrownBy(() -> managementService.executeJob(refund.getId())).hasMessageContaining("account closed");

    assertThat(retriesOf(refund)).as("no retries spent on a refusal").isZero();
    assertThat(runtimeService.createIncidentQuery().configuration(refund.getId()).singleResult().getIncidentMessage())
        .isEqualTo("refund " + returnNo + " of 80.00 CNY refused by the payment provider (422): 收款账户已注销 · account"
            + " closed");
    assertThat(provider.attempts(returnNo)).hasSize(1);
    assertThat(provider.paymentsFor(returnNo)).isEmpty();
    assertWaitingForTheRefund(returnNo);

    // the customer's account is sorted out with the provider; an operator retries the incident
    managementService.setJobRetries(refund.getId(), 1);
    managementService.executeJob(refund.getId());

    assertThat(provider.paymentsFor(returnNo)).hasSize(1);
    assertRefundedWithTheProvidersReference(pi, provider.paymentsFor(returnNo).get(0));
  }

  private ProcessInstance aCaseWaitingForItsRefund() {
    ReturnRequest request = aSmallRefund(); // 80.00, refund only: the policy approves it at once
    ProcessInstance pi = shop.openFromForm(request, "shop1");
    assertThat(pi).isWaitingAt(Elements.TASK_ISSUE_REFUND);
    assertThat(cases.view(request.returnNo()).status()).isEqualTo(Status.REFUNDING);
    return pi;
  }

  /** What an integrator sees while the refund has not gone through: waiting, not paid, nothing told. */
  private void assertWaitingForTheRefund(String returnNo) {
    ReturnCaseView view = cases.view(returnNo);
    assertThat(view.status()).isEqualTo(Status.REFUNDING);
    assertThat(view.timeline()).extracting(ReturnCaseRepository.EventRow::event).doesNotContain("REFUNDED");
    assertThat(view.notices()).extracting(n -> n.type()).doesNotContain(NoticeType.REFUND_DONE);
    assertThat(view.refund().doneAt()).isNull();
    assertThat(ledger.find(returnNo)).isEmpty();
  }

  private void assertRefundedWithTheProvidersReference(ProcessInstance pi, Payment payment) {
    String returnNo = pi.getBusinessKey();
    assertThat(pi).hasPassed(Elements.TASK_ISSUE_REFUND, Elements.TASK_CLOSE).isEnded();
    assertThat(ledger.find(returnNo)).hasValueSatisfying(r -> {
      assertThat(r.gatewayRef()).isEqualTo(payment.reference());
      assertThat(r.amount()).isEqualByComparingTo("80.00");
    });
    assertThat(ledger.gatewayOf(returnNo)).hasValue("HTTP");
    ReturnCaseView view = cases.view(returnNo);
    assertThat(view.status()).isEqualTo(Status.CLOSED); // refunded, then closed at once (no survey step since v5)
    assertThat(view.timeline()).filteredOn(e -> e.event().equals("REFUNDED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).startsWith("80.00 to ").endsWith(" (" + payment.reference() + ")"));
    assertThat(view.notices()).filteredOn(n -> n.type() == NoticeType.REFUND_DONE).singleElement()
        .satisfies(n -> assertThat(n.text()).contains("80.00"));
    assertThat(refundCare.promiseOf(returnNo)).as("the promise's done time is the refund's, stored once")
        .hasValueSatisfying(p -> assertThat(p.doneAt()).isEqualTo(ledger.find(returnNo).orElseThrow().doneAt()));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  private int retriesOf(Job job) {
    return managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries();
  }

  private long incidentOf(Job job) {
    return runtimeService.createIncidentQuery().configuration(job.getId()).count();
  }
}
