package com.peakcare.order;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Registered orders and their lines (PC_ORDER, PC_ORDER_LINE, changelog peakcare-080). Every write that could break
 * the refund ceiling is conditional: it changes nothing when what is refunded or in flight no longer fits.
 */
@Repository
class OrderRepository {

  private final JdbcTemplate jdbc;
  private final OrderFigureLedger figures;

  OrderRepository(JdbcTemplate jdbc, OrderFigureLedger figures) {
    this.jdbc = jdbc;
    this.figures = figures;
  }

  /** The order row without its lines. */
  record Row(String orderNo, String registeredBy, String buyerId, MemberTier memberTier, OrderStatus status,
      Instant orderedAt, Instant paidAt, BigDecimal paidAmount, PaymentMethod paymentMethod,
      OrderSnapshot.Contact contact, String province, String snapshotHash, BigDecimal refunded, BigDecimal reserved,
      Instant registeredAt, Instant updatedAt, Instant autoCloseAt) {}

  private static Row row(ResultSet rs, int i) throws SQLException {
    return new Row(rs.getString("ORDER_NO"), rs.getString("REGISTERED_BY"), rs.getString("BUYER_ID"),
        MemberTier.valueOf(rs.getString("MEMBER_TIER")), OrderStatus.valueOf(rs.getString("STATUS")),
        instant(rs, "ORDERED_AT"), instant(rs, "PAID_AT"), rs.getBigDecimal("PAID_AMOUNT"),
        rs.getString("PAYMENT_METHOD") == null ? null : PaymentMethod.valueOf(rs.getString("PAYMENT_METHOD")),
        new OrderSnapshot.Contact(rs.getString("CONTACT_NAME"), rs.getString("CONTACT_PHONE"),
            rs.getString("CONTACT_EMAIL"), rs.getString("CONTACT_LOCALE")),
        rs.getString("PROVINCE"), rs.getString("SNAPSHOT_HASH"), rs.getBigDecimal("REFUNDED"),
        rs.getBigDecimal("RESERVED"), instant(rs, "REGISTERED_AT"), instant(rs, "UPDATED_AT"),
        instant(rs, "AUTO_CLOSE_AT"));
  }

  private static Order.Line line(ResultSet rs, int i) throws SQLException {
    return new Order.Line(rs.getString("SKU"), rs.getString("NAME"), rs.getString("CATEGORY"),
        ProductType.valueOf(rs.getString("PRODUCT_TYPE")), rs.getInt("QUANTITY"), rs.getBigDecimal("UNIT_PRICE"),
        rs.getInt("RETURNED_QTY"), rs.getInt("RESERVED_QTY"),
        rs.getString("ITEM_ROLE") == null ? null : ItemRole.valueOf(rs.getString("ITEM_ROLE")));
  }

  Optional<Row> find(String orderNo) {
    return jdbc.query("select * from PC_ORDER where ORDER_NO = ?", OrderRepository::row, orderNo).stream().findFirst();
  }

  List<Order.Line> lines(String orderNo) {
    return jdbc.query("select * from PC_ORDER_LINE where ORDER_NO = ? order by LINE_NO", OrderRepository::line,
        orderNo);
  }

  void insert(String orderNo, String registeredBy, OrderSnapshot s, String hash, Instant now) {
    jdbc.update("insert into PC_ORDER (ORDER_NO, REGISTERED_BY, BUYER_ID, MEMBER_TIER, STATUS, ORDERED_AT, PAID_AT,"
            + " PAID_AMOUNT, PAYMENT_METHOD, CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, CONTACT_LOCALE, PROVINCE,"
            + " SNAPSHOT_HASH, REFUNDED, RESERVED, REGISTERED_AT, UPDATED_AT, AUTO_CLOSE_AT)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)",
        orderNo, registeredBy, s.buyerId(), s.memberTier().name(), s.status().name(), ts(s.orderedAt()),
        ts(s.paidAt()), paid(s), s.paymentMethod() == null ? null : s.paymentMethod().name(), s.contact().name(),
        s.contact().phone(), s.contact().email(), s.contact().locale(), s.province(), hash, ts(now), ts(now),
        ts(s.autoCloseAt()));
    figures.changed(null, new OrderFigureLedger.Shape(s.paidAt(), paid(s), BigDecimal.ZERO));
    for (int i = 0; i < s.lines().size(); i++) {
      insertLine(orderNo, i, s.lines().get(i));
    }
  }

