package com.peakcare.returns;

import com.peakcare.engine.Actor;
import com.peakcare.engine.Refusal;
import com.peakcare.engine.StartDoor;
import com.peakcare.identity.Groups;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.stereotype.Component;

/**
 * Tasklist's start form 退换货 (forms/return-start.form), and a start of {@code return-case} through the engine API:
 * the form's fields become the same {@link ReturnRequest} the API takes, checked with the same rules, and the case is
 * registered and started by {@link ReturnCases} before the engine runs anything. Every wrong field is named in words;
 * nothing is written.
 */
@Component
class ReturnStartDoor implements StartDoor {

  /** The start form's fields and where each lands in the request (for naming a problem in the form's words). */
  static final Map<String, String> FIELDS = fields();

  /** The start form's category choices (forms/return-start.form: valuesKey). */
  static final String CATEGORY_OPTIONS = "itemCategoryOptions";

  private final ReturnCases cases;
  private final Validator validator;
  private final ReturnCategories categories;

  ReturnStartDoor(ReturnCases cases, Validator validator, ReturnCategories categories) {
    this.cases = cases;
    this.validator = validator;
    this.categories = categories;
  }

  /** The shop's categories as the form's choices, from its category table. */
  @Override
  public Map<String, Object> startFormValues() {
    List<Map<String, String>> options = categories.all().stream()
        .map(c -> Map.of("label", c.label(), "value", c.code())).toList();
    try {
      return Map.of(CATEGORY_OPTIONS, org.camunda.spin.plugin.variable.SpinValues.jsonValue(
          RequestFingerprint.JSON.writeValueAsString(options)).create());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String processKey() {
    return ReturnCaseProcess.KEY;
  }

  @Override
  public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
    if (!actor.isAdmin() && !actor.in(Groups.AFTER_SALES) && !actor.in(Groups.SUPERVISORS)) {
      throw Refusal.forbidden("只有售后客服和主管可以新建退换货单 · Only after-sales agents and supervisors open return "
          + "cases");
    }
    ReturnRequest request = read(values);
    if (businessKey != null && !businessKey.isBlank() && !businessKey.equals(request.returnNo())) {
      throw Refusal.invalid(Vars.RETURN_NO, "业务键必须等于退货单号 · The business key must be the return number");
    }
    return cases.openFromForm(request, actor.userId());
  }

  /** The form's values as a request, or a refusal naming every wrong field. */
  ReturnRequest read(Map<String, Object> values) {
    List<String> problems = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    values.keySet().stream().filter(k -> !FIELDS.containsKey(k)).sorted().forEach(k -> {
      fields.add(k);
      problems.add(k + ": 不是开单表单的字段 · not a field of the start form");
    });
    Reader in = new Reader(values, fields, problems);
    ReturnRequest.Item item = new ReturnRequest.Item(in.text(Vars.ITEM_SKU), in.text(Vars.ITEM_NAME),
        in.text(Vars.ITEM_CATEGORY), in.whole(Vars.ITEM_QUANTITY),
        in.money(Vars.ITEM_UNIT_PRICE));
    ReturnRequest.Customer customer = new ReturnRequest.Customer(in.text(Vars.CUSTOMER_NAME),
        in.text(Vars.CUSTOMER_PHONE), in.text(Vars.CUSTOMER_EMAIL), in.choice(Vars.MEMBER_TIER, MemberTier.class),
        in.text(Vars.CUSTOMER_LOCALE) == null ? "zh-CN" : in.text(Vars.CUSTOMER_LOCALE), in.text(Vars.CUSTOMER_PROVINCE));
    ReturnRequest request = new ReturnRequest(in.text(Vars.RETURN_NO), in.text(Vars.ORDER_NO),
        in.choice(Vars.TYPE, CaseType.class), in.choice(Vars.REASON, Reason.class), in.money(Vars.AMOUNT),
        in.date(Vars.DELIVERED_AT), customer, List.of(item), in.text(Vars.REQUESTED_ASSIGNEE));
    if (problems.isEmpty()) {
      validator.validate(request).stream()
          .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
          .forEach(v -> {
            String field = formField(v);
            fields.add(field);
            problems.add(field + ": " + v.getMessage());
          });
      cases.problems(request).forEach(p -> {
        String field = p.field().startsWith("items[") ? formField(p.field()) : p.field();
        fields.add(field);
        problems.add(field + ": " + p.message());
      });
    }
    if (!problems.isEmpty()) {
      throw Refusal.invalid(fields.get(0), "退换货单无法创建 · The return case cannot be opened: "
          + String.join("; ", problems));
    }
    return request;
  }

  private static String formField(ConstraintViolation<ReturnRequest> v) {
    return formField(v.getPropertyPath().toString());
  }

  /** The form's name for a request's field ({@code items[0].category} is {@code itemCategory}). */
  private static String formField(String requestPath) {
    String path = requestPath.replaceAll("\\[\\d+]", "");
    return FIELDS.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey).findFirst()
        .orElse(path);
  }

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put(Vars.RETURN_NO, "returnNo");
    f.put(Vars.ORDER_NO, "orderNo");
    f.put(Vars.TYPE, "type");
    f.put(Vars.REASON, "reason");
    f.put(Vars.AMOUNT, "amount");
    f.put(Vars.DELIVERED_AT, "deliveredAt");
    f.put(Vars.CUSTOMER_NAME, "customer.name");
    f.put(Vars.CUSTOMER_PHONE, "customer.phone");
    f.put(Vars.CUSTOMER_EMAIL, "customer.email");
    f.put(Vars.MEMBER_TIER, "customer.memberTier");
    f.put(Vars.CUSTOMER_LOCALE, "customer.locale");
    f.put(Vars.CUSTOMER_PROVINCE, "customer.province");
    f.put(Vars.ITEM_SKU, "items.sku");
    f.put(Vars.ITEM_NAME, "items.name");
    f.put(Vars.ITEM_CATEGORY, "items.category");
    f.put(Vars.ITEM_QUANTITY, "items.quantity");
    f.put(Vars.ITEM_UNIT_PRICE, "items.unitPrice");
    f.put(Vars.REQUESTED_ASSIGNEE, "assignee");
    return f;
  }

  /** Reads typed values, noting each problem instead of failing on the first. */
  private record Reader(Map<String, Object> values, List<String> fields, List<String> problems) {

    private void problem(String field, String message) {
      fields.add(field);
      problems.add(field + ": " + message);
    }

    String text(String field) {
      Object v = values.get(field);
      if (v == null || v instanceof String s && s.isBlank()) {
        return null;
      }
      if (!(v instanceof String) && !(v instanceof Number)) {
        problem(field, "应为文字 · must be text");
        return null;
      }
      return v.toString().trim();
    }

    BigDecimal money(String field) {
      BigDecimal n = number(field);
      if (n != null && n.stripTrailingZeros().scale() > 2) {
        problem(field, "最多两位小数 · at most two decimals");
        return null;
      }
      return n;
    }

    Integer whole(String field) {
      BigDecimal n = number(field);
      if (n == null) {
        return null;
      }
      if (n.stripTrailingZeros().scale() > 0 || n.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        problem(field, "应为整数 · must be a whole number");
        return null;
      }
      return n.intValueExact();
    }

    private BigDecimal number(String field) {
      Object v = values.get(field);
      if (v == null || v instanceof String s && s.isBlank()) {
        return null;
      }
      if (v instanceof Number || v instanceof String) {
        try {
          return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
          // below
        }
      }
      problem(field, "应为数字，而不是“" + v + "” · must be a number, not \"" + v + "\"");
      return null;
    }

    <E extends Enum<E>> E choice(String field, Class<E> type) {
      String v = text(field);
      if (v == null) {
        return null;
      }
      try {
        return Enum.valueOf(type, v);
      } catch (IllegalArgumentException e) {
        problem(field, "可选值 · one of " + Arrays.toString(type.getEnumConstants()));
        return null;
      }
    }

    Instant date(String field) {
      Object v = values.get(field);
      if (v instanceof Date d) {
        return d.toInstant();
      }
      String s = text(field);
      if (s == null) {
        return null;
      }
      try {
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ReturnCases.SHOP_ZONE).toInstant()
            : OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        problem(field, "不是日期（如 2026-11-11）· not a date (e.g. 2026-11-11)");
        return null;
      }
    }
  }
}
