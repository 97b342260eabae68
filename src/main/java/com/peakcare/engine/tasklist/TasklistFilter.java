package com.peakcare.engine.tasklist;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

/**
 * One of PeakCare's shared Tasklist filters: its name (Chinese first), its place in the list, what it shows, the
 * variables its cards and columns show and the groups it is shared with. A feature contributes the filters of its
 * processes as beans of this type (as it contributes its grants); {@link TasklistFilters} keeps them in the database.
 *
 * @param query the stored query, built on the engine's task service; {@link TasklistFilters} adds the order
 * @param variables the process variables shown on each card: name and label
 */
public record TasklistFilter(String name, int priority, String zh, String en, Function<TaskService, TaskQuery> query,
    List<Map<String, String>> variables, List<String> groups) {

  /** A column of the filter: a process variable and the label staff read. */
  public static Map<String, String> variable(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
