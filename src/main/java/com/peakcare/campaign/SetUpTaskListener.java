package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.web.ApiException;
import com.peakcare.engine.TaskRefusedException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Set up (and fix) the campaign. On create: the pre-check findings and the current items (as rows of the form's
 * dynamic list, {@link ItemRows}) as task-local form fields. On complete: the edited items saved (a changed hash
 * makes a new version, pre-checked again) and the setter's justification recorded on the findings still open.
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
        fields.put(Vars.ITEM_ROWS, ItemRows.toRows(v.items()));
        fields.put(Vars.ITEM_TYPE_OPTIONS, ItemRows.typeOptions(v.items()));
        // not shown: an engine REST client may complete with the items' JSON instead of rows; null here keeps
        // its value in this task's scope
        fields.put(Vars.ITEMS_JSON, null);
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
        Object json = FormFields.value(task, Vars.ITEMS_JSON);
        String field = json != null ? Vars.ITEMS_JSON : Vars.ITEM_ROWS;
        try {
          items = json != null ? campaigns.parseItems(json.toString(), Vars.ITEMS_JSON)
              : campaigns.parseItemRows(FormFields.value(task, Vars.ITEM_ROWS), Vars.ITEM_ROWS);
        } catch (ApiException e) {
          // a 400 naming the first bad field (itemRows[1].threshold), the message listing every problem
          throw TaskRefusedException.invalid(e.errors().isEmpty() ? field : e.errors().get(0).field(),
              e.errors().stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b)
                  .orElse(field + ": " + e.getMessage()));
        }
        campaigns.saveItems(code, items, actor);
        Object justification = FormFields.value(task, Vars.JUSTIFICATION);
        FormFields.close(task, Vars.PRECHECK_FINDINGS, Vars.ITEM_ROWS, Vars.ITEM_TYPE_OPTIONS, Vars.ITEMS_JSON,
            Vars.JUSTIFICATION);
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
