package com.peakcare.review;

import static com.peakcare.review.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.peakcare.PeakCareTest;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.review.SeriousReviewProcess.Elements;
import com.peakcare.review.SeriousReviewProcess.Vars;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** serious-review.bpmn: a review naming a safety problem or threatening a complaint reaches after-sales at once. */
@PeakCareTest
class SeriousReviewProcessTest {

  static final List<String> AFTER_SALES_LEAD = List.of("after-sales", "supervisors", "all-staff");

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired IdentityService identity;
  @Autowired ReviewIntake intake;
  @Autowired ReviewCycles cycles;
  @Autowired ReviewRepository repository;
  @Autowired JdbcTemplate jdbc;
  ReviewFixtures fx;

  @BeforeEach
  void setUp() {
    init(engine);
    fx = new ReviewFixtures(intake, cycles, repository, runtime, tasks, identity, jdbc);
  }

  @Test
  void shouldHandASeriousReviewToTheAfterSalesLeadsTheMomentItArrives() {
    ReviewInput allergy = review(1, "用了两天脸就过敏了，又红又痒，要去12315投诉。");

    ReviewIntake.Received received = fx.send(allergy);

    Assertions.assertThat(received.seriousOpened()).isEqualTo(1);
    Assertions.assertThat(received.results().get(0).seriousWords()).contains("过敏", "12315", "投诉");
    ProcessInstance pi = instanceOf(allergy);
    assertThat(pi).isWaitingAt(Elements.TASK_HANDLE);
    Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(task).hasCandidateUser("cslead").hasName("处理严重差评 · Handle serious review · ★1 "
        + pi.getBusinessKey() + "：用了两天脸就过敏了，又红又痒，要去12315投诉…");
    Assertions.assertThat(task.getDueDate()).isBetween(java.util.Date.from(Instant.now()),
        java.util.Date.from(Instant.now().plus(Duration.ofHours(5))));
    Map<String, Object> shown = forms.getTaskFormVariables(task.getId());
    Assertions.assertThat((String) shown.get(Vars.REVIEW)).contains(allergy.orderNo(), "用了两天脸就过敏了");
    Assertions.assertThat((String) shown.get(Vars.WORDS)).contains("过敏,12315,投诉");

    assertThatThrownBy(() -> fx.as("whlead", ReviewCycleProcessTest.WAREHOUSE_LEAD,
        () -> tasks.claim(task.getId(), "whlead"))).isInstanceOf(Refusal.Forbidden.class);
    fx.as("cslead", AFTER_SALES_LEAD, () -> {
      tasks.claim(task.getId(), "cslead");
      tasks.complete(task.getId(), Map.of(Vars.CUSTOMER_CONTACTED, "true", Vars.HANDLING_NOTE,
          "已致电顾客，安排退款并请其提供就医记录"));
    });

    assertThat(pi).hasPassed(Elements.END_HANDLED).isEnded();
    ReviewRepository.Serious record = repository.serious(new ReviewRepository.Key(allergy.orderNo(), allergy.sku()))
        .orElseThrow();
    Assertions.assertThat(List.of(record.handledBy(), record.words())).containsExactly("cslead", "过敏,12315,投诉");
  }

  @Test
  void shouldOpenItOnceWhenTheReviewComesAgainOrChanges() {
    ReviewInput fire = review(1, "充电器用了一周就冒烟了，差点起火。");
    fx.send(fire);
    ProcessInstance pi = instanceOf(fire);

    ReviewIntake.Received again = fx.send(fire);
    ReviewIntake.Received changed = fx.send(new ReviewInput(fire.orderNo(), fire.sku(), 1, fire.text(),
        "追评：客服到现在没人管，我要曝光。", fire.reviewedAt(), Instant.now()));

    Assertions.assertThat(again.results().get(0).outcome()).isEqualTo(ReviewIntake.UNCHANGED);
    Assertions.assertThat(changed.results().get(0).outcome()).isEqualTo(ReviewIntake.UPDATED);
    Assertions.assertThat(again.seriousOpened() + changed.seriousOpened()).isZero();
    Assertions.assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(SeriousReviewProcess.KEY)
        .processInstanceBusinessKey(pi.getBusinessKey()).count()).isEqualTo(1);
  }

  @Test
  void shouldLetNobodyStartOneByHand() {
    assertThatThrownBy(() -> fx.as("cslead", AFTER_SALES_LEAD, () -> runtime.startProcessInstanceByKey(
        SeriousReviewProcess.KEY, "O-HAND/SKU-1"))).isInstanceOf(Refusal.Forbidden.class);
    assertThatThrownBy(() -> fx.as("cslead", AFTER_SALES_LEAD, () -> runtime.startProcessInstanceByKey(
        ReviewCycleProcess.KEY))).isInstanceOf(Refusal.Forbidden.class);
  }

  private ProcessInstance instanceOf(ReviewInput review) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(SeriousReviewProcess.KEY)
        .processInstanceBusinessKey(SeriousReviewProcess.businessKey(review.orderNo(), review.sku())).singleResult();
  }
}
