package com.peakcare.campaign;

import java.util.Map;

/**
 * The campaign-check process ({@code processes/campaign-check.bpmn}): key, element ids, variable names. The
 * process variables are only what it routes on; the campaign's items, versions, findings, sign-offs and ledger
 * live in PeakCare's tables.
 */
public final class CampaignCheckProcess {

  public static final String KEY = "campaign-check";
  public static final String MESSAGE_CUSTOMER_ERROR_REPORTED = "CampaignCustomerErrorReported";

  /** Element ids. */
  public static final class Elements {
    public static final String START = "StartEvent_CampaignSubmitted";
    public static final String TASK_RUN_PRE_CHECK = "Task_RunPreCheck";
    public static final String TASK_SET_UP = "Task_SetUpCampaign";
    public static final String TASK_RECHECK = "Task_RecheckOwnSetup";
    public static final String TASK_PEER_CHECK = "Task_PeerCheck";
    public static final String TASK_UX_CHECK = "Task_UxCheck";
    public static final String TASK_OPEN_ALL_HANDS = "Task_OpenAllHandsCheck";
    public static final String TASK_ALL_HANDS_CHECK = "Task_AllHandsCheck";
    public static final String TASK_CLOSE_ALL_HANDS = "Task_CloseAllHandsCheck";
    public static final String TASK_CONFIRM_ALL_HANDS_ERRORS = "Task_ConfirmAllHandsErrors";
    public static final String TASK_APPROVE_LAUNCH = "Task_ApproveLaunch";
    public static final String TASK_FOLLOW_UP_OVERDUE = "Task_FollowUpOverdueStage";
    public static final String TASK_CONFIRM_CUSTOMER_REPORT = "Task_ConfirmCustomerReport";
    public static final String TASK_FOLLOW_UP_UNSIGNED_ALL_HANDS = "Task_FollowUpUnsignedAllHands";
    public static final String TIMER_RECHECK_OVERDUE = "Timer_RecheckOverdue";
    public static final String TIMER_PEER_CHECK_OVERDUE = "Timer_PeerCheckOverdue";
    public static final String TIMER_UX_CHECK_OVERDUE = "Timer_UxCheckOverdue";
    public static final String TIMER_ALL_HANDS_DEADLINE = "Timer_AllHandsDeadline";
    public static final String TIMER_REPORT_WINDOW_CLOSED = "Timer_ReportWindowClosed";
    public static final String EVENT_LAUNCH_APPROVED = "Event_LaunchApproved";
    public static final String END_CAMPAIGN_CLOSED = "EndEvent_CampaignClosed";
    public static final String END_OVERDUE_FOLLOWED_UP = "EndEvent_OverdueFollowedUp";
    public static final String END_CUSTOMER_REPORT_SETTLED = "EndEvent_CustomerReportSettled";
    public static final String GATEWAY_LAUNCH_APPROVED = "Gateway_LaunchApproved";
    public static final String FLOW_RECHECK_OVERDUE = "Flow_RecheckOverdue";
    public static final String FLOW_PEER_CHECK_OVERDUE = "Flow_PeerCheckOverdue";
    public static final String FLOW_UX_CHECK_OVERDUE = "Flow_UxCheckOverdue";
    public static final String FLOW_ALL_HANDS_OVERDUE = "Flow_AllHandsOverdue";
    public static final String END_UNSIGNED_FOLLOWED_UP = "EndEvent_UnsignedFollowedUp";

    private Elements() {}
  }

  /** Process variables (routing) and task-local form fields. */
  public static final class Vars {
    /** String: the campaign's code (also the business key). */
    public static final String CAMPAIGN_CODE = "campaignCode";
    /** String: user id of the setter ({@code camunda:initiator} from Tasklist, the caller from REST). */
    public static final String SETTER = "setter";
    /** Date: when the all-hands check closes. */
    public static final String ALL_HANDS_DEADLINE = "allHandsDeadline";
    /** Date: go-live. */
    public static final String GO_LIVE_AT = "goLiveAt";
    /** Boolean: the last stage reported (or confirmed) errors: back to the setter. */
    public static final String ERRORS_FOUND = "errorsFound";
    /** List of user ids: one all-hands task each. */
    public static final String ALL_HANDS_PARTICIPANTS = "allHandsParticipants";
    public static final String ALL_HANDS_PARTICIPANT = "allHandsParticipant";
    /** List of report ids the UX department confirms, one task each. */
    public static final String ERROR_REPORT_IDS = "errorReportIds";
    public static final String ERROR_REPORT_ID = "errorReportId";
    /** Boolean: the all-hands round produced at least one error report. */
    public static final String ERRORS_REPORTED = "errorsReported";
    /** Boolean: every stage signed the current version and no finding is open. */
    public static final String LAUNCH_APPROVED = "launchApproved";
    /** String (local to the escalation): the overdue stage. */
    public static final String OVERDUE_STAGE = "overdueStage";

