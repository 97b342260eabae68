package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.ItemCategory;
import com.peakcare.returns.ReturnCaseProcess.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every case, whether it came over REST or from the Tasklist start form: validates the request with
 * the same rules as the API, records the case (its return number is the primary key, so a duplicate start fails
 * and rolls back), and derives what the rest of the process routes on.
 */
@Component
class RegisterReturnCaseDelegate implements JavaDelegate {

  /** Transient variable with the REST request's canonical JSON (never stored in the engine). */
  static final String REQUEST_JSON = "requestJson";
  private static final ZoneId SHOP_ZONE = ZoneId.of("Asia/Shanghai");

  private final ReturnCaseRepository repository;
  private final AgentAssignment assignment;
  private final Validator validator;
  private final ReturnSettings settings;

  RegisterReturnCaseDelegate(ReturnCaseRepository repository, AgentAssignment assignment, Validator validator,
      ReturnSettings settings) {
    this.repository = repository;
    this.assignment = assignment;
    this.validator = validator;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String json = (String) execution.getVariable(REQUEST_JSON);
    ReturnRequest request = json != null ? RequestFingerprint.parse(json) : fromStartForm(execution);
    validate(request);
    String openedBy = (String) execution.getVariable(Vars.OPENED_BY);
    Instant now = Instant.now();
    repository.insert(new CaseRow(request.returnNo(), request.orderNo(), request.type().name(),
        request.reason().name(), request.amount(), customerKey(request.customer().phone()),
        request.customer().memberTier().name(), request.customer().province(), RequestFingerprint.hash(request), RequestFingerprint.json(request),
        execution.getProcessInstanceId(), Status.OPEN, null, null, openedBy == null ? "system" : openedBy, now, now));
    repository.event(request.returnNo(), openedBy == null ? "system" : openedBy, "OPENED",
        request.type() + " / " + request.reason() + " / " + request.amount().toPlainString());

    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(request.returnNo());
    }
    execution.setVariable(Vars.RETURN_NO, request.returnNo());
    execution.setVariable(Vars.ITEMS_JSON, RequestFingerprint.itemsJson(request.items()));
    execution.setVariable(Vars.ITEMS_SUMMARY, request.itemsSummary());
    execution.setVariable(Vars.ITEM_CATEGORY, request.policyCategory().name());
    execution.setVariable(Vars.DAYS_SINCE_DELIVERY, daysSinceDelivery(request.deliveredAt(), now));
    execution.setVariable(Vars.MONEY_INVOLVED, request.type().moneyInvolved());
    execution.setVariable(Vars.PARCEL_NEEDED, request.type().parcelNeeded());
    boolean vip = request.customer().memberTier() == MemberTier.VIP || request.customer().memberTier() == MemberTier.SVIP;
    execution.setVariable(Vars.PRIORITY, vip ? 80 : 50);
    execution.setVariable(Vars.PARCEL_REMINDER_AFTER, settings.parcelReminderAfter());
    execution.setVariable(Vars.PARCEL_LIMIT, settings.parcelLimit());
    execution.setVariable(Vars.SURVEY_WAIT, settings.surveyWait());
    execution.setVariable(Vars.REFUND_TO, settings.refundTo());
    execution.setVariable(Vars.RATING, null);
    if (execution.getVariable(Vars.CUSTOMER_EMAIL) == null) {
      execution.setVariable(Vars.CUSTOMER_EMAIL, null);
    }
  }

  private void validate(ReturnRequest request) {
    Set<ConstraintViolation<ReturnRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      // a form validation error: Tasklist shows it, engine REST answers 400
      throw new FormFieldValidationException(violations.iterator().next().getPropertyPath().toString(),
          "Invalid return request: " + violations.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(v -> v.getPropertyPath() + " " + v.getMessage())
              .collect(Collectors.joining("; ")));
    }
    if (request.assignee() != null && !request.assignee().isBlank() && !assignment.isAgent(request.assignee())) {
      throw new FormFieldValidationException(Vars.REQUESTED_ASSIGNEE, "Invalid return request: assignee "
          + request.assignee() + " is not an agent of after-sales");
    }
  }

  /** The Tasklist start form has one item and flat fields; unknown enum values become validation errors. */
  private static ReturnRequest fromStartForm(DelegateExecution e) {
    ReturnRequest.Item item = new ReturnRequest.Item(
        str(e, Vars.ITEM_SKU), str(e, Vars.ITEM_NAME),
        parse(ItemCategory.class, str(e, Vars.ITEM_CATEGORY), "itemCategory"),
        e.getVariable(Vars.ITEM_QUANTITY) == null ? null : ((Number) e.getVariable(Vars.ITEM_QUANTITY)).intValue(),
        money(e.getVariable(Vars.ITEM_UNIT_PRICE)));
    ReturnRequest.Customer customer = new ReturnRequest.Customer(
        str(e, Vars.CUSTOMER_NAME), str(e, Vars.CUSTOMER_PHONE), blankToNull(str(e, Vars.CUSTOMER_EMAIL)),
        parse(MemberTier.class, str(e, Vars.MEMBER_TIER), "memberTier"),
        str(e, Vars.CUSTOMER_LOCALE) == null ? "zh-CN" : str(e, Vars.CUSTOMER_LOCALE),
        str(e, Vars.CUSTOMER_PROVINCE));
    Object delivered = e.getVariable(Vars.DELIVERED_AT);
    return new ReturnRequest(str(e, Vars.RETURN_NO), str(e, Vars.ORDER_NO),
        parse(CaseType.class, str(e, Vars.TYPE), "type"), parse(Reason.class, str(e, Vars.REASON), "reason"),
        money(e.getVariable(Vars.AMOUNT)),
        deliveredAt(delivered),
        customer, List.of(item), blankToNull(str(e, Vars.REQUESTED_ASSIGNEE)));
  }

  /** A date from the form ("2026-11-11", the shop's day) or a date-time with an offset. */
  private static Instant deliveredAt(Object value) {
    if (value instanceof Date d) {
      return d.toInstant();
    }
    if (!(value instanceof String s) || s.isBlank()) {
      return null;
    }
    try {
      return s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay(SHOP_ZONE).toInstant()
          : java.time.OffsetDateTime.parse(s).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new FormFieldValidationException(Vars.DELIVERED_AT, "Invalid return request: deliveredAt is not a date ("
          + s + ")");
    }
  }

  static int daysSinceDelivery(Instant deliveredAt, Instant now) {
    if (deliveredAt == null) {
      return 0; // not delivered yet (refund only before shipment)
    }
    // counted in calendar days in the shop's time zone, from the day after delivery (签收次日起算)
    long days = Duration.between(deliveredAt.atZone(SHOP_ZONE).toLocalDate().atStartOfDay(SHOP_ZONE),
        now.atZone(SHOP_ZONE).toLocalDate().atStartOfDay(SHOP_ZONE)).toDays();
    return (int) Math.max(0, days);
  }

  static String customerKey(String phone) {
    return phone.replaceAll("[^0-9]", "");
  }

  private static String str(DelegateExecution e, String name) {
    Object value = e.getVariable(name);
    return value == null ? null : value.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static BigDecimal money(Object value) {
    return value instanceof Number n ? new BigDecimal(n.toString()) : null;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException ex) {
      throw new FormFieldValidationException(field, "Invalid return request: " + field + " must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }
}
