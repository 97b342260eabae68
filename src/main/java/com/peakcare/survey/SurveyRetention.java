package com.peakcare.survey;

import com.peakcare.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A survey's words age out (issue 27, row {@code survey-text} of the retention table): the customer's comment and the
 * superior's recovery note of a survey sent before the cut-off. The score, the reasons and whether it was solved stay:
 * the supervisors' satisfaction figures count them.
 */
@Component
class SurveyRetention implements RetentionRule {

  static final String NAME = "survey-text";

  private final JdbcTemplate jdbc;

  SurveyRetention(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int expire(Instant cutoff) {
    return jdbc.update("update PC_SURVEY set COMMENT = null, RECOVERY_NOTE = null where SENT_AT < ? and (COMMENT is "
        + "not null or RECOVERY_NOTE is not null)", Timestamp.from(cutoff));
  }
}
