package com.peakcare.campaign;

import com.peakcare.engine.TaskRefusedException;

/**
 * A task completion (or assignment) the campaign check does not accept: four-eyes, a form field out of range.
 * Thrown from a task listener, it rolls the whole completion back: no task completed, no sign-off written.
 */
public class CheckRefusedException extends TaskRefusedException {

  /** A refusal of who may do it (403), or of a form value when a field is named (400). */
  CheckRefusedException(String field, String message) {
    super(field == null, field, field == null ? message : field + ": " + message);
  }

  static CheckRefusedException fourEyes(String message) {
    return new CheckRefusedException(null, "四眼原则 · Four-eyes rule: " + message);
  }
}
