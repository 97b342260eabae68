package com.peakcare.briefing;

import com.peakcare.campaign.CampaignFacts;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.identity.StaffProfile;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who the briefing involves, from the records (never from a variable): the campaign's setter and their department
 * colleagues (the campaign's ops), every member of after-sales (the agents), and the after-sales supervisors who follow
 * up when agents are not ready. Used by the BPMN ({@code ${briefingPeople.setterOf(execution)}}) and the policy.
 */
@Component("briefingPeople")
public class BriefingPeople {

  private final StaffDirectory staff;
  private final CampaignFacts campaigns;

  BriefingPeople(StaffDirectory staff, CampaignFacts campaigns) {
    this.staff = staff;
    this.campaigns = campaigns;
  }

  /** The setter of the campaign an execution briefs (BPMN: the notes and answer tasks' assignee). */
  public String setterOf(DelegateExecution execution) {
    return setterOf(execution.getProcessBusinessKey());
  }

  String setterOf(String code) {
    return campaigns.find(code).orElseThrow(() -> new IllegalStateException("no campaign " + code)).setter();
  }

  /**
   * The supervisors of after-sales (by department: StaffDirectory#isSupervisorOf, issue 20); all supervisors when
   * after-sales has none (BPMN: candidates).
   */
  public List<String> afterSalesSupervisors() {
    List<String> ofAfterSales = staff.supervisorsOf(StaffDirectory.AFTER_SALES);
    return ofAfterSales.isEmpty() ? staff.membersOf(Groups.SUPERVISORS) : ofAfterSales;
  }

  /** Everyone who answers customers: the members of after-sales. */
  List<String> agents() {
    return staff.membersOf(Groups.AFTER_SALES);
  }

  /** The setter, or a member of the setter's department (the campaign's ops). */
  boolean isCampaignOps(String user, String setter) {
    if (user.equals(setter)) {
      return true;
    }
    Optional<StaffProfile> profile = staff.find(setter);
    return profile.isPresent() && profile.get().department() != null
        && staff.isMember(user, profile.get().department());
  }

  boolean isMember(String user, String group) {
    return staff.isMember(user, group);
  }

  String nameOf(String user) {
    return staff.find(user).map(StaffProfile::name).orElse(user);
  }
}
