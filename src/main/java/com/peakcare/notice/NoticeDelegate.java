package com.peakcare.notice;

import static com.peakcare.notice.NoticeVariables.CUSTOMER_EMAIL;
import static com.peakcare.notice.NoticeVariables.CUSTOMER_LOCALE;
import static com.peakcare.notice.NoticeVariables.CUSTOMER_NAME;
import static com.peakcare.notice.NoticeVariables.CUSTOMER_PHONE;
import static com.peakcare.notice.NoticeVariables.CUSTOMER_PROVINCE;
import static com.peakcare.notice.NoticeVariables.RETURN_NO;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Sends one notice type from any process: the customer and the values come from the process variables named in
 * {@link NoticeVariables}; the notice is recorded in the step's own transaction (so a step that fails and is
 * retried records it once). Subclasses are the beans named after their BPMN task.
 */
abstract class NoticeDelegate implements JavaDelegate {

  /** The variables a notice may be filled from (those of the type are required, see NoticeType#required). */
  static final List<String> VALUE_VARIABLES = List.of(
      RETURN_NO, NoticeVariables.ORDER_NO, NoticeVariables.AMOUNT, NoticeVariables.PROMISED_BY,
      NoticeVariables.REJECTION_REASON, NoticeVariables.COURIER, NoticeVariables.WAYBILL_NO,
      NoticeVariables.REPLACEMENT_COURIER, NoticeVariables.REPLACEMENT_WAYBILL_NO, NoticeVariables.REFUND_TO,
      NoticeVariables.NEW_PROMISED_BY, NoticeVariables.DONE_AT, NoticeVariables.EXPECTED_DELAY_DAYS,
      NoticeVariables.DELAY_REASON);

  private final NoticeService notices;
  private final NoticeType type;

  NoticeDelegate(NoticeService notices, NoticeType type) {
    this.notices = notices;
    this.type = type;
  }

  @Override
  public void execute(DelegateExecution execution) {
    notices.send(caseRef(execution), type, customerOf(execution), valuesOf(execution));
  }

  static String caseRef(DelegateExecution execution) {
    Object returnNo = execution.getVariable(RETURN_NO);
    if (returnNo == null) {
      throw new IllegalArgumentException("process variable " + RETURN_NO + " (the case reference) is missing");
    }
    return returnNo.toString();
  }

  static NoticeCustomer customerOf(DelegateExecution execution) {
    return new NoticeCustomer(
        string(execution, CUSTOMER_NAME), string(execution, CUSTOMER_PHONE), string(execution, CUSTOMER_EMAIL),
        string(execution, CUSTOMER_LOCALE), string(execution, CUSTOMER_PROVINCE));
  }

  static Map<String, Object> valuesOf(DelegateExecution execution) {
    Map<String, Object> values = new HashMap<>();
    for (String name : VALUE_VARIABLES) {
      Object value = execution.getVariable(name);
      if (value != null) {
        values.put(name, value);
      }
    }
    return values;
  }

  private static String string(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : value.toString();
  }
}
