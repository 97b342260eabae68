package com.peakcare.campaign;

import static com.peakcare.campaign.CampaignCheckProcess.Elements;
import static com.peakcare.campaign.CampaignCheckProcess.Vars;

import com.peakcare.audit.SignOffLedger;
import com.peakcare.audit.SignOffRequest;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.ErrorReport;
import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.TaskFacts;
import com.peakcare.engine.gate.TaskPolicy;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who sets up, checks, signs and confirms a campaign, from the campaign's record and its signed sign-offs (never from a
 * variable a starter supplied), applied by the engine gate on every path:
 * <ul>
 *   <li>the set-up and the re-check belong to the setter alone; the peer check to the setter's department colleagues,
 *       the UX check to the UX department, each minus anyone who holds another checking role on this version; an
 *       all-hands check belongs to its participant; error confirmations to the UX department minus the version's
 *       answerable checkers and the reporter; the overdue follow-ups to supervisors;</li>
 *   <li>a sign-off is the assignee's own: nobody completes a check for someone else;</li>
 *   <li>completing a check validates its form, signs in the completion's transaction and returns only the routing
 *       variable {@code errorsFound}.</li>
 * </ul>
 */
@Component
class CampaignTaskPolicy implements TaskPolicy {

  static final Set<String> CHECKS = Set.of(Elements.TASK_RECHECK, Elements.TASK_PEER_CHECK, Elements.TASK_UX_CHECK,
      Elements.TASK_ALL_HANDS_CHECK);
  static final Set<String> CONFIRMATIONS = Set.of(Elements.TASK_CONFIRM_ALL_HANDS_ERRORS,
      Elements.TASK_CONFIRM_CUSTOMER_REPORT);

  /** The editable fields of each task's form (forms/campaign-*.form). */
  static final Map<String, Set<String>> FIELDS = fields();

  private final CampaignService campaigns;
  private final CampaignCheckers checkers;
  private final SignOffLedger signOffs;
  private final RewardLedger ledger;

  CampaignTaskPolicy(CampaignService campaigns, CampaignCheckers checkers, SignOffLedger signOffs,
      RewardLedger ledger) {
    this.campaigns = campaigns;
    this.checkers = checkers;
    this.signOffs = signOffs;
    this.ledger = ledger;
  }

  @Override
  public String processKey() {
    return CampaignCheckProcess.KEY;
  }

  @Override
  public Set<String> fields(TaskFacts task) {
    return FIELDS.getOrDefault(task.taskKey(), Set.of());
  }

  // ---- who -------------------------------------------------------------------------------------------------

  @Override
  public void assigning(TaskFacts task, String assignee, Actor actor) {
    Campaign c = campaignOf(task);
    String key = task.taskKey();
    if (Elements.TASK_SET_UP.equals(key) || Elements.TASK_RECHECK.equals(key)) {
      if (assignee == null || !assignee.equals(c.setter())) {
        throw Refusal.forbidden("设置和复核只属于设置人本人 · The set-up and its re-check belong to the setter alone");
      }
      return;
    }
    if (Elements.TASK_ALL_HANDS_CHECK.equals(key)) {
      if (actor.isPerson() && !actor.isAdmin()) {
        throw Refusal.forbidden("全员检核任务属于参与人本人，不能认领或转交 · An all-hands check belongs to its participant: "
            + "it cannot be claimed or handed over");
      }
      return;
    }
    if (assignee != null) {
      String reason = ineligible(task, c, assignee);
      if (reason != null) {
        throw Refusal.forbidden(reason);
      }
    }
    if (actor.isPerson() && !actor.isAdmin() && !actor.in(Groups.SUPERVISORS)) {
      if (task.assignee() == null && !actor.userId().equals(assignee)) {
        throw Refusal.forbidden("只能为自己认领任务 · You can only claim a task for yourself");
      }
      if (task.assignee() != null && !actor.userId().equals(task.assignee())) {
        throw Refusal.forbidden("只有任务的处理人或主管可以转交或退回任务 · Only the task's assignee or a supervisor may "
            + "hand it over or unclaim it");
      }
    }
  }

