package com.peakcare.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CachePurgeReport;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionManager;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Issue 23: the process and decision definitions and the job definitions a command needs come from memory, re-read
 * from the database at most every {@code peakcare.engine.definition-recheck} (default 5 s) each.
 *
 * <p>Camunda keeps every deployed definition parsed in its deployment cache, yet asks the database on every command
 * that touches one: {@code findDeployedProcessDefinitionById} selects the {@code ACT_RE_PROCDEF} row (to learn whether
 * it was suspended or deleted meanwhile, on any node), a start by key selects the latest version by key, a decision
 * by key likewise ({@code ACT_RE_DECISION_DEF}), and every job created (an async step, a timer) selects its job
 * definition ({@code ACT_RU_JOBDEF}) for its suspension state. The benchmark counted about 12 reads of
 * {@code ACT_RE_PROCDEF} and 5 of {@code ACT_RU_JOBDEF} per task completion: each a round trip, a parse and a result
 * mapping on the JVM, which is the bound. Here each definition is checked against its row at most once per recheck
 * interval per node, so that:
 * <ul>
 *   <li>a new version deployed on this node is started at once (a deployment forgets what "latest" meant); one
 *       deployed on another node is started here within the interval;</li>
 *   <li>a definition suspended, or a job definition suspended or re-prioritised, in Cockpit takes effect within the
 *       interval (it did at once before);</li>
 *   <li>a deleted deployment is gone at once on this node (Camunda removes it from the cache) and within the
 *       interval elsewhere.</li>
 * </ul>
 * A job definition a command changes (its priority) is served to that command as a snapshot registered in the
 * command's entity cache, so the change is flushed as an update with optimistic locking, as if it had been read.
 * {@code peakcare.engine.definitions-from-cache=false} restores Camunda's behaviour (the benchmark's before/after).
 */
@Component
@ConditionalOnProperty(name = "peakcare.engine.definitions-from-cache", havingValue = "true", matchIfMissing = true)
class DefinitionsFromCache extends AbstractProcessEnginePlugin {

  /** Camunda's default capacity of each definition cache (PeakCare does not change it). */
  static final int CACHE_CAPACITY = 1000;

  private final long recheckNanos;

  DefinitionsFromCache(@Value("${peakcare.engine.definition-recheck:PT5S}") Duration recheck) {
    this.recheckNanos = recheck.toNanos();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = new ArrayList<>();
    if (configuration.getCustomSessionFactories() != null) {
      factories.addAll(configuration.getCustomSessionFactories());
    }
    factories.add(new JobDefinitions(recheckNanos));
    configuration.setCustomSessionFactories(factories);
    if (configuration.getHistoryEventProducer() == null) {
      configuration.setHistoryEventProducer(new HistoryFromCachedDefinitions());
    }
  }

  /**
   * Camunda's history producer, whose events name their process definition (id, key, version, name) from the
   * deployment cache instead of selecting the {@code ACT_RE_PROCDEF} row once per command that writes a task, an
   * identity link, a job log or an operation log entry. A definition the cache does not know (deleted) falls back to
   * Camunda's select, which then finds nothing, as before.
   */
  static final class HistoryFromCachedDefinitions
      extends org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer {
    @Override
    protected ProcessDefinitionEntity getProcessDefinitionEntity(String processDefinitionId) {
      var config = org.camunda.bpm.engine.impl.context.Context.getProcessEngineConfiguration();
      if (processDefinitionId != null && config != null) {
        try {
          return config.getDeploymentCache().findDeployedProcessDefinitionById(processDefinitionId);
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
          // not deployed (any more): Camunda's own lookup
        }
      }
      return super.getProcessDefinitionEntity(processDefinitionId);
    }
  }

