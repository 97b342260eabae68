package com.peakcare.review;

import static com.peakcare.review.ReviewCycleProcess.Elements.END_CYCLE_CLOSED;
import static com.peakcare.review.ReviewCycleProcess.Elements.END_NOTHING_FOUND;
import static com.peakcare.review.ReviewCycleProcess.Elements.TASK_GATHER;
import static com.peakcare.review.ReviewCycleProcess.Elements.TASK_RECORD_ACTIONS;
import static com.peakcare.review.ReviewCycleProcess.Elements.TASK_ROUTE;
import static com.peakcare.review.ReviewFixtures.review;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.peakcare.PeakCareTest;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.review.ReviewCycleProcess.Status;
import com.peakcare.review.ReviewCycleProcess.Vars;
import com.peakcare.review.ReviewRepository.Action;
import com.peakcare.review.ReviewRepository.Cycle;
import com.peakcare.review.ReviewRepository.Topic;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
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
import org.springframework.jdbc.core.JdbcTemplate;

/** One test per path through review-cycle.bpmn, driven through the engine as the demo leads would. */
@PeakCareTest
class ReviewCycleProcessTest {

  static final List<String> WAREHOUSE_LEAD = List.of("warehouse", "supervisors", "all-staff");
  static final List<String> QC_LEAD = List.of("supervisors", "all-staff");
  static final List<String> OPS_LEAD = List.of("ops", "supervisors", "all-staff");
  static final String SHIPPING_LATE = "衣服质量很好，但是物流太慢了，等了一个星期才到。";
  static final String FADES = "质量太差，一洗就掉色，不会再买了。";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired IdentityService identity;
  @Autowired ReviewIntake intake;
  @Autowired ReviewCycles cycles;
  @Autowired ReviewRepository repository;
  @Autowired ReviewMeeting meeting;
  @Autowired JdbcTemplate jdbc;
  ReviewFixtures fx;

  @BeforeEach
  void setUp() {
    init(engine);
    fx = new ReviewFixtures(intake, cycles, repository, runtime, tasks, identity, jdbc);
    fx.drain();
  }

  @Test
  void shouldEndWithNothingFoundWhenTheCycleHasNoProblemsAndNoOpenAction() {
    fx.send(review(5, "好评，物流很快，包装严实，东西很好用。"));

    ProcessInstance pi = fx.openAndGather("quiet week");

    assertThat(pi).hasPassed(TASK_GATHER, END_NOTHING_FOUND).isEnded();
    Cycle c = fx.cycle(pi);
    Assertions.assertThat(c.status()).isEqualTo(Status.NOTHING_FOUND);
    Assertions.assertThat(c.reviews()).isEqualTo(1);
    Assertions.assertThat(c.negativeReviews()).isZero();
    Assertions.assertThat(c.closedAt()).isNotNull();
  }

  @Test
  void shouldGiveEachCategoryWithProblemsToItsDepartmentsLeadWhoRecordsActions() {
    fx.send(review(5, SHIPPING_LATE), review(4, "鞋子好看，不过快递太慢了。"), review(1, FADES),
        review(5, "好评，会回购。"));

    ProcessInstance pi = fx.openAndGather("after the sale");

    assertThat(pi).hasPassed(TASK_GATHER, TASK_ROUTE).isWaitingAt(TASK_RECORD_ACTIONS);
    Cycle c = fx.cycle(pi);
    Assertions.assertThat(c.status()).isEqualTo(Status.DISCUSSING);
    Assertions.assertThat(List.of(c.reviews(), c.negativeReviews(), c.hiddenNegatives())).containsExactly(4, 3, 2);
    Task logistics = fx.topicTask(pi, "LOGISTICS");
    Task quality = fx.topicTask(pi, "QUALITY");
    assertThat(logistics).hasCandidateUser("whlead");
    Assertions.assertThat(tasks.getIdentityLinksForTask(logistics.getId())).extracting(l -> l.getUserId())
        .doesNotContain("opslead", "qclead", "cslead");
    assertThat(quality).hasCandidateUser("qclead");
    Assertions.assertThat(logistics.getName()).contains("评价问题例会 · Review meeting", "物流快递 · Logistics",
        "2 条评价（隐性差评 2）");
    Map<String, Object> shown = forms.getTaskFormVariables(logistics.getId());
    Assertions.assertThat((String) shown.get(Vars.TOPIC_SUMMARY)).contains("2 / 4", "隐性差评 · hidden negatives 2", "上期 · Cycle before：0 / ");
    Assertions.assertThat((String) shown.get(Vars.TOPIC_EXAMPLES)).contains("【但是物流太慢了】", "（隐性差评 · hidden）");
    Assertions.assertThat(history.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(ReviewCycleProcess.ROUTING_DECISION).processInstanceId(pi.getId()).count())
        .as("each routing is in the decision history: LOGISTICS, QUALITY, OTHER (不会再买了)").isEqualTo(3);
    assertThat(fx.topicTask(pi, "OTHER")).hasCandidateUser("opslead");

    LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);
    fx.meet("whlead", WAREHOUSE_LEAD, logistics, Map.of(Vars.ACTION_TEXT + 1, "与快递公司约定大促期间次日达",
        Vars.ACTION_OWNER + 1, "warehouse1", Vars.ACTION_DUE + 1, due.toString()));
    fx.meet("qclead", QC_LEAD, quality, Map.of(Vars.MEETING_NOTE, "供应商已更换这批面料，下期再看"));
    fx.meet("opslead", OPS_LEAD, fx.topicTask(pi, "OTHER"), Map.of(Vars.MEETING_NOTE, "同一条评价，质量部门跟进"));

