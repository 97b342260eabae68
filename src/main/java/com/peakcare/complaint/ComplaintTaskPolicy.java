package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Action;
import com.peakcare.complaint.ComplaintProcess.Decision;
import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.complaint.ComplaintProcess.FollowUp;
import com.peakcare.complaint.ComplaintProcess.ResolutionKind;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.survey.CaseKind;
import com.peakcare.survey.CaseSurveys;
import com.peakcare.survey.SurveyAnswer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Who works a complaint's tasks and what each completion records (the engine gate applies it on every door). The
 * handler's tasks are the handler's: nobody else claims or completes them; an after-sales supervisor may hand them to
 * another agent. A level's task is its holder's. The handler resolves only within the rules: a coupon up to the tier's
 * limit, a return or a goodwill refund only as a return case through the return door (its ceiling, four eyes and
 * second approval). Nobody closes a complaint: the customer's recorded reply or three documented attempts do.
 */
@Component
class ComplaintTaskPolicy implements TaskPolicy {

  static final Set<String> HANDLE_FIELDS = Set.of(Vars.ACTION, Vars.NOTE, Vars.ESCALATION_REASON,
      Vars.RESOLUTION_KIND, Vars.COUPON_AMOUNT, Vars.REFUND_AMOUNT, Vars.RETURN_TYPE, Vars.ITEM_SKU,
      Vars.ITEM_QUANTITY);
  static final Set<String> WAIT_FIELDS = Set.of(Vars.CUSTOMER_REPLY);
  static final Set<String> LEVEL_FIELDS = Set.of(Vars.DECISION, Vars.REASSIGN_TO, Vars.NOTE);
  static final Set<String> FOLLOW_UP_FIELDS = Set.of(Vars.FOLLOW_UP_OUTCOME, Vars.CUSTOMER_REPLY, Vars.NOTE);
  static final Set<String> RECOVERY_FIELDS = Set.of(Vars.RECOVERY_NOTE);

  private final ComplaintSteps steps;
  private final ComplaintRepository repository;
  private final ComplaintPeople people;
  private final ComplaintResolutions resolutions;
  private final StaffDirectory staff;
  private final CaseSurveys surveys;

  ComplaintTaskPolicy(ComplaintSteps steps, ComplaintRepository repository, ComplaintPeople people,
      ComplaintResolutions resolutions, StaffDirectory staff, CaseSurveys surveys) {
    this.surveys = surveys;
    this.steps = steps;
    this.repository = repository;
    this.people = people;
    this.resolutions = resolutions;
    this.staff = staff;
  }

  @Override
  public String processKey() {
    return ComplaintProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return switch (task.taskKey()) {
      case Elements.TASK_HANDLE -> HANDLE_FIELDS;
      case Elements.TASK_WAIT_FOR_CUSTOMER -> WAIT_FIELDS;
      case Elements.TASK_FOLLOW_UP -> FOLLOW_UP_FIELDS;
      case Elements.TASK_RECOVER -> RECOVERY_FIELDS;
      default -> LEVEL_FIELDS;
    };
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    if (!actor.isPerson() || actor.isAdmin()) {
      return;
    }
    if (assignee == null) {
      throw Refusal.forbidden("投诉任务总有处理人，不能退回 · A complaint's task always has its handler: it cannot be "
          + "given back");
    }
    boolean afterSalesSupervisor = staff.isSupervisorOf(actor.userId(), StaffDirectory.AFTER_SALES);
    if (!afterSalesSupervisor) {
      throw Refusal.forbidden("投诉由售后主管改派；客服请用“交给上级” · After-sales supervisors re-assign complaints; an "
          + "agent hands one up instead");
    }
    if (!people.isAgent(assignee)) {
      throw Refusal.invalid("assignee", "不是售后客服 · not an after-sales agent");
    }
    Row row = row(task);
    if (isHandlersTask(task)) {
      repository.handler(row.complaintNo(), assignee);
      repository.event(row.complaintNo(), actor.userId(), "HANDED_OVER", row.handler(), assignee,
          row.escalationLevel(), "主管改派 · re-assigned by a supervisor");
    }
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    if (actor.isPerson() && !actor.isAdmin() && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("这不是您的投诉任务 · This complaint's task is not yours");
    }
    String by = actor.isPerson() ? actor.userId() : task.assignee();
    Row row = steps.row(task.businessKey());
    FormValues form = new FormValues(values);
    return switch (task.taskKey()) {
      case Elements.TASK_HANDLE -> handled(row, form, by);
      case Elements.TASK_WAIT_FOR_CUSTOMER -> {
        if (actor.isPerson()) { // the integrator's answer is on the timeline already (Complaints#customerAnswered)
          String reply = form.text(Vars.CUSTOMER_REPLY, 2000, true, "必填：客户的回复 · required: what the customer "
              + "answered");
          repository.event(row.complaintNo(), by, "CUSTOMER_ANSWERED", null, null, null, reply);
        }
        yield Map.of();
      }
      case Elements.TASK_FOLLOW_UP -> followedUp(row, form, by);
      case Elements.TASK_RECOVER -> {
        String note = form.text(Vars.RECOVERY_NOTE, 2000, true, "必填：怎么联系的客户、做了什么 · required: how you "
            + "reached the customer and what you did");
        repository.event(row.complaintNo(), by, "RECOVERED", null, null, null, note);
        surveys.recovered(CaseKind.COMPLAINT, row.complaintNo(), by, note);
        yield Map.of();
      }
      default -> levelDecided(row, task, form, by);
    };
  }

