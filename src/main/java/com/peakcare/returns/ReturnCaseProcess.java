package com.peakcare.returns;

import io.swagger.v3.oas.annotations.media.Schema;

/** The return-case process: its key, element ids, messages and variable names (processes/return-case.bpmn). */
public final class ReturnCaseProcess {

  public static final String KEY = "return-case";
  public static final String POLICY_DECISION = "return-policy";

  /** Element ids, as in the BPMN. */
  public static final class Elements {
    public static final String START = "StartEvent_ReturnRequested";
    public static final String TASK_REGISTER = "Task_RegisterCase";
    public static final String TASK_DECIDE_POLICY = "Task_DecideReturnPolicy";
    public static final String TASK_PROMISE_REFUND_CARE = "Task_PromiseRefundCare";
    public static final String TASK_ASSIGN_AGENT = "Task_AssignAgent";
    public static final String TASK_REVIEW = "Task_ReviewReturnRequest";
    public static final String TIMER_REVIEW_OVERDUE = "Timer_ReviewOverdue";
    public static final String TASK_HANDLE_OVERDUE_REVIEW = "Task_HandleOverdueReview";
    public static final String TASK_SEND_REJECTED = "Task_SendRejectedNotice";
    public static final String TASK_CLOSE_REJECTED = "Task_CloseRejectedCase";
    public static final String END_REJECTED = "EndEvent_Rejected";
    public static final String TASK_SEND_RETURN_INSTRUCTIONS = "Task_SendReturnInstructionsNotice";
    public static final String TASK_WAIT_FOR_PARCEL = "Task_WaitForParcel";
    public static final String TIMER_PARCEL_REMINDER = "Timer_ParcelReminder";
    public static final String TASK_SEND_PARCEL_REMINDER = "Task_SendParcelReminderNotice";
    public static final String TIMER_PARCEL_LIMIT = "Timer_ParcelLimitReached";
    public static final String TASK_CANCEL = "Task_CancelCase";
    public static final String END_CANCELLED = "EndEvent_Cancelled";
    public static final String TASK_INSPECT = "Task_InspectReturnedItem";
    public static final String TIMER_INSPECTION_OVERDUE = "Timer_InspectionOverdue";
    public static final String TASK_HANDLE_OVERDUE_INSPECTION = "Task_HandleOverdueInspection";
    public static final String TASK_DECIDE_AFTER_FAILED_INSPECTION = "Task_DecideAfterFailedInspection";
    public static final String GATEWAY_REFUND_JOIN = "Gateway_RefundJoin";
    public static final String GATEWAY_SECOND_APPROVAL_NEEDED = "Gateway_SecondApprovalNeeded";
    /** 二次审批 · Second approval (issue 20): an after-sales supervisor who had no hand in the case. */
    public static final String TASK_APPROVE_REFUND = "Task_ApproveRefund";
    public static final String GATEWAY_SECOND_APPROVED = "Gateway_SecondApproved";
    public static final String GATEWAY_SECOND_APPROVAL_JOIN = "Gateway_SecondApprovalJoin";
    public static final String TASK_ISSUE_REFUND = "Task_IssueRefund";
    public static final String TASK_SHIP_REPLACEMENT = "Task_ShipReplacement";
    public static final String TASK_SEND_SHIPPING = "Task_SendShippingNotice";
    public static final String TASK_WAIT_FOR_DELIVERY = "Task_WaitForDelivery";
    public static final String TASK_SEND_DELIVERY_CARE = "Task_SendDeliveryCareNotice";
    /** Where the case goes once refunded or replaced: the 回访 is return-survey.bpmn's, started at {@link #END_CLOSED}. */
    public static final String GATEWAY_FULFILLED_JOIN = "Gateway_FulfilledJoin";
    public static final String GATEWAY_FOLLOW_UP_NEEDED = "Gateway_FollowUpNeeded";
    public static final String TASK_FOLLOW_UP_CALL = "Task_FollowUpCall";
    public static final String TASK_CLOSE = "Task_CloseCase";
    public static final String END_CLOSED = "EndEvent_Closed";
    public static final String END_REVIEW_ESCALATION_HANDLED = "EndEvent_ReviewEscalationHandled";
    public static final String END_REMINDED = "EndEvent_Reminded";
    public static final String END_INSPECTION_ESCALATION_HANDLED = "EndEvent_InspectionEscalationHandled";