  /** Why {@code user} may not hold this task, or null when they may. */
  private String ineligible(TaskFacts task, Campaign c, String user) {
    Version v = campaigns.currentVersion(c.code());
    switch (task.taskKey()) {
      case Elements.TASK_PEER_CHECK -> {
        if (user.equals(c.setter())) {
          return fourEyes("设置人不能检核自己的活动 · the setter may not check their own campaign");
        }
        if (!checkers.peerCandidates(c.setter()).contains(user)) {
          return "队友检核只能由设置人同部门的同事完成 · The peer check is for the setter's department colleagues";
        }
        if (checkers.checker(c.code(), Stage.UX_CHECK, v.hash()).filter(user::equals).isPresent()) {
          return fourEyes("同一版本的用户体验检核人不能再做队友检核 · the UX checker of this version may not also do its "
              + "peer check");
        }
      }
      case Elements.TASK_UX_CHECK -> {
        if (user.equals(c.setter())) {
          return fourEyes("设置人不能检核自己的活动 · the setter may not check their own campaign");
        }
        if (!checkers.isMember(user, Groups.UX)) {
          return "用户体验检核只能由用户体验部门完成 · The UX check is for the UX department";
        }
        if (checkers.checker(c.code(), Stage.PEER_CHECK, v.hash()).filter(user::equals).isPresent()) {
          return fourEyes("同一版本的队友检核人不能再做用户体验检核 · the peer checker of this version may not also do "
              + "its UX check");
        }
      }
      case Elements.TASK_CONFIRM_ALL_HANDS_ERRORS, Elements.TASK_CONFIRM_CUSTOMER_REPORT -> {
        ErrorReport report = reportOf(task);
        Version reported = campaigns.version(c.code(), report.version());
        if (checkers.answerable(c.code(), c.setter(), reported.hash()).contains(user)) {
          return fourEyes("检核过该版本、会因这些错误被罚的人不能确认它们 · who checked this version and would be fined "
              + "for its errors may not confirm them");
        }
        if (user.equals(report.reportedBy())) {
          return fourEyes("报错人不能确认自己报的错 · who reported these errors may not confirm them");
        }
        if (!checkers.isMember(user, Groups.UX)) {
          return "报错由用户体验部门确认 · Reported errors are confirmed by the UX department";
        }
      }
      default -> {
        if (!checkers.isMember(user, Groups.SUPERVISORS)) {
          return "逾期跟进由主管完成 · Overdue follow-ups are for supervisors";
        }
      }
    }
    return null;
  }

  /** A four-eyes refusal, in the words the README quotes: "四眼原则：… · Four-eyes: …". */
  private static String fourEyes(String rule) {
    int split = rule.indexOf(" · ");
    return "四眼原则：" + rule.substring(0, split) + " · Four-eyes: " + rule.substring(split + 3);
  }

  // ---- completing ------------------------------------------------------------------------------------------

  @Override
  public Map<String, Object> completing(TaskFacts task, Map<String, Object> values, Actor actor) {
    Campaign c = campaignOf(task);
    String signer = signer(task, actor);
    FormValues form = new FormValues(values);
    String key = task.taskKey();
    if (Elements.TASK_SET_UP.equals(key)) {
      setUp(c, signer, form);
      return Map.of();
    }
    if (CHECKS.contains(key)) {
      return check(task, c, signer, form);
    }
    if (CONFIRMATIONS.contains(key)) {
      return confirm(task, c, signer, form);
    }
    if (!checkers.isMember(signer, Groups.SUPERVISORS)) {
      throw Refusal.forbidden("逾期跟进由主管完成 · Overdue follow-ups are for supervisors");
    }
    return Map.of();
  }

  /** A sign-off is its signer's own: the assignee, and nobody for them. */
  private static String signer(TaskFacts task, Actor actor) {
    if (task.assignee() == null) {
      throw Refusal.forbidden("请先认领任务：签字需要署名 · Claim the task first: a sign-off needs a named signer");
    }
    if (actor.isPerson() && !actor.userId().equals(task.assignee())) {
      throw Refusal.forbidden("签字只能由任务的处理人本人完成，不能代签 · Only the task's assignee signs it: nobody signs "
          + "for someone else");
    }
    return task.assignee();
  }

