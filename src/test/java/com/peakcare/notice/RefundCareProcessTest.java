package com.peakcare.notice;

import static com.peakcare.notice.NoticeTestData.aCaseRef;
import static com.peakcare.notice.NoticeTestData.aChineseCustomer;
import static com.peakcare.notice.NoticeTestData.anEnglishCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.peakcare.PeakCareTest;
import com.peakcare.identity.Groups;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/refund-care.bpmn: one test per path, the timer driven by the test. */
@PeakCareTest
class RefundCareProcessTest {

  @Autowired NoticeOutboxPoller poller;
  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired RefundCare refundCare;
  @Autowired NoticeService notices;
  @Autowired MeterRegistry meters;
  @Autowired ShopCases shop;

  final GreenMail mail = NoticePeers.mail();
  final WireMockServer sms = NoticePeers.sms();

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
  }

  @Test
  void shouldTellTheCustomerTheRefundIsDoneWhenItIsDoneOnTime() throws Exception {
    String returnNo = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();
    Instant promisedBy = Instant.parse("2030-11-23T10:00:00Z"); // 18:00 Beijing time
    double onTimeBefore = counter("peakcare.refunds.on_time");

    shop.add(returnNo, customer, new BigDecimal("199.00"), "支付宝");
    refundCare.promise(returnNo, promisedBy);
    refundCare.promise(returnNo, promisedBy); // a retry: nothing new

    ProcessInstance pi = refundCareOf(returnNo);
    assertThat(pi).isWaitingAt(RefundCareProcess.Elements.TASK_WAIT_FOR_REFUND);
    Notice care = onlyNotice(returnNo);
    assertThat(care.type()).isEqualTo(NoticeType.REFUND_CARE);
    // what the customer receives, over both channels
    poller.runOnce(); // the outbox poller (every node runs one; off in tests)
    String promise = "王小明，您好！我们已收到您的退款申请（售后单 " + returnNo + "，金额 ¥199.00），将在 2030年11月23日 18:00（北京时间）前为您处理完毕";
    assertThat(mail.getReceivedMessagesForDomain(customer.email())).singleElement()
        .satisfies(m -> assertThat(m.getContent().toString()).contains(promise));
    assertThat(smsText(care.key())).contains(promise);
    assertThat(refundCare.promiseOf(returnNo))
        .hasValue(new RefundCare.RefundPromise(returnNo, promisedBy, null, null, null));
    assertThat(runtimeService.getVariables(pi.getId())).as("refund care's only variable: its timer's time")
        .containsOnlyKeys(RefundCareProcess.PROMISED_BY);

    Instant doneAt = promisedBy.minus(Duration.ofHours(30));
    refundCare.refundDone(returnNo, doneAt);

    assertThat(pi).hasPassed(RefundCareProcess.Elements.TASK_SEND_REFUND_DONE)
        .hasNotPassed(RefundCareProcess.Elements.TASK_SEND_REFUND_DELAYED).isEnded();
    assertThat(notices.noticesOf(returnNo)).extracting(Notice::type)
        .containsExactly(NoticeType.REFUND_CARE, NoticeType.REFUND_DONE);
    assertThat(notices.noticesOf(returnNo).get(1).text())
        .startsWith("王小明，您好！您的退款（售后单 " + returnNo + "）¥199.00 已原路退回至支付宝");
    assertThat(refundCare.promiseOf(returnNo))
        .hasValue(new RefundCare.RefundPromise(returnNo, promisedBy, null, doneAt, true));
    assertThat(counter("peakcare.refunds.on_time")).isEqualTo(onTimeBefore + 1);
    assertThat(meters.get("peakcare.refunds.on_time_share").gauge().value()).isBetween(0.0, 1.0);
  }

  @Test
  void shouldApologiseAndCallASupervisorWhenThePromiseIsMissed() throws Exception {
    String returnNo = aCaseRef();
    NoticeCustomer customer = anEnglishCustomer();
    Instant promisedBy = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
    double lateBefore = counter("peakcare.refunds.late");

    shop.add(returnNo, customer, new BigDecimal("59.90"), "your Alipay account");
    refundCare.promise(returnNo, promisedBy);
    ProcessInstance pi = refundCareOf(returnNo);
    assertThat(pi).isWaitingAt(RefundCareProcess.Elements.TASK_WAIT_FOR_REFUND);
    assertThat(job().getDuedate().toInstant()).isEqualTo(promisedBy);

    execute(job()); // the promised time passes

    Notice delayed = notices.noticesOf(returnNo).get(1);
    assertThat(delayed.type()).isEqualTo(NoticeType.REFUND_DELAYED);
    poller.runOnce();
    String apology = smsText(delayed.key());
    assertThat(apology).startsWith("Dear Alice Smith, we are sorry: your refund (return " + returnNo
        + ", ¥59.90) was not done by the time we promised.").contains("it will be done by ");
    assertThat(mail.getReceivedMessagesForDomain(customer.email())).as("the apology e-mailed once (beside the care)")
        .filteredOn(m -> com.icegreen.greenmail.util.GreenMailUtil.getHeaders(m).contains(delayed.key())).hasSize(1);

    Task followUp = task(RefundCareProcess.Elements.TASK_FOLLOW_UP_LATE_REFUND);
    assertThat(followUp.getName()).as("the card names the case, its customer and amount, from the records")
        .isEqualTo("跟进逾期退款 · Follow up late refund · " + returnNo + " Alice Smith ¥59.90");
    assertThat(taskService.getIdentityLinksForTask(followUp.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(Groups.SUPERVISORS));
    assertThat(pi).isWaitingAt(RefundCareProcess.Elements.TASK_WAIT_FOR_REFUND,
        RefundCareProcess.Elements.TASK_FOLLOW_UP_LATE_REFUND);

    Instant doneAt = promisedBy.plus(Duration.ofHours(3));
    Instant renewed = refundCare.promiseOf(returnNo).orElseThrow().newPromisedBy();
    assertThat(renewed).as("the apology's new time, recorded").isAfter(promisedBy);
    refundCare.refundDone(returnNo, doneAt);

    assertThat(pi).hasPassed(RefundCareProcess.Elements.TASK_SEND_REFUND_DELAYED,
        RefundCareProcess.Elements.TASK_SEND_REFUND_DONE).isEnded();
    assertThat(taskService.createTaskQuery().taskId(followUp.getId()).count()).as("supervisor task closed").isZero();
    List<Notice> sent = notices.noticesOf(returnNo);
    assertThat(sent).extracting(Notice::type)
        .containsExactly(NoticeType.REFUND_CARE, NoticeType.REFUND_DELAYED, NoticeType.REFUND_DONE);
    assertThat(sent.get(2).text()).startsWith("Dear Alice Smith, your refund of ¥59.90 (return " + returnNo
        + ") has been paid back to your Alipay account");
    assertThat(refundCare.promiseOf(returnNo))
        .hasValue(new RefundCare.RefundPromise(returnNo, promisedBy, renewed, doneAt, false));
    assertThat(counter("peakcare.refunds.late")).isEqualTo(lateBefore + 1);
  }

  @Test
  void aRefundWithoutRefundCareChangesNothing() {
    String returnNo = aCaseRef();
    refundCare.refundDone(returnNo, Instant.now());
    assertThat(notices.noticesOf(returnNo)).isEmpty();
    assertThat(refundCare.promiseOf(returnNo)).isEmpty();
  }

  private ProcessInstance refundCareOf(String returnNo) {
    List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(RefundCareProcess.KEY).processInstanceBusinessKey(returnNo).list();
    assertThat(instances).as("refund care instances of " + returnNo).hasSize(1);
    return instances.get(0);
  }

  private Notice onlyNotice(String caseRef) {
    List<Notice> all = notices.noticesOf(caseRef);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private String smsText(String noticeKey) throws Exception {
    return sms.getAllServeEvents().stream()
        .filter(e -> noticeKey.equals(e.getRequest().getHeader("Idempotency-Key")))
        .map(e -> e.getRequest().getBodyAsString())
        .map(body -> {
          try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("text").asText();
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        })
        .reduce((a, b) -> {
          throw new AssertionError("more than one SMS for " + noticeKey);
        })
        .orElseThrow(() -> new AssertionError("no SMS for " + noticeKey));
  }

  private double counter(String name) {
    return meters.get(name).counter().count();
  }
}
