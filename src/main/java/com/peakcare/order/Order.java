package com.peakcare.order;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A registered order and what its refunds have used of it: {@code refunded} (paid back), {@code reserved} (in flight:
 * cases opened and not yet paid or ended) and, per line, the units returned and reserved.
 *
 * @param refundable what the order may still refund: paid amount less refunded and reserved
 */
@Schema(name = "Order")
public record Order(String orderNo, String registeredBy, String buyerId, MemberTier memberTier, OrderStatus status,
    Instant orderedAt, Instant paidAt, BigDecimal paidAmount, PaymentMethod paymentMethod,
    OrderSnapshot.Contact contact, String province, List<Line> lines, BigDecimal refunded, BigDecimal reserved,
    BigDecimal refundable, Instant registeredAt, Instant updatedAt, Instant autoCloseAt) {

  /**
   * The order as staff see it (issue 27): the phone masked (138****1111) and the e-mail left out; only the account that
   * registered it, and the follow-up call's form, carry the whole contact.
   */
  public Order forStaff() {
    OrderSnapshot.Contact shown = contact == null ? null : new OrderSnapshot.Contact(contact.name(),
        com.peakcare.retention.PersonalData.maskPhone(contact.phone()), null, contact.locale());
    return new Order(orderNo, registeredBy, buyerId, memberTier, status, orderedAt, paidAt, paidAmount, paymentMethod,
        shown, province, lines, refunded, reserved, refundable, registeredAt, updatedAt, autoCloseAt);
  }

  /** A line of a registered order: as the shop registered it, with the units returned and in flight. */
  @Schema(name = "RegisteredOrderLine")
  public record Line(String sku, String name, String category, ProductType productType, int quantity,
      BigDecimal unitPrice, int returned, int reserved, ItemRole itemRole) {

    /** Units that may still be returned. */
    public int returnable() {
      return quantity - returned - reserved;
    }
  }

  /** What the order's lines cost at their unit prices: the amount an unpaid order asks for. */
  public BigDecimal linesTotal() {
    return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public Optional<Line> line(String sku) {
    return lines.stream().filter(l -> l.sku().equals(sku)).findFirst();
  }

  /** Whether the buyer ever paid: only an order never paid refunds nothing and opens no case. */
  public boolean wasPaid() {
    return paidAt != null;
  }
}
