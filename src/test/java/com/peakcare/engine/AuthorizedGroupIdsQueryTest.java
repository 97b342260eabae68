package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Camunda's "which groups have authorizations" lookup, answered from the index: the same set as Camunda's own. */
@PeakCareTest
class AuthorizedGroupIdsQueryTest {

  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theEngineRunsPeakCaresStatementAndGetsExactlyTheGroupsCamundasStatementFinds() {
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getDbSqlSessionFactory().mapStatement(AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT))
        .isEqualTo(AuthorizedGroupIdsQuery.PEAKCARE_STATEMENT);

    // a group whose only authorization is on one task, as a candidate group's is
    String task = "peakcare-test-task-" + System.nanoTime();
    engine.getAuthorizationService().saveAuthorization(taskGrant("zz-only-on-one-task", task));

    Command<List<String>> lookup = ctx -> ctx.getDbEntityManager().selectList(AuthorizedGroupIdsQuery.CAMUNDA_STATEMENT);
    Set<String> viaEngine = new HashSet<>(config.getCommandExecutorTxRequired().execute(lookup));
    Set<String> camundas = new HashSet<>(jdbc.queryForList(
        "select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION where GROUP_ID_ is not null", String.class));

    assertThat(camundas).contains("zz-only-on-one-task", "after-sales", "ops");
    assertThat(viaEngine).isEqualTo(camundas);
  }

  private org.camunda.bpm.engine.authorization.Authorization taskGrant(String group, String taskId) {
    var grant = engine.getAuthorizationService().createNewAuthorization(
        org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(org.camunda.bpm.engine.authorization.Resources.TASK);
    grant.setResourceId(taskId);
    grant.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
    return grant;
  }
}
