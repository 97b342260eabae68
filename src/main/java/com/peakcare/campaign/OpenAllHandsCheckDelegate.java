package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.Version;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Task_OpenAllHandsCheck: everyone in all-staff but this version's three checkers gets a task; the roll is kept. */
@Component("openAllHandsCheckDelegate")
class OpenAllHandsCheckDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(OpenAllHandsCheckDelegate.class);

  private final CampaignService campaigns;
  private final CampaignCheckers checkers;

  OpenAllHandsCheckDelegate(CampaignService campaigns, CampaignCheckers checkers) {
    this.campaigns = campaigns;
    this.checkers = checkers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    Campaign c = campaigns.require(code);
    Version v = campaigns.version(code, c.currentVersion());
    List<String> participants = checkers.allHandsParticipants(code, c.setter(), v.hash());
    int round = campaigns.openAllHandsRound(code, v.version(), participants);
    execution.setVariable(Vars.ALL_HANDS_PARTICIPANTS, new ArrayList<>(participants));
    log.info("campaign {} all-hands round {} opened for {} participant(s), version {}", code, round,
        participants.size(), v.version());
  }
}
