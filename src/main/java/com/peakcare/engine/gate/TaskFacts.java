package com.peakcare.engine.gate;

import java.util.function.Function;

/**
 * A human task as a {@link TaskPolicy} sees it: which process and step it belongs to, its case (the business key)
 * and its current assignee, read from the engine in the transaction of the operation. {@link #variable} reads a
 * variable as the task sees it (its own, then its execution's): only what PeakCare wrote, since nobody else may.
 */
public record TaskFacts(String id, String name, String taskKey, String processKey, String processInstanceId,
    String businessKey, String assignee, Function<String, Object> variables) {

  public Object variable(String name) {
    return variables.apply(name);
  }
}
