package com.peakcare.returns;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The default refund gateway: records each refund once in PC_REFUND (the return number is the key), for shops
 * whose payment system picks refunds up from there. A retry finds the first record and returns it.
 */
@Component
class RecordingRefundGateway implements RefundGateway {

  private final JdbcTemplate jdbc;

  RecordingRefundGateway(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Refund refund(String returnNo, BigDecimal amount, String refundTo) {
    List<Refund> existing = find(returnNo);
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    Instant now = Instant.now();
    String ref = "RF-" + UUID.randomUUID();
    jdbc.update("insert into PC_REFUND (RETURN_NO, AMOUNT, REFUND_TO, GATEWAY_REF, DONE_AT) values (?, ?, ?, ?, ?)",
        returnNo, amount, refundTo, ref, Timestamp.from(now));
    return new Refund(returnNo, amount, refundTo, ref, now);
  }

  List<Refund> find(String returnNo) {
    return jdbc.query("select RETURN_NO, AMOUNT, REFUND_TO, GATEWAY_REF, DONE_AT from PC_REFUND where RETURN_NO = ?",
        (rs, i) -> new Refund(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()),
        returnNo);
  }
}
