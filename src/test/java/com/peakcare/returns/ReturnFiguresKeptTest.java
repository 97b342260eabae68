package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnFigureLedger.Key;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The kept figures of the dashboard (issue 25) against known changes: each write of {@link ReturnCaseRepository}
 * (open, status, assignee, decision) moves exactly the figures it should, a case leaving the open statuses leaves the
 * open counts but stays in its hour, a rolled-back change moves nothing, and the fold keeps every sum.
 */
@PeakCareTest
class ReturnFiguresKeptTest {

  /** An hour of its own (2040-01-01T10:00Z), far from every other test's cases. */
  static final Instant HOUR = Instant.parse("2040-01-01T10:00:00Z");

  @Autowired ReturnCaseRepository repository;
  @Autowired ReturnFigureKeeper keeper;
  @Autowired ReturnFigures figures;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  TransactionTemplate tx;

  final String agent = "kept-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    tx = new TransactionTemplate(transactions);
  }

  @Test
  void eachChangeMovesExactlyItsFigures() {
    Map<Key, Long> before = keeper.kept();
    String a = open("REFUND_ONLY", 5);
    String b = open("EXCHANGE", 20);
    String c = open("EXCHANGE", 40);

    Map<Key, Long> now = keeper.kept();
    assertThat(delta(before, now, new Key("S", 0, "OPEN", ""))).isEqualTo(3);
    assertThat(delta(before, now, new Key("T", 0, "EXCHANGE", ""))).isEqualTo(2);
    assertThat(delta(before, now, new Key("A", 0, "", "OPEN"))).as("unassigned").isEqualTo(3);
    assertThat(hour(null)).isEqualTo(3);

    tx.executeWithoutResult(s -> {
      repository.updatePolicy(a, "AUTO_APPROVE");
      repository.updatePolicy(b, "MANUAL_REVIEW");
      repository.updatePolicy(c, "MANUAL_REVIEW");
      repository.updateAssignee(b, agent, "WORKLOAD");
      repository.updateAssignee(c, agent, "WORKLOAD");
      repository.updateStatus(b, Status.UNDER_REVIEW);
      repository.updateStatus(c, Status.UNDER_REVIEW);
      repository.updateStatus(a, Status.REFUNDING);
    });
    assertThat(hour(null)).isZero();
    assertThat(hour("AUTO_APPROVE")).isEqualTo(1);
    assertThat(hour("MANUAL_REVIEW")).isEqualTo(2);
    assertThat(agentLoad()).isEqualTo(Map.of("UNDER_REVIEW", 2L));

    // a reassignment moves the case between agents; a close leaves the open counts, not its hour
    tx.executeWithoutResult(s -> {
      repository.updateAssignee(c, null, "RELEASED");
      repository.updateStatus(b, Status.CLOSED);
    });
    now = keeper.kept();
    assertThat(agentLoad()).isEmpty();
    assertThat(delta(before, now, new Key("S", 0, "UNDER_REVIEW", ""))).isEqualTo(1);
    assertThat(delta(before, now, new Key("S", 0, "REFUNDING", ""))).isEqualTo(1);
    assertThat(delta(before, now, new Key("S", 0, "OPEN", ""))).isZero();
    assertThat(delta(before, now, new Key("T", 0, "EXCHANGE", ""))).isEqualTo(1);
    assertThat(delta(before, now, new Key("A", 0, "", "UNDER_REVIEW"))).isEqualTo(1);
    assertThat(hour("MANUAL_REVIEW")).as("the closed case still counts in the hour it opened").isEqualTo(2);

    // a change that rolls back moves nothing
    Map<Key, Long> kept = keeper.kept();
    try {
      tx.executeWithoutResult(s -> {
        repository.updateStatus(c, Status.CANCELLED);
        throw new IllegalStateException("rolled back");
      });
    } catch (IllegalStateException expected) {
      // the figures stay
    }
    assertThat(keeper.kept()).isEqualTo(kept);

    // the fold keeps every sum; the tile reads the same through ReturnFigures
    assertThat(keeper.fold()).isPositive();
    assertThat(keeper.kept()).isEqualTo(kept);
    assertThat(figures.openedPerHour(HOUR, HOUR.plusSeconds(3600))).extracting(ReturnFigures.OpenedInHour::count)
        .containsExactlyInAnyOrder(1L, 2L);
    assertThat(figures.openedPerHour(HOUR.plusSeconds(900), HOUR.plusSeconds(3600)))
        .as("a window from a quarter past: counted from the cases").extracting(ReturnFigures.OpenedInHour::count)
        .containsExactly(2L);
  }

  @Test
  void theRecountRepairsAChangeMadeBehindTheLedgersBack() {
    String a = open("REPAIR", 24 * 60 + 50); // the next day: not in the other test's hour
    jdbc.update("update PC_RETURN_CASE set ASSIGNEE = ? where RETURN_NO = ?", agent, a);
    assertThat(agentLoad()).isEmpty();
    assertThat(keeper.recount()).isPositive();
    assertThat(agentLoad()).isEqualTo(Map.of("OPEN", 1L));
    assertThat(keeper.kept()).isEqualTo(keeper.fresh());
  }

  private String open(String type, int minute) {
    String no = "R-KEPT-" + UUID.randomUUID().toString().substring(0, 12);
    Instant at = HOUR.plusSeconds(minute * 60L);
    tx.executeWithoutResult(s -> repository.insert(new ReturnCaseRepository.CaseRow(no, "O-" + no, type, "OTHER",
        new BigDecimal("10.00"), "C-" + no, "REGULAR", "浙江", "h", "{}", "{}", null, Status.OPEN, null, null, "shop1",
        at, at, ReturnCaseRepository.Refund.NONE, ReturnCaseRepository.Progress.NONE,
        new ReturnCaseRepository.Deciders(false, null, null, null, null, null, null))));
    return no;
  }

  /** Cases of this test's hour with a decision (null: none yet), as the kept figures have them. */
  private long hour(String outcome) {
    return keeper.kept().getOrDefault(new Key("H", ReturnFigureLedger.epochHour(HOUR), outcome == null ? ""
        : outcome, ""), 0L);
  }

  private Map<String, Long> agentLoad() {
    return figures.openByAgent().stream().filter(l -> agent.equals(l.agent())).findFirst()
        .map(ReturnFigures.AgentLoad::byStatus).orElse(Map.of());
  }

  private static long delta(Map<Key, Long> before, Map<Key, Long> after, Key key) {
    return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
  }
}
