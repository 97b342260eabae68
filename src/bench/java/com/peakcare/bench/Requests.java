package com.peakcare.bench;

import com.peakcare.order.MemberTier;
import com.peakcare.order.OrderSnapshot;
import com.peakcare.order.OrderStatus;
import com.peakcare.order.Orders;
import com.peakcare.order.PaymentMethod;
import com.peakcare.order.ProductType;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Return requests of the shapes the benchmark needs, each with a unique return number (prefix + sequence), and the
 * registered order each names (issue 20: the shop's system registers the order before it opens a case):
 * {@code O-<returnNo>}, one line {@code SKU-1} of the case's amount, paid.
 */
final class Requests {

  private static final Instant ORDERED = Instant.parse("2025-11-10T16:05:00Z");

  private Requests() {}

  /** A case and the order it names. */
  record Case(OrderSnapshot order, ReturnRequest request) {

    Orders.Registration registration() {
      return new Orders.Registration(request.orderNo(), order);
    }
  }

  static Case of(String returnNo, CaseType type, Reason reason, String amount, int daysSinceDelivery,
      String category, String assignee) {
    BigDecimal money = new BigDecimal(amount);
    long n = Math.abs((long) returnNo.hashCode()) % 100_000_000L;
    OrderSnapshot order = new OrderSnapshot("B-" + returnNo, MemberTier.REGULAR, OrderStatus.PAID, ORDERED,
        ORDERED.plusSeconds(60), money, PaymentMethod.ALIPAY, new OrderSnapshot.Contact("张伟",
            "138" + String.format("%08d", n), "c" + n + "@example.com", "zh-CN"), "浙江",
        List.of(new OrderSnapshot.Line("SKU-1", "纯棉T恤", category, ProductType.PHYSICAL, 1, money)));
    ReturnRequest request = new ReturnRequest(returnNo, "O-" + returnNo, type, reason,
        List.of(new ReturnRequest.Line("SKU-1", 1)), Instant.now().minus(daysSinceDelivery, ChronoUnit.DAYS),
        type == CaseType.PRICE_DIFFERENCE ? money : null, assignee);
    return new Case(order, request);
  }

  /** A return the policy sends to the named agent for review (money involved: refund care, REFUND_CARE notice). */
  static Case returnForReview(String returnNo, String agent) {
    return of(returnNo, CaseType.RETURN_AND_REFUND, Reason.NO_REASON, "300.00", 3, "APPAREL", agent);
  }

  /** A repair: always reviewed, no money involved (no refund care): the cheapest case that leaves a review task. */
  static Case repairForReview(String returnNo, String agent) {
    return of(returnNo, CaseType.REPAIR, Reason.DAMAGED, "300.00", 3, "ELECTRONICS", agent);
  }

  /** A small refund the policy approves at once; the refund runs asynchronously. */
  static Case smallRefund(String returnNo, String agent) {
    return of(returnNo, CaseType.REFUND_ONLY, Reason.DAMAGED, "80.00", 2, "APPAREL", agent);
  }

  static String agent(long i) {
    return i % 2 == 0 ? "agent1" : "agent2";
  }
}
