package com.peakcare.system;

import com.peakcare.campaign.CampaignCheckProcess;
import com.peakcare.cluster.StartupLock;
import com.peakcare.identity.AccessRules;
import com.peakcare.identity.Groups;
import com.peakcare.returns.ReturnCaseProcess;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Tasklist opens on the work that is yours: the shared filters are created at start-up when missing (matched by
 * name, so an administrator's later edits are kept) and granted to the groups that use them. They are stored
 * queries, the only place PeakCare allows expressions such as {@code ${currentUser()}}.
 */
@Component
class TasklistFilters implements SmartInitializingSingleton {

  static final String MY_TASKS = "我的任务 · My tasks";
  static final String MY_GROUPS = "待认领 · My groups' open tasks";
  static final String OVERDUE = "已逾期 · Overdue";
  static final String CAMPAIGNS = "活动检核 · Campaign checks";
  static final String RETURNS = "退换货 · Returns";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AccessRules access;
  private final StartupLock startupLock;

  TasklistFilters(FilterService filterService, TaskService taskService, AccessRules access, StartupLock startupLock) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.access = access;
    this.startupLock = startupLock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    // filters have no unique name in Camunda's table: nodes starting together must take turns (see StartupLock)
    startupLock.run(this::ensureAll);
  }

  private void ensureAll() {
    List<String> everyone = List.of(Groups.ALL_STAFF);
    ensure(MY_TASKS, -10, "指派给我的任务，紧急的在前 · Tasks assigned to me, most urgent first",
        sorted(taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")), List.of(), everyone);
    ensure(MY_GROUPS, -5, "我所在组可认领的任务 · Unclaimed tasks of my groups",
        // candidate as a user (the peer check names its checkers) or through a group
        sorted(taskService.createTaskQuery().taskCandidateUserExpression("${currentUser()}").taskUnassigned()),
        List.of(), everyone);
    ensure(OVERDUE, 0, "已过截止时间的任务 · Tasks past their due date",
        sorted(taskService.createTaskQuery().dueBeforeExpression("${now()}")), List.of(), everyone);
    ensure(CAMPAIGNS, 10, "活动检核的各阶段任务 · Every stage of the campaign checks",
        sorted(taskService.createTaskQuery().processDefinitionKey(CampaignCheckProcess.KEY)),
        List.of(variable("campaignCode", "活动编号 · Campaign"), variable("setter", "设置人 · Setter"),
            variable("goLiveAt", "上线时间 · Go-live")),
        List.of(Groups.OPS, Groups.UX, Groups.ALL_STAFF, Groups.SUPERVISORS));
    ensure(RETURNS, 20, "退换货事务的任务 · Tasks of return cases",
        sorted(taskService.createTaskQuery().processDefinitionKey(ReturnCaseProcess.KEY)),
        List.of(variable("returnNo", "退货单号 · Return no."), variable("customerName", "客户 · Customer"),
            variable("memberTier", "会员 · Tier"), variable("amount", "金额 · Amount"),
            variable("type", "类型 · Type")),
        List.of(Groups.AFTER_SALES, Groups.WAREHOUSE, Groups.SUPERVISORS));
  }

  /** Urgent first: highest priority (VIPs), then the earliest due date. */
  private static TaskQuery sorted(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  private static Map<String, String> variable(String name, String label) {
    return Map.of("name", name, "label", label);
  }

  private void ensure(String name, int priority, String description, TaskQuery query, List<Map<String, String>> vars,
      List<String> groups) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name)
          .setOwner(null)
          .setQuery(query)
          .setProperties(Map.of("description", description, "priority", priority, "refresh", true,
              "variables", vars));
      filterService.saveFilter(filter);
    }
    for (String group : groups) {
      access.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
