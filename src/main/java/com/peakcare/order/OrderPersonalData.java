package com.peakcare.order;

import com.peakcare.retention.DataSubject;
import com.peakcare.retention.PersonalDataHolder;
import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A person's orders (issue 27): found by buyer id or contact phone; exported with their lines; erased by blanking the
 * contact and putting the erasure's pseudonym in place of the buyer id. Paid, refunded and reserved amounts, lines and
 * reservations stay: they are the refunds' ceiling. Not while a case still claims the order.
 */
@Component
@Order(10)
class OrderPersonalData implements PersonalDataHolder {

  private final NamedParameterJdbcTemplate jdbc;

  OrderPersonalData(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String name() {
    return "orders";
  }

  @Override
  public void identify(DataSubject subject) {
    List<Map<String, Object>> rows = subject.buyerId() != null
        ? jdbc.queryForList("select ORDER_NO, BUYER_ID from PC_ORDER where BUYER_ID = :b", Map.of("b",
            subject.buyerId()))
        : jdbc.queryForList("select ORDER_NO, BUYER_ID from PC_ORDER where CONTACT_PHONE = :p", Map.of("p",
            subject.phone()));
    for (Map<String, Object> row : rows) {
      subject.orderNos().add((String) row.get("ORDER_NO"));
      subject.buyerIds().add((String) row.get("BUYER_ID"));
    }
  }

  @Override
  public String stillNeeded(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return null;
    }
    List<String> busy = jdbc.queryForList("select o.ORDER_NO from PC_ORDER o where o.ORDER_NO in (:o) and (o.RESERVED "
        + "<> 0 or exists (select 1 from PC_ORDER_RESERVATION r where r.ORDER_NO = o.ORDER_NO and r.STATUS = :s))",
        Map.of("o", subject.orderNos(), "s", CeilingRepository.State.RESERVED.name()), String.class);
    return busy.isEmpty() ? null : "a case still claims order " + String.join(", ", busy);
  }

  @Override
  public List<Map<String, Object>> export(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return List.of();
    }
    List<Map<String, Object>> orders = jdbc.queryForList("select ORDER_NO, BUYER_ID, MEMBER_TIER, STATUS, ORDERED_AT, "
        + "PAID_AT, PAID_AMOUNT, PAYMENT_METHOD, CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, CONTACT_LOCALE, PROVINCE, "
        + "REFUNDED from PC_ORDER where ORDER_NO in (:o) order by ORDER_NO", Map.of("o", subject.orderNos()));
    for (Map<String, Object> order : orders) {
      order.put("LINES", jdbc.queryForList("select SKU, NAME, CATEGORY, QUANTITY, UNIT_PRICE, RETURNED_QTY from "
          + "PC_ORDER_LINE where ORDER_NO = :o order by LINE_NO", Map.of("o", order.get("ORDER_NO"))));
    }
    return orders;
  }

  @Override
  public int erase(DataSubject subject) {
    if (subject.orderNos().isEmpty()) {
      return 0;
    }
    return jdbc.update("update PC_ORDER set CONTACT_NAME = '', CONTACT_PHONE = '', CONTACT_EMAIL = null, BUYER_ID = :p "
        + "where ORDER_NO in (:o)", Map.of("p", subject.pseudonym(), "o", subject.orderNos()));
  }
}
