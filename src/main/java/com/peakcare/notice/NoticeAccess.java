package com.peakcare.notice;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.UPDATE_INSTANCE;

import com.peakcare.cluster.StartupLock;
import com.peakcare.identity.AccessRules;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Supervisors are the operators of notice delivery: they see its incidents in Cockpit and retry them once the
 * gateway is back (retrying a failed job needs UPDATE_INSTANCE on the definition), and see refund care.
 */
@Component
class NoticeAccess implements SmartInitializingSingleton {

  private final AccessRules access;
  private final StartupLock startupLock;

  NoticeAccess(AccessRules access, StartupLock startupLock) {
    this.access = access;
    this.startupLock = startupLock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    // nodes starting together take turns (see StartupLock)
    startupLock.run(this::grant);
  }

  private void grant() {
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, NoticeDeliveryProcess.KEY,
        READ, READ_INSTANCE, READ_HISTORY, UPDATE_INSTANCE);
    access.grant(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, RefundCareProcess.KEY,
        READ, READ_INSTANCE, READ_HISTORY);
  }
}
