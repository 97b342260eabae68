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

  /** The outbox's backlog: deliveries not SENT (pending, being sent, failed and retried) and the oldest of them. */
  public record Backlog(long waiting, long failed, Instant oldestWaitingSince) {}

  private final JdbcTemplate jdbc;

  NoticeFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Deliveries of the notices recorded in [from, to) (index PC_IDX_NOTICE_CREATED, then the delivery's key). */
  public List<Deliveries> deliveries(Instant from, Instant to) {
    return jdbc.query("select N.NOTICE_TYPE, D.CHANNEL, D.STATUS, count(*) from PC_NOTICE N join PC_NOTICE_DELIVERY D"
        + " on D.NOTICE_KEY = N.NOTICE_KEY where N.CREATED_AT >= ? and N.CREATED_AT < ?"
        + " group by N.NOTICE_TYPE, D.CHANNEL, D.STATUS order by N.NOTICE_TYPE, D.CHANNEL, D.STATUS",
        (rs, i) -> new Deliveries(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
        Timestamp.from(from), Timestamp.from(to));
  }

  /** The outbox's backlog now (index PC_IDX_NOTICE_DELIVERY_STATUS: the three unsent statuses). */
  public Backlog backlog() {
    return jdbc.queryForObject("select count(*), coalesce(sum(case when STATUS = ? then 1 else 0 end), 0),"
        + " min(UPDATED_AT) from PC_NOTICE_DELIVERY where STATUS in (?, ?, ?)",
        (rs, i) -> {
          Timestamp oldest = rs.getTimestamp(3);
          return new Backlog(rs.getLong(1), rs.getLong(2), oldest == null ? null : oldest.toInstant());
        }, NoticeDelivery.FAILED, NoticeDelivery.PENDING, NoticeDelivery.SENDING, NoticeDelivery.FAILED);
  }
}
