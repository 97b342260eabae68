package com.peakcare.engine.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.batch.RestartProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ActivateBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateJobCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateJobDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteJobCmd;
import org.camunda.bpm.engine.impl.cmd.RecalculateJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDefinitionPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobDuedateCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobPriorityCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendBatchCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendJobCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendJobDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.SuspendProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateProcessInstancesSuspendStateBatchCmd;
import org.camunda.bpm.engine.impl.cmd.UpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetProcessDefinitionVersionCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The one place where PeakCare decides who may do what in the engine, whatever door a request came through
 * (Tasklist and Cockpit, {@code /engine-rest}, the Java API):
 * <ul>
 *   <li><b>queries</b>: no expression from a request is evaluated ({@link QueryExpressions});</li>
 *   <li><b>stepping around the processes</b>: a person who is not an administrator may not start a process in the
 *       middle, modify, migrate or restart instances, write or remove process variables, correlate messages or
 *       signals, or end a task by a BPMN error or escalation (the commands below, refused by class);</li>
 *   <li><b>starts</b> of PeakCare's processes by a person go through the feature's {@link StartDoor};</li>
 *   <li><b>tasks</b> of PeakCare's processes: every assignment and completion passes the feature's
 *       {@link TaskPolicy}, which decides who, which form fields, and what is recorded; only what the policy returns
 *       is written to the process.</li>
 * </ul>
 * It installs itself as decorators of the engine's own services (task, form, runtime, filter) and an interceptor in
 * front of every command. PeakCare's own code runs as no person and passes; its rules live in its services.
 */
@Component
public class EngineGate extends AbstractProcessEnginePlugin {

  /**
   * What only administrators may do: commands that step around the processes' forms and flow, and (issue 20) those that
   * stop or re-time them: suspending or activating definitions, instances, job definitions and jobs (a suspended
   * notice delivery sends nothing and raises no incident), changing a job's due date or priority, deleting a job.
   * Supervisors keep retrying failed jobs (SetJobRetriesCmd, Camunda's RETRY_JOB).
   */
  static final List<Class<?>> ADMIN_ONLY = List.of(
      StartProcessInstanceAtActivitiesCmd.class, ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
      ProcessInstanceModificationBatchCmd.class, MigrateProcessInstanceCmd.class, MigrateProcessInstanceBatchCmd.class,
      RestartProcessInstancesCmd.class, RestartProcessInstancesBatchCmd.class, SetProcessDefinitionVersionCmd.class,
      SetTaskVariablesCmd.class, PatchTaskVariablesCmd.class, RemoveTaskVariablesCmd.class,
      SetExecutionVariablesCmd.class, PatchExecutionVariablesCmd.class, RemoveExecutionVariablesCmd.class,
      SetVariablesToProcessInstancesBatchCmd.class, CorrelateMessageCmd.class, CorrelateAllMessageCmd.class,
      MessageEventReceivedCmd.class, SignalCmd.class, SignalEventReceivedCmd.class, HandleTaskBpmnErrorCmd.class,
      HandleTaskEscalationCmd.class, DelegateTaskCmd.class, ResolveTaskCmd.class,
      ProcessInstanceModificationCmd.class, CorrelateAllMessageBatchCmd.class,
      SuspendProcessDefinitionCmd.class, ActivateProcessDefinitionCmd.class, SuspendProcessInstanceCmd.class,
      ActivateProcessInstanceCmd.class, UpdateProcessInstancesSuspendStateCmd.class,
      UpdateProcessInstancesSuspendStateBatchCmd.class, SuspendJobDefinitionCmd.class, ActivateJobDefinitionCmd.class,
      SuspendJobCmd.class, ActivateJobCmd.class, SetJobDuedateCmd.class, RecalculateJobDuedateCmd.class,
      SetJobPriorityCmd.class, SetJobDefinitionPriorityCmd.class, DeleteJobCmd.class, SuspendBatchCmd.class,
      ActivateBatchCmd.class);

