package com.peakcare.campaign;

import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * A task's form fields live as local variables of the task's own execution while the task is open, and go when it
 * completes. Not task-local: {@code TaskService.complete(id, vars)} (and /engine-rest complete) writes to the
 * execution, bypassing the task's locals, while Tasklist's form submit writes through the task; the execution's
 * locals catch both, and keep concurrent all-hands tasks apart (each has its own execution).
 */
final class FormFields {

  static void open(DelegateTask task, Map<String, Object> fields) {
    task.getExecution().setVariablesLocal(fields);
  }

  static Object value(DelegateTask task, String name) {
    return task.getVariable(name);
  }

  static void close(DelegateTask task, String... names) {
    task.getExecution().removeVariablesLocal(Arrays.asList(names));
  }

  private FormFields() {}
}
