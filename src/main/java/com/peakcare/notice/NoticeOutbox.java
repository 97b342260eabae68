package com.peakcare.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * PeakCare's notice outbox: {@code PC_NOTICE} (one row per notice, unique per case, type and sequence: the
 * in-app record) and {@code PC_NOTICE_DELIVERY} (one row per notice and channel, with its status). Only the notice
 * feature touches these tables.
 */
@Repository
class NoticeOutbox {

  /** A notice with what delivery needs besides the public view: the subject and the recipient's addresses. */
  record Stored(Notice notice, String subject, String phone, String email) {}

  private final JdbcTemplate jdbc;

  NoticeOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  int countOf(String caseRef, NoticeType type) {
    Integer n = jdbc.queryForObject(
        "select count(*) from PC_NOTICE where CASE_REF = ? and NOTICE_TYPE = ?", Integer.class, caseRef, type.name());
    return n == null ? 0 : n;
  }

  Optional<String> keyOfDedup(String caseRef, NoticeType type, String dedupKey) {
    return jdbc.query("select NOTICE_KEY from PC_NOTICE where CASE_REF = ? and NOTICE_TYPE = ? and DEDUP_KEY = ?",
        (rs, i) -> rs.getString(1), caseRef, type.name(), dedupKey).stream().findFirst();
  }

  void insert(String key, String caseRef, NoticeType type, int sequence, String dedupKey, String locale,
      String subject, String text, String phone, String email, Instant createdAt, List<String> channels) {
    jdbc.update("insert into PC_NOTICE (NOTICE_KEY, CASE_REF, NOTICE_TYPE, SEQ_NO, DEDUP_KEY, LOCALE, SUBJECT, BODY,"
            + " CUSTOMER_PHONE, CUSTOMER_EMAIL, CREATED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key, caseRef, type.name(), sequence, dedupKey, locale, subject, text, phone, email, Timestamp.from(createdAt));
    for (String channel : channels) {
      boolean inApp = NoticeDelivery.IN_APP.equals(channel);
      jdbc.update("insert into PC_NOTICE_DELIVERY (NOTICE_KEY, CHANNEL, STATUS, ATTEMPTS, SENT_AT, UPDATED_AT)"
              + " values (?, ?, ?, 0, ?, ?)",
          key, channel, inApp ? NoticeDelivery.SENT : NoticeDelivery.PENDING,
          inApp ? Timestamp.from(createdAt) : null, Timestamp.from(createdAt));
    }
  }

  /**
   * Takes one channel of a notice for a send attempt. True when the caller may send now: the channel is pending or
   * failed, or an attempt started before {@code staleBefore} never finished (its node died mid-send). False when it
   * went out already or another execution is sending it at this moment: a job the job executor runs twice at once
   * (its lock expired while it waited in a busy node's queue) sends once. The row lock makes concurrent claims wait
   * for each other and see the winner's status.
   */
  boolean claim(String key, String channel, Instant at, Instant staleBefore) {
    return jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, UPDATED_AT = ? where NOTICE_KEY = ? and CHANNEL = ?"
            + " and (STATUS in (?, ?) or (STATUS = ? and UPDATED_AT < ?))",
        NoticeDelivery.SENDING, Timestamp.from(at), key, channel, NoticeDelivery.PENDING, NoticeDelivery.FAILED,
        NoticeDelivery.SENDING, Timestamp.from(staleBefore)) == 1;
  }

