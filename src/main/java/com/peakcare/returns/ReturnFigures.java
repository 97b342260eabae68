package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Returns' figures for the big-sale dashboard (issue 25): read-only counts and sums over the case records, each from
 * an index (docs/dashboard.md lists the query and the index of each); the counts over every open case and the
 * cases per hour are the kept figures of {@link ReturnFigureLedger}. The dashboard asks this service, never the
 * tables. Nothing here changes anything.
 */
@Service
public class ReturnFigures {

  /** The statuses of a case that is not over. */
  public static final List<String> OPEN = Arrays.stream(Status.values()).filter(s -> !s.isFinal()).map(Enum::name)
      .toList();

  /** An agent's open cases per status (their load is the sum). */
  public record AgentLoad(String agent, Map<String, Long> byStatus) {
    public long open() {
      return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Cases opened in one hour (epoch hour) with one policy decision (null: not decided yet). */
  public record OpenedInHour(long epochHour, String outcome, long count) {}

  /** A count and its sum. */
  public record Amount(long count, BigDecimal sum) {}

  /** Refund changes that name a new destination, requested in a window, by where they stand. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardDestinationChanges")
  public record DestinationChanges(long requested, long approved, long refused, long pending) {}

  /** A logistics-delay broadcast still sending. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardRunningBroadcast")
  public record RunningBroadcast(String id, String courier, String provinces, int matched, long done,
      Instant startedAt, String startedBy) {}

  private final JdbcTemplate jdbc;

  ReturnFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Open cases per status: the kept figures (ReturnFigureLedger, index PC_IDX_RETURN_FIGURE). */
  public Map<String, Long> openByStatus() {
    return kept(ReturnFigureLedger.STATUS);
  }

  /** Open cases per type: the kept figures. */
  public Map<String, Long> openByType() {
    return kept(ReturnFigureLedger.TYPE);
  }

  /** Open cases per assignee and status, the unassigned under a null agent: the kept figures. */
  public List<AgentLoad> openByAgent() {
    Map<String, Map<String, Long>> byAgent = new LinkedHashMap<>();
    jdbc.query("select K1, K2, sum(N) from PC_RETURN_FIGURE where KIND = ? and HR = 0 group by K1, K2"
        + " having sum(N) <> 0 order by K1, K2", rs -> {
          String agent = rs.getString(1).isEmpty() ? null : rs.getString(1);
          byAgent.computeIfAbsent(agent, a -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
        }, ReturnFigureLedger.AGENT);
    List<AgentLoad> loads = new ArrayList<>();
    byAgent.forEach((agent, counts) -> loads.add(new AgentLoad(agent, counts)));
    return loads;
  }

  /**
   * Cases opened in [from, to) per hour and policy decision: the kept figures for the whole hours of the window; a
   * part of an hour at either end (a window from 20:30) from the cases (index PC_IDX_RETURN_CREATED_OUTCOME).
   */
  public List<OpenedInHour> openedPerHour(Instant from, Instant to) {
    long firstWhole = Math.floorDiv(from.getEpochSecond() + 3599, 3600);
    long endWhole = Math.floorDiv(to.getEpochSecond(), 3600);
    if (firstWhole >= endWhole) {
      return countedPerHour(from, to);
    }
    List<OpenedInHour> rows = new ArrayList<>();
    Instant wholeFrom = Instant.ofEpochSecond(firstWhole * 3600);
    Instant wholeTo = Instant.ofEpochSecond(endWhole * 3600);
    if (from.isBefore(wholeFrom)) {
      rows.addAll(countedPerHour(from, wholeFrom));
    }
    rows.addAll(jdbc.query("select HR, K1, sum(N) from PC_RETURN_FIGURE where KIND = ? and HR >= ? and HR < ?"
        + " group by HR, K1 having sum(N) <> 0 order by HR, K1",
        (rs, i) -> new OpenedInHour(rs.getLong(1), rs.getString(2).isEmpty() ? null : rs.getString(2),
            rs.getLong(3)), ReturnFigureLedger.HOUR, firstWhole, endWhole));
    if (wholeTo.isBefore(to)) {
      rows.addAll(countedPerHour(wholeTo, to));
    }
    return rows;
  }

  /** Cases opened in [from, to) per hour and decision, counted from the cases (index PC_IDX_RETURN_CREATED_OUTCOME). */
  private List<OpenedInHour> countedPerHour(Instant from, Instant to) {
    return jdbc.query("select floor(extract(epoch from CREATED_AT) / 3600) as H, POLICY_OUTCOME, count(*)"
        + " from PC_RETURN_CASE where CREATED_AT >= ? and CREATED_AT < ? group by floor(extract(epoch from CREATED_AT)"
        + " / 3600), POLICY_OUTCOME order by H",
        (rs, i) -> new OpenedInHour(rs.getLong(1), rs.getString(2), rs.getLong(3)),
        Timestamp.from(from), Timestamp.from(to));
  }

  /** Refunds paid in [from, to): how many, how much (index PC_IDX_REFUND_DONE). */
  public Amount refundsPaid(Instant from, Instant to) {
    return jdbc.queryForObject("select count(*), coalesce(sum(AMOUNT), 0) from PC_REFUND where DONE_AT >= ?"
        + " and DONE_AT < ?", (rs, i) -> new Amount(rs.getLong(1), rs.getBigDecimal(2)),
        Timestamp.from(from), Timestamp.from(to));
  }

  /** Cases in a status with the money they are to refund (index PC_IDX_RETURN_STATUS). */
  public Amount inStatus(Status status) {
    return jdbc.queryForObject("select count(*), coalesce(sum(coalesce(REFUND_AMOUNT, AMOUNT)), 0) from PC_RETURN_CASE"
        + " where STATUS = ?", (rs, i) -> new Amount(rs.getLong(1), rs.getBigDecimal(2)), status.name());
  }

  /** Changes of a refund's destination requested in [from, to) (index PC_IDX_REFUND_CHANGE_REQUESTED). */
  public DestinationChanges destinationChanges(Instant from, Instant to) {
    Map<String, Long> byState = new LinkedHashMap<>();
    jdbc.query("select STATUS, count(*) from PC_REFUND_CHANGE where REQUESTED_AT >= ? and REQUESTED_AT < ?"
        + " and REFUND_TO is not null group by STATUS", rs -> {
          byState.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(from), Timestamp.from(to));
    long approved = byState.getOrDefault(RefundChangeRepository.State.APPROVED.name(), 0L);
    long refused = byState.getOrDefault(RefundChangeRepository.State.REFUSED.name(), 0L);
    long pending = byState.getOrDefault(RefundChangeRepository.State.PENDING.name(), 0L);
    return new DestinationChanges(approved + refused + pending, approved, refused, pending);
  }

  /** Logistics-delay broadcasts not finished yet, with how many of their cases are done (a small table). */
  public List<RunningBroadcast> runningBroadcasts() {
    return jdbc.query("select D.ID, D.COURIER, D.PROVINCES, D.MATCHED, D.STARTED_AT, D.STARTED_BY,"
        + " (select count(*) from PC_LOGISTICS_DELAY_CASE C where C.BROADCAST_ID = D.ID and C.DONE_AT is not null)"
        + " from PC_LOGISTICS_DELAY D where D.FINISHED_AT is null order by D.STARTED_AT",
        (rs, i) -> new RunningBroadcast(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
            rs.getLong(7), rs.getTimestamp(5).toInstant(), rs.getString(6)));
  }

  private Map<String, Long> kept(String kind) {
    Map<String, Long> counts = new LinkedHashMap<>();
    jdbc.query("select K1, sum(N) from PC_RETURN_FIGURE where KIND = ? and HR = 0 group by K1 having sum(N) <> 0",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        }, kind);
    return counts;
  }
}