  private Map<String, Object> handled(Row row, FormValues form, String by) {
    Action action = choice(form, Vars.ACTION, Action.class);
    Instant now = Instant.now();
    switch (action) {
      case ESCALATE -> {
        String reason = form.text(Vars.ESCALATION_REASON, 500, true, "必填：为什么交给上级（客户会收到通知） · required: why "
            + "you hand it up (the customer is told)");
        if (row.escalationLevel() >= ComplaintPeople.TOP_LEVEL) {
          throw Refusal.invalid(Vars.ACTION, "已在最高层级 · the complaint is at the ladder's top already");
        }
        repository.worked(row.complaintNo(), now);
        steps.escalateByHandler(row, by, reason);
      }
      case ASK_CUSTOMER -> {
        String note = form.text(Vars.NOTE, 2000, true, "必填：向客户要什么（照片、确认） · required: what you asked the "
            + "customer for");
        repository.worked(row.complaintNo(), now);
        repository.event(row.complaintNo(), by, "ASKED_CUSTOMER", null, null, null, note);
      }
      case RESOLVE -> {
        String note = form.text(Vars.NOTE, 2000, true, "必填：对客户说了什么、怎么解决 · required: what you told the "
            + "customer and how it is solved");
        ResolutionKind kind = choice(form, Vars.RESOLUTION_KIND, ResolutionKind.class);
        ComplaintResolutions.Outcome outcome = resolutions.resolve(row, kind, form, by);
        repository.worked(row.complaintNo(), now);
        repository.resolved(row.complaintNo(), kind.name(), note, outcome.coupon(), outcome.returnNo(), now);
        repository.event(row.complaintNo(), by, "RESOLVED", null, null, null, kind + (outcome.returnNo() == null ? ""
            : " → return " + outcome.returnNo()) + (outcome.coupon() == null ? "" : " ¥" + outcome.coupon()
            .toPlainString()) + ": " + note);
      }
      default -> throw new IllegalStateException(action.name());
    }
    return Map.of(Vars.ACTION, action.name());
  }

  private Map<String, Object> followedUp(Row row, FormValues form, String by) {
    FollowUp outcome = choice(form, Vars.FOLLOW_UP_OUTCOME, FollowUp.class);
    boolean exhausted = false;
    switch (outcome) {
      case CONFIRMED -> repository.event(row.complaintNo(), by, "CUSTOMER_CONFIRMED", null, null, null,
          form.text(Vars.CUSTOMER_REPLY, 2000, true, "必填：客户确认的原话 · required: the customer's reply in their "
              + "words (only the customer closes a complaint)"));
      case NOT_SOLVED -> repository.event(row.complaintNo(), by, "CUSTOMER_NOT_SATISFIED", null, null, null,
          form.text(Vars.CUSTOMER_REPLY, 2000, true, "必填：客户怎么说 · required: what the customer said"));
      case NO_ANSWER -> {
        String how = form.text(Vars.NOTE, 1000, true, "必填：怎么联系的（电话、短信、时间） · required: how you tried "
            + "(call, message, when): each attempt is documented");
        int attempts = repository.followUpFailed(row.complaintNo());
        repository.event(row.complaintNo(), by, "FOLLOW_UP_FAILED", null, null, attempts, "第 " + attempts
            + " 次未联系上 · attempt " + attempts + ": " + how);
        exhausted = attempts >= ComplaintProcess.FOLLOW_UP_ATTEMPTS;
      }
      default -> throw new IllegalStateException(outcome.name());
    }
    return Map.of(Vars.FOLLOW_UP_OUTCOME, outcome.name(), Vars.FOLLOW_UPS_EXHAUSTED, exhausted);
  }