  void markSent(String key, String channel, Instant at) {
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, SENT_AT = ?, ATTEMPTS = ATTEMPTS + 1, LAST_ERROR = null,"
            + " UPDATED_AT = ? where NOTICE_KEY = ? and CHANNEL = ?",
        NoticeDelivery.SENT, Timestamp.from(at), Timestamp.from(at), key, channel);
  }

  void markFailed(String key, String channel, String error, Instant at) {
    String shortError = error == null ? "" : error.length() > 900 ? error.substring(0, 900) : error;
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, ATTEMPTS = ATTEMPTS + 1, LAST_ERROR = ?, UPDATED_AT = ?"
            + " where NOTICE_KEY = ? and CHANNEL = ? and STATUS <> ?",
        NoticeDelivery.FAILED, shortError, Timestamp.from(at), key, channel, NoticeDelivery.SENT);
  }

  /** A channel not sent on purpose (a guard withheld it); never after it went out. */
  void markWithheld(String key, String channel, String reason, Instant at) {
    String shortReason = reason.length() > 900 ? reason.substring(0, 900) : reason;
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, LAST_ERROR = ?, UPDATED_AT = ? where NOTICE_KEY = ?"
            + " and CHANNEL = ? and STATUS <> ?",
        NoticeDelivery.WITHHELD, shortReason, Timestamp.from(at), key, channel, NoticeDelivery.SENT);
  }

  /** Per notice: all channels SENT, or some channel FAILED; a few hundred keys per query. */
  DeliveryTally tally(Collection<String> keys) {
    DeliveryTally total = DeliveryTally.NONE;
    List<String> all = List.copyOf(keys);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      List<Object> args = new ArrayList<>(List.of(NoticeDelivery.SENT, NoticeDelivery.FAILED));
      args.addAll(chunk);
      DeliveryTally part = jdbc.queryForObject("select count(*),"
              + " coalesce(sum(case when UNSENT = 0 then 1 else 0 end), 0),"
              + " coalesce(sum(case when FAILED > 0 then 1 else 0 end), 0) from (select NOTICE_KEY,"
              + " sum(case when STATUS = ? then 0 else 1 end) as UNSENT, sum(case when STATUS = ? then 1 else 0 end)"
              + " as FAILED from PC_NOTICE_DELIVERY where NOTICE_KEY in (" + marks + ") group by NOTICE_KEY) T",
          (rs, i) -> new DeliveryTally(rs.getInt(1), rs.getInt(2), rs.getInt(3)), args.toArray());
      total = total.plus(part);
    }
    return total;
  }

  Optional<Stored> find(String key) {
    List<Stored> found = jdbc.query(SELECT + " where NOTICE_KEY = ?", (rs, i) -> row(rs), key);
    return found.stream().findFirst().map(s -> withDeliveries(List.of(s)).get(0));
  }

  List<Notice> ofCase(String caseRef) {
    List<Stored> found = jdbc.query(SELECT + " where CASE_REF = ? order by CREATED_AT, NOTICE_TYPE, SEQ_NO",
        (rs, i) -> row(rs), caseRef);
    return withDeliveries(found).stream().map(Stored::notice).toList();
  }

  private static final String SELECT = "select NOTICE_KEY, CASE_REF, NOTICE_TYPE, SEQ_NO, LOCALE, SUBJECT, BODY,"
      + " CUSTOMER_PHONE, CUSTOMER_EMAIL, CREATED_AT from PC_NOTICE";

  private static Stored row(ResultSet rs) throws SQLException {
    Notice notice = new Notice(rs.getString("NOTICE_KEY"), rs.getString("CASE_REF"),
        NoticeType.valueOf(rs.getString("NOTICE_TYPE")), rs.getInt("SEQ_NO"), rs.getString("LOCALE"),
        rs.getString("BODY"), rs.getTimestamp("CREATED_AT").toInstant(), List.of());
    return new Stored(notice, rs.getString("SUBJECT"), rs.getString("CUSTOMER_PHONE"), rs.getString("CUSTOMER_EMAIL"));
  }

  private List<Stored> withDeliveries(List<Stored> notices) {
    if (notices.isEmpty()) {
      return notices;
    }
    Map<String, List<NoticeDelivery>> byKey = new LinkedHashMap<>();
    notices.forEach(s -> byKey.put(s.notice().key(), new ArrayList<>()));
    String marks = String.join(",", java.util.Collections.nCopies(byKey.size(), "?"));
    jdbc.query("select NOTICE_KEY, CHANNEL, STATUS, SENT_AT from PC_NOTICE_DELIVERY where NOTICE_KEY in (" + marks
            + ") order by CHANNEL",
        rs -> {
          Timestamp sent = rs.getTimestamp("SENT_AT");
          byKey.get(rs.getString("NOTICE_KEY")).add(new NoticeDelivery(rs.getString("CHANNEL"),
              rs.getString("STATUS"), sent == null ? null : sent.toInstant()));
        },
        byKey.keySet().toArray());
    return notices.stream().map(s -> {
      Notice n = s.notice();
      return new Stored(new Notice(n.key(), n.caseRef(), n.type(), n.sequence(), n.locale(), n.text(), n.createdAt(),
          List.copyOf(byKey.get(n.key()))), s.subject(), s.phone(), s.email());
    }).toList();
  }
}
