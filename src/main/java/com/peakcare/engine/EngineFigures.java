package com.peakcare.engine;

import com.peakcare.engine.tasklist.TasklistFilters;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Counts over the engine's runtime tables for dashboards (issue 25): how many open tasks of given BPMN elements are
 * past their due date, and how many incidents stand at given elements. Read-only SQL rather than the engine's queries:
 * a count is not a task, and Camunda's authorization checks (which filter a TaskQuery to what the viewer may work on)
 * would make an auditor's figure differ from a supervisor's. The dashboard's group check decides who sees the count.
 * The overdue count uses PC_IDX_TASK_DEF_DUE (peakcare-092-engine-dashboard.xml): an index range per element.
 */
@Service
public class EngineFigures {

  /** The shared Tasklist filter of the tasks past their due date (engine.TasklistFilters). */
  public static final String OVERDUE_FILTER = TasklistFilters.OVERDUE;

  private final JdbcTemplate jdbc;

  EngineFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Per element id: its open tasks due before {@code now} (elements without any are 0). */
  public Map<String, Long> overdueTasks(Collection<String> taskDefinitionKeys, Instant now) {
    Map<String, Long> counts = zeros(taskDefinitionKeys);
    if (taskDefinitionKeys.isEmpty()) {
      return counts;
    }
    List<Object> args = new ArrayList<>(taskDefinitionKeys);
    args.add(Timestamp.from(now));
    jdbc.query("select TASK_DEF_KEY_, count(*) from ACT_RU_TASK where TASK_DEF_KEY_ in (" + marks(taskDefinitionKeys)
        + ") and DUE_DATE_ < ? group by TASK_DEF_KEY_",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, args.toArray());
    return counts;
  }

  /** Per process instance: its open tasks of these elements due before {@code now} (instances with none left out). */
  public Map<String, Long> overdueTasksByInstance(Collection<String> taskDefinitionKeys, Instant now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (taskDefinitionKeys.isEmpty()) {
      return counts;
    }
    List<Object> args = new ArrayList<>(taskDefinitionKeys);
    args.add(Timestamp.from(now));
    jdbc.query("select PROC_INST_ID_, count(*) from ACT_RU_TASK where TASK_DEF_KEY_ in ("
        + marks(taskDefinitionKeys) + ") and DUE_DATE_ < ? group by PROC_INST_ID_",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, args.toArray());
    return counts;
  }

  /** Open incidents standing at these elements (failed jobs, usually: a refund the gateway keeps refusing). */
  public long incidentsAt(Collection<String> activityIds) {
    if (activityIds.isEmpty()) {
      return 0;
    }
    Long n = jdbc.queryForObject("select count(*) from ACT_RU_INCIDENT where ACTIVITY_ID_ in (" + marks(activityIds)
        + ")", Long.class, activityIds.toArray());
    return n == null ? 0 : n;
  }

  /** The id of the shared Tasklist filter of this name (for a link), if there is one. */
  public java.util.Optional<String> taskFilterId(String name) {
    return jdbc.queryForList("select ID_ from ACT_RU_FILTER where NAME_ = ? and RESOURCE_TYPE_ = 'Task' order by ID_",
        String.class, name).stream().findFirst();
  }

  /** The id of the latest deployed definition of this process (for a link to Cockpit), if there is one. */
  public java.util.Optional<String> latestDefinitionId(String processKey) {
    return jdbc.queryForList("select ID_ from ACT_RE_PROCDEF where KEY_ = ? order by VERSION_ desc", String.class,
        processKey).stream().findFirst();
  }

  private static Map<String, Long> zeros(Collection<String> keys) {
    Map<String, Long> counts = new LinkedHashMap<>();
    keys.forEach(k -> counts.put(k, 0L));
    return counts;
  }

  private static String marks(Collection<?> values) {
    return String.join(", ", Collections.nCopies(values.size(), "?"));
  }
}
