package com.peakcare.complaint;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_ASSIGN;

import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Who may do what with complaints in the webapps and the engine API: after-sales staff open complaints from Tasklist
 * (the start door checks the rest); after-sales staff and supervisors read the complaints' instances and take part in
 * their tasks (the task policy decides who may take which). Auditors read.
 */
@Component
class ComplaintAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    access.grant(Groups.AFTER_SALES, Resources.PROCESS_DEFINITION, ComplaintProcess.KEY, READ, CREATE_INSTANCE);
    access.grant(Groups.AFTER_SALES, Resources.PROCESS_INSTANCE, AccessRules.ANY, CREATE);
    for (String group : new String[] {Groups.AFTER_SALES, Groups.SUPERVISORS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, ComplaintProcess.KEY, READ, TASK_ASSIGN, READ_INSTANCE);
    }
    access.grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, ComplaintProcess.KEY, READ);
  }
}
