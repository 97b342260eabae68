package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.audit.SignOffLedger;
import com.peakcare.audit.SignOffRequest;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.ErrorReport;
import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.identity.Groups;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A UX member confirms how many of the errors in one report are real (all-hands or customer). The confirmation
 * is signed ("confirmed error"), and the rewards and fines are booked in the same transaction. Nobody confirms
 * an error they reported or would be fined for.
 */
@Component("confirmErrorsTaskListener")
class ConfirmErrorsTaskListener implements TaskListener {

  private final CampaignService campaigns;
  private final CampaignCheckers checkers;
  private final SignOffLedger signOffs;
  private final RewardLedger ledger;

  ConfirmErrorsTaskListener(CampaignService campaigns, CampaignCheckers checkers, SignOffLedger signOffs,
      RewardLedger ledger) {
    this.campaigns = campaigns;
    this.checkers = checkers;
    this.signOffs = signOffs;
    this.ledger = ledger;
  }

  @Override
  public void notify(DelegateTask task) {
    String reportId = (String) task.getVariable(Vars.ERROR_REPORT_ID);
    ErrorReport report = campaigns.errorReport(reportId).orElseThrow();
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        campaigns.setStage(report.campaign(), stage(task) == Stage.ERROR_CONFIRMATION
            ? Stage.ERROR_CONFIRMATION : campaigns.require(report.campaign()).stage());
        Map<String, Object> fields = new HashMap<>();
        fields.put(Vars.REPORTED_BY, ErrorReportSource.ALL_HANDS.equals(report.source())
            ? report.reportedBy() + " (" + checkers.nameOf(report.reportedBy()) + ")" : report.reportedBy());
        fields.put(Vars.REPORTED_COUNT, report.errorCount());
        fields.put(Vars.REPORTED_NOTES, report.notes());
        fields.put(Vars.CONFIRMED_COUNT, null);
        FormFields.open(task, fields);
      }
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null) {
          refuseConflictOfInterest(task.getAssignee(), report);
        }
      }
      case EVENTNAME_COMPLETE -> completed(task, report);
      default -> { }
    }
  }

  private void completed(DelegateTask task, ErrorReport report) {
    Campaign c = campaigns.require(report.campaign());
    Version v = campaigns.version(c.code(), report.version());
    List<String> answerable = checkers.answerable(c.code(), c.setter(), v.hash());
    String signer = TaskActors.actor(task);
    if (!checkers.isMember(signer, Groups.UX)) {
      throw new CheckRefusedException(null, signer + " is not in the UX department");
    }
    refuseConflictOfInterest(signer, report);
    int confirmed;
    try {
      confirmed = CheckTaskListener.errorCount(FormFields.value(task, Vars.CONFIRMED_COUNT));
    } catch (CheckRefusedException e) {
      throw new CheckRefusedException(Vars.CONFIRMED_COUNT, "required: a whole number from 0 to "
          + report.errorCount());
    }
    if (confirmed > report.errorCount()) {
      throw new CheckRefusedException(Vars.CONFIRMED_COUNT, "at most the " + report.errorCount() + " reported");
    }
    FormFields.close(task, Vars.REPORTED_BY, Vars.REPORTED_COUNT, Vars.REPORTED_NOTES, Vars.CONFIRMED_COUNT);
    campaigns.confirm(report.id(), confirmed, signer);
    String meaning = confirmed > 0 ? "confirmed error: " + confirmed + " of " + report.errorCount() + " reported"
        : "reviewed, no error confirmed (0 of " + report.errorCount() + ")";
    signOffs.sign(new SignOffRequest(c.code(), stage(task).name(), meaning, confirmed, signer,
        checkers.nameOf(signer), v.hash(), task.getId()));
    ledger.settle(report, confirmed, answerable, signer);
    if (confirmed > 0 && stage(task) == Stage.ERROR_CONFIRMATION) {
      task.getExecution().setVariable(Vars.ERRORS_FOUND, true);
    }
  }

  /** Nobody confirms errors they reported or would be fined for. */
  private void refuseConflictOfInterest(String user, ErrorReport report) {
    Campaign c = campaigns.require(report.campaign());
    Version v = campaigns.version(c.code(), report.version());
    if (checkers.answerable(c.code(), c.setter(), v.hash()).contains(user)) {
      throw CheckRefusedException.fourEyes(user + " checked version " + v.version()
          + " and would be fined for its errors, so may not confirm them");
    }
    if (user.equals(report.reportedBy())) {
      throw CheckRefusedException.fourEyes(user + " reported these errors and may not confirm them");
    }
  }

  private static Stage stage(DelegateTask task) {
    return CampaignCheckProcess.STAGE_OF_TASK.get(task.getTaskDefinitionKey());
  }
}