  private void setUp(Campaign c, String signer, FormValues form) {
    if (!signer.equals(c.setter())) {
      throw Refusal.forbidden("设置只属于设置人本人 · The set-up belongs to the setter alone");
    }
    Object json = form.raw(Vars.ITEMS_JSON);
    Object rows = form.raw(Vars.ITEM_ROWS);
    if (json != null || rows != null) {
      String field = json != null ? Vars.ITEMS_JSON : Vars.ITEM_ROWS;
      try {
        List<CampaignItem> items = json != null ? campaigns.parseItems(json.toString(), Vars.ITEMS_JSON)
            : campaigns.parseItemRows(rows, Vars.ITEM_ROWS);
        campaigns.saveItems(c.code(), items, signer);
      } catch (ApiException e) {
        throw Refusal.invalid(e.errors().isEmpty() ? field : e.errors().get(0).field(), e.errors().isEmpty()
            ? e.getMessage() : e.errors().stream().map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; ")));
      }
    }
    String justification = form.text(Vars.JUSTIFICATION, 2000, false, null);
    if (justification != null) {
      campaigns.justifyOpenFindings(c.code(), justification, signer);
    }
  }

  private Map<String, Object> check(TaskFacts task, Campaign c, String signer, FormValues form) {
    Stage stage = CampaignCheckProcess.STAGE_OF_TASK.get(task.taskKey());
    if (stage == Stage.RECHECK && !signer.equals(c.setter())) {
      throw Refusal.forbidden("复核只属于设置人本人 · The re-check belongs to the setter alone");
    }
    if (stage != Stage.RECHECK && signer.equals(c.setter())) {
      throw Refusal.forbidden(fourEyes("设置人不能检核自己的活动 · the setter may not check their own campaign"));
    }
    if (stage == Stage.PEER_CHECK || stage == Stage.UX_CHECK) {
      String reason = ineligible(task, c, signer);
      if (reason != null) {
        throw Refusal.forbidden(reason);
      }
    }
    Version v = campaigns.currentVersion(c.code());
    int errors = form.whole(Vars.ERROR_COUNT, 0, 1000, "必填：发现的错误数（没有就填 0） · required: how many errors you "
        + "found (0 if none)");
    String notes = form.text(Vars.ERROR_NOTES, 4000, errors > 0, "发现错误时必填：说明错在哪里 · required when "
        + "errorCount > 0: say what is wrong and where");
    String meaning = errors > 0 ? "checked, " + errors + " error" + (errors == 1 ? "" : "s") + " found"
        : stage == Stage.RECHECK ? "set up and re-checked" : "checked, no errors";
    signOffs.sign(new SignOffRequest(c.code(), stage.name(), meaning, errors, signer, checkers.nameOf(signer), v.hash(),
        task.id()));
    if (stage == Stage.ALL_HANDS) {
      campaigns.recordAllHandsSignOff(c.code(), signer, errors);
      if (errors > 0) {
        campaigns.report(c.code(), v.version(), ErrorReportSource.ALL_HANDS, signer, errors, notes);
      }
      return Map.of();
    }
    return Map.of(Vars.ERRORS_FOUND, errors > 0);
  }

  private Map<String, Object> confirm(TaskFacts task, Campaign c, String signer, FormValues form) {
    String reason = ineligible(task, c, signer);
    if (reason != null) {
      throw Refusal.forbidden(reason);
    }
    ErrorReport report = reportOf(task);
    Version v = campaigns.version(c.code(), report.version());
    int confirmed = form.whole(Vars.CONFIRMED_COUNT, 0, report.errorCount(), "必填：确认属实的错误数（0 到 "
        + report.errorCount() + "） · required: how many of the " + report.errorCount() + " reported are real");
    campaigns.confirm(report.id(), confirmed, signer);
    Stage stage = CampaignCheckProcess.STAGE_OF_TASK.get(task.taskKey());
    String meaning = confirmed > 0 ? "confirmed error: " + confirmed + " of " + report.errorCount() + " reported"
        : "reviewed, no error confirmed (0 of " + report.errorCount() + ")";
    signOffs.sign(new SignOffRequest(c.code(), stage.name(), meaning, confirmed, signer, checkers.nameOf(signer),
        v.hash(), task.id()));
    ledger.settle(report, confirmed, checkers.answerable(c.code(), c.setter(), v.hash()), signer);
    Map<String, Object> out = new HashMap<>();
    if (confirmed > 0 && stage == Stage.ERROR_CONFIRMATION) {
      out.put(Vars.ERRORS_FOUND, true);
    }
    return out;
  }

  // ---- what the forms show ---------------------------------------------------------------------------------

  private static final java.time.format.DateTimeFormatter GO_LIVE = java.time.format.DateTimeFormatter
      .ofPattern("MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"));

