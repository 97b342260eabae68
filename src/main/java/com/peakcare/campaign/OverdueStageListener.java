package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On the flows from the stage timers to the supervisors' follow-up: names the overdue stage (local to the
 * escalation's own execution), which the follow-up task's name shows.
 */
@Component("overdueStageListener")
class OverdueStageListener implements ExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(OverdueStageListener.class);

  @Override
  public void notify(DelegateExecution execution) {
    Stage stage = CampaignCheckProcess.STAGE_OF_OVERDUE_FLOW.get(execution.getCurrentTransitionId());
    if (stage == null) {
      throw new IllegalStateException("no stage for flow " + execution.getCurrentTransitionId());
    }
    execution.setVariableLocal(Vars.OVERDUE_STAGE, stage.label());
    log.info("campaign {}: {} overdue, escalated to supervisors", execution.getVariable(Vars.CAMPAIGN_CODE),
        stage.name());
  }
}
