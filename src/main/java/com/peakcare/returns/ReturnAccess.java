package com.peakcare.returns;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.TaskPermissions.TASK_ASSIGN;
import static org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK;

import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Who may do what with return cases in the webapps and the engine API: after-sales staff open cases from Tasklist;
 * supervisors see every task (what each may do with one is ReturnTaskPolicy's: after-sales supervisors re-assign).
 * Agents and the warehouse get their own tasks through Camunda's assignee and candidate-group grants.
 */
@Component
class ReturnAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    // after-sales staff open cases from Tasklist (issue 20: leads of other departments do not)
    access.grant(Groups.AFTER_SALES, Resources.PROCESS_DEFINITION, ReturnCaseProcess.KEY, READ, CREATE_INSTANCE);
    access.grant(Groups.AFTER_SALES, Resources.PROCESS_INSTANCE, AccessRules.ANY, CREATE);
    access.revoke(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, ReturnCaseProcess.KEY, CREATE_INSTANCE);
    // supervisors see every task and hand any over; who may take which task is the task policy's rule
    access.grant(Groups.SUPERVISORS, Resources.TASK, AccessRules.ANY, READ, TASK_ASSIGN, TASK_WORK);
    // the people who work a case's tasks may unclaim and hand them over (ReturnTaskPolicy decides to whom)
    // ... and read the cases' process instances and routing variables (Tasklist's task views, the diagram tab): the
    // same cases GET /api/returns shows them
    for (String group : new String[] {Groups.AFTER_SALES, Groups.WAREHOUSE, Groups.SUPERVISORS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, ReturnCaseProcess.KEY, READ,
          org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_ASSIGN,
          org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE);
    }
    // supervisors see refund care in Cockpit (its late-refund task is theirs)
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, RefundCareProcess.KEY,
        READ, READ_INSTANCE, READ_HISTORY);
  }
}
