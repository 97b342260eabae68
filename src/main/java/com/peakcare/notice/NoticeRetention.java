package com.peakcare.notice;

import com.peakcare.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the notice outbox ages out (issue 27, docs/retention.md), the notice feature's two rows of the retention table:
 * <ul>
 *   <li>{@code notice-text}: a notice's subject, text and the phone and e-mail it went to are blanked once it is older
 *       than the period and no channel still has it to send (every delivery SENT, or FAILED and untouched since the
 *       cut-off); type, time and outcome stay, for the case's timeline and the delivery figures;</li>
 *   <li>{@code notice-record}: the notice and its deliveries are removed once older than the period (the case's own
 *       history lives as long), unless a delivery is still under way.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class NoticeRetention {

  static final String TEXT = "notice-text";
  static final String RECORD = "notice-record";

  /** No channel still has it to send: each delivery sent, or failed and left alone since the cut-off. */
  private static final String SETTLED = "not exists (select 1 from PC_NOTICE_DELIVERY d where d.NOTICE_KEY = "
      + "PC_NOTICE.NOTICE_KEY and not (d.STATUS = '" + NoticeDelivery.SENT + "' or (d.STATUS = '"
      + NoticeDelivery.FAILED + "' and d.UPDATED_AT < ?)))";

  @Bean
  RetentionRule noticeTextRetention(JdbcTemplate jdbc) {
    return new RetentionRule() {
      @Override
      public String name() {
        return TEXT;
      }

      @Override
      public int expire(Instant cutoff) {
        Timestamp at = Timestamp.from(cutoff);
        int errors = jdbc.update("update PC_NOTICE_DELIVERY set LAST_ERROR = null where LAST_ERROR is not null and "
            + "UPDATED_AT < ? and NOTICE_KEY in (select NOTICE_KEY from PC_NOTICE where CREATED_AT < ?)", at, at);
        return errors + jdbc.update("update PC_NOTICE set SUBJECT = '', BODY = '', CUSTOMER_PHONE = null, "
            + "CUSTOMER_EMAIL = null where CREATED_AT < ? and (BODY <> '' or SUBJECT <> '' or CUSTOMER_PHONE is not "
            + "null or CUSTOMER_EMAIL is not null) and " + SETTLED, at, at);
      }
    };
  }

  @Bean
  RetentionRule noticeRecordRetention(JdbcTemplate jdbc) {
    return new RetentionRule() {
      @Override
      public String name() {
        return RECORD;
      }

      @Override
      public int expire(Instant cutoff) {
        Timestamp at = Timestamp.from(cutoff);
        int deliveries = jdbc.update("delete from PC_NOTICE_DELIVERY where NOTICE_KEY in (select NOTICE_KEY from "
            + "PC_NOTICE where CREATED_AT < ? and " + SETTLED + ")", at, at);
        return deliveries + jdbc.update("delete from PC_NOTICE where CREATED_AT < ? and not exists (select 1 from "
            + "PC_NOTICE_DELIVERY d where d.NOTICE_KEY = PC_NOTICE.NOTICE_KEY)", at);
      }
    };
  }
}
