package com.peakcare.notice;

import static com.peakcare.notice.NoticeVariables.AMOUNT;
import static com.peakcare.notice.NoticeVariables.COURIER;
import static com.peakcare.notice.NoticeVariables.DELAY_REASON;
import static com.peakcare.notice.NoticeVariables.EXPECTED_ARRIVAL;
import static com.peakcare.notice.NoticeVariables.EXPECTED_DAYS;
import static com.peakcare.notice.NoticeVariables.EXPECTED_DELAY_DAYS;
import static com.peakcare.notice.NoticeVariables.NEW_PROMISED_BY;
import static com.peakcare.notice.NoticeVariables.ORDER_NO;
import static com.peakcare.notice.NoticeVariables.PROMISED_BY;
import static com.peakcare.notice.NoticeVariables.REFUND_TO;
import static com.peakcare.notice.NoticeVariables.REJECTION_REASON;
import static com.peakcare.notice.NoticeVariables.REPLACEMENT_COURIER;
import static com.peakcare.notice.NoticeVariables.REPLACEMENT_WAYBILL_NO;
import static com.peakcare.notice.NoticeVariables.RETURN_NO;
import static com.peakcare.notice.NoticeVariables.WAYBILL_NO;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every notice a customer can get. Each declares the values its caller must give ({@link #required()}) and the
 * values the notice service computes for it ({@link #computed()}); a template may use those plus the shop's values
 * ({@link #SERVICE_VALUES}) and nothing else: a template with any other placeholder stops the start-up.
 */
public enum NoticeType {
  /** 退款关怀: request received, handled by a concrete promised time, thanks, how to reach us. */
  REFUND_CARE(List.of(RETURN_NO, AMOUNT, PROMISED_BY)),
  RETURN_INSTRUCTIONS(List.of(RETURN_NO, ORDER_NO)),
  PARCEL_REMINDER(List.of(RETURN_NO, ORDER_NO)),
  REJECTED(List.of(RETURN_NO, ORDER_NO, REJECTION_REASON)),
  /** The promise was missed: an apology and a new time. */
  REFUND_DELAYED(List.of(RETURN_NO, AMOUNT, NEW_PROMISED_BY)),
  REFUND_DONE(List.of(RETURN_NO, AMOUNT, REFUND_TO)),
  /**
   * The refund goes somewhere other than the way the customer paid (issue 20): told on the order's contact before
   * the money moves, with a number to call if they did not ask for it.
   */
  REFUND_DESTINATION_CHANGED(List.of(RETURN_NO, AMOUNT, REFUND_TO)),
  /** 发货提醒 of an exchange: waybill, courier, tracking, expected arrival by province. */
  SHIPPING(List.of(ORDER_NO, REPLACEMENT_COURIER, REPLACEMENT_WAYBILL_NO), List.of(EXPECTED_DAYS, EXPECTED_ARRIVAL)),
  /** 物流异常: the courier's backlog, an apology, what happens next. */
  LOGISTICS_DELAY(List.of(COURIER, WAYBILL_NO, EXPECTED_DELAY_DAYS, DELAY_REASON)),
  /** 签收关怀: thanks, how to get help, invitation to review. */
  DELIVERY_CARE(List.of(ORDER_NO)),
  SURVEY(List.of(RETURN_NO)),
  /**
   * 投诉承诺 (issue 24): the complaint is recorded, who handles it (by name) and the concrete times of a first answer
   * and of a resolution.
   */
  COMPLAINT_PROMISE(List.of(NoticeVariables.COMPLAINT_NO, NoticeVariables.AGENT_NAME,
      NoticeVariables.FIRST_ANSWER_BY, NoticeVariables.RESOLUTION_BY)),
  /** 已转上级 (issue 24): a senior colleague now handles the complaint. */
  COMPLAINT_ESCALATED(List.of(NoticeVariables.COMPLAINT_NO, NoticeVariables.HANDLER_NAME)),
  /** 投诉回访 (issue 24): after the close, one satisfaction survey. */
  COMPLAINT_SURVEY(List.of(NoticeVariables.COMPLAINT_NO)),
  /** 催付 (issue 22): the order is not paid yet; the items, the amount and when the order closes. */
  PAYMENT_REMINDER(List.of(ORDER_NO, NoticeVariables.ITEMS, NoticeVariables.ORDER_AMOUNT, NoticeVariables.CLOSE_AT)),
  /** 催付 · last call (issue 22): the order closes soon. */
  PAYMENT_REMINDER_LAST(List.of(ORDER_NO, NoticeVariables.ITEMS, NoticeVariables.ORDER_AMOUNT,
      NoticeVariables.CLOSE_AT)),
  /** 回访 (issue 24 point 7): after a complaint or a worked return case closed, the survey's signed, single-use link. */
  CASE_SURVEY(List.of(NoticeVariables.CASE_NO, NoticeVariables.SURVEY_LINK));

  /**
   * The input parameter of a feature's notice step ({@code ${returnNoticeDelegate}}, {@code ${complaintNoticeDelegate}}):
   * which type it sends.
   */
  public static final String INPUT = "noticeType";

  /**
   * The notice a model's notice step sends: the step's input parameter {@link #INPUT}. A step without one is a
   * modelling error, said with the step's id.
   */
  public static NoticeType ofStep(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
    Object type = execution.getVariableLocal(INPUT);
    if (type == null) {
      throw new IllegalStateException("step " + execution.getCurrentActivityId() + " has no input parameter "
          + INPUT + ": say which notice it sends");
    }
    return valueOf(type.toString());
  }

  /** Filled by the notice service for every type: the customer's name and the shop's configured details. */
  public static final Set<String> SERVICE_VALUES = Set.of(
      NoticeVariables.CUSTOMER_NAME, NoticeVariables.SHOP_NAME, NoticeVariables.HOTLINE,
      NoticeVariables.RETURN_ADDRESS, NoticeVariables.TRACKING_URL, NoticeVariables.REVIEW_URL,
      NoticeVariables.SURVEY_URL);

  private final Set<String> required;
  private final Set<String> computed;

  NoticeType(List<String> required) {
    this(required, List.of());
  }

  NoticeType(List<String> required, List<String> computed) {
    this.required = Set.copyOf(new LinkedHashSet<>(required));
    this.computed = Set.copyOf(computed);
  }

  /** Values the caller must give (non-null) when sending this notice. */
  public Set<String> required() {
    return required;
  }

  /** Values the notice service computes for this type. */
  public Set<String> computed() {
    return computed;
  }

  /** Every placeholder a template of this type may use. */
  public Set<String> placeholders() {
    Set<String> all = new LinkedHashSet<>(required);
    all.addAll(computed);
    all.addAll(SERVICE_VALUES);
    return all;
  }
}
