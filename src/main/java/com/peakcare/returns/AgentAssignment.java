package com.peakcare.returns;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 指派: gives a case to one named agent of {@code after-sales}: the explicit choice if valid; else the agent who
 * served this customer's last case, if still in the group; else the least-loaded agent (fewest open tasks), ties
 * broken in turn. Never the person who opened the case (issue 20, maker ≠ checker). The turn pointer lives in the
 * database so that every node shares it.
 */
@Service
class AgentAssignment {

  private static final Logger log = LoggerFactory.getLogger(AgentAssignment.class);

  enum Reason { EXPLICIT, RETURNING_CUSTOMER, LEAST_LOADED, REASSIGNED, HANDED_OVER }

  record Choice(String agent, Reason reason, String detail) {}

  private final StaffDirectory staff;
  private final ReturnCaseRepository cases;
  private final FourEyes fourEyes;
  private final JdbcTemplate jdbc;

  private final TransactionTemplate ownTransaction;

  AgentAssignment(StaffDirectory staff, ReturnCaseRepository cases, FourEyes fourEyes, JdbcTemplate jdbc,
      PlatformTransactionManager transactionManager) {
    this.staff = staff;
    this.cases = cases;
    this.fourEyes = fourEyes;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Agents who take cases: members of after-sales who are not supervisors. */
  List<String> agents() {
    Set<String> supervisors = new HashSet<>(staff.membersOf(Groups.SUPERVISORS));
    return staff.membersOf(Groups.AFTER_SALES).stream().filter(a -> !supervisors.contains(a)).toList();
  }

  Choice choose(String returnNo, String requested, String customerKey, String openedBy) {
    if (requested != null && !requested.isBlank() && fourEyes.isEligibleAgent(requested, openedBy)) {
      return logged(returnNo, new Choice(requested, Reason.EXPLICIT, "requested by the caller"));
    }
    List<String> agents = agents().stream().filter(a -> !a.equals(openedBy)).toList();
    if (agents.isEmpty()) {
      throw new IllegalStateException("no agent in group " + Groups.AFTER_SALES + " but the opener to assign return "
          + returnNo);
    }
    Optional<String> previous = cases.lastAssigneeOfCustomer(customerKey, returnNo).filter(agents::contains);
    if (previous.isPresent()) {
      return logged(returnNo, new Choice(previous.get(), Reason.RETURNING_CUSTOMER, "served this customer's last case"));
    }
    Map<String, Long> load = openTasks(agents);
    long least = agents.stream().mapToLong(a -> load.getOrDefault(a, 0L)).min().orElse(0);
    List<String> tied = agents.stream().filter(a -> load.getOrDefault(a, 0L) == least).sorted().toList();
    String agent = nextInTurn(tied);
    return logged(returnNo, new Choice(agent, Reason.LEAST_LOADED, least + " open tasks"));
  }

  private Map<String, Long> openTasks(List<String> agents) {
    String in = String.join(",", agents.stream().map(a -> "?").toList());
    Map<String, Long> load = new HashMap<>();
    // one grouped query over the engine's task table, not one query per agent
    jdbc.query("select ASSIGNEE_, count(*) from ACT_RU_TASK where ASSIGNEE_ in (" + in + ") group by ASSIGNEE_",
        rs -> {
          load.put(rs.getString(1), rs.getLong(2));
        }, agents.toArray());
    return load;
  }

  /** The first tied agent after the one who got the last tie, in name order, wrapping round. */
  private String nextInTurn(List<String> tied) {
    if (tied.size() == 1) {
      return tied.get(0);
    }
    List<String> last = lockTurn();
    if (last.isEmpty()) {
      // the very first tie: create the row on its own, so that two nodes doing it at the same moment do not make
      // one case fail on a duplicate key (select ... for update locks nothing while the row does not exist)
      try {
        ownTransaction.executeWithoutResult(s -> jdbc.update(
            "insert into PC_ASSIGNMENT_TURN (GROUP_ID, LAST_ASSIGNEE) values (?, null)", Groups.AFTER_SALES));
      } catch (DuplicateKeyException e) {
        // another node created it just now: fine, it is the same row
      }
      last = lockTurn();
    }
    String previous = last.isEmpty() ? null : last.get(0);
    String next = tied.stream().filter(a -> previous == null || a.compareTo(previous) > 0).findFirst()
        .orElse(tied.get(0));
    jdbc.update("update PC_ASSIGNMENT_TURN set LAST_ASSIGNEE = ? where GROUP_ID = ?", next, Groups.AFTER_SALES);
    return next;
  }

  /** The turn row, locked until this transaction ends: nodes assigning at the same moment take turns. */
  private List<String> lockTurn() {
    return jdbc.query("select LAST_ASSIGNEE from PC_ASSIGNMENT_TURN where GROUP_ID = ? for update",
        (rs, i) -> rs.getString(1), Groups.AFTER_SALES);
  }

  private static Choice logged(String returnNo, Choice choice) {
    log.info("return {} assigned to {} ({})", returnNo, choice.agent(), choice.reason().name().toLowerCase());
    return choice;
  }
}
