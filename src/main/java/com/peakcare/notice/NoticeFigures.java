package com.peakcare.notice;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Notices' and refund-care promises' figures for the big-sale dashboard (issue 25): read-only, each from an index
 * (docs/dashboard.md). The dashboard asks this service, never the outbox's tables.
 */
@Service
public class NoticeFigures {

  /** Deliveries of notices recorded in a window, per notice type, channel and delivery status. */
  public record Deliveries(String type, String channel, String status, long count) {}

  /**
   * The outbox's backlog: deliveries not SENT (pending, being sent, failed and retried) and the oldest of them;
   * failed: the last attempt failed (retried, or given up until an operator retries it).
   */
  public record Backlog(long waiting, long failed, Instant oldestWaitingSince) {}

  private final JdbcTemplate jdbc;

  NoticeFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Deliveries of the notices recorded in [from, to) (index PC_IDX_NOTICE_CREATED, then the delivery's key). */
  public List<Deliveries> deliveries(Instant from, Instant to) {
    // an outbox channel waiting for its retry (PENDING with the last attempt's error) counts as FAILED, as a
    // process-delivered one is FAILED between its job's retries
    return jdbc.query("select N.NOTICE_TYPE, D.CHANNEL, case when D.STATUS = ? and D.ATTEMPTS_LEFT is not null and"
        + " D.LAST_ERROR is not null then ? else D.STATUS end as ST, count(*) from PC_NOTICE N join PC_NOTICE_DELIVERY D"
        + " on D.NOTICE_KEY = N.NOTICE_KEY where N.CREATED_AT >= ? and N.CREATED_AT < ?"
        + " group by N.NOTICE_TYPE, D.CHANNEL, ST order by N.NOTICE_TYPE, D.CHANNEL, ST",
        (rs, i) -> new Deliveries(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
        NoticeDelivery.PENDING, NoticeDelivery.FAILED, Timestamp.from(from), Timestamp.from(to));
  }

  /** The outbox's backlog now (index PC_IDX_NOTICE_DELIVERY_STATUS: the three unsent statuses). */
  public Backlog backlog() {
    return jdbc.queryForObject("select count(*), coalesce(sum(case when STATUS = ? or (STATUS = ? and ATTEMPTS_LEFT"
        + " is not null and LAST_ERROR is not null) then 1 else 0 end), 0),"
        + " min(UPDATED_AT) from PC_NOTICE_DELIVERY where STATUS in (?, ?, ?)",
        (rs, i) -> {
          Timestamp oldest = rs.getTimestamp(3);
          return new Backlog(rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.toInstant());
        }, NoticeDelivery.FAILED, NoticeDelivery.PENDING, NoticeDelivery.PENDING, NoticeDelivery.SENDING,
        NoticeDelivery.FAILED);
  }
}