    private Elements() {}
  }

  /**
   * The case's status at each element of the process (element id, or id + ":end" for when it is left), applied from
   * one place (engine.DerivedStatus). The refund join is reached in the step that makes the refund due; a refund
   * that needs a second approval waits for it (AWAITING_SECOND_APPROVAL) and is REFUNDING again once approved; the
   * refund itself runs asynchronously after it.
   */
  public static final java.util.Map<String, String> STATUS_OF = java.util.Map.ofEntries(
      java.util.Map.entry(Elements.TASK_REVIEW, "UNDER_REVIEW"),
      java.util.Map.entry(Elements.TASK_WAIT_FOR_PARCEL, "AWAITING_PARCEL"),
      java.util.Map.entry(Elements.TASK_INSPECT, "INSPECTING"),
      java.util.Map.entry(Elements.GATEWAY_REFUND_JOIN, "REFUNDING"),
      java.util.Map.entry(Elements.TASK_APPROVE_REFUND, "AWAITING_SECOND_APPROVAL"),
      java.util.Map.entry(Elements.GATEWAY_SECOND_APPROVAL_JOIN, "REFUNDING"),
      java.util.Map.entry(Elements.TASK_ISSUE_REFUND + ":end", "REFUNDED"),
      java.util.Map.entry(Elements.TASK_WAIT_FOR_DELIVERY, "EXCHANGE_SHIPPED"),
      java.util.Map.entry(Elements.END_CLOSED, "CLOSED"),
      java.util.Map.entry(Elements.END_REJECTED, "REJECTED"),
      java.util.Map.entry(Elements.END_CANCELLED, "CANCELLED"));

  /**
   * The business's return policy (processes/return-policy.dmn): the inputs PeakCare gives it from the case record
   * and the outputs it reads. ModelConstantsTest holds the table to these names.
   */
  public static final class Policy {
    /** Whether the item's category allows a 7-day no-reason return (processes/return-categories.dmn). */
    public static final String NO_REASON_RETURN = "noReasonReturn";
    /** Every input the table may use (a rule on the category may be added to the table without a code change). */
    public static final java.util.Set<String> INPUTS = java.util.Set.of(Vars.TYPE, Vars.REASON,
        Vars.DAYS_SINCE_DELIVERY, Vars.AMOUNT, Vars.MEMBER_TIER, Vars.ITEM_CATEGORY, NO_REASON_RETURN);
    public static final String OUTCOME = "outcome";
    public static final String REVIEW_SLA_HOURS = "reviewSlaHours";
    public static final String REFUND_PROMISE_HOURS = "refundPromiseHours";
    public static final String REJECTION_CODE = "rejectionCode";
    public static final java.util.Set<String> OUTPUTS = java.util.Set.of(OUTCOME, REVIEW_SLA_HOURS,
        REFUND_PROMISE_HOURS, REJECTION_CODE);

    private Policy() {}
  }

  /** The wait states and end events that keep the status the case had, and why (see ProcessStatuses#keepsStatus). */
  public static final java.util.Map<String, String> KEEPS_STATUS = java.util.Map.ofEntries(
      java.util.Map.entry(Elements.TASK_HANDLE_OVERDUE_REVIEW, "a supervisor's escalation beside the review, which "
          + "goes on: UNDER_REVIEW"),
      java.util.Map.entry(Elements.END_REVIEW_ESCALATION_HANDLED, "the escalation's branch ends; the review goes on"),
      java.util.Map.entry(Elements.TASK_HANDLE_OVERDUE_INSPECTION, "a supervisor's escalation beside the inspection, "
          + "which goes on: INSPECTING"),
      java.util.Map.entry(Elements.END_INSPECTION_ESCALATION_HANDLED, "the escalation's branch ends; the inspection "
          + "goes on"),
      java.util.Map.entry(Elements.END_REMINDED, "the reminder's branch ends; the case still waits for its parcel"),
      java.util.Map.entry(Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION, "the failed inspection's outcome: INSPECTING "
          + "until the agent refunds part (REFUNDING) or rejects (REJECTED)"),
      java.util.Map.entry(Elements.TASK_SHIP_REPLACEMENT, "the inspection passed and the warehouse ships: INSPECTING "
          + "until the replacement is on its way (EXCHANGE_SHIPPED)"),
      java.util.Map.entry(Elements.TASK_FOLLOW_UP_CALL, "the call to a VIP customer; the case closes after it"));

