package com.peakcare.briefing;

import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.engine.gate.EngineGate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Opens a live campaign's briefing, once: its process, started by PeakCare itself (campaign-check.bpmn's message throw
 * Event_BriefingRequested) with the few variables it routes on, read from the campaign's record, and its record. The
 * process has a none start event: a person's start goes through {@link BriefingStartDoor}, which refuses it.
 */
@Service
class BriefingStart {

  private static final Logger log = LoggerFactory.getLogger(BriefingStart.class);

  private final Briefings briefings;
  private final CampaignFacts campaigns;
  private final RuntimeService runtime;
  private final EngineGate gate;

  BriefingStart(Briefings briefings, CampaignFacts campaigns, RuntimeService runtime, EngineGate gate) {
    this.briefings = briefings;
    this.campaigns = campaigns;
    this.runtime = runtime;
    this.gate = gate;
  }

  /** Starts the briefing of campaign {@code code}; nothing when it has one already. */
  void open(String code) {
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
    ProcessInstance pi = gate.asPeakCare(() -> runtime.createProcessInstanceByKey(CampaignBriefingProcess.KEY)
        .businessKey(code).setVariables(vars).execute());
    briefings.open(code, pi.getId());
    log.info("campaign {} briefing started (process {})", code, pi.getId());
  }
}
