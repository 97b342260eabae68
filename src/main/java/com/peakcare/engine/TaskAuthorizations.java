package com.peakcare.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.ProcessDefinitionQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Issue 23, item 5: who may see and work on a task follows from the task itself (its assignee, owner and candidates),
 * not from a row of {@code ACT_RU_AUTHORIZATION} per task.
 *
 * <p>Camunda's {@link DefaultAuthorizationProvider} writes a grant (READ and {@code TASK_WORK}, PeakCare's
 * {@code defaultUserPermissionNameForTask}) for every candidate group, candidate user, assignee and owner of every
 * task, and deletes it when the link goes: at 300,000 open tasks 300,000 rows, two writes per task and a join of that
 * table in every task query. Those rows say nothing the task's own columns and identity links do not say. So:
 * <ul>
 *   <li>the provider ({@link NoTaskRows}) writes none of them (every other default authorization is Camunda's);</li>
 *   <li>a check of READ or {@code TASK_WORK} on one task (get, claim, complete, its variables, its form, its identity
 *       links, its comments) is granted when the person is the task's assignee or owner, a candidate user of it, or in
 *       one of its candidate groups: exactly what the rows granted ({@link Manager#isAuthorized}); any other
 *       permission, and any person the task does not name, is Camunda's check against the grants as before
 *       (supervisors' {@code TASK *}, the processes' {@code TASK_ASSIGN});</li>
 *   <li>a task query of a person who holds no grant on every task (as supervisors do) lists the tasks that name them
 *       as above, or belong to a process on which they hold {@code READ_TASK} ({@link Manager#configureTaskQuery}).</li>
 * </ul>
 * The grants PeakCare's features give (per process, per group) are still Camunda's rows and decide as before; what
 * the task policies ({@link TaskPolicy}) decide on top is unchanged. A grant made by hand in Admin on one task id is
 * still honoured on that task's commands, but no longer lists it in a query of a person it does not name.
 * {@code peakcare.engine.task-authorization-rows=true} restores Camunda's per-task rows (the benchmark's before).
 * Test: {@code TaskAuthorizationsTest}.
 */
@Component
@ConditionalOnProperty(name = "peakcare.engine.task-authorization-rows", havingValue = "false", matchIfMissing = true)
class TaskAuthorizations extends AbstractProcessEnginePlugin {

  private volatile long grantsTtlNanos;
  private final Map<String, Grants> grants = new ConcurrentHashMap<>();
  /** Camunda's "which groups hold any authorization row", shared by the commands for the groups cache's time. */
  private volatile Remembered<Set<String>> groupsWithRows;
  /** Camunda's "is a revoke authorization of this person or their groups stored", per person and groups. */
  private final Map<String, Remembered<Boolean>> revokes = new ConcurrentHashMap<>();
  /** Bumped by every authorization written through the engine on this node, when written and when committed. */
  private final AtomicLong generation = new AtomicLong();

  TaskAuthorizations(@Value("${peakcare.identity.groups-cache-ttl:PT5S}") Duration grantsTtl) {
    this.grantsTtlNanos = grantsTtl.toNanos();
  }

  /** How long what was read from the grants is remembered, from now on (tests switch it on the one context). */
  void interval(Duration ttl) {
    this.grantsTtlNanos = ttl.toNanos();
  }

  Duration interval() {
    return Duration.ofNanos(grantsTtlNanos);
  }

  /** Forgets what was read from the grants (tests that changed rows behind the engine's back). */
  void forget() {
    generation.incrementAndGet();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new NoTaskRows());
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new Manager(TaskAuthorizations.this);
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** Camunda's default authorizations, without the rows per task. */
  static final class NoTaskRows extends DefaultAuthorizationProvider {
    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
      return null;
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
      return null;
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
      return null;
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
      return null;
    }

    @Override
    public AuthorizationEntity[] deleteTaskUserIdentityLink(Task task, String userId, String type) {
      return null;
    }

    @Override
    public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
      return null;
    }
  }

  /**
   * What a person holds beyond the tasks that name them, remembered for the groups cache's time (a grant changed in
   * Admin on another node takes effect within it, on this node at once): a grant on every task, or {@code READ_TASK}
   * on these processes.
   */
  private record Grants(long expires, long generation, boolean everyTask, Set<String> readTaskKeys) {}

  /** A value read from {@code ACT_RU_AUTHORIZATION}, good until {@code expires} unless an authorization was written. */
  private record Remembered<T>(long expires, long generation, T value) {
    boolean fresh(long now, long current) {
      return generation == current && expires - now > 0;
    }
  }

  /**
   * The value remembered, or read now. The generation is taken before the read: an authorization written meanwhile
   * leaves the value stale at once.
   */
  private <T> T remember(Remembered<T> known, Supplier<T> read, Consumer<Remembered<T>> keep) {
    long now = System.nanoTime();
    long current = generation.get();
    if (known != null && known.fresh(now, current)) {
      return known.value();
    }
    T value = read.get();
    if (grantsTtlNanos > 0) {
      keep.accept(new Remembered<>(now + grantsTtlNanos, current, value));
    }
    return value;
  }

  /**
   * An authorization is being written on this node: what was remembered is forgotten now and again when the command
   * commits (a command that read in between read the rows as they were before).
   */
  private void authorizationsChanged() {
    generation.incrementAndGet();
    CommandContext ctx = Context.getCommandContext();
    if (ctx != null) {
      ctx.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, c -> generation.incrementAndGet());
      ctx.getTransactionContext().addTransactionListener(TransactionState.ROLLED_BACK, c -> generation.incrementAndGet());
    }
  }

  /** Camunda's authorization manager, with the tasks' own people in place of the rows per task. */
  static final class Manager extends AuthorizationManager {

    private static final Permission READ = Permissions.READ;
    private static final Permission TASK_WORK = TaskPermissions.TASK_WORK;

    private final TaskAuthorizations shared;

    Manager(TaskAuthorizations shared) {
      this.shared = shared;
    }

    /**
     * Which groups hold any authorization (Camunda reads it once per command run as a person, to leave the others out
     * of every check): from memory for the groups cache's time, forgotten when an authorization is written here.
     */
    @Override
    protected Set<String> getAllGroups() {
      if (availableAuthorizedGroupIds == null) {
        availableAuthorizedGroupIds = shared.remember(shared.groupsWithRows,
            () -> Set.copyOf(super.getAllGroups()), r -> shared.groupsWithRows = r);
      }
      return availableAuthorizedGroupIds;
    }

    /**
     * Whether a revoke authorization concerns the person (Camunda asks once per command run as a person, to know
     * whether its checks must look for revokes): remembered as {@link #getAllGroups} is.
     */
    @Override
    protected boolean isRevokeAuthCheckEnabled(String userId, List<String> groupIds) {
      if (isRevokeAuthCheckUsed == null) {
        String key = userId + "|" + (groupIds == null ? "" : String.join(",", new TreeSet<>(groupIds)));
        isRevokeAuthCheckUsed = shared.remember(shared.revokes.get(key),
            () -> super.isRevokeAuthCheckEnabled(userId, groupIds), r -> shared.revokes.put(key, r));
      }
      return isRevokeAuthCheckUsed;
    }

    /**
     * Camunda deletes the rows of every task and process instance that ends (none, for tasks: see {@link NoTaskRows}),
     * thousands a minute: forgetting everything then would read the grants anew for nearly every request. Such a
     * deletion is not a reason to forget: the rows of one task or instance are never a person's grant on every task or
     * {@code READ_TASK} on a process, and a group or revoke remembered after its last such row is gone only makes the
     * checks look for a row that is not there (the same answer, for at most the interval). A user's, a group's, a
     * tenant's or a definition's rows removed are forgotten at once.
     */
    private void changing(Resource resource) {
      int type = resource == null ? -1 : resource.resourceType();
      if (type != Resources.TASK.resourceType() && type != Resources.PROCESS_INSTANCE.resourceType()
          && type != Resources.HISTORIC_TASK.resourceType()
          && type != Resources.HISTORIC_PROCESS_INSTANCE.resourceType()) {
        shared.authorizationsChanged();
      }
    }

    @Override
    public void insert(DbEntity authorization) {
      shared.authorizationsChanged();
      super.insert(authorization);
    }

    @Override
    public void update(AuthorizationEntity authorization) {
      shared.authorizationsChanged();
      super.update(authorization);
    }

    @Override
    public void delete(DbEntity authorization) {
      shared.authorizationsChanged();
      super.delete(authorization);
    }

    @Override
    public void deleteAuthorizationsByResourceId(Resource resource, String resourceId) {
      changing(resource);
      super.deleteAuthorizationsByResourceId(resource, resourceId);
    }

    @Override
    public void deleteAuthorizationsByResourceIds(Resources resource, List<String> resourceIds) {
      changing(resource);
      super.deleteAuthorizationsByResourceIds(resource, resourceIds);
    }

    @Override
    public void deleteAuthorizationsByResourceIdAndUserId(Resource resource, String resourceId, String userId) {
      changing(resource);
      super.deleteAuthorizationsByResourceIdAndUserId(resource, resourceId, userId);
    }

    @Override
    public void deleteAuthorizationsByResourceIdAndGroupId(Resource resource, String resourceId, String groupId) {
      changing(resource);
      super.deleteAuthorizationsByResourceIdAndGroupId(resource, resourceId, groupId);
    }

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, CompositePermissionCheck check) {
      if (userId != null && namedIn(userId, groupIds, check)) {
        return true;
      }
      return super.isAuthorized(userId, groupIds, check);
    }

    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, PermissionCheck check) {
      if (userId != null && named(userId, groupIds, check)) {
        return true;
      }
      return super.isAuthorized(userId, groupIds, check);
    }

    /** A disjunction passes when one of its checks is a permission the task's own people hold. */
    private boolean namedIn(String userId, List<String> groupIds, CompositePermissionCheck check) {
      List<PermissionCheck> atomic = check.getAtomicChecks();
      List<CompositePermissionCheck> composite = check.getCompositeChecks();
      if (!check.isDisjunctive()) {
        return composite.isEmpty() && atomic.size() == 1 && named(userId, groupIds, atomic.get(0));
      }
      for (PermissionCheck one : atomic) {
        if (named(userId, groupIds, one)) {
          return true;
        }
      }
      for (CompositePermissionCheck one : composite) {
        if (namedIn(userId, groupIds, one)) {
          return true;
        }
      }
      return false;
    }

    /** READ or TASK_WORK on one task that names the person (what Camunda's row per task granted). */
    private boolean named(String userId, List<String> groupIds, PermissionCheck check) {
      String taskId = check.getResourceId();
      if (check.getResource() == null || check.getResource().resourceType() != Resources.TASK.resourceType()
          || taskId == null || Authorization.ANY.equals(taskId)) {
        return false;
      }
      Permission permission = check.getPermission();
      if (permission == null || (permission.getValue() != READ.getValue()
          && !(permission.getValue() == TASK_WORK.getValue() && TASK_WORK.getName().equals(permission.getName())))) {
        return false;
      }
      CommandContext ctx = Context.getCommandContext();
      TaskEntity task = ctx == null ? null : ctx.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return false;
      }
      if (userId.equals(task.getAssignee()) || userId.equals(task.getOwner())) {
        return true;
      }
      for (IdentityLinkEntity link : task.getIdentityLinks()) {
        if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
          continue;
        }
        if (userId.equals(link.getUserId())
            || (link.getGroupId() != null && groupIds != null && groupIds.contains(link.getGroupId()))) {
          return true;
        }
      }
      return false;
    }

    /**
     * A person's task query: Camunda joins {@code ACT_RU_AUTHORIZATION} on each task's id (the rows per task), its
     * process's key and {@code *}. For a person with no grant on every task, the query instead asks for the tasks
     * that name them (assignee, owner, candidate user, a candidate group of theirs) or belong to a process they may
     * read the tasks of; the join is left out.
     */
    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      if (!check.isAuthorizationCheckEnabled() || check.getAuthUserId() == null
          || check.isRevokeAuthorizationCheckEnabled()) {
        return;
      }
      String userId = check.getAuthUserId();
      // the person's groups as they logged in: Camunda's query carries only those that hold some authorization row,
      // and a candidate group needs none
      var authentication = getCurrentAuthentication();
      List<String> groupIds = authentication == null || authentication.getGroupIds() == null ? List.of()
          : authentication.getGroupIds();
      Grants held = grantsOf(userId, groupIds);
      if (held.everyTask()) {
        return;
      }
      for (TaskQueryImpl one : query.getQueries()) {
        if (one instanceof NamedTasks) {
          check.setAuthorizationCheckEnabled(false);
          return;
        }
      }
      NamedTasks named = new NamedTasks();
      named.taskInvolvedUser(userId);
      if (!groupIds.isEmpty()) {
        named.taskCandidateGroupIn(groupIds);
        named.includeAssignedTasks();
      }
      if (!held.readTaskKeys().isEmpty()) {
        named.processDefinitionKeyIn(held.readTaskKeys().toArray(String[]::new));
      }
      query.addOrQuery(named);
      check.setAuthorizationCheckEnabled(false);
    }

    private Grants grantsOf(String userId, List<String> groupIds) {
      String key = userId + "|" + String.join(",", new TreeSet<>(groupIds));
      long now = System.nanoTime();
      long current = shared.generation.get();
      Grants known = shared.grants.get(key);
      if (known != null && known.generation() == current && known.expires() - now > 0) {
        return known;
      }
      boolean everyTask = super.isAuthorized(userId, groupIds, READ, Resources.TASK, Authorization.ANY)
          || super.isAuthorized(userId, groupIds, ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION,
              Authorization.ANY);
      Set<String> keys = new TreeSet<>();
      if (!everyTask) {
        CommandContext ctx = Context.getCommandContext();
        List<ProcessDefinition> latest = ctx.runWithoutAuthorization(
            () -> {
              ProcessDefinitionQueryImpl query = new ProcessDefinitionQueryImpl();
              query.latestVersion();
              return query.executeList(ctx, new Page(0, 10_000));
            });
        for (ProcessDefinition definition : latest) {
          if (!keys.contains(definition.getKey()) && super.isAuthorized(userId, groupIds,
              ProcessDefinitionPermissions.READ_TASK, Resources.PROCESS_DEFINITION, definition.getKey())) {
            keys.add(definition.getKey());
          }
        }
      }
      Grants fresh = new Grants(now + shared.grantsTtlNanos, current, everyTask, Set.copyOf(keys));
      if (shared.grantsTtlNanos > 0) {
        shared.grants.put(key, fresh);
      }
      return fresh;
    }
  }

  /** The condition a person's task query gains: an or-query Camunda adds to its where clause. */
  static final class NamedTasks extends TaskQueryImpl {
    NamedTasks() {
      this.isOrQueryActive = true;
    }
  }
}
