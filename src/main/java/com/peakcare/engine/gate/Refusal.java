package com.peakcare.engine.gate;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * PeakCare refuses an engine operation: who may not do it (403) or what was sent is wrong (400, naming the field).
 * Each message is one sentence a person can act on, Chinese first ("四眼原则：… · Four-eyes: …"), naming no other
 * person's task or assignee. The two kinds extend the exceptions Camunda's REST API and webapps already answer with
 * 403 and 400, so every door answers the same.
 */
public final class Refusal {

  private Refusal() {}

  public static Forbidden forbidden(String sentence) {
    return new Forbidden(sentence);
  }

  /** The message names the field ({@code decisionNote: …} unless it does already), so every door's answer says which. */
  public static Invalid invalid(String field, String sentence) {
    return new Invalid(field, sentence.contains(field) ? sentence : field + ": " + sentence);
  }

  /** Not yours to do (403). */
  public static final class Forbidden extends AuthorizationException {
    Forbidden(String sentence) {
      super(sentence);
    }
  }

  /** A field is wrong (400); {@link #field()} names it. */
  public static final class Invalid extends FormFieldValidationException {
    private final String field;

    Invalid(String field, String sentence) {
      super(field, sentence);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
