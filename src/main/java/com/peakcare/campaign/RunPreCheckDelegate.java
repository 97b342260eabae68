package com.peakcare.campaign;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RunPreCheck. Every campaign is registered and pre-checked before its process starts (by the API or Tasklist's
 * start form, {@link CampaignRegistration}); here the process attaches itself to that record. A process started any
 * other way has no record, fails here and rolls back.
 */
@Component("runPreCheckDelegate")
class RunPreCheckDelegate implements JavaDelegate {

  private final CampaignService campaigns;

  RunPreCheckDelegate(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    campaigns.attachProcess(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
  }
}