    assertThat(pi).hasPassed(END_CYCLE_CLOSED).isEnded();
    Assertions.assertThat(fx.cycle(pi).status()).isEqualTo(Status.CLOSED);
    Assertions.assertThat(repository.openActions("LOGISTICS")).extracting(Action::text, Action::owner, Action::due,
        Action::department, Action::createdBy).containsExactly(tuple("与快递公司约定大促期间次日达", "warehouse1", due,
            "warehouse", "whlead"));
    Assertions.assertThat(repository.topic(pi.getBusinessKey(), "QUALITY")).hasValueSatisfying(t -> {
      Assertions.assertThat(t.discussedBy()).isEqualTo("qclead");
      Assertions.assertThat(t.note()).isEqualTo("供应商已更换这批面料，下期再看");
      Assertions.assertThat(t.department()).isEqualTo("purchasing");
    });
  }

  @Test
  void shouldCarryAnOpenActionIntoTheNextCyclesUntilItsLeadClosesIt() {
    fx.send(review(5, SHIPPING_LATE));
    ProcessInstance first = fx.openAndGather("week 1");
    LocalDate due = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3);
    fx.meet("whlead", WAREHOUSE_LEAD, fx.topicTask(first, "LOGISTICS"), Map.of(Vars.ACTION_TEXT + 1, "加开晚班打包",
        Vars.ACTION_OWNER + 1, "whlead", Vars.ACTION_DUE + 1, due.toString()));
    String action = repository.openActions("LOGISTICS").get(0).id();

    ProcessInstance second = fx.openAndGather("week 2: no new problem");

    assertThat(second).isWaitingAt(TASK_RECORD_ACTIONS);
    Task carried = fx.topicTask(second, "LOGISTICS");
    Assertions.assertThat(carried.getName()).contains("带入的措施 · carried-over actions");
    Map<String, Object> shown = forms.getTaskFormVariables(carried.getId());
    Assertions.assertThat((String) shown.get(Vars.OPEN_ACTIONS)).contains("加开晚班打包", "钱军", due.toString());
    Assertions.assertThat(shown.get(Vars.OPEN_ACTION_CHOICES).toString()).contains(action);
    Assertions.assertThat(meeting.read(new com.peakcare.pages.Viewer("whlead", Set.copyOf(WAREHOUSE_LEAD)),
        Map.of("cycle", second.getBusinessKey())).openActions()).singleElement()
        .satisfies(d -> Assertions.assertThat(d.open()).extracting(ReviewMeeting.ActionRow::text)
            .containsExactly("加开晚班打包"));

    fx.meet("whlead", WAREHOUSE_LEAD, carried, Map.of(Vars.ACTIONS_DONE, List.of(action)));

    assertThat(second).hasPassed(END_CYCLE_CLOSED).isEnded();
    Assertions.assertThat(repository.openActions(null)).isEmpty();
    Assertions.assertThat(repository.actionsOfCycle(second.getBusinessKey())).singleElement()
        .satisfies(a -> Assertions.assertThat(List.of(a.status(), a.closedBy(), a.closedCycle()))
            .containsExactly("DONE", "whlead", second.getBusinessKey()));
    ProcessInstance third = fx.openAndGather("week 3");
    assertThat(third).hasPassed(END_NOTHING_FOUND).isEnded();
  }

  @Test
  void shouldShowTheChangeAgainstTheCycleBefore() {
    fx.send(review(5, SHIPPING_LATE));
    ProcessInstance before = fx.openAndGather("before");
    fx.send(review(5, SHIPPING_LATE), review(4, "东西不错，物流有点慢。"), review(2, "快递三天都没更新物流信息。"));

    ProcessInstance now = fx.openAndGather("now");

    Topic topic = repository.topic(now.getBusinessKey(), "LOGISTICS").orElseThrow();
    Assertions.assertThat(List.of(topic.reviews(), topic.previousReviews(), topic.previousTotal(), topic.hidden()))
        .containsExactly(3, 1, 1, 2);
    ReviewMeeting.CategoryRow row = meeting.read(new com.peakcare.pages.Viewer("auditor1", Set.of("auditors")),
        Map.of("cycle", now.getBusinessKey())).categories().stream().filter(r -> r.code().equals("LOGISTICS"))
        .findFirst().orElseThrow();
    Assertions.assertThat(row.change()).isEqualTo(2);
    Assertions.assertThat(row.share().k()).isEqualTo(3);
    Assertions.assertThat(row.share().n()).isEqualTo(3);
    Assertions.assertThat(row.plain()).isEqualTo(1);
    Assertions.assertThat(before.getBusinessKey()).isNotEqualTo(now.getBusinessKey());
  }

  @Test
  void shouldOpenACycleEveryWeekByItsTimer() {
    fx.send(review(4, "东西不错，就是尺码偏小。"));
    Job timer = management.createJobQuery().processDefinitionKey(ReviewCycleProcess.KEY).timers().singleResult();
    Assertions.assertThat(timer.getDuedate()).isInTheFuture();
    Set<String> before = Set.copyOf(runtime.createProcessInstanceQuery().processDefinitionKey(ReviewCycleProcess.KEY)
        .list().stream().map(ProcessInstance::getId).toList());

    management.executeJob(timer.getId());

    ProcessInstance weekly = runtime.createProcessInstanceQuery().processDefinitionKey(ReviewCycleProcess.KEY).list()
        .stream().filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
    assertThat(weekly).isWaitingAt(TASK_GATHER);
    execute(job(TASK_GATHER, weekly));
    weekly = runtime.createProcessInstanceQuery().processInstanceId(weekly.getId()).singleResult();
    Cycle c = fx.cycle(weekly);
    Assertions.assertThat(List.of(c.reason(), c.status(), c.processInstanceId()))
        .containsExactly(ReviewCycleProcess.Reason.WEEKLY, Status.DISCUSSING, weekly.getId());
    assertThat(fx.topicTask(weekly, "SIZE")).hasCandidateUser("opslead");
    Assertions.assertThat(management.createJobQuery().processDefinitionKey(ReviewCycleProcess.KEY).timers().count())
        .as("the next week's timer").isEqualTo(1);
  }

  @Test
  void shouldRefuseTheMeetingToAnyoneButTheLeadOfTheDepartment() {
    fx.send(review(5, SHIPPING_LATE));
    ProcessInstance pi = fx.openAndGather("who");
    Task task = fx.topicTask(pi, "LOGISTICS");

    assertThatThrownBy(() -> fx.as("opslead", OPS_LEAD, () -> tasks.claim(task.getId(), "opslead")))
        .isInstanceOf(Refusal.Forbidden.class);
    fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.claim(task.getId(), "whlead"));
    assertThatThrownBy(() -> fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.setAssignee(task.getId(), "agent1")))
        .isInstanceOf(Refusal.Forbidden.class);
    Map<String, Object> form = new HashMap<>(Map.of(Vars.MEETING_NOTE, "n"));
    form.put("reviewCategories", List.of());
    assertThatThrownBy(() -> fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.complete(task.getId(), form)))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("reviewCategories");
    assertThatThrownBy(() -> fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.complete(task.getId(), Map.of(
        Vars.ACTION_TEXT + 1, "x", Vars.ACTION_OWNER + 1, "nobody", Vars.ACTION_DUE + 1, "2099-01-01"))))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("actionOwner1");
    assertThatThrownBy(() -> fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.complete(task.getId(), Map.of(
        Vars.ACTION_TEXT + 1, "x", Vars.ACTION_OWNER + 1, "whlead", Vars.ACTION_DUE + 1, "2020-01-01"))))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("actionDue1");
    assertThatThrownBy(() -> fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.complete(task.getId(), Map.of())))
        .isInstanceOf(Refusal.Invalid.class).hasMessageContaining("meetingNote");
    assertThatThrownBy(() -> fx.as("whlead", WAREHOUSE_LEAD, () -> tasks.complete(task.getId(),
        Map.of(Vars.ACTIONS_DONE, List.of("not-an-action"))))).isInstanceOf(Refusal.Invalid.class)
        .hasMessageContaining("actionsDone");
    assertThat(pi).isWaitingAt(TASK_RECORD_ACTIONS);
    Assertions.assertThat(repository.openActions(null)).isEmpty();
  }
}
