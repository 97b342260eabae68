package com.peakcare.returns;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.StartDoor;
import com.peakcare.identity.Groups;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCaseProcess.Vars;
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
 * the form's fields become the same {@link ReturnRequest} the API takes (one line of the order: its SKU and the units
 * returned), checked with the same rules against the same registered order, and the case is registered and started
 * by {@link ReturnCases} before the engine runs anything. Only after-sales staff open cases here (issue 20: an ops or
 * UX lead does not); every wrong field is named in words; nothing is written.
 */
@Component
class ReturnStartDoor implements StartDoor {

  /** The start form's fields and where each lands in the request (for naming a problem in the form's words). */
  static final Map<String, String> FIELDS = fields();

  private final ReturnCases cases;
  private final Validator validator;

  ReturnStartDoor(ReturnCases cases, Validator validator) {
    this.cases = cases;
    this.validator = validator;
  }

  @Override
  public String processKey() {
    return ReturnCaseProcess.KEY;
  }

  @Override
  public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
    if (!actor.isAdmin() && !actor.in(Groups.AFTER_SALES)) {
      throw Refusal.forbidden("只有售后客服和售后主管可以新建退换货单 · Only after-sales staff open return cases");
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
    ReturnRequest.Line line = new ReturnRequest.Line(in.text(Vars.ITEM_SKU), in.whole(Vars.ITEM_QUANTITY));
    ReturnRequest request = new ReturnRequest(in.text(Vars.RETURN_NO), in.text(Vars.ORDER_NO),
        in.choice(Vars.TYPE, CaseType.class), in.choice(Vars.REASON, Reason.class), List.of(line),
        in.date(Vars.DELIVERED_AT), in.money(Vars.AMOUNT), in.text(Vars.REQUESTED_ASSIGNEE));
    if (problems.isEmpty()) {
      validator.validate(request).stream()
          .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
          .forEach(v -> {
            String field = formField(v.getPropertyPath().toString());
            fields.add(field);
            problems.add(field + ": " + v.getMessage());
          });
      request.crossFieldProblems().forEach(p -> {
        String field = formField(p.field());
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

  /** The form's name for a request's field ({@code lines[0].quantity} is {@code itemQuantity}). */
  static String formField(String requestPath) {
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
    f.put(Vars.ITEM_SKU, "lines.sku");
    f.put(Vars.ITEM_QUANTITY, "lines.quantity");
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
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(CaseSteps.SHOP_ZONE).toInstant()
            : OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        problem(field, "不是日期（如 2026-11-11）· not a date (e.g. 2026-11-11)");
        return null;
      }
    }
  }
}
