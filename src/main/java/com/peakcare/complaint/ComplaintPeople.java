package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.identity.StaffProfile;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Who works on a complaint, from its record and the staff directory (the model's {@code ${complaintPeople.…}}): the
 * handler now, the holder of each level of the ladder (the agent's superior, then the superior's superior), and
 * whether a closed complaint gets a survey.
 */
@Component("complaintPeople")
public class ComplaintPeople {

  /** The ladder's top level: the superior's superior. */
  static final int TOP_LEVEL = 2;

  private final ComplaintRepository repository;
  private final StaffDirectory staff;

  ComplaintPeople(ComplaintRepository repository, StaffDirectory staff) {
    this.repository = repository;
    this.staff = staff;
  }

  public String handlerOf(DelegateExecution execution) {
    return row(execution).handler();
  }

  public String levelHolder(DelegateExecution execution, int level) {
    return holder(row(execution), level);
  }

  /** No survey for a complaint nobody worked (issue 24 point 7). */
  public boolean surveyWanted(DelegateExecution execution) {
    return row(execution).worked();
  }

  /**
   * Who holds level {@code level} of this complaint's ladder: the agent's superior (1), the superior's superior (2),
   * as the staff directory says now; where the chain ends, the last one found.
   */
  String holder(Row row, int level) {
    String holder = row.agent();
    for (int i = 0; i < Math.min(level, TOP_LEVEL); i++) {
      String superior = staff.find(holder).map(StaffProfile::superior).orElse(null);
      if (superior == null || superior.isBlank() || !staff.exists(superior)) {
        break;
      }
      holder = superior;
    }
    return holder;
  }

  /** Whether the user may be given complaints to handle: an after-sales agent or supervisor. */
  boolean isAgent(String userId) {
    return userId != null && staff.isMember(userId, Groups.AFTER_SALES);
  }

  /** An integrator's complaint goes to the after-sales agent (not a supervisor) with the fewest open complaints. */
  String leastLoadedAgent() {
    List<String> supervisors = staff.membersOf(Groups.SUPERVISORS);
    Map<String, Long> open = repository.openByHandler();
    return staff.membersOf(Groups.AFTER_SALES).stream().filter(u -> !supervisors.contains(u))
        .min(Comparator.comparing((String u) -> open.getOrDefault(u, 0L)).thenComparing(u -> u))
        .orElseThrow(() -> new IllegalStateException("no after-sales agent to give the complaint to"));
  }

  String nameOf(String userId) {
    return staff.find(userId).map(StaffProfile::name).orElse(userId);
  }

  private Row row(DelegateExecution execution) {
    return repository.find(execution.getProcessBusinessKey()).orElseThrow(() -> new IllegalStateException(
        "complaint " + execution.getProcessBusinessKey() + " has no record"));
  }
}