  /** The card's words: the campaign's code and name, and when it goes live (the shop's time). */
  @Override
  public String title(TaskFacts task) {
    Campaign c = campaignOf(task);
    return c.code() + " " + c.name() + " 上线 " + GO_LIVE.format(c.goLiveAt());
  }

  @Override
  public Map<String, Object> formValues(TaskFacts task) {
    Campaign c = campaignOf(task);
    Map<String, Object> values = new HashMap<>();
    if (Elements.TASK_SET_UP.equals(task.taskKey())) {
      Version v = campaigns.currentVersion(c.code());
      values.put(Vars.PRECHECK_FINDINGS, campaigns.describeFindings(c.code()));
      values.put(Vars.ITEM_ROWS, ItemRows.toRows(v.items()));
      values.put(Vars.ITEM_TYPE_OPTIONS, ItemRows.typeOptions(v.items()));
    } else if (CHECKS.contains(task.taskKey())) {
      Version v = campaigns.currentVersion(c.code());
      values.put(Vars.CAMPAIGN_SUMMARY, c.code() + " · " + c.name() + "\nversion " + v.version() + " · hash "
          + v.hash() + "\n上线 · go-live " + c.goLiveAt() + "\n\n" + CampaignService.pretty(v.items()));
    } else if (CONFIRMATIONS.contains(task.taskKey())) {
      ErrorReport report = reportOf(task);
      values.put(Vars.REPORTED_BY, ErrorReportSource.ALL_HANDS.equals(report.source())
          ? report.reportedBy() + " (" + checkers.nameOf(report.reportedBy()) + ")" : report.reportedBy());
      values.put(Vars.REPORTED_COUNT, report.errorCount());
      values.put(Vars.REPORTED_NOTES, report.notes());
    }
    return values;
  }

  // ---- records ---------------------------------------------------------------------------------------------

  /** The campaign the task's process runs: its business key, checked against the record's link to the process. */
  private Campaign campaignOf(TaskFacts task) {
    Campaign c = task.businessKey() == null ? null : campaigns.find(task.businessKey()).orElse(null);
    if (c == null || !task.processInstanceId().equals(c.processInstanceId())) {
      throw new IllegalStateException("process " + task.processInstanceId() + " runs no registered campaign");
    }
    return c;
  }

  /** The error report a confirmation task is about (set by PeakCare on the task's own execution). */
  private ErrorReport reportOf(TaskFacts task) {
    Object id = task.variable(Vars.ERROR_REPORT_ID);
    return campaigns.errorReport(id == null ? null : id.toString())
        .orElseThrow(() -> new IllegalStateException("confirmation task " + task.id() + " names no error report"));
  }

  private static Map<String, Set<String>> fields() {
    Set<String> check = Set.of(Vars.ERROR_COUNT, Vars.ERROR_NOTES);
    Map<String, Set<String>> f = new HashMap<>();
    f.put(Elements.TASK_SET_UP, Set.of(Vars.ITEM_ROWS, Vars.ITEMS_JSON, Vars.JUSTIFICATION));
    CHECKS.forEach(k -> f.put(k, check));
    CONFIRMATIONS.forEach(k -> f.put(k, Set.of(Vars.CONFIRMED_COUNT)));
    f.put(Elements.TASK_FOLLOW_UP_OVERDUE, Set.of());
    f.put(Elements.TASK_FOLLOW_UP_UNSIGNED_ALL_HANDS, Set.of());
    return Map.copyOf(f);
  }
}