  /**
   * The survey step of return-case.bpmn up to version 4, gone from version 5 (return-survey.bpmn asks instead):
   * instances of those versions still running reach it, send SURVEY and wait for the integrator's answer
   * ({@code POST /api/returns/{returnNo}/survey}), keeping the status they had (REFUNDED or EXCHANGE_SHIPPED: no
   * element of theirs is in {@link #STATUS_OF}). Remove once none is left (Cockpit: return-case, version 4).
   */
  public static final class UpToVersion4 {
    public static final String TASK_SEND_SURVEY = "Task_SendSurveyNotice";
    public static final String GATEWAY_SURVEY = "Gateway_SurveyAnsweredOrTimedOut";
    public static final String EVENT_SURVEY_ANSWERED = "Event_SurveyAnswered";
    public static final String TIMER_SURVEY_TIMEOUT = "Timer_SurveyTimedOut";
    /** The message their survey step waits for. */
    public static final String SURVEY_ANSWERED = "SurveyAnswered";

    private UpToVersion4() {}
  }

  /** Messages the case waits for. */
  public static final class Messages {
    public static final String PARCEL_SHIPPED = "ReturnParcelShipped";
    public static final String REPLACEMENT_DELIVERED = "ReplacementDelivered";

    private Messages() {}
  }

  /**
   * The only process variables a case has (issue 15): what its gateways, timers and task priorities route on. Every
   * other fact (customer, items, money, where the refund goes, notes, couriers) is in the case record
   * (PC_RETURN_CASE), read by the forms ({@link ReturnTaskPolicy#formValues}) and notices ({@link ReturnNoticeFacts})
   * when they need it. {@link Vars#REVIEW_SLA_HOURS} and {@link Vars#REFUND_PROMISE_HOURS} are transient: the policy's
   * answer, used by the next steps of the same transaction and never stored.
   */
  public static final java.util.Set<String> PROCESS_VARIABLES = java.util.Set.of(
      Vars.TYPE, Vars.MONEY_INVOLVED, Vars.PARCEL_NEEDED, Vars.MEMBER_TIER, Vars.PRIORITY, Vars.POLICY_OUTCOME,
      Vars.REVIEW_DUE, Vars.INSPECTION_DUE, Vars.APPROVED, Vars.INSPECTION_PASSED, Vars.PARTIAL_REFUND, Vars.RATING,
      Vars.SECOND_APPROVED);

  /** Form field keys of the case's tasks, and the names of {@link #PROCESS_VARIABLES}. */
  public static final class Vars {
    public static final String RETURN_NO = "returnNo";
    public static final String ORDER_NO = "orderNo";
    public static final String TYPE = "type";
    public static final String REASON = "reason";
    public static final String AMOUNT = "amount";
    public static final String DELIVERED_AT = "deliveredAt";
    public static final String DAYS_SINCE_DELIVERY = "daysSinceDelivery";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String CUSTOMER_PHONE = "customerPhone";
    public static final String CUSTOMER_EMAIL = "customerEmail";
    public static final String CUSTOMER_LOCALE = "customerLocale";
    public static final String CUSTOMER_PROVINCE = "customerProvince";
    public static final String MEMBER_TIER = "memberTier";
    public static final String ITEMS_SUMMARY = "itemsSummary";
    public static final String ITEM_CATEGORY = "itemCategory";
    public static final String REQUESTED_ASSIGNEE = "requestedAssignee";
    // the single line of the Tasklist start form (an order's SKU and the units returned)
    public static final String ITEM_SKU = "itemSku";
    public static final String ITEM_QUANTITY = "itemQuantity";

