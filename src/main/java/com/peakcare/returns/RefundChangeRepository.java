package com.peakcare.returns;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Requests to change a refund (PC_REFUND_CHANGE, changelog peakcare-034): what an after-sales supervisor asked for and
 * what another one decided. A case has at most one pending request: it is linked from the case row with a conditional
 * update (PENDING_CHANGE_ID), so two supervisors asking at once get one request and one refusal.
 */
@Repository
class RefundChangeRepository {

  enum State { PENDING, APPROVED, REFUSED }

  /** A refund change: the amount and destination asked for (null: unchanged), who asked, who decided. */
  record Change(String id, String returnNo, BigDecimal amount, String refundTo, String reason, String requestedBy,
      Instant requestedAt, State status, String decidedBy, Instant decidedAt, String note) {}

  private final JdbcTemplate jdbc;

  RefundChangeRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the request and links it to its case as the pending one; empty when one is pending already. */
  Optional<String> request(String returnNo, BigDecimal amount, String refundTo, String reason, String by) {
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    jdbc.update("insert into PC_REFUND_CHANGE (ID, RETURN_NO, AMOUNT, REFUND_TO, REASON, REQUESTED_BY, REQUESTED_AT,"
        + " STATUS) values (?, ?, ?, ?, ?, ?, ?, ?)", id, returnNo, amount, refundTo, reason, by, Timestamp.from(now),
        State.PENDING.name());
    LoadedCases.forget(returnNo);
    boolean linked = jdbc.update("update PC_RETURN_CASE set PENDING_CHANGE_ID = ?, UPDATED_AT = ? where RETURN_NO = ?"
        + " and PENDING_CHANGE_ID is null", id, Timestamp.from(now), returnNo) == 1;
    if (!linked) {
      jdbc.update("delete from PC_REFUND_CHANGE where ID = ?", id);
      return Optional.empty();
    }
    return Optional.of(id);
  }

  /** Decides the pending request, once: false when it is not pending (any more). */
  boolean decide(String returnNo, String id, State outcome, String by, String note) {
    Instant now = Instant.now();
    LoadedCases.forget(returnNo);
    if (jdbc.update("update PC_RETURN_CASE set PENDING_CHANGE_ID = null, UPDATED_AT = ? where RETURN_NO = ?"
        + " and PENDING_CHANGE_ID = ?", Timestamp.from(now), returnNo, id) != 1) {
      return false;
    }
    jdbc.update("update PC_REFUND_CHANGE set STATUS = ?, DECIDED_BY = ?, DECIDED_AT = ?, NOTE = ? where ID = ?",
        outcome.name(), by, Timestamp.from(now), note, id);
    return true;
  }

  /** Everyone who asked to change this case's refund. */
  java.util.List<String> requesters(String returnNo) {
    return jdbc.queryForList("select distinct REQUESTED_BY from PC_REFUND_CHANGE where RETURN_NO = ?", String.class,
        returnNo);
  }

  private static final org.springframework.jdbc.core.RowMapper<Change> CHANGE = (rs, i) -> new Change(
      rs.getString("ID"), rs.getString("RETURN_NO"), rs.getBigDecimal("AMOUNT"), rs.getString("REFUND_TO"),
      rs.getString("REASON"), rs.getString("REQUESTED_BY"), rs.getTimestamp("REQUESTED_AT").toInstant(),
      State.valueOf(rs.getString("STATUS")), rs.getString("DECIDED_BY"),
      rs.getTimestamp("DECIDED_AT") == null ? null : rs.getTimestamp("DECIDED_AT").toInstant(), rs.getString("NOTE"));

  Optional<Change> find(String id) {
    return jdbc.query("select * from PC_REFUND_CHANGE where ID = ?", CHANGE, id).stream().findFirst();
  }

  /** The case's latest request, pending or decided. */
  Optional<Change> latest(String returnNo) {
    return jdbc.query("select * from PC_REFUND_CHANGE where RETURN_NO = ? order by REQUESTED_AT desc, ID", CHANGE,
        returnNo).stream().findFirst();
  }
}
