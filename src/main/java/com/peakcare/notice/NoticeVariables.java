package com.peakcare.notice;

/**
 * The names of the values notices are filled from: the case's facts (which the feature that owns the case reads from
 * its records and hands to {@link NoticeService#send}), the refund promise, a broadcast's values, and the values the notice service adds itself.
 * Templates use the same names as placeholders: {@code {customerName}}, {@code {promisedBy}}. None of them is a
 * process variable.
 */
public final class NoticeVariables {

  // --- the case's facts (returns.ReturnNotices: the return case record) ---
  /** String: the case reference, the notice's case. */
  public static final String RETURN_NO = "returnNo";
  public static final String ORDER_NO = "orderNo";
  public static final String CUSTOMER_NAME = "customerName";
  /** BigDecimal: the refund amount, in yuan. */
  public static final String AMOUNT = "amount";
  /** Instant: when the refund is promised to be done (the refund promise). */
  public static final String PROMISED_BY = "promisedBy";
  public static final String REJECTION_REASON = "rejectionReason";
  /** The customer's return parcel: courier and waybill number. */
  public static final String COURIER = "courier";
  public static final String WAYBILL_NO = "waybillNo";
  /** The exchange shipment to the customer: courier and waybill number. */
  public static final String REPLACEMENT_COURIER = "replacementCourier";
  public static final String REPLACEMENT_WAYBILL_NO = "replacementWaybillNo";
  /** Where the refund goes back to ("支付宝", "original card"). */
  public static final String REFUND_TO = "refundTo";

  // --- the refund promise (PC_REFUND_PROMISE) ---
  /** Instant: the new time promised in the refund delayed notice. */
  public static final String NEW_PROMISED_BY = "newPromisedBy";

  // --- given by the logistics-delay broadcast (values of sendOnce) ---
  /** Integer: days the courier's backlog adds. */
  public static final String EXPECTED_DELAY_DAYS = "expectedDelayDays";
  /** Why the courier is late ("暴雪", "backlog after Double 11"). */
  public static final String DELAY_REASON = "delayReason";

  // --- filled by the notice service itself (configuration and computed), never by the caller ---
  public static final String SHOP_NAME = "shopName";
  public static final String HOTLINE = "hotline";
  public static final String RETURN_ADDRESS = "returnAddress";
  public static final String TRACKING_URL = "trackingUrl";
  public static final String REVIEW_URL = "reviewUrl";
  public static final String SURVEY_URL = "surveyUrl";
  /** SHIPPING: days to the customer's province (peakcare.notice.shipping.days) and the date that makes. */
  public static final String EXPECTED_DAYS = "expectedDays";
  public static final String EXPECTED_ARRIVAL = "expectedArrival";

  // --- a complaint's facts (issue 24: complaint's ComplaintNoticeFacts) ---
  /** The complaint number. */
  public static final String COMPLAINT_NO = "complaintNo";
  /** The agent named in the promise, by their printed name. */
  public static final String AGENT_NAME = "agentName";
  /** Who handles the complaint now (after an escalation), by printed name. */
  public static final String HANDLER_NAME = "handlerName";
  /** The promised times (shop's time zone, to the minute). */
  public static final String FIRST_ANSWER_BY = "firstAnswerBy";
  public static final String RESOLUTION_BY = "resolutionBy";

  private NoticeVariables() {}

  /** Payment reminders (issue 22): the items of the unpaid order, in a few words. */
  public static final String ITEMS = "items";
  /** Payment reminders (issue 22): when the shop closes the unpaid order (an instant, shown in shop time). */
  public static final String CLOSE_AT = "closeAt";
  /** Payment reminders (issue 22): what the unpaid order asks for. */
  public static final String ORDER_AMOUNT = "orderAmount";

  /** 回访 (issue 24): the case a survey asks about (a complaint or a return case number). */
  public static final String CASE_NO = "caseNo";
  /** 回访 (issue 24): the survey's signed, single-use link (survey.CaseSurveys). */
  public static final String SURVEY_LINK = "surveyLink";
}
