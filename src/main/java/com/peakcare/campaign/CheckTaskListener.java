package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.audit.SignOffLedger;
import com.peakcare.audit.SignOffRequest;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.identity.Groups;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * The four signed checks (re-check own setup, peer, UX, all hands). On create: the stage, the form's fields as
 * task-local variables (so concurrent all-hands tasks never share them). On assignment: four-eyes. On complete:
 * four-eyes again, the form validated, the sign-off written in the completion's transaction, and the routing
 * variable {@code errorsFound} set.
 */
@Component("checkTaskListener")
class CheckTaskListener implements TaskListener {

  private final CampaignService campaigns;
  private final CampaignCheckers checkers;
  private final SignOffLedger signOffs;

  CheckTaskListener(CampaignService campaigns, CampaignCheckers checkers, SignOffLedger signOffs) {
    this.campaigns = campaigns;
    this.checkers = checkers;
    this.signOffs = signOffs;
  }

  @Override
  public void notify(DelegateTask task) {
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> created(task);
      case EVENTNAME_ASSIGNMENT -> assigned(task);
      case EVENTNAME_COMPLETE -> completed(task);
      default -> { }
    }
  }

  private void created(DelegateTask task) {
    String code = (String) task.getVariable(Vars.CAMPAIGN_CODE);
    Stage stage = stage(task);
    campaigns.setStage(code, stage);
    Campaign c = campaigns.require(code);
    Version v = campaigns.version(code, c.currentVersion());
    Map<String, Object> fields = new HashMap<>();
    fields.put(Vars.CAMPAIGN_SUMMARY, code + " · " + c.name() + "\nversion " + v.version() + " · hash " + v.hash()
        + "\n上线 · go-live " + c.goLiveAt() + "\n\n" + CampaignService.pretty(v.items()));
    fields.put(Vars.ERROR_COUNT, null);
    fields.put(Vars.ERROR_NOTES, null);
    FormFields.open(task, fields);
  }

  private void assigned(DelegateTask task) {
    String assignee = task.getAssignee();
    String setter = (String) task.getVariable(Vars.SETTER);
    Stage stage = stage(task);
    if (assignee == null) {
      return;
    }
    if (stage == Stage.RECHECK && !assignee.equals(setter)) {
      throw new CheckRefusedException(null, "the re-check of own setup belongs to the setter " + setter);
    }
    if (stage != Stage.RECHECK && assignee.equals(setter)) {
      throw CheckRefusedException.fourEyes("the setter " + setter + " may not take the " + stage.label());
    }
  }

  private void completed(DelegateTask task) {
    String code = (String) task.getVariable(Vars.CAMPAIGN_CODE);
    String setter = (String) task.getVariable(Vars.SETTER);
    Stage stage = stage(task);
    String signer = TaskActors.actor(task);
    Version v = campaigns.currentVersion(code);
    checkSigner(stage, signer, setter, code, v.hash());

    int errors = errorCount(FormFields.value(task, Vars.ERROR_COUNT));
    Object notesValue = FormFields.value(task, Vars.ERROR_NOTES);
    String notes = notesValue == null ? null : notesValue.toString();
    if (errors > 0 && (notes == null || notes.isBlank())) {
      throw new CheckRefusedException(Vars.ERROR_NOTES, "required when errorCount > 0: say what is wrong and where");
    }
    if (notes != null && notes.length() > 4000) {
      throw new CheckRefusedException(Vars.ERROR_NOTES, "at most 4000 characters");
    }
    String meaning = errors > 0 ? "checked, " + errors + " error" + (errors == 1 ? "" : "s") + " found"
        : stage == Stage.RECHECK ? "set up and re-checked" : "checked, no errors";
    signOffs.sign(new SignOffRequest(code, stage.name(), meaning, errors, signer, checkers.nameOf(signer), v.hash(),
        task.getId()));
    FormFields.close(task, Vars.CAMPAIGN_SUMMARY, Vars.ERROR_COUNT, Vars.ERROR_NOTES);
    if (stage == Stage.ALL_HANDS) {
      campaigns.recordAllHandsSignOff(code, signer, errors);
      if (errors > 0) {
        campaigns.report(code, v.version(), ErrorReportSource.ALL_HANDS, signer, errors, notes.trim());
      }
    } else {
      task.getExecution().setVariable(Vars.ERRORS_FOUND, errors > 0);
    }
  }

  private void checkSigner(Stage stage, String signer, String setter, String code, String hash) {
    switch (stage) {
      case RECHECK -> {
        if (!signer.equals(setter)) {
          throw new CheckRefusedException(null, "only the setter " + setter + " re-checks their own setup");
        }
      }
      case PEER_CHECK -> {
        if (signer.equals(setter)) {
          throw CheckRefusedException.fourEyes("the setter " + setter + " may not sign the peer check of their own "
              + "campaign; a colleague of the same department must");
        }
        if (!checkers.peerCandidates(setter).contains(signer)) {
          throw new CheckRefusedException(null, signer + " is not in the setter's department and may not sign the "
              + "peer check");
        }
      }
      case UX_CHECK -> {
        if (signer.equals(setter)) {
          throw CheckRefusedException.fourEyes("the setter " + setter + " may not sign the UX check");
        }
        if (!checkers.isMember(signer, Groups.UX)) {
          throw new CheckRefusedException(null, signer + " is not in the UX department");
        }
        if (checkers.checker(code, Stage.PEER_CHECK, hash).filter(signer::equals).isPresent()) {
          throw CheckRefusedException.fourEyes(signer + " signed the peer check of this version already");
        }
      }
      case ALL_HANDS -> {
        if (signer.equals(setter)) {
          throw CheckRefusedException.fourEyes("the setter " + setter + " may not sign the all-hands check");
        }
      }
      default -> throw new IllegalStateException("not a check: " + stage);
    }
  }

  /** An integer ≥ 0, whatever way the form or the REST client sent it. */
  static int errorCount(Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new CheckRefusedException(Vars.ERROR_COUNT, "required: how many errors you found (0 if none)");
    }
    BigDecimal n;
    try {
      n = new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new CheckRefusedException(Vars.ERROR_COUNT, "must be a whole number ≥ 0, not \"" + value + "\"");
    }
    if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0 || n.compareTo(BigDecimal.valueOf(1000)) > 0) {
      throw new CheckRefusedException(Vars.ERROR_COUNT, "must be a whole number from 0 to 1000, not " + value);
    }
    return n.intValueExact();
  }

  private static Stage stage(DelegateTask task) {
    return CampaignCheckProcess.STAGE_OF_TASK.get(task.getTaskDefinitionKey());
  }
}
