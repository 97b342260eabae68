package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.identity.StaffProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.beans.factory.annotation.Value;
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
  private final Duration loadRefresh;
  private final AtomicReference<AgentLoad> load = new AtomicReference<>();

  ComplaintPeople(ComplaintRepository repository, StaffDirectory staff,
      @Value("${peakcare.complaints.agent-load-refresh:PT2S}") Duration loadRefresh) {
    this.repository = repository;
    this.staff = staff;
    this.loadRefresh = loadRefresh.isNegative() ? Duration.ZERO : loadRefresh;
  }

  /** The agents who may be given complaints and their open complaints, as counted at one moment, until {@code until}. */
  private record AgentLoad(Instant until, List<String> agents, Map<String, Long> open) {}

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

  /**
   * An integrator's complaint goes to the after-sales agent (not a supervisor) with the fewest open complaints. The
   * agents and their open complaints are counted once per {@code peakcare.complaints.agent-load-refresh} (2 s) and
   * each pick counts at once toward its agent, so that the opens of that time spread as a fresh count would spread
   * them: counting on every open read every open complaint (a sequential scan of 20,000 rows per open on a Double 11
   * evening, issue 24) and the directory's two member lists.
   */
  String leastLoadedAgent() {
    Instant now = Instant.now();
    AgentLoad current = load.get();
    if (current == null || !now.isBefore(current.until())) {
      List<String> supervisors = staff.membersOf(Groups.SUPERVISORS);
      current = new AgentLoad(now.plus(loadRefresh), staff.membersOf(Groups.AFTER_SALES).stream()
          .filter(u -> !supervisors.contains(u)).toList(), new ConcurrentHashMap<>(repository.openByHandler()));
      load.set(current);
    }
    AgentLoad counted = current;
    synchronized (counted) {
      String pick = counted.agents().stream()
          .min(Comparator.comparing((String u) -> counted.open().getOrDefault(u, 0L)).thenComparing(u -> u))
          .orElseThrow(() -> new IllegalStateException("no after-sales agent to give the complaint to"));
      counted.open().merge(pick, 1L, Long::sum);
      return pick;
    }
  }

  String nameOf(String userId) {
    return staff.find(userId).map(StaffProfile::name).orElse(userId);
  }

  private Row row(DelegateExecution execution) {
    return repository.find(execution.getProcessBusinessKey()).orElseThrow(() -> new IllegalStateException(
        "complaint " + execution.getProcessBusinessKey() + " has no record"));
  }
}
