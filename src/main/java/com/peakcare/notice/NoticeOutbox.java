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
  private final boolean postgres;

  NoticeOutbox(JdbcTemplate jdbc, javax.sql.DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = isPostgres(dataSource);
  }

  private static boolean isPostgres(javax.sql.DataSource dataSource) {
    try (java.sql.Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot tell the database", e);
    }
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

  /**
   * Records the notice and one delivery row per channel. {@code attempts} non-null: the outbox poller delivers it
   * ({@link NoticeOutboxPoller}: due at once, that many attempts); null: a notice-delivery process instance does.
   */
  void insert(String key, String caseRef, NoticeType type, int sequence, String dedupKey, String locale,
      String subject, String text, String phone, String email, Instant createdAt, List<String> channels,
      Integer attempts) {
    jdbc.update("insert into PC_NOTICE (NOTICE_KEY, CASE_REF, NOTICE_TYPE, SEQ_NO, DEDUP_KEY, LOCALE, SUBJECT, BODY,"
            + " CUSTOMER_PHONE, CUSTOMER_EMAIL, CREATED_AT) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key, caseRef, type.name(), sequence, dedupKey, locale, subject, text, phone, email, Timestamp.from(createdAt));
    for (String channel : channels) {
      boolean inApp = NoticeDelivery.IN_APP.equals(channel);
      boolean polled = !inApp && attempts != null;
      jdbc.update("insert into PC_NOTICE_DELIVERY (NOTICE_KEY, CHANNEL, STATUS, ATTEMPTS, SENT_AT, UPDATED_AT,"
              + " NEXT_ATTEMPT_AT, ATTEMPTS_LEFT) values (?, ?, ?, 0, ?, ?, ?, ?)",
          key, channel, inApp ? NoticeDelivery.SENT : NoticeDelivery.PENDING,
          inApp ? Timestamp.from(createdAt) : null, Timestamp.from(createdAt),
          polled ? Timestamp.from(createdAt) : null, polled ? attempts : null);
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
            + " UPDATED_AT = ?, NEXT_ATTEMPT_AT = null where NOTICE_KEY = ? and CHANNEL = ?",
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
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, LAST_ERROR = ?, UPDATED_AT = ?, NEXT_ATTEMPT_AT = null"
            + " where NOTICE_KEY = ? and CHANNEL = ? and STATUS <> ?",
        NoticeDelivery.WITHHELD, shortReason, Timestamp.from(at), key, channel, NoticeDelivery.SENT);
  }

  // ---- the outbox poller's rows (NEXT_ATTEMPT_AT not null): claimed in batches, each outcome in its own update ----

  /** A channel row the poller claimed: send it, then record the outcome. */
  record Claimed(String key, String channel, int attemptsLeft) {}

  /** A channel whose retries ran out (FAILED): what an operator sees and retries. */
  record Failed(String key, String caseRef, NoticeType type, String channel, int attempts, String lastError,
      Instant failedAt) {}

  /**
   * Claims up to {@code limit} channel rows due by {@code now} (pending and due, or SENDING with a claim that ran out:
   * its sender died or lost the database before recording the outcome): SENDING, due again at {@code staleAt}, when
   * another poller may take it over. On PostgreSQL one statement whose inner select skips rows another poller is
   * claiming ({@code for update skip locked}), so pollers on several nodes split the due rows; elsewhere (H2) a
   * conditional update per row.
   */
  List<Claimed> claimDue(Instant now, Instant staleAt, int limit) {
    if (postgres) {
      return jdbc.query("update PC_NOTICE_DELIVERY d set STATUS = ?, UPDATED_AT = ?, NEXT_ATTEMPT_AT = ? from (select"
              + " NOTICE_KEY, CHANNEL from PC_NOTICE_DELIVERY where NEXT_ATTEMPT_AT <= ? and STATUS in (?, ?)"
              + " order by NEXT_ATTEMPT_AT limit " + limit + " for update skip locked) c"
              + " where d.NOTICE_KEY = c.NOTICE_KEY and d.CHANNEL = c.CHANNEL"
              + " returning d.NOTICE_KEY, d.CHANNEL, d.ATTEMPTS_LEFT",
          (rs, i) -> new Claimed(rs.getString(1), rs.getString(2), rs.getInt(3)),
          NoticeDelivery.SENDING, Timestamp.from(now), Timestamp.from(staleAt), Timestamp.from(now),
          NoticeDelivery.PENDING, NoticeDelivery.SENDING);
    }
    List<Claimed> due = jdbc.query("select NOTICE_KEY, CHANNEL, ATTEMPTS_LEFT from PC_NOTICE_DELIVERY"
            + " where NEXT_ATTEMPT_AT <= ? and STATUS in (?, ?) order by NEXT_ATTEMPT_AT fetch first " + limit
            + " rows only",
        (rs, i) -> new Claimed(rs.getString(1), rs.getString(2), rs.getInt(3)), Timestamp.from(now),
        NoticeDelivery.PENDING, NoticeDelivery.SENDING);
    return due.stream().filter(c -> jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, UPDATED_AT = ?,"
            + " NEXT_ATTEMPT_AT = ? where NOTICE_KEY = ? and CHANNEL = ? and NEXT_ATTEMPT_AT <= ? and STATUS in (?, ?)",
        NoticeDelivery.SENDING, Timestamp.from(now), Timestamp.from(staleAt), c.key(), c.channel(),
        Timestamp.from(now), NoticeDelivery.PENDING, NoticeDelivery.SENDING) == 1).toList();
  }

  /**
   * A failed attempt at a claimed row: due again at {@code retryAt} with one attempt less, or, when it was the last,
   * FAILED (retryAt null) until an operator retries it. Never after it went out.
   */
  void attemptFailed(String key, String channel, String error, Instant at, Instant retryAt) {
    String shortError = error == null ? "" : error.length() > 900 ? error.substring(0, 900) : error;
    jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, ATTEMPTS = ATTEMPTS + 1, ATTEMPTS_LEFT = ATTEMPTS_LEFT - 1,"
            + " LAST_ERROR = ?, UPDATED_AT = ?, NEXT_ATTEMPT_AT = ? where NOTICE_KEY = ? and CHANNEL = ? and STATUS = ?",
        retryAt == null ? NoticeDelivery.FAILED : NoticeDelivery.PENDING, shortError, Timestamp.from(at),
        retryAt == null ? null : Timestamp.from(retryAt), key, channel, NoticeDelivery.SENDING);
  }

  /** The poller's rows whose retries ran out, oldest failure first (at most {@code limit}). */
  List<Failed> failed(int limit) {
    return jdbc.query("select D.NOTICE_KEY, N.CASE_REF, N.NOTICE_TYPE, D.CHANNEL, D.ATTEMPTS, D.LAST_ERROR,"
            + " D.UPDATED_AT from PC_NOTICE_DELIVERY D join PC_NOTICE N on N.NOTICE_KEY = D.NOTICE_KEY"
            + " where D.STATUS = ? and D.ATTEMPTS_LEFT is not null order by D.UPDATED_AT, D.NOTICE_KEY, D.CHANNEL"
            + " fetch first " + limit + " rows only",
        (rs, i) -> new Failed(rs.getString(1), rs.getString(2), NoticeType.valueOf(rs.getString(3)),
            rs.getString(4), rs.getInt(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
        NoticeDelivery.FAILED);
  }

  /** An operator's retry: the notice's failed channels due now with {@code attempts} more; how many. */
  int retryFailed(String key, Instant at, int attempts) {
    return jdbc.update("update PC_NOTICE_DELIVERY set STATUS = ?, ATTEMPTS_LEFT = ?, NEXT_ATTEMPT_AT = ?,"
            + " UPDATED_AT = ? where NOTICE_KEY = ? and STATUS = ? and ATTEMPTS_LEFT is not null",
        NoticeDelivery.PENDING, attempts, Timestamp.from(at), Timestamp.from(at), key, NoticeDelivery.FAILED);
  }

  /** Per notice: all channels SENT, or some channel FAILED; a few hundred keys per query. */
  DeliveryTally tally(Collection<String> keys) {
    DeliveryTally total = DeliveryTally.NONE;
    List<String> all = List.copyOf(keys);
    for (int from = 0; from < all.size(); from += 500) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
      String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
      List<Object> args = new ArrayList<>(List.of(NoticeDelivery.SENT, NoticeDelivery.FAILED,
          NoticeDelivery.PENDING));
      args.addAll(chunk);
      // failed: the last attempt failed, given up (FAILED) or, from the outbox, waiting for its retry (PENDING with
      // the error), as a process-delivered channel is FAILED between its job's retries
      DeliveryTally part = jdbc.queryForObject("select count(*),"
              + " coalesce(sum(case when UNSENT = 0 then 1 else 0 end), 0),"
              + " coalesce(sum(case when FAILED > 0 then 1 else 0 end), 0) from (select NOTICE_KEY,"
              + " sum(case when STATUS = ? then 0 else 1 end) as UNSENT, sum(case when STATUS = ? or (STATUS = ? and"
              + " ATTEMPTS_LEFT is not null and LAST_ERROR is not null) then 1 else 0 end)"
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

  /**
   * The notice without its deliveries' status (what a channel needs to send), by its primary key: one row read by
   * each sender thread. (A claim's keys read together in one {@code in (…)} made PostgreSQL scan the whole growing
   * table at every claim in the benchmark, half a second each.)
   */
  Optional<Stored> forSending(String key) {
    return jdbc.query(SELECT + " where NOTICE_KEY = ?", (rs, i) -> row(rs), key).stream().findFirst();
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
