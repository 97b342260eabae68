package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.audit.SignOffLedger;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.Finding;
import com.peakcare.campaign.CampaignRecords.Version;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_ApproveLaunch: approved only when the re-check, peer, UX and all-hands stages have each signed the
 * current version's hash (the first three without errors) and no pre-check finding is open. Otherwise the
 * reasons go back to the setter.
 */
@Component("approveLaunchDelegate")
class ApproveLaunchDelegate implements JavaDelegate {

  private final CampaignService campaigns;
  private final SignOffLedger signOffs;

  ApproveLaunchDelegate(CampaignService campaigns, SignOffLedger signOffs) {
    this.campaigns = campaigns;
    this.signOffs = signOffs;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = execution.getProcessBusinessKey();
    List<String> blockers = blockers(code);
    execution.setVariable(Vars.LAUNCH_APPROVED, blockers.isEmpty());
    if (blockers.isEmpty()) {
      campaigns.launch(code);
    } else {
      campaigns.block(code, String.join("; ", blockers));
    }
  }

  List<String> blockers(String code) {
    Campaign c = campaigns.require(code);
    Version v = campaigns.version(code, c.currentVersion());
    List<String> blockers = new ArrayList<>();
    for (Stage stage : List.of(Stage.RECHECK, Stage.PEER_CHECK, Stage.UX_CHECK)) {
      boolean signedClean = signOffs.latest(code, stage.name(), v.hash()).filter(s -> s.errorCount() == 0).isPresent();
      if (!signedClean) {
        blockers.add(stage.label() + " has not signed version " + v.version() + " without errors");
      }
    }
    boolean allHandsSigned = signOffs.forCampaign(code).stream()
        .anyMatch(s -> s.stage().equals(Stage.ALL_HANDS.name()) && s.versionHash().equals(v.hash()));
    if (!allHandsSigned) {
      blockers.add(Stage.ALL_HANDS.label() + ": nobody signed version " + v.version() + " before the deadline");
    }
    List<Finding> open = campaigns.openFindings(code);
    if (!open.isEmpty()) {
      blockers.add(open.size() + " pre-check finding(s) open: " + String.join(", ",
          open.stream().map(f -> f.code() + " (" + f.itemId() + ")").toList())
          + "; fix the items or record a justification");
    }
    return blockers;
  }
}
