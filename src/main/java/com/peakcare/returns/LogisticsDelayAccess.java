package com.peakcare.returns;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.RETRY_JOB;

import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * Supervisors operate logistics-delay broadcasts in Cockpit: they see a batch that ran out of retries as an incident
 * and retry it once the cause is fixed (RETRY_JOB on the definition: issue 20 took away UPDATE_INSTANCE, which also suspends and
 * re-times every instance, and revokes it where an earlier start-up granted it).
 */
@Component
class LogisticsDelayAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, LogisticsDelayBroadcastProcess.KEY,
        READ, READ_INSTANCE, READ_HISTORY, RETRY_JOB);
    access.revoke(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, LogisticsDelayBroadcastProcess.KEY, UPDATE_INSTANCE);
  }
}
