package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.StartDoor;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tasklist's start form 活动检核 (forms/campaign-start.form), and a start of {@code campaign-check} through the engine
 * API: the form's fields become the same campaign the API takes, checked and registered by
 * {@link CampaignRegistration} before the engine runs; the person who starts it is its setter.
 */
@Component
class CampaignStartDoor implements StartDoor {

  static final Set<String> FIELDS = Set.of(Vars.FORM_CODE, Vars.FORM_NAME, Vars.FORM_GO_LIVE_AT,
      Vars.FORM_ALL_HANDS_DEADLINE, Vars.ITEM_ROWS, Vars.ITEMS_JSON);
  /** A date and time without an offset is the shop's local time. */
  private static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Shanghai");

  private final CampaignService campaigns;
  private final CampaignRegistration registration;

  CampaignStartDoor(CampaignService campaigns, CampaignRegistration registration) {
    this.campaigns = campaigns;
    this.registration = registration;
  }

  @Override
  public String processKey() {
    return CampaignCheckProcess.KEY;
  }

  @Override
  public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
    if (!actor.in(Groups.OPS)) {
      throw Refusal.forbidden("活动检核由运营部门发起 · Campaign checks are started by operations (ops)");
    }
    List<String> unknown = values.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw Refusal.invalid(unknown.get(0), "不是活动表单的字段 · not a field of the campaign form: " + unknown);
    }
    try {
      Object rows = values.get(Vars.ITEM_ROWS);
      List<CampaignItem> items = rows != null ? campaigns.parseItemRows(rows, Vars.ITEM_ROWS)
          : campaigns.parseItems(text(values, Vars.ITEMS_JSON), Vars.ITEMS_JSON);
      CampaignRegistration.NewCampaign n = new CampaignRegistration.NewCampaign(text(values, Vars.FORM_CODE),
          text(values, Vars.FORM_NAME), instant(values, Vars.FORM_GO_LIVE_AT),
          instant(values, Vars.FORM_ALL_HANDS_DEADLINE), items);
      if (businessKey != null && !businessKey.isBlank() && !businessKey.equals(n.code())) {
        throw ApiException.invalid(Vars.FORM_CODE, "the business key must be the campaign's code");
      }
      return registration.startFromForm(n, actor.userId());
    } catch (ApiException e) {
      String detail = e.errors().isEmpty() ? e.getMessage()
          : e.errors().stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
      String field = !e.errors().isEmpty() ? e.errors().get(0).field()
          : e.status() == HttpStatus.CONFLICT ? Vars.FORM_CODE : Vars.FORM_CODE;
      throw Refusal.invalid(field, "活动无法创建 · The campaign cannot be created: " + detail);
    }
  }

  private static String text(Map<String, Object> values, String name) {
    Object v = values.get(name);
    return v == null ? null : v.toString();
  }

  /** A date and time from the form: ISO with an offset, or without (the shop's time), or a Date. */
  static Instant instant(Map<String, Object> values, String name) {
    Object v = values.get(name);
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
        return LocalDateTime.parse(s).atZone(SHOP_ZONE).toInstant();
      } catch (DateTimeParseException e2) {
        throw ApiException.invalid(name, "不是日期时间（如 2026-11-11T00:00+08:00）· not a date and time (e.g. "
            + "2026-11-11T00:00+08:00)");
      }
    }
  }
}