    public static final String POLICY_OUTCOME = "policyOutcome";
    public static final String REVIEW_SLA_HOURS = "reviewSlaHours";
    public static final String REFUND_PROMISE_HOURS = "refundPromiseHours";
    public static final String MONEY_INVOLVED = "moneyInvolved";
    public static final String PARCEL_NEEDED = "parcelNeeded";

    public static final String ASSIGNEE = "assignee";
    public static final String ASSIGNMENT_REASON = "assignmentReason";
    public static final String PRIORITY = "priority";
    public static final String REVIEW_DUE = "reviewDue";
    public static final String INSPECTION_DUE = "inspectionDue";

    public static final String APPROVED = "approved";
    public static final String DECISION_NOTE = "decisionNote";
    /** The review form's optional note when approving (decisionNote is the reason for rejecting). */
    public static final String APPROVAL_NOTE = "approvalNote";
    public static final String COURIER = "courier";
    public static final String WAYBILL_NO = "waybillNo";
    public static final String INSPECTION_PASSED = "inspectionPassed";
    public static final String INSPECTION_NOTE = "inspectionNote";
    public static final String PARTIAL_REFUND = "partialRefund";
    public static final String REFUND_AMOUNT = "refundAmount";
    public static final String REPLACEMENT_COURIER = "replacementCourier";
    public static final String REPLACEMENT_WAYBILL_NO = "replacementWaybillNo";
    public static final String RATING = "rating";
    public static final String SATISFIED = "satisfied";
    public static final String NOTE = "note";
    public static final String REASSIGN_TO = "reassignTo";
    public static final String ESCALATION_NOTE = "escalationNote";
    /** The second approval's decision and, when refusing, the reason the customer reads (issue 20). */
    public static final String SECOND_APPROVED = "secondApproved";
    public static final String SECOND_APPROVAL_NOTE = "secondApprovalNote";
    // shown by the forms, read from the record: what the refund pays, where to, and who decided so far
    public static final String REFUND_AMOUNT_SHOWN = "refundDue";
    public static final String REFUND_TO = "refundTo";
    public static final String DECIDERS = "deciders";

    private Vars() {}
  }

  /** What the return policy decides. */
  @Schema(name = "PolicyOutcome", enumAsRef = true, description = "What the return policy decided")
  public enum Outcome { AUTO_APPROVE, MANUAL_REVIEW, REJECT }

  /** Where a case stands, as integrators and staff see it. */
  @Schema(name = "ReturnStatus", enumAsRef = true, description = "Where a case stands")
  public enum Status {
    OPEN, UNDER_REVIEW, AWAITING_PARCEL, INSPECTING, AWAITING_SECOND_APPROVAL, REFUNDING, REFUNDED, EXCHANGE_SHIPPED,
    CLOSED, REJECTED, CANCELLED;

    public boolean isFinal() {
      return this == CLOSED || this == REJECTED || this == CANCELLED;
    }
  }

  @Schema(name = "ReturnType", enumAsRef = true, description = "REFUND_ONLY 仅退款, RETURN_AND_REFUND 退货退款, "
      + "EXCHANGE 换货, PRICE_DIFFERENCE 退差价, REPAIR 维修")
  public enum CaseType {
    REFUND_ONLY, RETURN_AND_REFUND, EXCHANGE, PRICE_DIFFERENCE, REPAIR;

    public boolean moneyInvolved() {
      return this == REFUND_ONLY || this == RETURN_AND_REFUND || this == PRICE_DIFFERENCE;
    }

    public boolean parcelNeeded() {
      return this == RETURN_AND_REFUND || this == EXCHANGE || this == REPAIR;
    }
  }

  @Schema(name = "ReturnReason", enumAsRef = true, description = "Why the customer returns")
  public enum Reason { NO_REASON, WRONG_SIZE, NOT_AS_DESCRIBED, DAMAGED, PRICE_DIFFERENCE, OTHER }

  private ReturnCaseProcess() {}
}
