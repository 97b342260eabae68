package com.peakcare.engine;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A feature refuses a task operation (claim, assignment, completion) from inside the engine, typically from a task
 * listener: a four-eyes rule, a form value out of range. The engine wraps listener exceptions, so the caller would
 * see a 500; {@link TaskRefusalTranslator} unwraps this one into a 403 (forbidden) or a 400 naming the field.
 */
public class TaskRefusedException extends ProcessEngineException {

  private final boolean forbidden;
  private final String field;

  protected TaskRefusedException(boolean forbidden, String field, String message) {
    super(message);
    this.forbidden = forbidden;
    this.field = field;
  }

  public static TaskRefusedException forbidden(String message) {
    return new TaskRefusedException(true, null, message);
  }

  public static TaskRefusedException invalid(String field, String message) {
    return new TaskRefusedException(false, field, message);
  }

  public boolean isForbidden() {
    return forbidden;
  }

  public String field() {
    return field;
  }
}
