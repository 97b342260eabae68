package com.peakcare.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** PC_PRIVACY_REQUEST (erasure requests) and PC_PRIVACY_TRAIL (every rights act, append-only). */
@Repository
class PrivacyRepository {

  record ErasureRow(String id, String buyerId, String phone, String reason, String status, String pseudonym,
      String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String result) {}

  private final JdbcTemplate jdbc;

  PrivacyRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insertErasure(String id, String buyerId, String phone, String reason, String pseudonym, String by,
      Instant at) {
    jdbc.update("insert into PC_PRIVACY_REQUEST (ID, KIND, BUYER_ID, PHONE, REASON, STATUS, PSEUDONYM, REQUESTED_BY, "
        + "REQUESTED_AT) values (?, 'ERASE', ?, ?, ?, 'PENDING', ?, ?, ?)", id, buyerId, phone, reason, pseudonym, by,
        Timestamp.from(at));
  }

  Optional<ErasureRow> find(String id) {
    return jdbc.query("select * from PC_PRIVACY_REQUEST where ID = ?", (rs, i) -> new ErasureRow(rs.getString("ID"),
        rs.getString("BUYER_ID"), rs.getString("PHONE"), rs.getString("REASON"), rs.getString("STATUS"),
        rs.getString("PSEUDONYM"), rs.getString("REQUESTED_BY"), instant(rs.getTimestamp("REQUESTED_AT")),
        rs.getString("DECIDED_BY"), instant(rs.getTimestamp("DECIDED_AT")), rs.getString("RESULT")), id)
        .stream().findFirst();
  }

  /** Decides a pending request once: false when another decision came first. */
  boolean decide(String id, String status, String by, Instant at, String result) {
    return jdbc.update("update PC_PRIVACY_REQUEST set STATUS = ?, DECIDED_BY = ?, DECIDED_AT = ?, RESULT = ?, "
        + "BUYER_ID = case when ? = 'DONE' then PSEUDONYM else BUYER_ID end, "
        + "PHONE = case when ? = 'DONE' then null else PHONE end where ID = ? and STATUS = 'PENDING'",
        status, by, Timestamp.from(at), result, status, status, id) == 1;
  }

  void trail(String actor, String event, String requestId, String subject, String detail, Instant at) {
    jdbc.update("insert into PC_PRIVACY_TRAIL (AT, ACTOR, EVENT, REQUEST_ID, SUBJECT, DETAIL) values (?, ?, ?, ?, ?, ?)",
        Timestamp.from(at), actor, event, requestId, subject, detail);
  }

  List<Map<String, Object>> trail(int limit) {
    return jdbc.queryForList("select ID, AT, ACTOR, EVENT, REQUEST_ID, SUBJECT, DETAIL from PC_PRIVACY_TRAIL "
        + "order by ID desc fetch first " + Math.max(1, Math.min(limit, 1000)) + " rows only");
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
