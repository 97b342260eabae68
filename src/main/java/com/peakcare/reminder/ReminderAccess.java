package com.peakcare.reminder;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;

import com.peakcare.engine.gate.Actor;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.engine.gate.StartDoor;
import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import java.util.Map;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * At start-up: after-sales agents see the call process (they claim and complete its tasks as candidates: the task
 * policy decides), supervisors and auditors read its history. Nobody starts a call by hand, through Tasklist or
 * {@code /engine-rest}: PeakCare starts it when the plan's call step is due and checked (not paid, not in the
 * hold-out).
 */
@Configuration(proxyBeanMethods = false)
class ReminderAccess {

  @Bean
  FeatureGrants reminderGrants() {
    return (AccessRules access) -> {
      access.grant(Groups.AFTER_SALES, Resources.PROCESS_DEFINITION, PaymentReminderCallProcess.KEY, READ,
          READ_INSTANCE, READ_HISTORY);
      // a call carries a buyer's name, phone and order: the supervisors of other departments (UX, warehouse, QC,
      // ops) do not read it, although Cockpit lets every supervisor read other processes' instances (the base grant
      // on every definition); after-sales supervisors read it as after-sales members
      access.revoke(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, PaymentReminderCallProcess.KEY, READ_INSTANCE,
          READ_HISTORY);
      access.deny(Groups.SUPERVISORS, Resources.PROCESS_DEFINITION, PaymentReminderCallProcess.KEY, READ_INSTANCE,
          READ_HISTORY);
      access.grant(Groups.AUDITORS, Resources.PROCESS_DEFINITION, PaymentReminderCallProcess.KEY, READ, READ_HISTORY);
    };
  }

  @Bean
  StartDoor reminderCallStartDoor() {
    return new StartDoor() {
      @Override
      public String processKey() {
        return PaymentReminderCallProcess.KEY;
      }

      @Override
      public ProcessInstanceWithVariables start(Map<String, Object> values, String businessKey, Actor actor) {
        throw Refusal.forbidden("催付电话由 PeakCare 按计划发起，不能手动发起 · A payment reminder call is started by "
            + "PeakCare when the plan's step is due; it cannot be started by hand");
      }
    };
  }
}
