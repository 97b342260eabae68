package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** EndEvent_CampaignClosed: the customers' report window is over. */
@Component("campaignClosedListener")
class CampaignClosedListener implements ExecutionListener {

  private final CampaignService campaigns;

  CampaignClosedListener(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateExecution execution) {
    campaigns.setStage((String) execution.getVariable(Vars.CAMPAIGN_CODE), Stage.CLOSED);
  }
}
