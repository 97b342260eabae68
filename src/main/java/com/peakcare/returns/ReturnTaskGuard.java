package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On every human task of a return case. On completion: yes/no answers stored as booleans, the agent's note kept as
 * the reason the customer reads, an escalation's re-assignment applied, the step put on the case's timeline. On
 * assignment: a change of agent (handed over in Tasklist) is recorded on the case.
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
    // who may complete, and with what, is checked before the command runs (TaskCompletionGuard)
    for (String yesNo : List.of(Vars.APPROVED, Vars.INSPECTION_PASSED, Vars.PARTIAL_REFUND, Vars.SATISFIED)) {
      Object value = task.getVariable(yesNo);
      if (value instanceof String) {
        task.getExecution().setVariable(yesNo, ReturnTaskRules.asBoolean(value));
      }
    }
    String returnNo = (String) task.getVariable(Vars.RETURN_NO);
    if (Boolean.FALSE.equals(task.getVariable(Vars.APPROVED)) && Elements.TASK_REVIEW.equals(task.getTaskDefinitionKey())
        || Boolean.FALSE.equals(task.getVariable(Vars.PARTIAL_REFUND))
        && Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION.equals(task.getTaskDefinitionKey())) {
      // the agent's note is the reason the customer reads
      task.getExecution().setVariable(Vars.REJECTION_REASON, task.getVariable(Vars.DECISION_NOTE));
    }
    if (Elements.TASK_SHIP_REPLACEMENT.equals(task.getTaskDefinitionKey())) {
      cases.replacementShipped(returnNo, (String) task.getVariable(Vars.REPLACEMENT_COURIER),
          (String) task.getVariable(Vars.REPLACEMENT_WAYBILL_NO));
    }
    String current = actor.current();
    String who = "system".equals(current) && task.getAssignee() != null ? task.getAssignee() : current;
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
