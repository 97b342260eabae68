package com.peakcare.briefing;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * campaign-check.bpmn's Event_BriefingRequested (发起宣贯答疑): when launch is approved, the campaign's briefing
 * starts by its message, once per campaign. The briefing's own work begins behind an asynchronous step, so nothing it
 * does can hold up the launch.
 */
@Component("startCampaignBriefingDelegate")
class StartCampaignBriefingDelegate implements JavaDelegate {

  private final BriefingStart start;

  StartCampaignBriefingDelegate(BriefingStart start) {
    this.start = start;
  }

  @Override
  public void execute(DelegateExecution execution) {
    start.open(execution.getProcessBusinessKey());
  }
}
