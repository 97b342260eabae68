package com.peakcare.engine.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** PeakCare's shared Tasklist filters: kept at their definition on existing databases, and their order holds. */
@PeakCareTest
class TasklistFiltersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired TasklistFilters filters;
  @Autowired FilterService filterService;
  @Autowired TaskService taskService;
  private final List<String> createdFilters = new ArrayList<>();
  private final List<String> createdTasks = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    createdTasks.forEach(id -> taskService.deleteTask(id, true));
    createdFilters.forEach(filterService::deleteFilter);
  }

  @Test
  void anOutdatedPeakCareFilterIsBroughtBackToItsDefinitionAndOtherFiltersAreLeftAlone() throws Exception {
    Filter myTasks = peakCareFilter(TasklistFilters.MY_TASKS);
    // as a database made by an older PeakCare (or edited by hand) may hold it: no order, another description
    filterService.saveFilter(myTasks
        .setQuery(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"))
        .setProperties(Map.of("description", "old", "priority", -10, "refresh", true, "variables", List.of())));
    // a user's own filter of the same name, and an administrator's filter of another name
    Filter own = save(filterService.newTaskFilter(TasklistFilters.MY_TASKS).setOwner("agent1")
        .setQuery(taskService.createTaskQuery().taskAssignee("agent1")).setProperties(Map.of("description", "mine")));
    Filter other = save(filterService.newTaskFilter("VIP 加急 · VIP rush")
        .setQuery(taskService.createTaskQuery().taskPriority(80)).setProperties(Map.of("description", "admin's")));
    String ownBefore = definition(own);
    String otherBefore = definition(other);

    filters.afterSingletonsInstantiated(); // what every start does

    JsonNode updated = JSON.readTree(new Http(port).get("/engine-rest/filter/" + myTasks.getId(), "demo").body());
    assertThat(updated.path("query").path("sorting").toString())
        .isEqualTo("[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]");
    assertThat(updated.path("query").path("assigneeExpression").asText()).isEqualTo("${currentUser()}");
    assertThat(updated.path("properties").path("description").asText())
        .startsWith("指派给我的任务").contains("highest priority (VIPs) first, then earliest due");
    assertThat(filterService.createFilterQuery().filterName(TasklistFilters.MY_TASKS).list())
        .as("updated in place, not added").hasSize(2);
    assertThat(definition(filterService.getFilter(own.getId()))).isEqualTo(ownBefore);
    assertThat(filterService.getFilter(own.getId()).getOwner()).isEqualTo("agent1");
    assertThat(definition(filterService.getFilter(other.getId()))).isEqualTo(otherBefore);
  }

  @Test
  void aFilterAtItsDefinitionIsNotWrittenAgain() {
    filters.afterSingletonsInstantiated();
    int revision = ((FilterEntity) peakCareFilter("退换货 · Returns")).getRevision();

    filters.afterSingletonsInstantiated(); // a second node, or a restart

    assertThat(((FilterEntity) peakCareFilter("退换货 · Returns")).getRevision()).isEqualTo(revision);
  }

  @Test
  void theFiltersOrderComesBeforeTasklistsCreatedSort() throws Exception {
    // an urgent task created first, an ordinary one a minute later: "newest first" would show the ordinary one first
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - 120_000));
    String urgent = task("紧急 · urgent", 80);
    ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() - 60_000));
    String ordinary = task("普通 · ordinary", 50);
    ClockUtil.reset();
    String filterId = peakCareFilter(TasklistFilters.MY_TASKS).getId();

    // the request Tasklist sends for the list, with its default sorting
    JsonNode list = JSON.readTree(new Http(port).post("/engine-rest/filter/" + filterId
        + "/list?firstResult=0&maxResults=15", "staff2", "{\"processVariables\":[],\"taskVariables\":[],"
        + "\"caseInstanceVariables\":[],\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
        + "\"active\":true}").body());

    List<String> ids = list.findValuesAsText("id");
    assertThat(ids).contains(urgent, ordinary);
    assertThat(ids.indexOf(urgent)).isLessThan(ids.indexOf(ordinary));
  }

  private String task(String name, int priority) {
    Task t = taskService.newTask();
    t.setName(name);
    t.setAssignee("staff2");
    t.setPriority(priority);
    taskService.saveTask(t);
    createdTasks.add(t.getId());
    return t.getId();
  }

  private Filter peakCareFilter(String name) {
    return filterService.createFilterQuery().filterName(name).list().stream().filter(f -> f.getOwner() == null)
        .findFirst().orElseThrow();
  }

  private Filter save(Filter filter) {
    filterService.saveFilter(filter);
    createdFilters.add(filter.getId());
    return filter;
  }

  private static String definition(Filter filter) {
    FilterEntity f = (FilterEntity) filter;
    return f.getName() + "|" + f.getQueryInternal() + "|" + f.getPropertiesInternal();
  }
}