  /**
   * The order's new snapshot, unless a concurrent registration changed it since {@code previousHash} was read, or its
   * paid amount would fall below what is refunded and in flight: false then, nothing written.
   */
  boolean update(String orderNo, String previousHash, OrderSnapshot s, String hash, Instant now) {
    OrderFigureLedger.Shape before = figures.lock(orderNo).orElse(null);
    boolean updated = jdbc.update("update PC_ORDER set MEMBER_TIER = ?, STATUS = ?, PAID_AT = ?, PAID_AMOUNT = ?,"
            + " PAYMENT_METHOD = ?, CONTACT_NAME = ?, CONTACT_PHONE = ?, CONTACT_EMAIL = ?, CONTACT_LOCALE = ?,"
            + " PROVINCE = ?, SNAPSHOT_HASH = ?, UPDATED_AT = ?, AUTO_CLOSE_AT = ?"
            + " where ORDER_NO = ? and SNAPSHOT_HASH = ? and REFUNDED + RESERVED <= ?",
        s.memberTier().name(), s.status().name(), ts(s.paidAt()), paid(s),
        s.paymentMethod() == null ? null : s.paymentMethod().name(), s.contact().name(), s.contact().phone(),
        s.contact().email(), s.contact().locale(), s.province(), hash, ts(now), ts(s.autoCloseAt()), orderNo,
        previousHash, paid(s)) == 1;
    if (updated && before != null) {
      figures.changed(before, new OrderFigureLedger.Shape(s.paidAt(), paid(s), before.refunded()));
    }
    return updated;
  }

  void insertLine(String orderNo, int lineNo, OrderSnapshot.Line l) {
    jdbc.update("insert into PC_ORDER_LINE (ORDER_NO, SKU, LINE_NO, NAME, CATEGORY, PRODUCT_TYPE, QUANTITY,"
            + " UNIT_PRICE, RETURNED_QTY, RESERVED_QTY, ITEM_ROLE) values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)",
        orderNo, l.sku(), lineNo, l.name(), l.category(), l.productType().name(), l.quantity(), l.unitPrice(),
        role(l));
  }

  /**
   * A line as the new snapshot has it; false (nothing written) when its quantity would fall below the units returned
   * and in flight, or its unit price change while any unit is.
   */
  boolean updateLine(String orderNo, int lineNo, OrderSnapshot.Line l) {
    return jdbc.update("update PC_ORDER_LINE set LINE_NO = ?, NAME = ?, CATEGORY = ?, PRODUCT_TYPE = ?, QUANTITY = ?,"
            + " UNIT_PRICE = ?, ITEM_ROLE = ? where ORDER_NO = ? and SKU = ? and RETURNED_QTY + RESERVED_QTY <= ?"
            + " and (UNIT_PRICE = ? or RETURNED_QTY + RESERVED_QTY = 0)",
        lineNo, l.name(), l.category(), l.productType().name(), l.quantity(), l.unitPrice(), role(l), orderNo, l.sku(),
        l.quantity(), l.unitPrice()) == 1;
  }

  /** A line the new snapshot no longer has; false (kept) while any of its units is returned or in flight. */
  boolean deleteLine(String orderNo, String sku) {
    return jdbc.update("delete from PC_ORDER_LINE where ORDER_NO = ? and SKU = ? and RETURNED_QTY + RESERVED_QTY = 0",
        orderNo, sku) == 1;
  }

  private static String role(OrderSnapshot.Line l) {
    return l.itemRole() == null ? null : l.itemRole().name();
  }

  private static BigDecimal paid(OrderSnapshot s) {
    return s.paidAmount() == null ? BigDecimal.ZERO : s.paidAmount();
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
