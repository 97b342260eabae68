package com.peakcare.returns;

import com.peakcare.order.MemberTier;
import com.peakcare.order.OrderSnapshot;
import com.peakcare.order.OrderStatus;
import com.peakcare.order.PaymentMethod;
import com.peakcare.order.ProductType;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Small factories for return requests (issue 20): every call is a new order of a new customer, paid, of one line, and
 * a request that returns that line. The order is kept here until a test registers it ({@link ShopOrders}); the
 * modifiers below change the order (tier, province, buyer) or the request (assignee) before it is registered.
 */
final class ReturnRequests {

  private static final Map<String, OrderSnapshot> ORDERS = new ConcurrentHashMap<>();

  static ReturnRequest aRequest(CaseType type, Reason reason, String amount, int daysSinceDelivery, MemberTier tier,
      String category) {
    long n = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    BigDecimal money = new BigDecimal(amount);
    Instant ordered = Instant.now().minus(daysSinceDelivery + 3L, ChronoUnit.DAYS);
    String orderNo = "O-" + n;
    ORDERS.put(orderNo, new OrderSnapshot("buyer-" + n, tier, OrderStatus.PAID, ordered, ordered.plusSeconds(90),
        money, PaymentMethod.ALIPAY, new OrderSnapshot.Contact("张伟", "138" + (n % 100_000_000L),
            "zhang.wei" + n + "@example.com", "zh-CN"), "浙江",
        List.of(new OrderSnapshot.Line("SKU-" + n, "纯棉T恤", category, ProductType.PHYSICAL, 1, money))));
    return new ReturnRequest("R-" + n, orderNo, type, reason, List.of(new ReturnRequest.Line("SKU-" + n, 1)),
        Instant.now().minus(daysSinceDelivery, ChronoUnit.DAYS), type == CaseType.PRICE_DIFFERENCE ? money : null,
        null);
  }

  /** A small refund-only request the policy approves at once (when the shop's system opens it). */
  static ReturnRequest aSmallRefund() {
    return aRequest(CaseType.REFUND_ONLY, Reason.DAMAGED, "80.00", 2, MemberTier.REGULAR, "APPAREL");
  }

  /** A return the policy sends to an agent for review. */
  static ReturnRequest aReturnForReview() {
    return aRequest(CaseType.RETURN_AND_REFUND, Reason.NO_REASON, "300.00", 3, MemberTier.REGULAR, "APPAREL");
  }

  /** A refund above the second-approval threshold (1000.00): a second after-sales supervisor approves it. */
  static ReturnRequest aLargeRefund() {
    return aRequest(CaseType.REFUND_ONLY, Reason.NOT_AS_DESCRIBED, "1500.00", 2, MemberTier.REGULAR, "ELECTRONICS");
  }

  static ReturnRequest anExchange() {
    return aRequest(CaseType.EXCHANGE, Reason.WRONG_SIZE, "90.00", 2, MemberTier.REGULAR, "SHOES");
  }

  /** The order a request names, as the shop's system registers it. */
  static OrderSnapshot orderOf(ReturnRequest r) {
    OrderSnapshot order = ORDERS.get(r.orderNo());
    if (order == null) {
      throw new IllegalStateException("no order " + r.orderNo() + " was made by ReturnRequests");
    }
    return order;
  }

  static ReturnRequest withAssignee(ReturnRequest r, String assignee) {
    return new ReturnRequest(r.returnNo(), r.orderNo(), r.type(), r.reason(), r.lines(), r.deliveredAt(), r.amount(),
        assignee);
  }

  /** The same request on an order of a VIP. */
  static ReturnRequest asVip(ReturnRequest r) {
    OrderSnapshot o = orderOf(r);
    ORDERS.put(r.orderNo(), new OrderSnapshot(o.buyerId(), MemberTier.VIP, o.status(), o.orderedAt(), o.paidAt(),
        o.paidAmount(), o.paymentMethod(), o.contact(), o.province(), o.lines()));
    return r;
  }

  /** The same request on an order delivered to another province. */
  static ReturnRequest inProvince(ReturnRequest r, String province) {
    OrderSnapshot o = orderOf(r);
    ORDERS.put(r.orderNo(), new OrderSnapshot(o.buyerId(), o.memberTier(), o.status(), o.orderedAt(), o.paidAt(),
        o.paidAmount(), o.paymentMethod(), o.contact(), province, o.lines()));
    return r;
  }

  /** The same request on an order of the buyer of {@code earlier} (a returning customer). */
  static ReturnRequest ofTheBuyerOf(ReturnRequest r, ReturnRequest earlier) {
    OrderSnapshot o = orderOf(r);
    OrderSnapshot e = orderOf(earlier);
    ORDERS.put(r.orderNo(), new OrderSnapshot(e.buyerId(), o.memberTier(), o.status(), o.orderedAt(), o.paidAt(),
        o.paidAmount(), o.paymentMethod(), e.contact(), e.province(), o.lines()));
    return r;
  }

  /** The same request on an order of a customer with this name, phone and e-mail (issue 27: seeded personal data). */
  static ReturnRequest ofCustomer(ReturnRequest r, String name, String phone, String email) {
    OrderSnapshot o = orderOf(r);
    ORDERS.put(r.orderNo(), new OrderSnapshot(o.buyerId(), o.memberTier(), o.status(), o.orderedAt(), o.paidAt(),
        o.paidAmount(), o.paymentMethod(), new OrderSnapshot.Contact(name, phone, email, o.contact().locale()),
        o.province(), o.lines()));
    return r;
  }

  private ReturnRequests() {}
}
