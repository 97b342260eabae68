package com.peakcare.returns;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE;
import static org.camunda.bpm.engine.authorization.TaskPermissions.TASK_ASSIGN;

import com.peakcare.cluster.StartupLock;
import com.peakcare.identity.AccessRules;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Who may do what with return cases in the webapps and the engine API: after-sales and supervisors open cases from
 * Tasklist; supervisors see and re-assign every task (re-assignment is theirs). Agents and the warehouse get their
 * own tasks through Camunda's assignee and candidate-group grants.
 */
@Component
class ReturnAccess implements SmartInitializingSingleton {

  private final AccessRules access;
  private final StartupLock startupLock;

  ReturnAccess(AccessRules access, StartupLock startupLock) {
    this.access = access;
    this.startupLock = startupLock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    // nodes starting together take turns (see StartupLock)
    startupLock.run(this::grant);
  }

  private void grant() {
    for (String group : new String[] {Groups.AFTER_SALES, Groups.SUPERVISORS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, ReturnCaseProcess.KEY, READ, CREATE_INSTANCE);
      access.grant(group, Resources.PROCESS_INSTANCE, AccessRules.ANY, CREATE);
    }
    access.grant(Groups.SUPERVISORS, Resources.TASK, AccessRules.ANY, READ, UPDATE, TASK_ASSIGN);
  }
}