  private final ObjectProvider<TaskPolicy> policyBeans;
  private final ObjectProvider<StartDoor> doorBeans;
  private volatile Map<String, TaskPolicy> policies;
  private volatile Map<String, StartDoor> doors;
  private ProcessEngineConfigurationImpl engine;

  EngineGate(ObjectProvider<TaskPolicy> policyBeans, ObjectProvider<StartDoor> doorBeans) {
    this.policyBeans = policyBeans;
    this.doorBeans = doorBeans;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    this.engine = configuration;
    configuration.setTaskService(new GatedTaskService(this));
    configuration.setFormService(new GatedFormService(this));
    configuration.setRuntimeService(new GatedRuntimeService(this));
    configuration.setFilterService(new GatedFilterService(this));
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withGate(configuration.getCustomPreCommandInterceptorsTxRequired()));
    List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> parse =
        configuration.getCustomPostBPMNParseListeners() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    parse.add(new Titles());
    configuration.setCustomPostBPMNParseListeners(parse);
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withGate(configuration.getCustomPreCommandInterceptorsTxRequiresNew()));
  }

  private List<CommandInterceptor> withGate(List<CommandInterceptor> existing) {
    List<CommandInterceptor> all = new ArrayList<>();
    all.add(new Interceptor());
    if (existing != null) {
      all.addAll(existing);
    }
    return all;
  }

  /** The person acting now, or PeakCare itself. */
  public Actor actor() {
    return Actor.of(engine.getIdentityService().getCurrentAuthentication());
  }

  /** Runs work as PeakCare itself (no person): a feature's door starting its own process, for instance. */
  public <T> T asPeakCare(Supplier<T> work) {
    IdentityService identity = engine.getIdentityService();
    var previous = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (previous != null) {
        identity.setAuthentication(previous);
      }
    }
  }

  // ---- tasks -----------------------------------------------------------------------------------------------

  /** A claim, a hand-over or an unclaim ({@code assignee} null). */
  <T> T assign(String taskId, String assignee, Supplier<T> engineCall) {
    return inCommand(ctx -> {
      Ruled ruled = ruled(ctx, taskId);
      if (ruled == null) {
        return engineCall.get();
      }
      Actor actor = actor();
      requireVisible(ctx, taskId, actor);
      asPolicy(ctx, () -> {
        ruled.policy().assigning(ruled.facts(), assignee == null || assignee.isBlank() ? null : assignee, actor);
        return null;
      });
      return engineCall.get();
    });
  }

  /** A completion (complete, or a form submitted): only the fields the policy knows, only what it returns. */
  <T> T complete(String taskId, Map<String, Object> submitted, Function<Map<String, Object>, T> engineCall) {
    return inCommand(ctx -> {
      Ruled ruled = ruled(ctx, taskId);
      if (ruled == null) {
        return engineCall.apply(submitted);
      }
      Actor actor = actor();
      requireVisible(ctx, taskId, actor);
      Map<String, Object> values = plain(submitted);
      Set<String> fields = ruled.policy().fields(ruled.facts());
      for (String name : values.keySet()) {
        if (!fields.contains(name)) {
          throw Refusal.invalid(name, "「" + name + "」不是这个表单的字段 · " + name + " is not a field of this task's form");
        }
      }
      Map<String, Object> allowed = asPolicy(ctx, () -> ruled.policy().completing(ruled.facts(), values, actor));
      return engineCall.apply(new HashMap<>(allowed));
    });
  }

  /**
   * A task saved whole (TaskService#saveTask): on a PeakCare task a person who is not an administrator may change its
   * follow-up date (Tasklist's reminder) and nothing else; an assignee goes through {@link #assign}, so that the
   * task's policy decides and the hand-over is recorded.
   */
  <T> T saving(Task task, Supplier<T> engineCall) {
    return inCommand(ctx -> {
      Actor actor = actor();
      if (task.getId() == null || !actor.isPerson() || actor.isAdmin()) {
        return engineCall.get();
      }
      TaskEntity stored = ctx.getTaskManager().findTaskById(task.getId());
      if (stored == null || ruled(ctx, stored) == null) {
        return engineCall.get();
      }
      requireVisible(ctx, task.getId(), actor);
      List<String> changed = new ArrayList<>();
      compare(changed, "assignee", stored.getAssignee(), task.getAssignee());
      compare(changed, "owner", stored.getOwner(), task.getOwner());
      compare(changed, "delegationState", stored.getDelegationState(), task.getDelegationState());
      compare(changed, "name", stored.getName(), task.getName());
      compare(changed, "description", stored.getDescription(), task.getDescription());
      compare(changed, "priority", stored.getPriority(), task.getPriority());
      compare(changed, "due", time(stored.getDueDate()), time(task.getDueDate()));
      compare(changed, "parentTaskId", stored.getParentTaskId(), task.getParentTaskId());
      compare(changed, "tenantId", stored.getTenantId(), task.getTenantId());
      compare(changed, "caseInstanceId", stored.getCaseInstanceId(), task.getCaseInstanceId());
      if (!changed.isEmpty()) {
        throw Refusal.forbidden("这里只能修改任务的跟进日期；处理人请通过认领或转交修改，其余由流程决定 · Only a task's "
            + "follow-up date can be changed here: claim or hand the task over to change who works on it, the rest is "
            + "decided by its process (" + String.join(", ", changed) + ")");
      }
      return engineCall.get();
    });
  }

  private static void compare(List<String> changed, String field, Object stored, Object saved) {
    if (!java.util.Objects.equals(stored, saved)) {
      changed.add(field);
    }
  }

  private static Long time(java.util.Date date) {
    return date == null ? null : date.getTime();
  }

  /** Identity links, owner and delegation of a PeakCare task: administrators only (assignment has its own rule). */
  <T> T administrative(String taskId, Supplier<T> engineCall) {
    return inCommand(ctx -> {
      Actor actor = actor();
      if (actor.isPerson() && !actor.isAdmin() && ruled(ctx, taskId) != null) {
        throw Refusal.forbidden("任务的候选人和负责人由流程决定，请改用“转交” · Who may work on a task is decided by "
            + "its process: hand the task over instead");
      }
      return engineCall.get();
    });
  }

  /** The form's values: the process variables, plus what the policy reads from the feature's records. */
  VariableMap formVariables(String taskId, VariableMap variables, java.util.Collection<String> names) {
    Map<String, Object> extra = inCommand(ctx -> {
      Ruled ruled = ruled(ctx, taskId);
      return ruled == null ? Map.<String, Object>of() : asPolicy(ctx, () -> ruled.policy().formValues(ruled.facts()));
    });
    extra.forEach((name, value) -> {
      if (names == null || names.contains(name)) {
        variables.putValue(name, value);
      }
    });
    return variables;
  }

  /** The start form's values: the engine's, plus the door's choices read from the feature's records. */
  VariableMap startFormVariables(String definitionId, VariableMap variables, java.util.Collection<String> names) {
    String key = keyOf(definitionId);
    StartDoor door = key == null ? null : doors().get(key);
    if (door != null) {
      door.startFormValues().forEach((name, value) -> {
        if (names == null || names.contains(name)) {
          variables.putValue(name, value);
        }
      });
    }
    return variables;
  }

  // ---- starts ----------------------------------------------------------------------------------------------

  /**
   * A person starts a process. PeakCare's processes go through their door; a start in the middle or without
   * listeners is for administrators only (the interceptor refuses the command of the former anyway).
   */
  ProcessInstance start(String definitionKey, String definitionId, String businessKey,
      Map<String, Object> variables, boolean special, Supplier<? extends ProcessInstance> engineCall) {
    Actor actor = actor();
    if (!actor.isPerson()) {
      return engineCall.get();
    }
    String key = definitionKey != null ? definitionKey : keyOf(definitionId);
    StartDoor door = key == null ? null : doors().get(key);
    if (door == null) {
      return engineCall.get();
    }
    if (special) {
      if (actor.isAdmin()) {
        return engineCall.get();
      }
      throw Refusal.forbidden("只有管理员可以从中途启动流程或跳过其监听器 · Only administrators may start a process in the "
          + "middle or without its listeners");
    }
    // the door reads PeakCare's records as PeakCare (it is told who acts): its lists are not a person's query, which
    // Camunda's result limit (queryMaxResultsLimit) would refuse unpaged
    return asPeakCare(() -> door.start(plain(variables), businessKey, actor));
  }

  private String keyOf(String definitionId) {
    if (definitionId == null) {
      return null;
    }
    // the deployment cache first (in memory; the engine has just resolved the definition), the database otherwise
    ProcessDefinitionEntity cached = engine.getDeploymentCache().findProcessDefinitionFromCache(definitionId);
    if (cached != null) {
      return cached.getKey();
    }
    return inCommand(ctx -> {
      ProcessDefinitionEntity definition = ctx.getProcessDefinitionManager().findLatestDefinitionById(definitionId);
      return definition == null ? null : definition.getKey();
    });
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private record Ruled(TaskPolicy policy, TaskFacts facts) {}

  /** The task and its policy, or null when it is not a task of one of PeakCare's processes (Camunda's rules). */
  private Ruled ruled(CommandContext ctx, String taskId) {
    if (taskId == null) {
      return null;
    }
    return ruled(ctx, ctx.getTaskManager().findTaskById(taskId));
  }

  private Ruled ruled(CommandContext ctx, TaskEntity task) {
    if (task == null || task.getProcessDefinitionId() == null) {
      return null;
    }
    ProcessDefinitionEntity definition = task.getProcessDefinition();
    TaskPolicy policy = definition == null ? null : policies().get(definition.getKey());
    if (policy == null) {
      return null;
    }
    ExecutionEntity instance = task.getProcessInstance();
    return new Ruled(policy, new TaskFacts(task.getId(), task.getName(), task.getTaskDefinitionKey(),
        definition.getKey(), task.getProcessInstanceId(), instance == null ? null : instance.getBusinessKey(),
        task.getAssignee(), task::getVariable));
  }

  /**
   * Appends the policy's title to each new task's name (a built-in listener added at parse time, so it runs however
   * the task was created): Tasklist's cards tell "审核退货申请 · Review return request · R-1042 张伟 ¥299.00" from the
   * next one.
   */
  private final class Titles extends org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener {
    @Override
    public void parseUserTask(org.camunda.bpm.engine.impl.util.xml.Element element,
        org.camunda.bpm.engine.impl.pvm.process.ScopeImpl scope,
        org.camunda.bpm.engine.impl.pvm.process.ActivityImpl activity) {
      var behavior = (org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior) activity.getActivityBehavior();
      behavior.getTaskDefinition().addBuiltInTaskListener(org.camunda.bpm.engine.delegate.TaskListener.EVENTNAME_CREATE,
          task -> {
            TaskEntity entity = (TaskEntity) task;
            Ruled ruled = ruled(Context.getCommandContext(), entity);
            String title = ruled == null ? null : ruled.policy().title(ruled.facts());
            if (title != null && !title.isBlank() && entity.getName() != null && !entity.getName().endsWith(title)) {
              entity.setName(entity.getName() + " · " + title);
            }
          });
    }
  }

  /**
   * A person learns nothing about a task they cannot see: not whose it is, not why they may not act on it.
   *
   * <p>Visible means what the engine's own "get this task" decides (GetTaskCmd: the command checkers' READ on the
   * task or READ_TASK on its process, and the person's tenants), asked of the task the command has loaded anyway. It
   * used to be a task query by id as the person ({@code count()}): the same answer through the task query's dynamic
   * SQL and a round trip, per claim and per completion, about a tenth of the JVM's time in the benchmark's complete
   * phase (issue 23, docs/lean-path.md). With {@code engine.TaskAuthorizations} a task that names the person is
   * decided from its assignee, owner and candidates in memory; anyone else is Camunda's check against the grants.
   */
  private void requireVisible(CommandContext ctx, String taskId, Actor actor) {
    if (actor.isPerson() && !readable(ctx, taskId)) {
      throw Refusal.forbidden("任务不存在，或不是您可以处理的任务 · This task does not exist or is not yours to work on");
    }
  }

  private static boolean readable(CommandContext ctx, String taskId) {
    TaskEntity task = taskId == null ? null : ctx.getTaskManager().findTaskById(taskId);
    if (task == null || !ctx.getTenantManager().isAuthenticatedTenant(task.getTenantId())) {
      return false;
    }
    try {
      for (CommandChecker checker : ctx.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkReadTask(task);
      }
      return true;
    } catch (AuthorizationException e) {
      return false;
    }
  }

  /**
   * A policy's decision and its records run with the engine's authorization checks off: the person's own permissions
   * were checked where they matter (they can see the task; the engine checks their right to claim or complete it after
   * the policy), and what the policy records on their behalf (a hand-over on the case, a routing variable) is
   * PeakCare's doing, not theirs.
   */
  private static <T> T asPolicy(CommandContext ctx, Supplier<T> work) {
    boolean enabled = ctx.isAuthorizationCheckEnabled();
    ctx.disableAuthorizationCheck();
    try {
      return work.get();
    } finally {
      if (enabled) {
        ctx.enableAuthorizationCheck();
      }
    }
  }

  private <T> T inCommand(Command<T> work) {
    return engine.getCommandExecutorTxRequired().execute(work);
  }

  private static Map<String, Object> plain(Map<String, Object> variables) {
    Map<String, Object> plain = new LinkedHashMap<>();
    if (variables != null) {
      for (String name : variables.keySet()) {
        Object value = variables instanceof VariableMap map ? map.getValueTyped(name) : variables.get(name);
        plain.put(name, value instanceof TypedValue typed ? typed.getValue() : value);
      }
    }
    return plain;
  }

  private Map<String, TaskPolicy> policies() {
    if (policies == null) {
      Map<String, TaskPolicy> byKey = new HashMap<>();
      policyBeans.orderedStream().forEach(p -> byKey.put(p.processKey(), p));
      policies = Map.copyOf(byKey);
    }
    return policies;
  }

  private Map<String, StartDoor> doors() {
    if (doors == null) {
      Map<String, StartDoor> byKey = new HashMap<>();
      doorBeans.orderedStream().forEach(d -> byKey.put(d.processKey(), d));
      doors = Map.copyOf(byKey);
    }
    return doors;
  }

  /**
   * In front of every command a caller asks for (the outermost; PeakCare's own nested commands pass): a person's
   * task query carries no expression, and only administrators run the commands of {@link #ADMIN_ONLY}. (How a failed
   * command is logged: {@link CommandExceptionLogging}.)
   */
  private final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (Context.getCommandContext() == null) {
        Actor actor = actor();
        if (actor.isPerson()) {
          if (command instanceof TaskQueryImpl query) {
            QueryExpressions.refuseAny(query);
            QueryLimits.refuseOversized(query);
          } else if (!actor.isAdmin() && (ADMIN_ONLY.stream().anyMatch(c -> c.isInstance(command))
              || JobRetries.retimes(command))) {
            throw Refusal.forbidden("只有管理员可以从中途启动、修改、迁移、挂起或重新计时流程和作业，或直接写入流程变量；请通过任务的"
                + "表单办理 · Only administrators may start a process in the middle, modify, migrate, suspend or re-time "
                + "it or its jobs, or write its variables: work through your task's form");
          }
        }
      }
      return next.execute(command);
    }
  }
}
