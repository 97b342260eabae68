package com.peakcare.returns;

import com.peakcare.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A closed case's request ages out (issue 27, row {@code return-request} of the retention table): once the case is
 * CLOSED, REJECTED or CANCELLED and unchanged since the cut-off, its request body is emptied and its customer key (the
 * buyer, for "the agent who served this customer before") becomes {@code expired}. The money stays: order no., amount,
 * refund amount, destination and reference, who decided, and the timeline.
 */
@Component
class ReturnRetention implements RetentionRule {

  static final String NAME = "return-request";
  static final String EXPIRED = "expired";

  private final JdbcTemplate jdbc;

  ReturnRetention(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int expire(Instant cutoff) {
    return jdbc.update("update PC_RETURN_CASE set REQUEST_JSON = '{}', CUSTOMER_KEY = ? where UPDATED_AT < ? "
        + "and STATUS in (?, ?, ?) and CUSTOMER_KEY <> ?", EXPIRED, Timestamp.from(cutoff),
        ReturnCaseProcess.Status.CLOSED.name(), ReturnCaseProcess.Status.REJECTED.name(),
        ReturnCaseProcess.Status.CANCELLED.name(), EXPIRED);
  }
}
