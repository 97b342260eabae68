package com.peakcare.review;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_ASSIGN;

import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * At start-up: supervisors (the departments' leads) start review cycles from Tasklist, take and hand over the
 * meeting's and the serious reviews' tasks (the task policies decide to whom) and read the variables their Tasklist
 * filter shows; auditors read the history. Who may open Cockpit, where the meeting page is, stays Camunda's
 * application grant {@code cockpit} (supervisors and auditors, identity.IdentityBootstrap).
 */
@Component
class ReviewAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, ReviewCycleProcess.KEY, READ, CREATE_INSTANCE,
        TASK_ASSIGN, READ_INSTANCE, READ_HISTORY);
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_INSTANCE, AccessRules.ANY, CREATE);
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, SeriousReviewProcess.KEY, READ, TASK_ASSIGN,
        READ_INSTANCE, READ_HISTORY);
    for (String key : new String[] {ReviewCycleProcess.KEY, SeriousReviewProcess.KEY}) {
      access.grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, key, READ, READ_HISTORY);
    }
  }
}
