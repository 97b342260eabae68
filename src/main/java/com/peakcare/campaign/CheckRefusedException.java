package com.peakcare.campaign;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A task completion (or assignment) the campaign check does not accept: four-eyes, a form field out of range.
 * Thrown from a task listener, it rolls the whole completion back: no task completed, no sign-off written.
 */
public class CheckRefusedException extends ProcessEngineException {

  private final String field;

  CheckRefusedException(String field, String message) {
    super(field == null ? message : field + ": " + message);
    this.field = field;
  }

  static CheckRefusedException fourEyes(String message) {
    return new CheckRefusedException(null, "四眼原则 · Four-eyes rule: " + message);
  }

  public String field() {
    return field;
  }
}
