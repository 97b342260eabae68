package com.peakcare.briefing;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_ASSIGN;

import com.peakcare.identity.AccessRules;
import com.peakcare.identity.FeatureGrants;
import com.peakcare.identity.Groups;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.stereotype.Component;

/**
 * At start-up: ops hand the notes and answers over to a colleague and supervisors take the readiness follow-up
 * (BriefingTaskPolicy decides to whom); supervisors and auditors read the briefings' history. Agents get their own
 * quizzes through Camunda's assignee grant; supervisors already see every task.
 */
@Component
class BriefingAccess implements FeatureGrants {

  @Override
  public void grant(AccessRules access) {
    for (String group : new String[] {Groups.OPS, Groups.SUPERVISORS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, CampaignBriefingProcess.KEY, READ, TASK_ASSIGN);
    }
    for (String group : new String[] {Groups.SUPERVISORS, Groups.AUDITORS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, CampaignBriefingProcess.KEY, READ, READ_HISTORY);
    }
  }
}
