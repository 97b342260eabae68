package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.system.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Set up (and fix) the campaign. On create: the pre-check findings and the current items as task-local form
 * fields. On complete: the edited items saved (a changed hash makes a new version, pre-checked again) and the
 * setter's justification recorded on the findings still open.
 */
@Component("setUpTaskListener")
class SetUpTaskListener implements TaskListener {

  private final CampaignService campaigns;

  SetUpTaskListener(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void notify(DelegateTask task) {
    String code = (String) task.getVariable(Vars.CAMPAIGN_CODE);
    String setter = (String) task.getVariable(Vars.SETTER);
    switch (task.getEventName()) {
      case EVENTNAME_CREATE -> {
        campaigns.setStage(code, Stage.SET_UP);
        Version v = campaigns.currentVersion(code);
        Map<String, Object> fields = new HashMap<>();
        fields.put(Vars.PRECHECK_FINDINGS, campaigns.describeFindings(code));
        fields.put(Vars.ITEMS_JSON, CampaignService.pretty(v.items()));
        fields.put(Vars.JUSTIFICATION, null);
        FormFields.open(task, fields);
      }
      case EVENTNAME_ASSIGNMENT -> {
        if (task.getAssignee() != null && !task.getAssignee().equals(setter)) {
          throw new CheckRefusedException(null, "the set-up belongs to the setter " + setter);
        }
      }
      case EVENTNAME_COMPLETE -> {
        String actor = TaskActors.actor(task);
        if (!actor.equals(setter)) {
          throw new CheckRefusedException(null, "only the setter " + setter + " sets up the campaign");
        }
        List<CampaignItem> items;
        try {
          items = campaigns.parseItems((String) FormFields.value(task, Vars.ITEMS_JSON), Vars.ITEMS_JSON);
        } catch (ApiException e) {
          throw new CheckRefusedException(Vars.ITEMS_JSON, e.errors().stream()
              .map(p -> p.field() + " " + p.message()).reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
        }
        campaigns.saveItems(code, items, actor);
        Object justification = FormFields.value(task, Vars.JUSTIFICATION);
        FormFields.close(task, Vars.PRECHECK_FINDINGS, Vars.ITEMS_JSON, Vars.JUSTIFICATION);
        if (justification instanceof String text && !text.isBlank()) {
          if (text.length() > 2000) {
            throw new CheckRefusedException(Vars.JUSTIFICATION, "at most 2000 characters");
          }
          campaigns.justifyOpenFindings(code, text.trim(), actor);
        }
      }
      default -> { }
    }
  }
}
