package com.peakcare.engine.tasklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.cluster.StartupLock;
import com.peakcare.identity.AccessRules;
import com.peakcare.identity.Groups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tasklist opens on the work that is yours: PeakCare's shared filters (the three below for everyone, and those the
 * features contribute as {@link TasklistFilter} beans) (matched by name, without an owner) are created
 * at start-up when missing, brought back to this definition when their stored one differs (so a changed filter
 * reaches existing databases), and granted to the groups that use them. Any other filter, including a user's own
 * filter of the same name, is left alone. They are stored queries, the only place PeakCare allows expressions such
 * as {@code ${currentUser()}}.
 *
 * <p>Order: every filter stores "highest priority, then earliest due". Tasklist 7.24 cannot be told a filter's sort
 * order: it reads the sorting only from its URL ({@code sorting}, default {@code created desc}; see the README), and
 * sends it with every list request. The engine puts the filter's own ordering first when it extends the stored query
 * with Tasklist's ({@code TaskQueryImpl.extend}), so the stored order decides and Tasklist's "Created" only breaks
 * ties; the descriptions say so, since Tasklist's sort bar shows "Created".
 */
@Component
public class TasklistFilters implements SmartInitializingSingleton {

  static final String MY_TASKS = "我的任务 · My tasks";
  static final String MY_GROUPS = "待认领 · My groups' open tasks";
  public static final String OVERDUE = "已逾期 · Overdue";

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FilterService filterService;
  private final TaskService taskService;
  private final AccessRules access;
  private final StartupLock startupLock;
  private final List<TasklistFilter> featureFilters;

  TasklistFilters(FilterService filterService, TaskService taskService, AccessRules access, StartupLock startupLock,
      List<TasklistFilter> featureFilters) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.access = access;
    this.startupLock = startupLock;
    this.featureFilters = featureFilters;
  }

  @Override
  public void afterSingletonsInstantiated() {
    // filters have no unique name in Camunda's table: nodes starting together must take turns (see StartupLock)
    startupLock.run(this::ensureAll);
  }

  private void ensureAll() {
    List<String> everyone = List.of(Groups.ALL_STAFF);
    ensure(MY_TASKS, -10, "指派给我的任务", "Tasks assigned to me",
        sorted(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")), List.of(), everyone);
    ensure(MY_GROUPS, -5, "我所在组可认领的任务", "Unclaimed tasks of my groups",
        // candidate as a user (the peer check names its checkers) or through a group
        sorted(taskService.createTaskQuery().taskCandidateUserExpression("${currentUser()}").taskUnassigned()),
        List.of(), everyone);
    ensure(OVERDUE, 0, "已过截止时间的任务", "Tasks past their due date",
        sorted(taskService.createTaskQuery().dueBeforeExpression("${now()}")), List.of(), everyone);
    for (TasklistFilter f : featureFilters) {
      ensure(f.name(), f.priority(), f.zh(), f.en(), sorted(f.query().apply(taskService)), f.variables(), f.groups());
    }
  }

  /** Urgent first: highest priority (VIPs), then the earliest due date. */
  private static TaskQuery sorted(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  /** A filter's description (Tasklist's tooltip): what it shows, and the order, which Tasklist's sort bar does not. */
  static String description(String zh, String en) {
    return zh + "；优先级高（VIP）的在前，再按截止时间，“Created”只排同级任务 · " + en
        + "; highest priority (VIPs) first, then earliest due; \"Created\" only orders tasks equal in both";
  }

  private void ensure(String name, int priority, String zh, String en, TaskQuery query,
      List<Map<String, String>> vars, List<String> groups) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description(zh, en));
    properties.put("priority", priority);
    properties.put("refresh", true);
    properties.put("variables", vars);
    // PeakCare's filter: this name and no owner (a user's own filter may carry the same name)
    Filter filter = filterService.createFilterQuery().filterName(name).list().stream()
        .filter(f -> f.getOwner() == null).findFirst().orElse(null);
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setOwner(null).setQuery(query).setProperties(properties);
      filterService.saveFilter(filter);
      log.info("Tasklist filter {} created", name);
    } else if (!sameDefinition(filter, query, properties)) {
      // same id: grants and links to it stay valid
      filterService.saveFilter(filter.setQuery(query).setProperties(properties));
      log.info("Tasklist filter {} updated to PeakCare's definition", name);
    }
    for (String group : groups) {
      access.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  /** The stored query (criteria, expressions, ordering) and properties, compared as JSON with the wanted ones. */
  private boolean sameDefinition(Filter stored, TaskQuery query, Map<String, Object> properties) {
    FilterEntity wanted = (FilterEntity) filterService.newTaskFilter(stored.getName()).setQuery(query)
        .setProperties(properties);
    FilterEntity current = (FilterEntity) stored;
    try {
      return JSON.readTree(current.getQueryInternal()).equals(JSON.readTree(wanted.getQueryInternal()))
          && JSON.readTree(current.getPropertiesInternal()).equals(JSON.readTree(wanted.getPropertiesInternal()));
    } catch (JsonProcessingException e) {
      return false; // unreadable: write ours
    }
  }
}