  /** After init: Camunda gives its deployers only to a cache it creates itself (initDeployers). */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    RecheckingDeploymentCache cache = new RecheckingDeploymentCache(recheckNanos);
    cache.setDeployers(configuration.getDeployers());
    configuration.setDeploymentCache(cache);
  }

  /** When an id was last compared with its row, and (for "latest by key") which id it was. */
  private record Checked(String id, long at) {
    boolean fresh(long recheckNanos) {
      return System.nanoTime() - at < recheckNanos;
    }
  }

  /** Camunda's deployment cache, answering from memory what it re-read within the interval. */
  static final class RecheckingDeploymentCache extends DeploymentCache {

    private final long recheckNanos;
    private final Map<String, Checked> processById = new ConcurrentHashMap<>();
    private final Map<String, Checked> latestProcess = new ConcurrentHashMap<>();
    private final Map<String, Checked> decisionById = new ConcurrentHashMap<>();
    private final Map<String, Checked> latestDecision = new ConcurrentHashMap<>();

    RecheckingDeploymentCache(long recheckNanos) {
      super(new DefaultCacheFactory(), CACHE_CAPACITY);
      this.recheckNanos = recheckNanos;
    }

    @Override
    public ProcessDefinitionEntity findDeployedProcessDefinitionById(String id) {
      Checked checked = id == null ? null : processById.get(id);
      if (checked != null && checked.fresh(recheckNanos)) {
        ProcessDefinitionEntity cached = findProcessDefinitionFromCache(id);
        if (cached != null) {
          return cached;
        }
      }
      long before = System.nanoTime();
      ProcessDefinitionEntity definition = super.findDeployedProcessDefinitionById(id);
      processById.put(id, new Checked(id, before));
      return definition;
    }

    @Override
    public ProcessDefinitionEntity findDeployedLatestProcessDefinitionByKey(String key) {
      Checked checked = key == null ? null : latestProcess.get(key);
      if (checked != null && checked.fresh(recheckNanos)) {
        ProcessDefinitionEntity cached = findProcessDefinitionFromCache(checked.id());
        if (cached != null) {
          return cached;
        }
      }
      long before = System.nanoTime();
      ProcessDefinitionEntity definition = super.findDeployedLatestProcessDefinitionByKey(key);
      latestProcess.put(key, new Checked(definition.getId(), before));
      processById.put(definition.getId(), new Checked(definition.getId(), before));
      return definition;
    }

    @Override
    public DecisionDefinitionEntity findDeployedDecisionDefinitionById(String id) {
      Checked checked = id == null ? null : decisionById.get(id);
      if (checked != null && checked.fresh(recheckNanos)) {
        DecisionDefinitionEntity cached = findDecisionDefinitionFromCache(id);
        if (cached != null) {
          return cached;
        }
      }
      long before = System.nanoTime();
      DecisionDefinitionEntity definition = super.findDeployedDecisionDefinitionById(id);
      decisionById.put(id, new Checked(id, before));
      return definition;
    }

    @Override
    public DecisionDefinition findDeployedLatestDecisionDefinitionByKey(String key) {
      Checked checked = key == null ? null : latestDecision.get(key);
      if (checked != null && checked.fresh(recheckNanos)) {
        DecisionDefinitionEntity cached = findDecisionDefinitionFromCache(checked.id());
        if (cached != null) {
          return cached;
        }
      }
      long before = System.nanoTime();
      DecisionDefinition definition = super.findDeployedLatestDecisionDefinitionByKey(key);
      latestDecision.put(key, new Checked(definition.getId(), before));
      decisionById.put(definition.getId(), new Checked(definition.getId(), before));
      return definition;
    }

    /** A deployment on this node: "latest" is asked again (its new versions start at once). */
    @Override
    public void deploy(DeploymentEntity deployment) {
      latestProcess.clear();
      latestDecision.clear();
      super.deploy(deployment);
    }

    @Override
    public void removeProcessDefinition(String id) {
      forget(id);
      super.removeProcessDefinition(id);
    }

    @Override
    public void removeDecisionDefinition(String id) {
      forget(id);
      super.removeDecisionDefinition(id);
    }

    @Override
    public void discardProcessDefinitionCache() {
      processById.clear();
      latestProcess.clear();
      super.discardProcessDefinitionCache();
    }

    @Override
    public void discardDecisionDefinitionCache() {
      decisionById.clear();
      latestDecision.clear();
      super.discardDecisionDefinitionCache();
    }

    @Override
    public CachePurgeReport purgeCache() {
      processById.clear();
      latestProcess.clear();
      decisionById.clear();
      latestDecision.clear();
      return super.purgeCache();
    }

    private void forget(String id) {
      processById.remove(id);
      decisionById.remove(id);
      latestProcess.values().removeIf(c -> c.id().equals(id));
      latestDecision.values().removeIf(c -> c.id().equals(id));
    }
  }

  /** The job definitions every new job reads, as snapshots taken within the interval. */
  static final class JobDefinitions implements SessionFactory {

    private final long recheckNanos;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    JobDefinitions(long recheckNanos) {
      this.recheckNanos = recheckNanos;
    }

    @Override
    public Class<?> getSessionType() {
      return JobDefinitionManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager(this);
    }

    /** Camunda's manager, whose lookup by id answers from a fresh snapshot. */
    static final class Manager extends JobDefinitionManager {
      private final JobDefinitions shared;

      Manager(JobDefinitions shared) {
        this.shared = shared;
      }

      @Override
      public JobDefinitionEntity findById(String id) {
        DbEntityManager db = getDbEntityManager();
        JobDefinitionEntity inCommand = id == null ? null : db.getCachedEntity(JobDefinitionEntity.class, id);
        if (inCommand != null) {
          return inCommand;
        }
        Snapshot snapshot = id == null ? null : shared.snapshots.get(id);
        if (snapshot != null && System.nanoTime() - snapshot.at() < shared.recheckNanos) {
          JobDefinitionEntity copy = snapshot.entity();
          db.getDbEntityCache().putPersistent(copy); // as if selected: a change is flushed with its revision
          return copy;
        }
        long before = System.nanoTime();
        JobDefinitionEntity read = super.findById(id);
        if (read != null) {
          shared.snapshots.put(id, Snapshot.of(read, before));
        } else if (id != null) {
          shared.snapshots.remove(id);
        }
        return read;
      }
    }

    /** A job definition's row as read at {@code at}. */
    record Snapshot(String id, int revision, String processDefinitionId, String processDefinitionKey,
        String activityId, String jobType, String jobConfiguration, int suspensionState, Long priority,
        String tenantId, String deploymentId, long at) {

      static Snapshot of(JobDefinitionEntity e, long at) {
        return new Snapshot(e.getId(), e.getRevision(), e.getProcessDefinitionId(), e.getProcessDefinitionKey(),
            e.getActivityId(), e.getJobType(), e.getJobConfiguration(), e.getSuspensionState(),
            e.getOverridingJobPriority(), e.getTenantId(), e.getDeploymentId(), at);
      }

      JobDefinitionEntity entity() {
        JobDefinitionEntity e = new JobDefinitionEntity();
        e.setId(id);
        e.setRevision(revision);
        e.setProcessDefinitionId(processDefinitionId);
        e.setProcessDefinitionKey(processDefinitionKey);
        e.setActivityId(activityId);
        e.setJobType(jobType);
        e.setJobConfiguration(jobConfiguration);
        e.setSuspensionState(suspensionState);
        e.setJobPriority(priority);
        e.setTenantId(tenantId);
        e.setDeploymentId(deploymentId);
        return e;
      }
    }
  }
}
