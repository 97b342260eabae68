package com.peakcare.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.support.Eventually;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 23 (lean-complete): the two questions Camunda asks {@code ACT_RU_AUTHORIZATION} at the start of every command
 * run as a person, "which of these groups hold any authorization" and "does a revoke concern this person", are
 * answered from memory for the groups cache's interval ({@code TaskAuthorizations}), like the person's grants: a row
 * changed behind the engine's back (another node, SQL) is seen within the interval, one written through the engine on
 * this node at once.
 */
@PeakCareTest
class AuthorizationLookupsTest {

  private static final String GROUP = "zz-lookup-group";
  private static final String OTHER = "zz-lookup-other";
  private static final String USER = "zz-lookup-user";

  @Autowired ProcessEngine engine;
  @Autowired TaskAuthorizations authorizations;
  @Autowired JdbcTemplate jdbc;
  private Duration interval;

  @BeforeEach
  void remember() {
    interval = authorizations.interval();
    cleanUp();
  }

  @AfterEach
  void restore() {
    authorizations.interval(interval);
    cleanUp();
  }

  @Test
  void theLookupsAreReadOncePerIntervalAndAWriteThroughTheEngineIsSeenAtOnce() {
    authorizations.interval(Duration.ofHours(1));
    assertThat(groupsWithRows(GROUP)).as("no row names the group yet").isEmpty();
    assertThat(revokeConcerns(USER, GROUP)).as("no revoke names the group yet").isFalse();

    // behind the engine's back (another node, SQL): not read again within the interval
    insertBehindTheEnginesBack("zz-lookup-1", Authorization.AUTH_TYPE_GRANT, GROUP);
    insertBehindTheEnginesBack("zz-lookup-2", Authorization.AUTH_TYPE_REVOKE, GROUP);
    assertThat(groupsWithRows(GROUP)).as("remembered: the grant is not read again").isEmpty();
    assertThat(revokeConcerns(USER, GROUP)).as("remembered: the revoke is not read again").isFalse();

    // a task or process instance that ends deletes its rows by resource id: no reason to read everything again (it
    // happens on every completion)
    config().getCommandExecutorTxRequired().execute((Command<Void>) ctx -> {
      ctx.getAuthorizationManager().deleteAuthorizationsByResourceId(Resources.TASK, "zz-lookup-task");
      ctx.getAuthorizationManager().deleteAuthorizationsByResourceId(Resources.PROCESS_INSTANCE, "zz-lookup-instance");
      return null;
    });
    assertThat(groupsWithRows(GROUP)).as("still remembered after a task's rows went").isEmpty();
    assertThat(revokeConcerns(USER, GROUP)).as("still remembered after a task's rows went").isFalse();

    // any authorization written through the engine on this node: everything is read again at once
    AuthorizationService service = engine.getAuthorizationService();
    Authorization grant = service.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(OTHER);
    grant.setResource(Resources.PROCESS_DEFINITION);
    grant.setResourceId("zz-lookup-process");
    grant.addPermission(Permissions.READ);
    service.saveAuthorization(grant);
    assertThat(groupsWithRows(GROUP, OTHER)).containsExactlyInAnyOrder(GROUP, OTHER);
    assertThat(revokeConcerns(USER, GROUP)).as("the revoke, after a write through the engine").isTrue();

    // and a deletion through the engine as well
    service.deleteAuthorization(grant.getId());
    assertThat(groupsWithRows(GROUP, OTHER)).containsExactly(GROUP);
  }

  @Test
  void aRowChangedBehindTheEnginesBackIsSeenWithinTheInterval() {
    authorizations.interval(Duration.ofSeconds(1));
    assertThat(groupsWithRows(GROUP)).isEmpty();
    assertThat(revokeConcerns(USER, GROUP)).isFalse();
    insertBehindTheEnginesBack("zz-lookup-3", Authorization.AUTH_TYPE_REVOKE, GROUP);
    assertThat(Eventually.within(Duration.ofSeconds(3), () -> groupsWithRows(GROUP).contains(GROUP))).as("the group's row, seen within 3 s").isTrue();
    assertThat(Eventually.within(Duration.ofSeconds(3), () -> revokeConcerns(USER, GROUP))).as("the revoke, seen within 3 s").isTrue();
  }

  private List<String> groupsWithRows(String... groups) {
    return config().getCommandExecutorTxRequired().execute(
        (Command<List<String>>) ctx -> ctx.getAuthorizationManager().filterAuthenticatedGroupIds(List.of(groups)));
  }

  private boolean revokeConcerns(String user, String group) {
    return config().getCommandExecutorTxRequired().execute((Command<Boolean>) ctx -> {
      assertThat(ctx.getAuthorizationManager()).isInstanceOf(TaskAuthorizations.Manager.class);
      return ((TaskAuthorizations.Manager) ctx.getAuthorizationManager()).isRevokeAuthCheckEnabled(user, List.of(group));
    });
  }

  private void insertBehindTheEnginesBack(String id, int type, String group) {
    jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, GROUP_ID_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_,"
        + " PERMS_) values (?, 1, ?, ?, null, ?, 'zz-lookup-process', ?)", id, type, group,
        Resources.PROCESS_DEFINITION.resourceType(), type == Authorization.AUTH_TYPE_REVOKE ? -3 : 2);
  }

  private void cleanUp() {
    jdbc.update("delete from ACT_RU_AUTHORIZATION where GROUP_ID_ in (?, ?)", GROUP, OTHER);
    // what was remembered about the rows just deleted is forgotten: the next test starts from the database
    authorizations.forget();
  }

  private ProcessEngineConfigurationImpl config() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }
}
