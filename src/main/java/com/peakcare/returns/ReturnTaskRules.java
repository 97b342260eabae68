package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Elements;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The rules of the case's task forms, checked again on the server whatever path the completion takes. */
final class ReturnTaskRules {

  /** Errors for completing task {@code taskKey} with these values (submitted first, then the task's own). */
  static List<String> validate(String taskKey, Function<String, Object> values) {
    List<String> errors = new ArrayList<>();
    switch (taskKey) {
      case Elements.TASK_REVIEW -> {
        if (isFalse(bool(values, Vars.APPROVED, errors))) {
          required(values, Vars.DECISION_NOTE, errors, "is required when the request is not approved");
        }
      }
      case Elements.TASK_INSPECT -> {
        if (isFalse(bool(values, Vars.INSPECTION_PASSED, errors))) {
          required(values, Vars.INSPECTION_NOTE, errors, "is required when the inspection fails");
        }
      }
      case Elements.TASK_DECIDE_AFTER_FAILED_INSPECTION -> {
        Boolean partial = bool(values, Vars.PARTIAL_REFUND, errors);
        required(values, Vars.DECISION_NOTE, errors, "is required");
        if (Boolean.TRUE.equals(partial)) {
          Object value = values.apply(Vars.REFUND_AMOUNT);
          Object amount = values.apply(Vars.AMOUNT);
          double max = amount instanceof Number n ? n.doubleValue() : Double.MAX_VALUE;
          if (!(value instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > max) {
            errors.add(Vars.REFUND_AMOUNT + " must be more than 0 and at most " + max);
          }
        }
      }
      case Elements.TASK_SHIP_REPLACEMENT -> {
        required(values, Vars.REPLACEMENT_COURIER, errors, "is required");
        required(values, Vars.REPLACEMENT_WAYBILL_NO, errors, "is required");
      }
      case Elements.TASK_FOLLOW_UP_CALL -> {
        bool(values, Vars.SATISFIED, errors);
        required(values, Vars.NOTE, errors, "is required");
      }
      case Elements.TASK_HANDLE_OVERDUE_REVIEW, Elements.TASK_HANDLE_OVERDUE_INSPECTION ->
          required(values, Vars.ESCALATION_NOTE, errors, "is required");
      default -> { }
    }
    return errors;
  }

  /** A yes/no field: Tasklist's radio buttons submit "true"/"false". */
  static Boolean asBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value) || "false".equals(value)) {
      return Boolean.valueOf((String) value);
    }
    return null;
  }

  private static boolean isFalse(Boolean b) {
    return Boolean.FALSE.equals(b);
  }

  private static Boolean bool(Function<String, Object> values, String name, List<String> errors) {
    Boolean b = asBoolean(values.apply(name));
    if (b == null) {
      errors.add(name + " is required (true or false)");
    }
    return b;
  }

  private static void required(Function<String, Object> values, String name, List<String> errors, String message) {
    Object value = values.apply(name);
    if (value == null || value.toString().isBlank()) {
      errors.add(name + " " + message);
    }
  }

  private ReturnTaskRules() {}
}
