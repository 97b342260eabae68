package com.peakcare.complaint;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The complaint feature's figures for others to show (issue 25 meets issue 24): read-only, from its own table. The
 * dashboard's promises tile reads the resolution promised to each customer through this, never the table.
 */
@Service
public class ComplaintFigures {

  /**
   * Resolution promises due in a window: kept (resolved by the promised time), late (resolved after it, or past it and
   * not resolved), open (not resolved, not yet due).
   */
  public record Promises(long due, long kept, long late, long open) {}

  private final JdbcTemplate jdbc;

  ComplaintFigures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The resolution promises with a promised time in [from, to), as they stand at {@code now}. */
  public Promises resolutionPromises(Instant from, Instant to, Instant now) {
    Timestamp at = Timestamp.from(now);
    return jdbc.queryForObject("select count(*),"
        + " coalesce(sum(case when RESOLVED_AT is not null and RESOLVED_AT <= PROMISED_RESOLUTION_BY then 1 else 0 end),"
        + " 0),"
        + " coalesce(sum(case when (RESOLVED_AT is not null and RESOLVED_AT > PROMISED_RESOLUTION_BY)"
        + " or (RESOLVED_AT is null and PROMISED_RESOLUTION_BY < ?) then 1 else 0 end), 0),"
        + " coalesce(sum(case when RESOLVED_AT is null and PROMISED_RESOLUTION_BY >= ? then 1 else 0 end), 0)"
        + " from PC_COMPLAINT where PROMISED_RESOLUTION_BY >= ? and PROMISED_RESOLUTION_BY < ?",
        (rs, i) -> new Promises(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)),
        at, at, Timestamp.from(from), Timestamp.from(to));
  }
}
