package com.peakcare.review;

import com.peakcare.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A review's text ages out (issue 27, row {@code review-text} of the retention table): a review a cycle has counted,
 * unchanged since the cut-off and with no serious-review task still open, is removed with its clauses. The cycles'
 * figures per category (PC_REVIEW_CYCLE, PC_REVIEW_TOPIC) and the leads' actions stay: the trend needs no text.
 */
@Component
class ReviewRetention implements RetentionRule {

  static final String NAME = "review-text";

  private final JdbcTemplate jdbc;

  ReviewRetention(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return NAME;
  }

  private static final String AGED = "from PC_REVIEW r where r.CHANGED_AT < ? and r.CYCLE_ID is not null and not "
      + "exists (select 1 from PC_REVIEW_SERIOUS s where s.ORDER_NO = r.ORDER_NO and s.SKU = r.SKU and s.HANDLED_AT "
      + "is null)";

  @Override
  public int expire(Instant cutoff) {
    Timestamp at = Timestamp.from(cutoff);
    int issues = jdbc.update("delete from PC_REVIEW_ISSUE where exists (select 1 " + AGED
        + " and r.ORDER_NO = PC_REVIEW_ISSUE.ORDER_NO and r.SKU = PC_REVIEW_ISSUE.SKU)", at);
    return issues + jdbc.update("delete from PC_REVIEW where exists (select 1 " + AGED.replace(" r ", " r2 ")
        .replace("r.", "r2.") + " and r2.ORDER_NO = PC_REVIEW.ORDER_NO and r2.SKU = PC_REVIEW.SKU)", at);
  }
}
