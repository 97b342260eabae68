package com.peakcare.complaint;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** PeakCare's record of each complaint and its timeline (tables PC_COMPLAINT, PC_COMPLAINT_EVENT). */
@Repository
class ComplaintRepository {

  private static final String COLUMNS = "COMPLAINT_NO, ORDER_NO, CHANNEL, CATEGORY, SEVERITY, MEMBER_TIER, DEMAND, "
      + "LINKED_RETURNS, REQUEST_HASH, OPENED_BY, OPENED_AT, AGENT, HANDLER, ESCALATION_LEVEL, ESCALATED_TO, STATUS, "
      + "FIRST_ANSWER_HOURS, UPDATE_HOURS, RESOLUTION_HOURS, REMINDER_MINUTES, COUPON_LIMIT, PROMISED_FIRST_ANSWER_BY, "
      + "PROMISED_RESOLUTION_BY, FIRST_ANSWERED_AT, RESOLVED_AT, TARGET_DUE, PAUSED_AT, REMAINING_SECONDS, "
      + "PAUSED_SECONDS, REOPEN_COUNT, FOLLOW_UP_ATTEMPTS, RESOLUTION_KIND, RESOLUTION_NOTE, COUPON_AMOUNT, RETURN_NO, "
      + "CLOSED_AT, CLOSE_REASON, WORKED";

  /** The targets the table decided for a complaint (hours and minutes; the coupon limit in CNY). */
  record Targets(int firstAnswerHours, int updateHours, int resolutionHours, int reminderMinutes,
      BigDecimal couponLimit) {}

  /** One complaint as recorded. */
  record Row(String complaintNo, String orderNo, String channel, String category, String severity, String memberTier,
      String demand, String linkedReturns, String requestHash, String openedBy, Instant openedAt, String agent,
      String handler, int escalationLevel, String escalatedTo, String status, Targets targets,
      Instant promisedFirstAnswerBy, Instant promisedResolutionBy, Instant firstAnsweredAt, Instant resolvedAt,
      Instant targetDue, Instant pausedAt, Long remainingSeconds, long pausedSeconds, int reopenCount,
      int followUpAttempts, String resolutionKind, String resolutionNote, BigDecimal couponAmount, String returnNo,
      Instant closedAt, String closeReason, boolean worked) {

    /** Whether the promise to the customer was kept (null: not decided yet). */
    Boolean promiseKept() {
      if (resolvedAt != null) {
        return !resolvedAt.isAfter(promisedResolutionBy);
      }
      return Instant.now().isAfter(promisedResolutionBy) ? Boolean.FALSE : null;
    }
  }

  /** A step on the timeline: who, what, and for the ladder from whom to whom at which level. */
  record Event(Instant at, String actor, String event, String from, String to, Integer level, String detail) {}

  private final JdbcTemplate jdbc;

  ComplaintRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String complaintNo, String orderNo, String channel, String category, String severity, String tier,
      String demand, String linkedReturns, String hash, String openedBy, Instant at, String agent) {
    jdbc.update("insert into PC_COMPLAINT (COMPLAINT_NO, ORDER_NO, CHANNEL, CATEGORY, SEVERITY, MEMBER_TIER, DEMAND, "
        + "LINKED_RETURNS, REQUEST_HASH, OPENED_BY, OPENED_AT, AGENT, HANDLER, ESCALATION_LEVEL, STATUS, "
        + "FIRST_ANSWER_HOURS, UPDATE_HOURS, RESOLUTION_HOURS, REMINDER_MINUTES, COUPON_LIMIT, "
        + "PROMISED_FIRST_ANSWER_BY, PROMISED_RESOLUTION_BY, PAUSED_SECONDS, REOPEN_COUNT, FOLLOW_UP_ATTEMPTS, WORKED) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'OPEN', 0, 0, 0, 0, 0, ?, ?, 0, 0, 0, ?)",
        complaintNo, orderNo, channel, category, severity, tier, demand, linkedReturns, hash, openedBy, ts(at), agent,
        agent, ts(at), ts(at), false);
  }

  Optional<Row> find(String complaintNo) {
    return jdbc.query("select " + COLUMNS + " from PC_COMPLAINT where COMPLAINT_NO = ?", ComplaintRepository::row,
        complaintNo).stream().findFirst();
  }

  /** The row, locked for this transaction (two steps of one complaint never interleave their writes). */
  Optional<Row> lock(String complaintNo) {
    return jdbc.query("select " + COLUMNS + " from PC_COMPLAINT where COMPLAINT_NO = ? for update",
        ComplaintRepository::row, complaintNo).stream().findFirst();
  }

  List<Row> all() {
    return jdbc.query("select " + COLUMNS + " from PC_COMPLAINT order by OPENED_AT", ComplaintRepository::row);
  }

  /** How many open complaints each handler has (the least loaded agent gets the next one). */
  Map<String, Long> openByHandler() {
    Map<String, Long> counts = new java.util.HashMap<>();
    jdbc.query("select HANDLER, count(*) from PC_COMPLAINT where STATUS <> 'CLOSED' group by HANDLER",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }

  void targets(String complaintNo, Targets t, Instant firstAnswerBy, Instant resolutionBy, Instant targetDue) {
    jdbc.update("update PC_COMPLAINT set FIRST_ANSWER_HOURS = ?, UPDATE_HOURS = ?, RESOLUTION_HOURS = ?, "
        + "REMINDER_MINUTES = ?, COUPON_LIMIT = ?, PROMISED_FIRST_ANSWER_BY = ?, PROMISED_RESOLUTION_BY = ?, "
        + "TARGET_DUE = ? where COMPLAINT_NO = ?", t.firstAnswerHours(), t.updateHours(), t.resolutionHours(),
        t.reminderMinutes(), t.couponLimit(), ts(firstAnswerBy), ts(resolutionBy), ts(targetDue), complaintNo);
  }

  void status(String complaintNo, String status) {
    jdbc.update("update PC_COMPLAINT set STATUS = ? where COMPLAINT_NO = ?", status, complaintNo);
  }

  void handler(String complaintNo, String handler) {
    jdbc.update("update PC_COMPLAINT set HANDLER = ? where COMPLAINT_NO = ?", handler, complaintNo);
  }

  void escalated(String complaintNo, int level, String to, String handler) {
    jdbc.update("update PC_COMPLAINT set ESCALATION_LEVEL = ?, ESCALATED_TO = ?, HANDLER = ? where COMPLAINT_NO = ?",
        level, to, handler, complaintNo);
  }

  void worked(String complaintNo, Instant at) {
    jdbc.update("update PC_COMPLAINT set WORKED = ?, FIRST_ANSWERED_AT = coalesce(FIRST_ANSWERED_AT, ?) "
        + "where COMPLAINT_NO = ?", true, ts(at), complaintNo);
  }

  void paused(String complaintNo, Instant at, long remainingSeconds) {
    jdbc.update("update PC_COMPLAINT set PAUSED_AT = ?, REMAINING_SECONDS = ? where COMPLAINT_NO = ?", ts(at),
        remainingSeconds, complaintNo);
  }

  void resumed(String complaintNo, Instant targetDue, long pausedSeconds) {
    jdbc.update("update PC_COMPLAINT set TARGET_DUE = ?, PAUSED_AT = null, REMAINING_SECONDS = null, "
        + "PAUSED_SECONDS = PAUSED_SECONDS + ? where COMPLAINT_NO = ?", ts(targetDue), pausedSeconds, complaintNo);
  }

  void resolved(String complaintNo, String kind, String note, BigDecimal coupon, String returnNo, Instant at) {
    jdbc.update("update PC_COMPLAINT set RESOLUTION_KIND = ?, RESOLUTION_NOTE = ?, COUPON_AMOUNT = ?, "
        + "RETURN_NO = coalesce(?, RETURN_NO), RESOLVED_AT = ?, FOLLOW_UP_ATTEMPTS = 0 where COMPLAINT_NO = ?", kind,
        note, coupon, returnNo, ts(at), complaintNo);
  }

  int followUpFailed(String complaintNo) {
    jdbc.update("update PC_COMPLAINT set FOLLOW_UP_ATTEMPTS = FOLLOW_UP_ATTEMPTS + 1 where COMPLAINT_NO = ?",
        complaintNo);
    return jdbc.queryForObject("select FOLLOW_UP_ATTEMPTS from PC_COMPLAINT where COMPLAINT_NO = ?", Integer.class,
        complaintNo);
  }

  void closed(String complaintNo, String reason, Instant at) {
    jdbc.update("update PC_COMPLAINT set CLOSED_AT = ?, CLOSE_REASON = ? where COMPLAINT_NO = ?", ts(at), reason,
        complaintNo);
  }

  /** Re-opened: the resolution and the close are undone, the count goes up; returns the new count. */
  int reopened(String complaintNo, Instant targetDue) {
    jdbc.update("update PC_COMPLAINT set REOPEN_COUNT = REOPEN_COUNT + 1, CLOSED_AT = null, CLOSE_REASON = null, "
        + "RESOLVED_AT = null, FOLLOW_UP_ATTEMPTS = 0, TARGET_DUE = ? where COMPLAINT_NO = ?", ts(targetDue),
        complaintNo);
    return jdbc.queryForObject("select REOPEN_COUNT from PC_COMPLAINT where COMPLAINT_NO = ?", Integer.class,
        complaintNo);
  }

  void event(String complaintNo, String actor, String event, String from, String to, Integer level, String detail) {
    jdbc.update("insert into PC_COMPLAINT_EVENT (COMPLAINT_NO, AT, ACTOR, EVENT, FROM_USER, TO_USER, LEVEL_NO, DETAIL) "
        + "values (?, ?, ?, ?, ?, ?, ?, ?)", complaintNo, ts(Instant.now()), actor == null ? "peakcare" : actor, event,
        from, to, level, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
  }

  List<Event> timeline(String complaintNo) {
    return jdbc.query("select AT, ACTOR, EVENT, FROM_USER, TO_USER, LEVEL_NO, DETAIL from PC_COMPLAINT_EVENT "
        + "where COMPLAINT_NO = ? order by ID", (rs, i) -> new Event(instant(rs, 1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), (Integer) rs.getObject(6), rs.getString(7)), complaintNo);
  }

  /** Every ladder step of every complaint (the supervisors' report counts them per level). */
  List<Event> events(String event) {
    return jdbc.query("select AT, ACTOR, EVENT, FROM_USER, TO_USER, LEVEL_NO, DETAIL from PC_COMPLAINT_EVENT "
        + "where EVENT = ?", (rs, i) -> new Event(instant(rs, 1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), (Integer) rs.getObject(6), rs.getString(7)), event);
  }

  private static Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getString("COMPLAINT_NO"), rs.getString("ORDER_NO"), rs.getString("CHANNEL"),
        rs.getString("CATEGORY"), rs.getString("SEVERITY"), rs.getString("MEMBER_TIER"), rs.getString("DEMAND"),
        rs.getString("LINKED_RETURNS"), rs.getString("REQUEST_HASH"), rs.getString("OPENED_BY"),
        instant(rs, "OPENED_AT"), rs.getString("AGENT"), rs.getString("HANDLER"), rs.getInt("ESCALATION_LEVEL"),
        rs.getString("ESCALATED_TO"), rs.getString("STATUS"),
        new Targets(rs.getInt("FIRST_ANSWER_HOURS"), rs.getInt("UPDATE_HOURS"), rs.getInt("RESOLUTION_HOURS"),
            rs.getInt("REMINDER_MINUTES"), rs.getBigDecimal("COUPON_LIMIT")),
        instant(rs, "PROMISED_FIRST_ANSWER_BY"), instant(rs, "PROMISED_RESOLUTION_BY"),
        instant(rs, "FIRST_ANSWERED_AT"), instant(rs, "RESOLVED_AT"), instant(rs, "TARGET_DUE"),
        instant(rs, "PAUSED_AT"), (Long) (rs.getObject("REMAINING_SECONDS") == null ? null
            : rs.getLong("REMAINING_SECONDS")), rs.getLong("PAUSED_SECONDS"), rs.getInt("REOPEN_COUNT"),
        rs.getInt("FOLLOW_UP_ATTEMPTS"), rs.getString("RESOLUTION_KIND"), rs.getString("RESOLUTION_NOTE"),
        rs.getBigDecimal("COUPON_AMOUNT"), rs.getString("RETURN_NO"), instant(rs, "CLOSED_AT"),
        rs.getString("CLOSE_REASON"), rs.getBoolean("WORKED"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  /**
   * Forgets the customer's words of these complaints (issue 27): the demand, the resolution's note and the timeline's
   * details; the figures stay. The one definition of "a complaint's words" for ageing out and for erasure.
   */
  int forgetWords(Collection<String> complaintNos) {
    int n = 0;
    for (String no : complaintNos) {
      n += jdbc.update("update PC_COMPLAINT_EVENT set DETAIL = null where COMPLAINT_NO = ? and DETAIL is not null", no);
      n += jdbc.update("update PC_COMPLAINT set DEMAND = '', RESOLUTION_NOTE = null where COMPLAINT_NO = ? and "
          + "(DEMAND <> '' or RESOLUTION_NOTE is not null)", no);
    }
    return n;
  }

  /** The complaints closed before {@code cutoff} that still hold the customer's words. */
  List<String> closedBeforeWithWords(Instant cutoff) {
    Timestamp at = Timestamp.from(cutoff);
    return jdbc.queryForList("select c.COMPLAINT_NO from PC_COMPLAINT c where c.CLOSED_AT < ? and (c.DEMAND <> '' or "
        + "c.RESOLUTION_NOTE is not null or exists (select 1 from PC_COMPLAINT_EVENT e where e.COMPLAINT_NO = "
        + "c.COMPLAINT_NO and e.DETAIL is not null))", String.class, at);
  }
}