  private Map<String, Object> levelDecided(Row row, TaskFacts task, FormValues form, String by) {
    Decision decision = choice(form, Vars.DECISION, Decision.class);
    String note = form.text(Vars.NOTE, 1000, false, null);
    switch (decision) {
      case TAKE_OVER -> steps.handOver(row, by, by, "接手 · taken over" + (note == null ? "" : ": " + note),
          task.processInstanceId());
      case REASSIGN -> {
        String to = form.text(Vars.REASSIGN_TO, 64, true, "必填：交给哪位客服 · required: the agent to give it to");
        if (!people.isAgent(to) || to.equals(row.handler())) {
          throw Refusal.invalid(Vars.REASSIGN_TO, "须为另一位售后客服 · must be another after-sales agent");
        }
        steps.handOver(row, by, to, "改派 · re-assigned" + (note == null ? "" : ": " + note),
            task.processInstanceId());
      }
      case LEAVE_WITH_HANDLER -> repository.event(row.complaintNo(), by, "LEFT_WITH_HANDLER", by, row.handler(),
          row.escalationLevel(), note);
      default -> throw new IllegalStateException(decision.name());
    }
    return Map.of();
  }

  @Override
  public String title(TaskFacts task) {
    Row row = row(task);
    String demand = row.demand().length() > 20 ? row.demand().substring(0, 20) + "…" : row.demand();
    return row.complaintNo() + " · " + row.severity() + (row.escalationLevel() > 0 ? " · L" + row.escalationLevel()
        : "") + "：" + demand;
  }

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    Row row = row(task);
    if (Elements.TASK_RECOVER.equals(task.taskKey())) {
      return Map.of(Vars.SUMMARY, summary(row), Vars.SURVEY_ANSWER, surveys.answerOf(CaseKind.COMPLAINT,
          row.complaintNo()).map(SurveyAnswer::summary).orElse("—"));
    }
    return Map.of(
        Vars.SUMMARY, summary(row),
        Vars.PROMISE, "承诺 · Promised: 首次答复 · first answer " + ComplaintText.time(row.promisedFirstAnswerBy())
            + "，解决 · resolution " + ComplaintText.time(row.promisedResolutionBy()) + "；优惠券上限 · coupon limit ¥"
            + row.targets().couponLimit().toPlainString(),
        Vars.LADDER, "处理人 · Handler " + row.handler() + "，层级 · level " + row.escalationLevel() + "，重开 · re-opened "
            + row.reopenCount() + "，回访失败 · failed follow-ups " + row.followUpAttempts());
  }

  private static String summary(Row row) {
    return "投诉 · Complaint " + row.complaintNo() + "，订单 · order " + row.orderNo() + "，" + row.channel() + " / "
        + row.category() + " / " + row.severity() + " / " + row.memberTier() + "\n" + row.demand();
  }

  private boolean isHandlersTask(TaskFacts task) {
    return Elements.TASK_HANDLE.equals(task.taskKey()) || Elements.TASK_WAIT_FOR_CUSTOMER.equals(task.taskKey())
        || Elements.TASK_FOLLOW_UP.equals(task.taskKey());
  }

  private Row row(TaskFacts task) {
    return repository.find(task.businessKey())
        .orElseThrow(() -> new IllegalStateException("complaint task " + task.id() + " has no record"));
  }

  static <E extends Enum<E>> E choice(FormValues form, String field, Class<E> type) {
    String v = form.text(field, 40, true, "必填 · required: one of " + Arrays.toString(type.getEnumConstants()));
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid(field, "可选值 · one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

}
