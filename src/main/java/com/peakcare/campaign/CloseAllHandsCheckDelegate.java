package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.campaign.CampaignRecords.Campaign;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_CloseAllHandsCheck: reached when every participant signed or at the deadline. Whoever did not sign is
 * listed as closed without a sign-off; the round's error reports go to the UX department for confirmation.
 */
@Component("closeAllHandsCheckDelegate")
class CloseAllHandsCheckDelegate implements JavaDelegate {

  private final CampaignService campaigns;

  CloseAllHandsCheckDelegate(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    Campaign c = campaigns.require(code);
    campaigns.closeAllHandsRound(code);
    List<String> reports = campaigns.unconfirmedReports(code, c.currentVersion(), ErrorReportSource.ALL_HANDS);
    execution.removeVariable(Vars.ALL_HANDS_PARTICIPANTS);
    execution.setVariable(Vars.ERROR_REPORT_IDS, new ArrayList<>(reports));
    execution.setVariable(Vars.ERRORS_REPORTED, !reports.isEmpty());
    execution.setVariable(Vars.ERRORS_FOUND, false);
  }
}