    // Tasklist start form (removed once the campaign is registered)
    public static final String FORM_CODE = "code";
    public static final String FORM_NAME = "name";
    public static final String FORM_GO_LIVE_AT = "goLiveAt";
    public static final String FORM_ALL_HANDS_DEADLINE = "allHandsDeadline";
    /** String: the items as a JSON array, as the API and the engine REST take them. */
    public static final String ITEMS_JSON = "itemsJson";
    /**
     * Json (Spin): the items as rows of the forms' dynamic list, one field per item property. Start form and set-up
     * task; mapped to {@link #ITEMS_JSON} on the server (see {@code ItemRows}).
     */
    public static final String ITEM_ROWS = "itemRows";

    // task-local form fields
    public static final String PRECHECK_FINDINGS = "precheckFindings";
    /** Json (Spin): the set-up form's type options, {@code [{label, value}]}. */
    public static final String ITEM_TYPE_OPTIONS = "itemTypeOptions";
    public static final String JUSTIFICATION = "justification";
    public static final String ERROR_COUNT = "errorCount";
    public static final String ERROR_NOTES = "errorNotes";
    public static final String CAMPAIGN_SUMMARY = "campaignSummary";
    public static final String REPORTED_BY = "reportedBy";
    public static final String REPORTED_COUNT = "reportedCount";
    public static final String REPORTED_NOTES = "reportedNotes";
    public static final String CONFIRMED_COUNT = "confirmedCount";

    private Vars() {}
  }

  /** Form ids (forms/*.form). */
  public static final class Forms {
    public static final String START = "campaign-start";
    public static final String SET_UP = "campaign-setup";
    public static final String CHECK = "campaign-check";
    public static final String CONFIRM_ERRORS = "campaign-confirm-errors";
    public static final String FOLLOW_UP_OVERDUE = "campaign-overdue";

    private Forms() {}
  }

  /** The stage a check task signs for. */
  public static final Map<String, Stage> STAGE_OF_TASK = Map.of(
      Elements.TASK_SET_UP, Stage.SET_UP,
      Elements.TASK_RECHECK, Stage.RECHECK,
      Elements.TASK_PEER_CHECK, Stage.PEER_CHECK,
      Elements.TASK_UX_CHECK, Stage.UX_CHECK,
      Elements.TASK_ALL_HANDS_CHECK, Stage.ALL_HANDS,
      Elements.TASK_CONFIRM_ALL_HANDS_ERRORS, Stage.ERROR_CONFIRMATION,
      Elements.TASK_CONFIRM_CUSTOMER_REPORT, Stage.CUSTOMER_REPORT_CONFIRMATION);

  /**
   * The campaign's stage at each element of the process, applied from one place (engine.DerivedStatus) whatever path
   * the process took. A campaign is registered at {@link Stage#PRE_CHECK}; the customer-report confirmation leaves
   * the stage at {@link Stage#LIVE}.
   */
  public static final Map<String, String> STAGE_OF = Map.of(
      Elements.TASK_SET_UP, Stage.SET_UP.name(),
      Elements.TASK_RECHECK, Stage.RECHECK.name(),
      Elements.TASK_PEER_CHECK, Stage.PEER_CHECK.name(),
      Elements.TASK_UX_CHECK, Stage.UX_CHECK.name(),
      Elements.TASK_OPEN_ALL_HANDS, Stage.ALL_HANDS.name(),
      Elements.TASK_CONFIRM_ALL_HANDS_ERRORS, Stage.ERROR_CONFIRMATION.name(),
      Elements.EVENT_LAUNCH_APPROVED, Stage.LIVE.name(),
      Elements.END_CAMPAIGN_CLOSED, Stage.CLOSED.name());

  /** The wait states and end events that keep the campaign's stage, and why (see ProcessStatuses#keepsStatus). */
  public static final Map<String, String> KEEPS_STAGE = Map.of(
      Elements.TASK_ALL_HANDS_CHECK, "one task per participant inside the all-hands stage, opened by "
          + Elements.TASK_OPEN_ALL_HANDS,
      Elements.TASK_CONFIRM_CUSTOMER_REPORT, "a customer's report after launch: the campaign stays LIVE",
      Elements.END_CUSTOMER_REPORT_SETTLED, "the report's branch ends; the campaign stays LIVE",
      Elements.TASK_FOLLOW_UP_OVERDUE, "a supervisor's escalation beside the overdue stage, which goes on",
      Elements.END_OVERDUE_FOLLOWED_UP, "the escalation's branch ends",
      Elements.TASK_FOLLOW_UP_UNSIGNED_ALL_HANDS, "a supervisor's escalation beside the all-hands stage",
      Elements.END_UNSIGNED_FOLLOWED_UP, "the escalation's branch ends",
      Elements.TIMER_REPORT_WINDOW_CLOSED, "LIVE until the report window closes, then CLOSED");

  /** The overdue stage behind each escalation flow. */
  public static final Map<String, Stage> STAGE_OF_OVERDUE_FLOW = Map.of(
      Elements.FLOW_RECHECK_OVERDUE, Stage.RECHECK,
      Elements.FLOW_PEER_CHECK_OVERDUE, Stage.PEER_CHECK,
      Elements.FLOW_UX_CHECK_OVERDUE, Stage.UX_CHECK,
      Elements.FLOW_ALL_HANDS_OVERDUE, Stage.ALL_HANDS);

  private CampaignCheckProcess() {}
}
