package com.peakcare.returns;

import com.peakcare.returns.RefundGateway.Refund;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * PC_REFUND: one row per return that was refunded (the return number is the key), with the gateway that did it and
 * its reference. Both gateways write here, so a refund is recorded in one place whichever way it left.
 */
@Repository
class RefundLedger {

  private final JdbcTemplate jdbc;

  RefundLedger(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Refund> find(String returnNo) {
    return jdbc.query("select RETURN_NO, AMOUNT, REFUND_TO, GATEWAY_REF, DONE_AT from PC_REFUND where RETURN_NO = ?",
        (rs, i) -> new Refund(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
            rs.getTimestamp(5).toInstant()),
        returnNo).stream().findFirst();
  }

  /** Which gateway recorded the refund: {@code RECORDING} or {@code HTTP}. */
  Optional<String> gatewayOf(String returnNo) {
    return jdbc.queryForList("select GATEWAY from PC_REFUND where RETURN_NO = ?", String.class, returnNo).stream()
        .findFirst();
  }

  void record(Refund refund, RefundProperties.Gateway gateway) {
    jdbc.update("insert into PC_REFUND (RETURN_NO, AMOUNT, REFUND_TO, GATEWAY_REF, DONE_AT, GATEWAY)"
            + " values (?, ?, ?, ?, ?, ?)",
        refund.returnNo(), refund.amount(), refund.refundTo(), refund.gatewayRef(), Timestamp.from(refund.doneAt()),
        gateway.name());
    LoadedCases.forgetPromise(refund.returnNo()); // the promise reads when its refund was done from here
  }
}
