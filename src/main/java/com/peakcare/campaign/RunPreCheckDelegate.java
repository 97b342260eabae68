package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.web.ApiException;
import com.peakcare.engine.TaskRefusedException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Task_RunPreCheck. A campaign started through the API is registered and pre-checked already (the caller got the
 * findings in the response); one started from Tasklist's start form is registered and pre-checked here, and the
 * form's fields give way to the few routing variables.
 */
@Component("runPreCheckDelegate")
class RunPreCheckDelegate implements JavaDelegate {

  private final CampaignService campaigns;
  private final CampaignRegistration registration;

  RunPreCheckDelegate(CampaignService campaigns, CampaignRegistration registration) {
    this.campaigns = campaigns;
    this.registration = registration;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String code = (String) execution.getVariable(Vars.CAMPAIGN_CODE);
    if (code == null) {
      code = registerFromStartForm(execution);
    }
    campaigns.attachProcess(code, execution.getProcessInstanceId());
  }

  private String registerFromStartForm(DelegateExecution execution) {
    String setter = (String) execution.getVariable(Vars.SETTER);
    if (setter == null) {
      throw new ProcessEngineException("a campaign check is started by a logged-in setter");
    }
    Campaign c;
    try {
      // Tasklist's start form sends rows (a dynamic list); an engine REST client may send the items' JSON
      Object rows = execution.getVariable(Vars.ITEM_ROWS);
      List<CampaignItem> items = rows != null ? campaigns.parseItemRows(rows, Vars.ITEM_ROWS)
          : campaigns.parseItems(text(execution, Vars.ITEMS_JSON), Vars.ITEMS_JSON);
      CampaignRegistration.NewCampaign n = new CampaignRegistration.NewCampaign(text(execution, Vars.FORM_CODE),
          text(execution, Vars.FORM_NAME), instant(execution, Vars.FORM_GO_LIVE_AT),
          instant(execution, Vars.FORM_ALL_HANDS_DEADLINE), items);
      Instant deadline = registration.check(n, setter);
      c = campaigns.register(n.code(), n.name().trim(), n.goLiveAt(), deadline, n.items(), setter);
    } catch (ApiException e) {
      // a refusal of the form, not a failure: Camunda's REST API answers 400 naming the field (TaskRefusalTranslator)
      String detail = e.errors().isEmpty() ? e.getMessage()
          : e.errors().stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
      String field = !e.errors().isEmpty() ? e.errors().get(0).field()
          : e.status() == HttpStatus.CONFLICT ? Vars.FORM_CODE : null;
      throw TaskRefusedException.invalid(field, "活动无法创建 · The campaign cannot be created: " + detail);
    }
    execution.setProcessBusinessKey(c.code());
    execution.removeVariables(List.of(Vars.FORM_CODE, Vars.FORM_NAME, Vars.ITEMS_JSON, Vars.ITEM_ROWS));
    execution.setVariable(Vars.CAMPAIGN_CODE, c.code());
    execution.setVariable(Vars.GO_LIVE_AT, Date.from(c.goLiveAt()));
    execution.setVariable(Vars.ALL_HANDS_DEADLINE, Date.from(c.allHandsDeadline()));
    return c.code();
  }

  private static String text(DelegateExecution execution, String name) {
    Object v = execution.getVariable(name);
    return v == null ? null : v.toString();
  }

  /** A date from the form: ISO with offset ("2026-11-11T00:00+08:00"), or without (taken as UTC), or a Date. */
  static Instant instant(DelegateExecution execution, String name) {
    Object v = execution.getVariable(name);
    if (v == null || v.toString().isBlank()) {
      return null;
    }
    if (v instanceof Date d) {
      return d.toInstant();
    }
    String s = v.toString().trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        throw ApiException.invalid(name, "not a date and time: " + s);
      }
    }
  }
}
