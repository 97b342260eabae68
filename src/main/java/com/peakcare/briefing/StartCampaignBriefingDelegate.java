package com.peakcare.briefing;

import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.engine.EngineGate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * campaign-check.bpmn's Event_BriefingRequested (发起宣贯答疑): when launch is approved, starts the campaign's briefing
 * by its message, once per campaign, with the few variables it routes on, read from the campaign's record. The
 * briefing's own work begins behind an asynchronous step, so nothing it does can hold up the launch.
 */
@Component("startCampaignBriefingDelegate")
class StartCampaignBriefingDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(StartCampaignBriefingDelegate.class);

  private final Briefings briefings;
  private final CampaignFacts campaigns;
  private final RuntimeService runtime;
  private final EngineGate gate;

  StartCampaignBriefingDelegate(Briefings briefings, CampaignFacts campaigns, RuntimeService runtime,
      EngineGate gate) {
    this.briefings = briefings;
    this.campaigns = campaigns;
    this.runtime = runtime;
    this.gate = gate;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    if (briefings.find(code).isPresent()) {
      log.info("campaign {} already has its briefing", code);
      return;
    }
    CampaignFacts.Campaign c = campaigns.find(code)
        .orElseThrow(() -> new IllegalStateException("campaign " + code + " is not registered"));
    Map<String, Object> vars = new HashMap<>();
    vars.put(Vars.CAMPAIGN_CODE, code);
    vars.put(Vars.SETTER, c.setter());
    vars.put(Vars.GO_LIVE_AT, Date.from(c.goLiveAt()));
    vars.put(Vars.CLOSES_AT, Date.from(c.closesAt()));
    ProcessInstance pi = gate.asPeakCare(() -> runtime
        .createMessageCorrelation(CampaignBriefingProcess.MESSAGE_REQUESTED)
        .processInstanceBusinessKey(code).setVariables(vars).correlateStartMessage());
    briefings.open(code, pi.getId());
    log.info("campaign {} briefing started (process {})", code, pi.getId());
  }
}
