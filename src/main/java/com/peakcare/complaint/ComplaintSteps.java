package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.complaint.ComplaintRepository.Targets;
import com.peakcare.engine.gate.EngineGate;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeService;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the complaint process's steps record (its delegates call these): the targets and the promise, the clock (run,
 * pause, resume from the time that was left), the ladder (reminder, a level reached by time, by the handler's choice
 * or by re-opening), the close and the re-open. Every ladder step is on the timeline: from whom, to whom, why, when.
 */
@Service
class ComplaintSteps {

  private static final Logger log = LoggerFactory.getLogger(ComplaintSteps.class);

  private final ComplaintRepository repository;
  private final ComplaintPeople people;
  private final DecisionService decisions;
  private final TaskService taskService;
  private final EngineGate gate;
  private final NoticeService notices;
  private final ComplaintNoticeFacts noticeFacts;

  ComplaintSteps(ComplaintRepository repository, ComplaintPeople people, DecisionService decisions,
      TaskService taskService, EngineGate gate, NoticeService notices, ComplaintNoticeFacts noticeFacts) {
    this.repository = repository;
    this.people = people;
    this.decisions = decisions;
    this.taskService = taskService;
    this.gate = gate;
    this.notices = notices;
    this.noticeFacts = noticeFacts;
  }

  Row row(String complaintNo) {
    return repository.lock(complaintNo)
        .orElseThrow(() -> new IllegalStateException("complaint " + complaintNo + " has no record"));
  }

  /** The shop's table by severity and tier: the targets, the promise (from now) and the first resolution target. */
  void decideTargets(String complaintNo) {
    Row row = row(complaintNo);
    DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(ComplaintProcess.TARGETS_DECISION)
        .variables(Map.of(Vars.SEVERITY, row.severity(), Vars.MEMBER_TIER, row.memberTier()))
        .evaluate().getSingleResult();
    if (result == null) {
      throw new IllegalStateException("complaint-targets.dmn has no row for " + row.severity() + " / "
          + row.memberTier() + ": the shop's table must cover every severity and tier");
    }
    Targets t = new Targets(hours(result, Vars.FIRST_ANSWER_HOURS), hours(result, Vars.UPDATE_HOURS),
        hours(result, Vars.RESOLUTION_HOURS), hours(result, Vars.REMINDER_MINUTES),
        BigDecimal.valueOf(((Number) result.getEntry(Vars.COUPON_LIMIT)).doubleValue()).setScale(2,
            java.math.RoundingMode.HALF_UP));
    Instant now = Instant.now();
    Instant firstAnswerBy = now.plus(Duration.ofHours(hours(result, Vars.PROMISE_FIRST_ANSWER_HOURS)));
    Instant resolutionBy = now.plus(Duration.ofHours(hours(result, Vars.PROMISE_RESOLUTION_HOURS)));
    repository.targets(complaintNo, t, firstAnswerBy, resolutionBy, now.plus(Duration.ofHours(t.resolutionHours())));
    repository.event(complaintNo, null, "PROMISED", null, row.agent(), 0, "首次答复 · first answer by "
        + firstAnswerBy + "; 解决 · resolution by " + resolutionBy + " (targets " + t.firstAnswerHours() + "/"
        + t.updateHours() + "/" + t.resolutionHours() + " h)");
  }

  /**
   * The clock runs (again): after a pause the target moves on by the time PeakCare waited; the ladder's due dates
   * follow from it (the reminder before it, the superior's superior an update period after it).
   */
  void runClock(DelegateExecution execution) {
    String complaintNo = execution.getProcessBusinessKey();
    Row row = row(complaintNo);
    Instant target = row.targetDue();
    if (row.pausedAt() != null) {
      Instant now = Instant.now();
      target = now.plusSeconds(row.remainingSeconds());
      long paused = Math.max(0, Duration.between(row.pausedAt(), now).getSeconds());
      repository.resumed(complaintNo, target, paused);
      repository.event(complaintNo, null, "CLOCK_RESUMED", null, null, null, "剩余 · left " + row.remainingSeconds()
          + " s; 新目标 · new target " + target + " (paused " + paused + " s)");
    }
    execution.setVariable(Vars.TARGET_DUE, Date.from(target));
    execution.setVariable(Vars.REMINDER_DUE, Date.from(target.minus(Duration.ofMinutes(row.targets()
        .reminderMinutes()))));
    execution.setVariable(Vars.SECOND_LEVEL_DUE, Date.from(target.plus(Duration.ofHours(row.targets()
        .updateHours()))));
  }

  /** PeakCare waits for the customer: the clock stops, keeping the time that was left. */
  void pauseClock(String complaintNo) {
    Row row = row(complaintNo);
    Instant now = Instant.now();
    long remaining = Duration.between(now, row.targetDue()).getSeconds();
    repository.paused(complaintNo, now, remaining);
    repository.event(complaintNo, null, "CLOCK_PAUSED", null, null, null, "等待客户 · waiting for the customer; "
        + "剩余 · left " + remaining + " s");
  }

