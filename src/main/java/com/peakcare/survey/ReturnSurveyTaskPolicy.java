package com.peakcare.survey;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.survey.ReturnSurveyProcess.Vars;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The recovery task after a return case's low survey score: the agent's superior calls the customer and records what
 * was done; nobody else completes it; only an after-sales supervisor gives it to someone else.
 */
@Component
class ReturnSurveyTaskPolicy implements TaskPolicy {

  private final CaseSurveys surveys;
  private final ReturnSurveys returnSurveys;
  private final StaffDirectory staff;

  ReturnSurveyTaskPolicy(CaseSurveys surveys, ReturnSurveys returnSurveys, StaffDirectory staff) {
    this.surveys = surveys;
    this.returnSurveys = returnSurveys;
    this.staff = staff;
  }

  @Override
  public String processKey() {
    return ReturnSurveyProcess.KEY;
  }

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    if (!actor.isPerson() || actor.isAdmin()) {
      return;
    }
    if (assignee == null || !staff.isSupervisorOf(actor.userId(), StaffDirectory.AFTER_SALES)) {
      throw Refusal.forbidden("回访挽回任务由售后主管改派 · After-sales supervisors re-assign a recovery task");
    }
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return Set.of(Vars.RECOVERY_NOTE);
  }

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    if (actor.isPerson() && !actor.isAdmin() && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("这不是您的任务 · This task is not yours");
    }
    String note = new FormValues(values).text(Vars.RECOVERY_NOTE, 2000, true, "必填：怎么联系的客户、做了什么 · "
        + "required: how you reached the customer and what you did");
    surveys.recovered(CaseKind.RETURN, task.businessKey(), actor.isPerson() ? actor.userId() : task.assignee(), note);
    return Map.of();
  }

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    return Map.of(Vars.CASE_SUMMARY, returnSurveys.summary(task.businessKey()), Vars.SURVEY_ANSWER,
        surveys.answerOf(CaseKind.RETURN, task.businessKey()).map(SurveyAnswer::summary).orElse("—"));
  }
}
