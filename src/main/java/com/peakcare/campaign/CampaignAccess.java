package com.peakcare.campaign;

import static org.camunda.bpm.engine.authorization.Permissions.CREATE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.CREATE_INSTANCE;

import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/** At start-up: ops may start campaign checks from Tasklist; auditors may read their history. */
@Component
class CampaignAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    access.grant(Groups.OPS, Resources.PROCESS_DEFINITION, CampaignCheckProcess.KEY, READ, CREATE_INSTANCE);
    access.grant(Groups.OPS, Resources.PROCESS_INSTANCE, AccessRules.ANY, CREATE);
    access.grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, CampaignCheckProcess.KEY, READ, READ_HISTORY);
    // checkers may unclaim and hand over their checks; CampaignTaskPolicy decides to whom (four-eyes)
    for (String group : new String[] {Groups.OPS, Groups.UX, Groups.SUPERVISORS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, CampaignCheckProcess.KEY, READ,
          org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_ASSIGN);
    }
    // everyone who checks reads the checks' variables the Campaign checks filter shows (campaign, setter, go-live)
    access.grant(Groups.ALL_STAFF, Resources.PROCESS_DEFINITION, CampaignCheckProcess.KEY, READ,
        org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE);
  }
}
