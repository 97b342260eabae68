package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.peakcare.PeakCareTest;
import com.peakcare.identity.Groups;
import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * processes/refund-care.bpmn (returns' since issue 23 item 4): one test per path, on real return cases (the promise is
 * made by the case's Task_PromiseRefundCare, the refund paid by its Task_IssueRefund), the timer driven by the test.
 * Its notices come from returns' own records through {@code ${returnNoticeDelegate}}; the refund's time is PC_REFUND's,
 * stored once.
 */
@PeakCareTest
class RefundCareProcessTest {

  private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm")
      .withZone(ZoneId.of("Asia/Shanghai"));

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired RefundCare refundCare;
  @Autowired RefundLedger ledger;
  @Autowired NoticeService notices;
  @Autowired MeterRegistry meters;
  @Autowired ShopOrders shop;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
  }

  @Test
  void shouldTellTheCustomerTheRefundIsDoneWhenItIsDoneOnTime() {
    double onTimeBefore = counter("peakcare.refunds.on_time");
    ProcessInstance returnCase = shop.openFromForm(aSmallRefund(), "shop1"); // approved at once: money promised
    String returnNo = returnCase.getBusinessKey();

    ProcessInstance pi = refundCareOf(returnNo);
    assertThat(pi).hasPassed(RefundCareProcess.Elements.TASK_SEND_REFUND_CARE)
        .isWaitingAt(RefundCareProcess.Elements.TASK_WAIT_FOR_REFUND);
    RefundCare.RefundPromise promise = refundCare.promiseOf(returnNo).orElseThrow();
    assertThat(promise.doneAt()).isNull();
    assertThat(promise.onTime()).isNull();
    assertThat(runtimeService.getVariables(pi.getId())).as("refund care's only variable: its timer's time")
        .containsOnlyKeys(RefundCareProcess.PROMISED_BY);
    assertThat(onlyNotice(returnNo, NoticeType.REFUND_CARE).text()).as("from the case's record and its promise")
        .startsWith("张伟，您好！我们已收到您的退款申请（售后单 " + returnNo + "，金额 ¥80.00），将在 "
            + BEIJING.format(promise.promisedBy()) + "（北京时间）前为您处理完毕");

    execute(job(Elements.TASK_ISSUE_REFUND, returnCase));

    assertThat(pi).hasPassed(RefundCareProcess.Elements.TASK_RECORD_REFUND_DONE,
        RefundCareProcess.Elements.TASK_SEND_REFUND_DONE)
        .hasNotPassed(RefundCareProcess.Elements.TASK_SEND_REFUND_DELAYED).isEnded();
    assertThat(onlyNotice(returnNo, NoticeType.REFUND_DONE).text())
        .startsWith("张伟，您好！您的退款（售后单 " + returnNo + "）¥80.00 已原路退回至");
    Instant paid = ledger.find(returnNo).orElseThrow().doneAt();
    assertThat(refundCare.promiseOf(returnNo)).as("the refund's time is PC_REFUND's, stored once")
        .hasValue(new RefundCare.RefundPromise(returnNo, promise.promisedBy(), null, paid, true));
    assertThat(counter("peakcare.refunds.on_time")).isEqualTo(onTimeBefore + 1);
    assertThat(meters.get("peakcare.refunds.on_time_share").gauge().value()).isBetween(0.0, 1.0);
  }

  @Test
  void shouldApologiseAndCallASupervisorWhenThePromiseIsMissed() {
    double lateBefore = counter("peakcare.refunds.late");
    ProcessInstance returnCase = shop.openFromForm(aSmallRefund(), "shop1");
    String returnNo = returnCase.getBusinessKey();
    ProcessInstance pi = refundCareOf(returnNo);
    Instant promisedBy = refundCare.promiseOf(returnNo).orElseThrow().promisedBy();
    assertThat(job(RefundCareProcess.Elements.TIMER_PROMISE_MISSED, pi).getDuedate().toInstant())
        .isEqualTo(promisedBy);

    execute(job(RefundCareProcess.Elements.TIMER_PROMISE_MISSED, pi)); // the promised time passes
    // ... as it has, for the record the refund is measured against
    jdbc.update("update PC_REFUND_PROMISE set PROMISED_BY = ? where RETURN_NO = ?",
        Timestamp.from(Instant.now().minus(Duration.ofHours(1))), returnNo);

    Instant renewed = refundCare.promiseOf(returnNo).orElseThrow().newPromisedBy();
    assertThat(renewed).as("the apology's new time, recorded").isAfter(Instant.now());
    assertThat(onlyNotice(returnNo, NoticeType.REFUND_DELAYED).text()).contains("张伟").contains(returnNo)
        .contains(BEIJING.format(renewed));
    Task followUp = task(RefundCareProcess.Elements.TASK_FOLLOW_UP_LATE_REFUND, pi);
    assertThat(followUp.getName()).as("the card names the case, its customer and amount, from the records")
        .isEqualTo("跟进逾期退款 · Follow up late refund · " + returnNo + " 张伟 ¥80.00");
    assertThat(taskService.getIdentityLinksForTask(followUp.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo(Groups.SUPERVISORS));
    assertThat(pi).isWaitingAt(RefundCareProcess.Elements.TASK_WAIT_FOR_REFUND,
        RefundCareProcess.Elements.TASK_FOLLOW_UP_LATE_REFUND);

    execute(job(Elements.TASK_ISSUE_REFUND, returnCase));

    assertThat(pi).hasPassed(RefundCareProcess.Elements.TASK_SEND_REFUND_DELAYED,
        RefundCareProcess.Elements.TASK_SEND_REFUND_DONE).isEnded();
    assertThat(taskService.createTaskQuery().taskId(followUp.getId()).count()).as("supervisor task closed").isZero();
    assertThat(notices.noticesOf(returnNo)).extracting(Notice::type).containsSubsequence(NoticeType.REFUND_CARE,
        NoticeType.REFUND_DELAYED, NoticeType.REFUND_DONE);
    assertThat(refundCare.promiseOf(returnNo)).hasValueSatisfying(p -> {
      assertThat(p.doneAt()).isEqualTo(ledger.find(returnNo).orElseThrow().doneAt());
      assertThat(p.onTime()).isFalse();
      assertThat(p.newPromisedBy()).isEqualTo(renewed);
    });
    assertThat(counter("peakcare.refunds.late")).isEqualTo(lateBefore + 1);
  }

  @Test
  void aRefundWithoutRefundCareChangesNothing() {
    String returnNo = "R-NONE-" + System.nanoTime();
    refundCare.refundDone(returnNo);
    assertThat(notices.noticesOf(returnNo)).isEmpty();
    assertThat(refundCare.promiseOf(returnNo)).isEmpty();
  }

  @Test
  void refundCareToldDoneWithoutAPaidRefundTellsTheCustomerNothing() {
    ProcessInstance returnCase = shop.openFromForm(aSmallRefund(), "shop1");
    String returnNo = returnCase.getBusinessKey();
    ProcessInstance pi = refundCareOf(returnNo);

    // an operator correlating "done" by hand, with nothing in PC_REFUND
    assertThatThrownBy(() -> runtimeService.createMessageCorrelation(RefundCareProcess.MESSAGE_REFUND_DONE)
        .processInstanceId(pi.getId()).correlate()).hasMessageContaining("no refund of it is recorded");

    assertThat(pi).isWaitingAt(RefundCareProcess.Elements.TASK_WAIT_FOR_REFUND);
    assertThat(notices.noticesOf(returnNo)).extracting(Notice::type).doesNotContain(NoticeType.REFUND_DONE);
  }

  private ProcessInstance refundCareOf(String returnNo) {
    List<ProcessInstance> instances = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(RefundCareProcess.KEY).processInstanceBusinessKey(returnNo).list();
    assertThat(instances).as("refund care instances of " + returnNo).hasSize(1);
    return instances.get(0);
  }

  private Notice onlyNotice(String caseRef, NoticeType type) {
    List<Notice> all = notices.noticesOf(caseRef).stream().filter(n -> n.type() == type).toList();
    assertThat(all).as(type + " notices of " + caseRef).hasSize(1);
    return all.get(0);
  }

  private double counter(String name) {
    return meters.get(name).counter().count();
  }
}
