package com.peakcare.returns;

import com.peakcare.returns.LogisticsDelayBroadcast.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Logistics-delay broadcasts and the cases each reaches (tables PC_LOGISTICS_DELAY, PC_LOGISTICS_DELAY_CASE,
 * changelog peakcare-060). The set of cases is written once, when the broadcast starts; each batch marks its cases
 * in the transaction that records their notices.
 */
@Repository
class LogisticsDelayRepository {

  private final JdbcTemplate jdbc;

  LogisticsDelayRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Row(String id, String broadcastKey, String courier, List<String> provinces, int expectedDelayDays,
      String reason, String repeatOf, int matched, String lastReturnNo, String processInstanceId, String startedBy,
      Instant startedAt, Instant finishedAt) {}

  /** A case the broadcast reaches: its return number and the waybill it travels under. */
  record Member(String returnNo, String waybillNo) {}

  /** A case told by a broadcast, and the notice it got. */
  record Told(String returnNo, String waybillNo, String noticeKey) {}

  private static Row row(ResultSet rs, int i) throws SQLException {
    Timestamp finished = rs.getTimestamp("FINISHED_AT");
    return new Row(rs.getString("ID"), rs.getString("BROADCAST_KEY"), rs.getString("COURIER"),
        Arrays.asList(rs.getString("PROVINCES").split(",")), rs.getInt("EXPECTED_DELAY_DAYS"), rs.getString("REASON"),
        rs.getString("REPEAT_OF"), rs.getInt("MATCHED"), rs.getString("LAST_RETURN_NO"),
        rs.getString("PROCESS_INSTANCE_ID"), rs.getString("STARTED_BY"), rs.getTimestamp("STARTED_AT").toInstant(),
        finished == null ? null : finished.toInstant());
  }

  void insert(Row b) {
    jdbc.update("insert into PC_LOGISTICS_DELAY (ID, BROADCAST_KEY, COURIER, PROVINCES, EXPECTED_DELAY_DAYS, REASON,"
            + " REPEAT_OF, MATCHED, PROCESS_INSTANCE_ID, STARTED_BY, STARTED_AT, FINISHED_AT)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        b.id(), b.broadcastKey(), b.courier(), String.join(",", b.provinces()), b.expectedDelayDays(), b.reason(),
        b.repeatOf(), b.matched(), b.processInstanceId(), b.startedBy(), ts(b.startedAt()), ts(b.finishedAt()));
  }

  /** The cases still to tell, and those the same broadcast told before (marked at once, with their notice). */
  void insertMembers(String id, List<Member> pending, List<Told> already, Instant at) {
    jdbc.batchUpdate("insert into PC_LOGISTICS_DELAY_CASE (BROADCAST_ID, RETURN_NO, WAYBILL_NO) values (?, ?, ?)",
        pending, 500, (ps, m) -> {
          ps.setString(1, id);
          ps.setString(2, m.returnNo());
          ps.setString(3, m.waybillNo());
        });
    jdbc.batchUpdate("insert into PC_LOGISTICS_DELAY_CASE (BROADCAST_ID, RETURN_NO, WAYBILL_NO, OUTCOME, NOTICE_KEY,"
            + " DONE_AT) values (?, ?, ?, ?, ?, ?)",
        already, 500, (ps, t) -> {
          ps.setString(1, id);
          ps.setString(2, t.returnNo());
          ps.setString(3, t.waybillNo());
          ps.setString(4, Outcome.ALREADY_NOTIFIED.name());
          ps.setString(5, t.noticeKey());
          ps.setTimestamp(6, ts(at));
        });
  }

  Optional<Row> find(String id) {
    return jdbc.query("select * from PC_LOGISTICS_DELAY where ID = ?", LogisticsDelayRepository::row, id)
        .stream().findFirst();
  }

  /**
   * The broadcast, locked until the caller's transaction ends: a batch job that the job executor runs twice at once
   * (its lock expired while it waited in a busy node's queue) waits here instead of telling the same cases.
   */
  Optional<Row> lock(String id) {
    return jdbc.query("select * from PC_LOGISTICS_DELAY where ID = ? for update", LogisticsDelayRepository::row, id)
        .stream().findFirst();
  }

  /** The first broadcast with this content, if any. */
  Optional<String> firstWithKey(String broadcastKey) {
    return jdbc.query("select ID from PC_LOGISTICS_DELAY where BROADCAST_KEY = ? order by STARTED_AT, ID",
        (rs, i) -> rs.getString(1), broadcastKey).stream().findFirst();
  }

  /** Every case that a broadcast with this content has told, with its notice. */
  List<Told> toldWithKey(String broadcastKey) {
    return jdbc.query("select c.RETURN_NO, c.WAYBILL_NO, c.NOTICE_KEY from PC_LOGISTICS_DELAY_CASE c"
            + " join PC_LOGISTICS_DELAY b on b.ID = c.BROADCAST_ID"
            + " where b.BROADCAST_KEY = ? and c.NOTICE_KEY is not null",
        (rs, i) -> new Told(rs.getString(1), rs.getString(2), rs.getString(3)), broadcastKey);
  }

  /** The next cases to tell, in return-number order, after the last one the previous batch handled. */
  List<Member> pending(String id, String after, int limit) {
    return jdbc.query("select RETURN_NO, WAYBILL_NO from PC_LOGISTICS_DELAY_CASE where BROADCAST_ID = ?"
            + " and RETURN_NO > ? and OUTCOME is null order by RETURN_NO limit ?",
        (rs, i) -> new Member(rs.getString(1), rs.getString(2)), id, after == null ? "" : after, limit);
  }

  void told(String id, String returnNo, Outcome outcome, String noticeKey, Instant at) {
    jdbc.update("update PC_LOGISTICS_DELAY_CASE set OUTCOME = ?, NOTICE_KEY = ?, DONE_AT = ?"
        + " where BROADCAST_ID = ? and RETURN_NO = ?", outcome.name(), noticeKey, ts(at), id, returnNo);
  }

  /** After a batch: where the next one starts, and the end of the broadcast when nothing is left. */
  void advance(String id, String lastReturnNo, Instant finishedAt) {
    jdbc.update("update PC_LOGISTICS_DELAY set LAST_RETURN_NO = ?, FINISHED_AT = ? where ID = ?",
        lastReturnNo, ts(finishedAt), id);
  }

  /** How many matched cases were told now, were told before, and are not handled yet. */
  record Counts(int notified, int alreadyNotified, int remaining) {}

  Counts counts(String id) {
    Map<String, Integer> byOutcome = new HashMap<>();
    jdbc.query("select OUTCOME, count(*) from PC_LOGISTICS_DELAY_CASE where BROADCAST_ID = ? group by OUTCOME",
        rs -> {
          byOutcome.put(rs.getString(1) == null ? "" : rs.getString(1), rs.getInt(2));
        }, id);
    return new Counts(byOutcome.getOrDefault(Outcome.NOTIFIED.name(), 0),
        byOutcome.getOrDefault(Outcome.ALREADY_NOTIFIED.name(), 0), byOutcome.getOrDefault("", 0));
  }

  /** The notices of the customers this broadcast reached so far (recorded now or before). */
  List<String> noticeKeys(String id) {
    return new ArrayList<>(jdbc.queryForList("select NOTICE_KEY from PC_LOGISTICS_DELAY_CASE where BROADCAST_ID = ?"
        + " and NOTICE_KEY is not null", String.class, id));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
