package com.peakcare.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The surveys sent and their answers (PC_SURVEY). */
@Repository
class SurveyRepository {

  record Row(String id, String caseKind, String caseNo, String workedBy, Instant sentAt, Instant expiresAt,
      Instant answeredAt, Integer score, Boolean solved, String reasons, String comment, boolean recoveryNeeded) {}

  private static final String COLUMNS = "ID, CASE_KIND, CASE_NO, WORKED_BY, SENT_AT, EXPIRES_AT, ANSWERED_AT, SCORE, "
      + "SOLVED, REASONS, COMMENT, RECOVERY_NEEDED";

  private final JdbcTemplate jdbc;

  SurveyRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  boolean exists(String caseKind, String caseNo) {
    return jdbc.queryForObject("select count(*) from PC_SURVEY where CASE_KIND = ? and CASE_NO = ?", Integer.class,
        caseKind, caseNo) > 0;
  }

  void insert(String id, String caseKind, String caseNo, String workedBy, String tokenHash, Instant sentAt,
      Instant expiresAt) {
    jdbc.update("insert into PC_SURVEY (ID, CASE_KIND, CASE_NO, WORKED_BY, TOKEN_HASH, SENT_AT, EXPIRES_AT, "
        + "RECOVERY_NEEDED) values (?, ?, ?, ?, ?, ?, ?, false)", id, caseKind, caseNo, workedBy, tokenHash,
        Timestamp.from(sentAt), Timestamp.from(expiresAt));
  }

  Optional<Row> byTokenHash(String tokenHash) {
    return jdbc.query("select " + COLUMNS + " from PC_SURVEY where TOKEN_HASH = ?", SurveyRepository::row, tokenHash)
        .stream().findFirst();
  }

  Optional<Row> byCase(String caseKind, String caseNo) {
    return jdbc.query("select " + COLUMNS + " from PC_SURVEY where CASE_KIND = ? and CASE_NO = ?",
        SurveyRepository::row, caseKind, caseNo).stream().findFirst();
  }

  /** Records the answer unless one is there already: true for the one call that recorded it. */
  boolean answer(String id, int score, boolean solved, String reasons, String comment, boolean recovery,
      Instant at) {
    return jdbc.update("update PC_SURVEY set ANSWERED_AT = ?, SCORE = ?, SOLVED = ?, REASONS = ?, COMMENT = ?, "
        + "RECOVERY_NEEDED = ? where ID = ? and ANSWERED_AT is null", Timestamp.from(at), score, solved, reasons,
        comment, recovery, id) == 1;
  }

  void recovered(String caseKind, String caseNo, String by, String note, Instant at) {
    jdbc.update("update PC_SURVEY set RECOVERED_BY = ?, RECOVERY_NOTE = ?, RECOVERED_AT = ? where CASE_KIND = ? and "
        + "CASE_NO = ?", by, note, Timestamp.from(at), caseKind, caseNo);
  }

  /** The surveys of one kind sent in [from, to). */
  List<Row> sent(String caseKind, Instant from, Instant to) {
    return jdbc.query("select " + COLUMNS + " from PC_SURVEY where CASE_KIND = ? and SENT_AT >= ? and SENT_AT < ?",
        SurveyRepository::row, caseKind, Timestamp.from(from), Timestamp.from(to));
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getString("ID"), rs.getString("CASE_KIND"), rs.getString("CASE_NO"), rs.getString("WORKED_BY"),
        instant(rs, "SENT_AT"), instant(rs, "EXPIRES_AT"), instant(rs, "ANSWERED_AT"),
        (Integer) rs.getObject("SCORE", Integer.class), (Boolean) rs.getObject("SOLVED", Boolean.class),
        rs.getString("REASONS"), rs.getString("COMMENT"), rs.getBoolean("RECOVERY_NEEDED"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
