package com.peakcare.returns;

import com.peakcare.identity.Groups;
import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On every human task of a return case. On completion: only the task's assignee or a supervisor may complete it
 * (Camunda lets anyone with the task permission do so; PeakCare does not), and the form's rules are checked again
 * on the server. On assignment: a change of agent is recorded on the case.
 */
@Component
class ReturnTaskGuard implements TaskListener {

  /** Tasks that belong to the case's agent (re-assignment moves them). */
  static final Set<String> AGENT_TASKS = Set.of(
      Elements.TASK_REVIEW, Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION, Elements.TASK_FOLLOW_UP_CALL);

  static final Set<String> ESCALATIONS = Set.of(
      Elements.TASK_HANDLE_OVERDUE_REVIEW, Elements.TASK_HANDLE_OVERDUE_INSPECTION);

  private final CaseActor actor;
  private final ReturnCases cases;

  ReturnTaskGuard(CaseActor actor, ReturnCases cases) {
    this.actor = actor;
    this.cases = cases;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_COMPLETE -> complete(task);
      case EVENTNAME_ASSIGNMENT -> assigned(task);
      default -> { }
    }
  }

  private void complete(DelegateTask task) {
    Authentication auth = actor.authentication();
    if (auth != null && auth.getUserId() != null) {
      boolean supervisor = auth.getGroupIds() != null && auth.getGroupIds().contains(Groups.SUPERVISORS);
      if (!auth.getUserId().equals(task.getAssignee()) && !supervisor) {
        throw new AuthorizationException(auth.getUserId() + " may not complete task '" + task.getName()
            + "': only its assignee (" + (task.getAssignee() == null ? "nobody yet: claim it first" : task.getAssignee())
            + ") or a supervisor may");
      }
    }
    List<String> errors = validate(task);
    if (!errors.isEmpty()) {
      throw new BadUserRequestException("Invalid task completion: " + String.join("; ", errors));
    }
    String returnNo = (String) task.getVariable(Vars.RETURN_NO);
    if (Boolean.FALSE.equals(task.getVariable(Vars.APPROVED)) && Elements.TASK_REVIEW.equals(task.getTaskDefinitionKey())
        || Boolean.FALSE.equals(task.getVariable(Vars.PARTIAL_REFUND))
        && Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION.equals(task.getTaskDefinitionKey())) {
      // the agent's note is the reason the customer reads
      task.getExecution().setVariable(Vars.REJECTION_REASON, task.getVariable(Vars.DECISION_NOTE));
    }
    String who = auth == null || auth.getUserId() == null ? (task.getAssignee() == null ? "system" : task.getAssignee())
        : auth.getUserId();
    cases.event(returnNo, who, "TASK_COMPLETED", task.getTaskDefinitionKey() + summary(task));
    Object reassignTo = task.getVariable(Vars.REASSIGN_TO);
    if (reassignTo instanceof String agent && !agent.isBlank() && ESCALATIONS.contains(task.getTaskDefinitionKey())) {
      cases.reassign(returnNo, agent.trim(), who);
    }
  }

  private void assigned(DelegateTask task) {
    if (!AGENT_TASKS.contains(task.getTaskDefinitionKey()) || task.getAssignee() == null) {
      return;
    }
    String returnNo = (String) task.getVariable(Vars.RETURN_NO);
    Object caseAgent = task.getVariable(Vars.ASSIGNEE);
    if (!task.getAssignee().equals(caseAgent)) {
      // handed over in Tasklist: the case follows the task
      task.getExecution().setVariable(Vars.ASSIGNEE, task.getAssignee());
      cases.assigned(returnNo, task.getAssignee(), "handed over by " + actor.current());
    }
  }

  /** The same rules as the task's form. */
  static List<String> validate(DelegateTask task) {
    List<String> errors = new ArrayList<>();
    switch (task.getTaskDefinitionKey()) {
      case Elements.TASK_REVIEW -> {
        Boolean approved = bool(task, Vars.APPROVED, errors);
        if (Boolean.FALSE.equals(approved)) {
          required(task, Vars.DECISION_NOTE, errors, "required when the request is not approved");
        }
      }
      case Elements.TASK_INSPECT -> {
        Boolean passed = bool(task, Vars.INSPECTION_PASSED, errors);
        if (Boolean.FALSE.equals(passed)) {
          required(task, Vars.INSPECTION_NOTE, errors, "required when the inspection fails");
        }
      }
      case Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION -> {
        Boolean partial = bool(task, Vars.PARTIAL_REFUND, errors);
        required(task, Vars.DECISION_NOTE, errors, "required");
        if (Boolean.TRUE.equals(partial)) {
          Object value = task.getVariable(Vars.REFUND_AMOUNT);
          double amount = ((Number) task.getVariable(Vars.AMOUNT)).doubleValue();
          if (!(value instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > amount) {
            errors.add(Vars.REFUND_AMOUNT + " must be more than 0 and at most " + amount);
          }
        }
      }
      case Elements.TASK_SHIP_REPLACEMENT -> {
        required(task, Vars.REPLACEMENT_COURIER, errors, "required");
        required(task, Vars.REPLACEMENT_WAYBILL_NO, errors, "required");
      }
      case Elements.TASK_FOLLOW_UP_CALL -> {
        bool(task, Vars.SATISFIED, errors);
        required(task, Vars.NOTE, errors, "required");
      }
      case Elements.TASK_HANDLE_OVERDUE_REVIEW, Elements.TASK_HANDLE_OVERDUE_INSPECTION ->
          required(task, Vars.ESCALATION_NOTE, errors, "required");
      default -> { }
    }
    return errors;
  }

  /** A yes/no field: Tasklist's radio buttons submit "true"/"false", stored back as a boolean. */
  private static Boolean bool(DelegateTask task, String name, List<String> errors) {
    Object value = task.getVariable(name);
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      Boolean b = Boolean.valueOf((String) value);
      task.getExecution().setVariable(name, b);
      return b;
    }
    errors.add(name + " is required (true or false)");
    return null;
  }

  private static void required(DelegateTask task, String name, List<String> errors, String message) {
    Object value = task.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      errors.add(name + " " + message);
    }
  }

  private static String summary(DelegateTask task) {
    return switch (task.getTaskDefinitionKey()) {
      case Elements.TASK_REVIEW -> ": approved=" + task.getVariable(Vars.APPROVED);
      case Elements.TASK_INSPECT -> ": passed=" + task.getVariable(Vars.INSPECTION_PASSED);
      case Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION -> ": partialRefund=" + task.getVariable(Vars.PARTIAL_REFUND);
      case Elements.TASK_SHIP_REPLACEMENT -> ": " + task.getVariable(Vars.REPLACEMENT_COURIER) + " "
          + task.getVariable(Vars.REPLACEMENT_WAYBILL_NO);
      case Elements.TASK_FOLLOW_UP_CALL -> ": satisfied=" + task.getVariable(Vars.SATISFIED);
      default -> "";
    };
  }
}
