package com.peakcare.campaign;

import com.peakcare.audit.SignOff;
import com.peakcare.audit.SignOffLedger;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.identity.StaffProfile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who may check what: the setter's department colleagues for the peer check (never the setter), everyone in
 * {@code all-staff} but the version's three checkers for the all-hands check, and who checked a version.
 * Used by the BPMN ({@code ${campaignCheckers.peerCandidatesOf(execution)}}) and by the task policy.
 */
@Component("campaignCheckers")
public class CampaignCheckers {

  private final StaffDirectory staff;
  private final SignOffLedger signOffs;
  private final CampaignService campaigns;

  CampaignCheckers(StaffDirectory staff, SignOffLedger signOffs, CampaignService campaigns) {
    this.staff = staff;
    this.signOffs = signOffs;
    this.campaigns = campaigns;
  }

  /** The setter of the campaign an execution runs, from the campaign's record (BPMN: the set-up's assignee). */
  public String setterOf(DelegateExecution execution) {
    return campaigns.require(execution.getProcessBusinessKey()).setter();
  }

  /** The peer check's candidates for the campaign an execution runs, from its record (BPMN: candidate users). */
  public List<String> peerCandidatesOf(DelegateExecution execution) {
    return peerCandidates(setterOf(execution));
  }

  /** Members of the setter's department group, the setter excluded. */
  public List<String> peerCandidates(String setter) {
    Optional<StaffProfile> profile = staff.find(setter);
    if (profile.isEmpty() || profile.get().department() == null) {
      return List.of();
    }
    return staff.membersOf(profile.get().department()).stream().filter(u -> !u.equals(setter)).toList();
  }

  /** Everyone in all-staff except the setter and the peer and UX checkers of the given version. */
  List<String> allHandsParticipants(String campaign, String setter, String versionHash) {
    Set<String> excluded = new LinkedHashSet<>();
    excluded.add(setter);
    checker(campaign, Stage.PEER_CHECK, versionHash).ifPresent(excluded::add);
    checker(campaign, Stage.UX_CHECK, versionHash).ifPresent(excluded::add);
    return staff.membersOf(Groups.ALL_STAFF).stream().filter(u -> !excluded.contains(u)).toList();
  }

  /** Who signed the given stage of that version clean (no errors): the checker who let it through. */
  Optional<String> checker(String campaign, Stage stage, String versionHash) {
    return signOffs.latest(campaign, stage.name(), versionHash).filter(s -> s.errorCount() == 0).map(SignOff::signerId);
  }

  /** The three people answerable for a version: setter, peer checker, UX checker (those who signed it). */
  List<String> answerable(String campaign, String setter, String versionHash) {
    List<String> people = new ArrayList<>();
    people.add(setter);
    checker(campaign, Stage.PEER_CHECK, versionHash).ifPresent(people::add);
    checker(campaign, Stage.UX_CHECK, versionHash).ifPresent(people::add);
    return people;
  }

  String nameOf(String userId) {
    return staff.find(userId).map(StaffProfile::name).orElse(userId);
  }

  Optional<String> superiorOf(String userId) {
    return staff.find(userId).map(StaffProfile::superior);
  }

  boolean isMember(String userId, String group) {
    return staff.isMember(userId, group);
  }
}
