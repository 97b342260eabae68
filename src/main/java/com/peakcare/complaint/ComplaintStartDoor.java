package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Category;
import com.peakcare.complaint.ComplaintProcess.Channel;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.StartDoor;
import com.peakcare.identity.Groups;
import com.peakcare.web.ApiException;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.stereotype.Component;

/**
 * Tasklist's start form 投诉 (forms/complaint-start.form), and a start of {@code complaint} through the engine API: the
 * form's fields become the same {@link ComplaintRequest} the API takes, checked with the same rules against the same
 * registered order, and {@link Complaints} registers it before the engine runs anything. Only after-sales staff open
 * complaints here (the shop's system uses the API); every wrong field is named; nothing is written.
 */
@Component
class ComplaintStartDoor implements StartDoor {

  static final Set<String> FIELDS = Set.of(Vars.COMPLAINT_NO, Vars.ORDER_NO, Vars.CHANNEL, Vars.CATEGORY,
      Vars.SEVERITY, Vars.DEMAND, Vars.LINKED_RETURNS);

  private final Complaints complaints;
  private final Validator validator;

  ComplaintStartDoor(Complaints complaints, Validator validator) {
    this.complaints = complaints;
    this.validator = validator;
  }

  @Override
  public String processKey() {
    return ComplaintProcess.KEY;
  }

  @Override
  public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
    if (!actor.isAdmin() && !actor.in(Groups.AFTER_SALES)) {
      throw Refusal.forbidden("只有售后客服和售后主管可以在这里登记投诉 · Only after-sales staff open complaints here");
    }
    ComplaintRequest request = read(values);
    if (businessKey != null && !businessKey.isBlank() && !businessKey.equals(request.complaintNo())) {
      throw Refusal.invalid(Vars.COMPLAINT_NO, "业务键必须等于投诉单号 · The business key must be the complaint number");
    }
    try {
      return complaints.openFromForm(request, actor.userId());
    } catch (ApiException e) {
      String field = e.errors() == null || e.errors().isEmpty() ? Vars.COMPLAINT_NO : e.errors().get(0).field();
      field = field.startsWith("linkedReturns") ? Vars.LINKED_RETURNS : field;
      throw Refusal.invalid(field, "投诉无法登记 · The complaint cannot be opened: " + (e.errors() == null
          || e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message()));
    }
  }

  ComplaintRequest read(Map<String, Object> values) {
    List<String> fields = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    values.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().forEach(k -> {
      fields.add(k);
      problems.add(k + ": 不是登记表单的字段 · not a field of the start form");
    });
    String linked = text(values, Vars.LINKED_RETURNS);
    ComplaintRequest request = new ComplaintRequest(text(values, Vars.COMPLAINT_NO), text(values, Vars.ORDER_NO),
        choice(values, Vars.CHANNEL, Channel.class, fields, problems),
        choice(values, Vars.CATEGORY, Category.class, fields, problems),
        choice(values, Vars.SEVERITY, Severity.class, fields, problems), text(values, Vars.DEMAND),
        linked == null ? List.of() : Arrays.stream(linked.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList(),
        null);
    if (problems.isEmpty()) {
      validator.validate(request).stream().sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
          .forEach(v -> {
            String field = v.getPropertyPath().toString().replaceAll("\\[\\d+].*", "");
            fields.add(field);
            problems.add(field + ": " + v.getMessage());
          });
    }
    if (!problems.isEmpty()) {
      throw Refusal.invalid(fields.get(0), "投诉无法登记 · The complaint cannot be opened: " + String.join("; ",
          problems));
    }
    return request;
  }

  private static String text(Map<String, Object> values, String field) {
    Object v = values.get(field);
    return v == null || v.toString().isBlank() ? null : v.toString().trim();
  }

  private static <E extends Enum<E>> E choice(Map<String, Object> values, String field, Class<E> type,
      List<String> fields, List<String> problems) {
    String v = text(values, field);
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      fields.add(field);
      problems.add(field + ": 可选值 · one of " + Arrays.toString(type.getEnumConstants()));
      return null;
    }
  }
}