  void remind(String complaintNo) {
    Row row = row(complaintNo);
    repository.event(complaintNo, null, "REMINDED", null, row.handler(), row.escalationLevel(), "目标 " + row.targetDue()
        + " 前提醒 · reminder before the target");
    log.info("complaint {}: handler {} reminded before the target", complaintNo, row.handler());
  }

  /**
   * A timer of the ladder fired: the complaint reaches {@code level} unless it is there already (a manual escalation
   * or a re-open got it there first); true when it is a new level.
   */
  boolean escalateOnTime(String complaintNo, int level) {
    Row row = row(complaintNo);
    if (row.escalationLevel() >= level) {
      return false;
    }
    String to = people.holder(row, level);
    repository.escalated(complaintNo, level, to, row.handler());
    repository.event(complaintNo, null, "ESCALATED", row.handler(), to, level, level == 1
        ? "目标超时 · the resolution target was missed" : "再次超时 · missed long after the target");
    log.info("complaint {} escalated by time to level {} ({})", complaintNo, level, to);
    tellCustomerEscalated(complaintNo, to);
    return true;
  }

  /**
   * The customer hears that a senior colleague now looks after the complaint (issue 24: "须让对方知道会找适当人选处理"),
   * named as the level's holder, in the escalation's own transaction: recorded once with the level reached, and
   * delivered by the notice outbox. A level reached again (a timer that fires after a hand-up) tells nobody.
   */
  private void tellCustomerEscalated(String complaintNo, String to) {
    noticeFacts.of(complaintNo).ifPresent(f -> {
      Map<String, Object> values = new java.util.HashMap<>(f.values());
      values.put(com.peakcare.notice.NoticeVariables.HANDLER_NAME, people.nameOf(to));
      notices.send(complaintNo, NoticeType.COMPLAINT_ESCALATED, f.customer(), values);
    });
  }

  /** The handler hands the complaint up with a reason; the handling moves to the next level's holder. */
  void escalateByHandler(Row row, String by, String reason) {
    int level = Math.min(row.escalationLevel() + 1, ComplaintPeople.TOP_LEVEL);
    String to = people.holder(row, level);
    repository.escalated(row.complaintNo(), level, to, to);
    repository.event(row.complaintNo(), by, "ESCALATED", row.handler(), to, level, reason);
    log.info("complaint {} handed up by {} to level {} ({})", row.complaintNo(), by, level, to);
  }

  /** The holder of a level takes the complaint over or gives it to someone; its open tasks move with it. */
  void handOver(Row row, String by, String to, String why, String processInstanceId) {
    repository.handler(row.complaintNo(), to);
    repository.event(row.complaintNo(), by, "HANDED_OVER", row.handler(), to, row.escalationLevel(), why);
    gate.asPeakCare(() -> {
      taskService.createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKeyIn(Elements.TASK_HANDLE, Elements.TASK_WAIT_FOR_CUSTOMER, Elements.TASK_FOLLOW_UP).list()
          .forEach(t -> taskService.setAssignee(t.getId(), to));
      return null;
    });
  }

  void close(String complaintNo, boolean exhausted) {
    row(complaintNo);
    String reason = exhausted ? "FOLLOW_UPS_EXHAUSTED" : "CONFIRMED";
    repository.closed(complaintNo, reason, Instant.now());
    repository.event(complaintNo, null, "CLOSED", null, null, null, exhausted
        ? "三次回访未联系上 · three documented follow-up attempts without an answer" : "客户确认 · the customer agreed");
    log.info("complaint {} closed ({})", complaintNo, reason);
  }

  /**
   * Re-opened (not solved at the follow-up, or the customer came back): a fresh resolution target; the second re-open
   * (and every one after) goes one level up the ladder at once, and the customer is told.
   */
  void reopen(String complaintNo) {
    Row row = row(complaintNo);
    int count = repository.reopened(complaintNo, Instant.now().plus(Duration.ofHours(row.targets()
        .resolutionHours())));
    repository.event(complaintNo, null, "REOPENED", null, row.handler(), row.escalationLevel(), "第 " + count
        + " 次重开 · re-opened, time " + count);
    if (count >= ComplaintProcess.REOPENS_TO_ESCALATE && row.escalationLevel() < ComplaintPeople.TOP_LEVEL) {
      escalateByHandler(row, "peakcare", "重开 " + count + " 次，升一级 · re-opened " + count + " times: one level up");
      noticeFacts.of(complaintNo).ifPresent(f -> notices.send(complaintNo, NoticeType.COMPLAINT_ESCALATED, f.customer(),
          f.values()));
    }
  }

  private static int hours(DmnDecisionResultEntries result, String name) {
    Object v = result.getEntry(name);
    if (!(v instanceof Number n)) {
      throw new IllegalStateException("complaint-targets.dmn gave no " + name);
    }
    return n.intValue();
  }
}
