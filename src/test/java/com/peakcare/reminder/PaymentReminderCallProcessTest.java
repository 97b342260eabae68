package com.peakcare.reminder;

import static com.peakcare.reminder.ReminderFixtures.daytime;
import static com.peakcare.reminder.ReminderFixtures.orderNo;
import static com.peakcare.reminder.ReminderFixtures.unpaid;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.peakcare.PeakCareTest;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.reminder.PaymentReminderCallProcess.Elements;
import com.peakcare.reminder.PaymentReminderCallProcess.Vars;
import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.support.Http;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * payment-reminder-call.bpmn, one test per path: the agent records the call; the order is paid first (no call
 * needed); the order closes first. VIP or large orders get it when the plan's call step is due; nobody starts it by
 * hand.
 */
@PeakCareTest
class PaymentReminderCallProcessTest {

  static final List<String> AGENT = List.of("after-sales", "all-staff");
  static final List<String> WAREHOUSE = List.of("warehouse", "all-staff");

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ManagementService management;
  @Autowired ReminderCampaigns campaigns;
  @Autowired ReminderPoller poller;
  @Autowired ReminderRepository repository;
  ReminderFixtures fx;
  Campaign campaign;

  @BeforeEach
  void setUp() {
    init(engine);
    fx = new ReminderFixtures(new Http(port), campaigns);
    campaign = fx.campaign("0");
  }

  /** A VIP's unpaid ¥1,299 order whose call step is due and sent: the call process, waiting for an agent. */
  private ProcessInstance aCallDue(String no, Instant ordered) {
    fx.register(no, unpaid(ReminderFixtures.buyerIn(campaign, Holdout.REMINDED), "VIP", "EXCLUSIVE", "BEAUTY",
        "1299.00", ordered));
    Assertions.assertThat(repository.step(no, 1).orElseThrow().channel()).isEqualTo("PHONE");
    poller.runOnce(daytime(Duration.ofHours(1)));
    return runtime.createProcessInstanceQuery().processDefinitionKey(PaymentReminderCallProcess.KEY)
        .processInstanceBusinessKey(no).singleResult();
  }

  @Test
  void shouldRecordTheOutcomeWhenAnAgentCallsTheBuyer() {
    String no = orderNo();
    ProcessInstance pi = aCallDue(no, Instant.now());

    assertThat(pi).isWaitingAt(Elements.TASK_CALL);
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task).hasCandidateGroup("after-sales");
    Assertions.assertThat(task.getName()).startsWith("致电买家催付 · Call the buyer · " + no + " 陈静 ¥1299.00 VIP");
    Map<String, Object> shown = forms.getTaskFormVariables(task.getId());
    Assertions.assertThat((String) shown.get(Vars.CALL_BRIEF)).contains(no, "轻薄羽绒服", "陈静", "订单关闭");

    assertThatThrownBy(() -> as("warehouse1", WAREHOUSE, () -> {
      tasks.claim(task.getId(), "warehouse1");
      return null;
    })).isInstanceOf(Refusal.Forbidden.class);
    as("agent1", AGENT, () -> {
      tasks.claim(task.getId(), "agent1");
      assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of(Vars.CALL_OUTCOME, "MAYBE")))
          .isInstanceOf(Refusal.Invalid.class);
      tasks.complete(task.getId(), Map.of(Vars.CALL_OUTCOME, "WILL_PAY", Vars.CALL_NOTE, "买家说晚上付款"));
      return null;
    });

    assertThat(pi).hasPassed(Elements.END_RECORDED).isEnded();
    Assertions.assertThat(repository.step(no, 1).orElseThrow())
        .extracting(ReminderRepository.Step::callOutcome, ReminderRepository.Step::calledBy)
        .containsExactly("WILL_PAY", "agent1");
  }

  @Test
  void shouldEndTheCallWhenTheOrderIsPaidFirst() {
    String no = orderNo();
    Instant ordered = Instant.now();
    ProcessInstance pi = aCallDue(no, ordered);
    String buyer = repository.order(no).orElseThrow().buyerId();

    fx.register(no, ReminderFixtures.order(buyer, "VIP", "PAID", "EXCLUSIVE", "BEAUTY", "1299.00", ordered,
        ordered.plusSeconds(900)));

    assertThat(pi).hasPassed(Elements.BOUNDARY_STOPPED, Elements.END_NOT_NEEDED).isEnded();
    Assertions.assertThat(repository.step(no, 2).orElseThrow().state()).isEqualTo("CANCELLED");
  }

  @Test
  void shouldEndTheCallWhenTheOrderClosesUncalled() {
    ProcessInstance pi = aCallDue(orderNo(), Instant.now());

    Job timer = management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
    management.executeJob(timer.getId());

    assertThat(pi).hasPassed(Elements.BOUNDARY_CLOSED, Elements.END_CLOSED).isEnded();
  }

  @Test
  void shouldLetNobodyStartACallByHand() {
    for (String user : List.of("agent1", "cslead")) {
      assertThatThrownBy(() -> as(user, AGENT, () -> runtime.startProcessInstanceByKey(PaymentReminderCallProcess.KEY,
          "ANY-ORDER"))).isInstanceOf(Refusal.Forbidden.class);
    }
  }

  private <T> T as(String user, List<String> groups, Supplier<T> work) {
    identity.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
