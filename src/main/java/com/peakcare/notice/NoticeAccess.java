package com.peakcare.notice;

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
 * Supervisors are the operators of notice delivery: they see its incidents in Cockpit and retry them once the
 * gateway is back (RETRY_JOB on the definition: issue 20 took away UPDATE_INSTANCE, which also suspends and
 * re-times every instance, and revokes it where an earlier start-up granted it). Refund care is returns'
 * (ReturnAccess).
 */
@Component
class NoticeAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, NoticeDeliveryProcess.KEY,
        READ, READ_INSTANCE, READ_HISTORY, RETRY_JOB);
    access.revoke(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, NoticeDeliveryProcess.KEY, UPDATE_INSTANCE);
  }
}
