package com.peakcare.bench;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;

/**
 * Plain Camunda beside PeakCare (issue 23 item 7): a stock process engine in the same JVM (same heap, same cores),
 * on a database of its own on the same PostgreSQL server, with history full (as PeakCare) and authorization off,
 * none of PeakCare's plugins, the same bare one-user-task process. What PeakCare's bare start costs against it is the
 * platform's own cost standing beside PeakCare's.
 */
final class PlainCamunda implements AutoCloseable {

  private final BenchDatabase db;
  private final ProcessEngine engine;

  PlainCamunda() throws Exception {
    this.db = BenchDatabase.create();
    ProcessEngineConfiguration config = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
        .setProcessEngineName("plain-camunda-bench")
        .setJdbcDriver("org.postgresql.Driver")
        .setJdbcUrl(db.url())
        .setJdbcUsername(BenchDatabase.USER)
        .setJdbcPassword("")
        .setJdbcMaxActiveConnections(20) // PeakCare's pool size
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setAuthorizationEnabled(false)
        .setJobExecutorActivate(false);
    this.engine = config.buildProcessEngine();
    engine.getRepositoryService().createDeployment().addClasspathResource("processes/" + PeakCareBench.BARE + ".bpmn")
        .deploy();
  }

  ProcessEngine engine() {
    return engine;
  }

  BenchDatabase database() {
    return db;
  }

  @Override
  public void close() {
    engine.close();
    db.close();
  }
}
