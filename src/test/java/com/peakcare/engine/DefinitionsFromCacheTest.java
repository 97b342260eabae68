package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.support.Eventually;
import java.time.Duration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 23: a command finds the deployed definitions and job definitions in memory (no select of ACT_RE_PROCDEF or
 * ACT_RU_JOBDEF each time), a version deployed on this node is the latest at once, and a change made in Cockpit (a
 * suspension) still takes effect within the recheck interval (5 s). A definition read from the database lands in the
 * command's entity cache; one answered from memory does not: that is how these tests see a read.
 */
@PeakCareTest
class DefinitionsFromCacheTest {

  private static final String KEY = "zz-definitions-from-cache";

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  private final java.util.List<String> deployments = new java.util.ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true));
  }

  @Test
  void theEngineUsesTheRecheckingCacheAndTheJobDefinitionSnapshots() {
    assertThat(config().getDeploymentCache()).isInstanceOf(DefinitionsFromCache.RecheckingDeploymentCache.class);
    JobDefinitionEntity any = execute(ctx -> {
      assertThat(ctx.getJobDefinitionManager()).isInstanceOf(DefinitionsFromCache.JobDefinitions.Manager.class);
      return null;
    });
    assertThat(any).isNull();
  }

  @Test
  void aDefinitionCheckedWithinTheIntervalIsNotReadAgain() {
    String id = deploy("v1");
    execute(ctx -> config().getDeploymentCache().findDeployedProcessDefinitionById(id)); // read and checked

    boolean readAgain = execute(ctx -> {
      ProcessDefinitionEntity d = config().getDeploymentCache().findDeployedProcessDefinitionById(id);
      assertThat(d.getId()).isEqualTo(id);
      return ctx.getDbEntityManager().getCachedEntity(ProcessDefinitionEntity.class, id) != null;
    });
    assertThat(readAgain).as("ACT_RE_PROCDEF read again within the interval").isFalse();

    assertThat(latest()).isEqualTo(id); // read and checked
    boolean latestReadAgain = execute(ctx -> {
      config().getDeploymentCache().findDeployedLatestProcessDefinitionByKey(KEY);
      return ctx.getDbEntityManager().getCachedEntity(ProcessDefinitionEntity.class, id) != null;
    });
    assertThat(latestReadAgain).as("the latest version looked up by key within the interval").isFalse();
  }

  @Test
  void historyNamesTheDefinitionFromTheCache() {
    assertThat(config().getHistoryEventProducer()).isInstanceOf(DefinitionsFromCache.HistoryFromCachedDefinitions.class);
    String id = deploy("v1");
    assertThat(latest()).isEqualTo(id); // read and checked
    // a start that writes a task's history, its candidate group's identity link and the activity instances
    boolean read = execute(ctx -> {
      engine.getRuntimeService().startProcessInstanceByKey(KEY);
      return ctx.getDbEntityManager().getCachedEntity(ProcessDefinitionEntity.class, id) != null;
    });
    assertThat(read).as("ACT_RE_PROCDEF read by a start within the interval").isFalse();
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processDefinitionId(id).singleResult()
        .getProcessDefinitionKey()).isEqualTo(KEY);
  }

  @Test
  void aVersionDeployedOnThisNodeIsTheLatestAtOnce() {
    String v1 = deploy("v1");
    assertThat(latest()).isEqualTo(v1);
    String v2 = deploy("v2");
    assertThat(latest()).as("the new version, at once").isEqualTo(v2);
  }

  @Test
  void aSuspensionInCockpitTakesEffectWithinSeconds() {
    String id = deploy("v1");
    assertThat(suspended(id)).isFalse();
    engine.getRepositoryService().suspendProcessDefinitionById(id);
    assertThat(Eventually.within(Duration.ofSeconds(7), () -> suspended(id))).as("suspended, seen within 7 s").isTrue();
    engine.getRepositoryService().activateProcessDefinitionById(id);
    assertThat(Eventually.within(Duration.ofSeconds(7), () -> !suspended(id))).as("active again, seen within 7 s").isTrue();
  }

  @Test
  void aJobDefinitionComesFromItsSnapshotAndAChangeArrivesWithinSeconds() {
    deploy("v1");
    JobDefinition jobDefinition = engine.getManagementService().createJobDefinitionQuery().processDefinitionKey(KEY)
        .singleResult();
    String id = jobDefinition.getId();
    assertThat(jobSuspended(id)).isFalse(); // read, and remembered

    // changed behind the engine's back, as another node's Cockpit would: this node still answers from memory
    jdbc.update("update ACT_RU_JOBDEF set SUSPENSION_STATE_ = 2 where ID_ = ?", id);
    assertThat(jobSuspended(id)).as("answered from the snapshot, not read").isFalse();
    assertThat(Eventually.within(Duration.ofSeconds(7), () -> jobSuspended(id))).as("the suspension, seen within 7 s").isTrue();

    // a change made through the engine on a snapshot is flushed with its revision, as if it had been read
    engine.getManagementService().setOverridingJobPriorityForJobDefinition(id, 42);
    assertThat(engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(id).singleResult()
        .getOverridingJobPriority()).isEqualTo(42L);
  }

  private String latest() {
    return execute(ctx -> config().getDeploymentCache().findDeployedLatestProcessDefinitionByKey(KEY).getId());
  }

  private boolean suspended(String id) {
    return execute(ctx -> config().getDeploymentCache().findDeployedProcessDefinitionById(id).isSuspended());
  }

  private boolean jobSuspended(String id) {
    return execute(ctx -> ctx.getJobDefinitionManager().findById(id).isSuspended());
  }

  private String deploy(String version) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
        .camundaVersionTag(version).startEvent().userTask("Task_Work").camundaCandidateGroups("after-sales")
        .serviceTask("Task_Async").camundaAsyncBefore().camundaExpression("${true}").endEvent().done();
    Deployment d = engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn", model).deploy();
    deployments.add(d.getId());
    return engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(d.getId()).singleResult().getId();
  }

  private ProcessEngineConfigurationImpl config() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private <T> T execute(Command<T> command) {
    return config().getCommandExecutorTxRequired().execute(command);
  }
}
