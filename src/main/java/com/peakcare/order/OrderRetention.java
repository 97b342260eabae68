package com.peakcare.order;

import com.peakcare.retention.RetentionRule;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An order's contact ages out (issue 27, row {@code order-contact} of the retention table): once the order has not
 * changed since the cut-off and no case claims it any more (no reservation RESERVED, none ended since the cut-off),
 * its name, phone and e-mail are blanked. What money needs stays: buyer id, paid and refunded amounts, lines, province
 * (a region, for the shipping and delay figures), every reservation with its amount.
 */
@Component
class OrderRetention implements RetentionRule {

  static final String NAME = "order-contact";

  private final JdbcTemplate jdbc;

  OrderRetention(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int expire(Instant cutoff) {
    Timestamp at = Timestamp.from(cutoff);
    return jdbc.update("update PC_ORDER set CONTACT_NAME = '', CONTACT_PHONE = '', CONTACT_EMAIL = null "
        + "where UPDATED_AT < ? and RESERVED = 0 and (CONTACT_NAME <> '' or CONTACT_PHONE <> '' or CONTACT_EMAIL is not "
        + "null) and not exists (select 1 from PC_ORDER_RESERVATION r where r.ORDER_NO = PC_ORDER.ORDER_NO and "
        + "(r.STATUS = ? or r.ENDED_AT >= ?))", at, CeilingRepository.State.RESERVED.name(), at);
  }
}
