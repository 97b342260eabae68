package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Small factories for return requests: every call is a new case of a new customer. */
final class ReturnRequests {

  static ReturnRequest aRequest(CaseType type, Reason reason, String amount, int daysSinceDelivery, MemberTier tier,
      String category) {
    long n = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    BigDecimal money = new BigDecimal(amount);
    return new ReturnRequest("R-" + n, "O-" + n, type, reason, money,
        Instant.now().minus(daysSinceDelivery, ChronoUnit.DAYS),
        new ReturnRequest.Customer("张伟", "138" + (n % 100_000_000L), "zhang.wei" + n + "@example.com", tier, "zh-CN",
            "浙江"),
        List.of(new ReturnRequest.Item("SKU-" + n, "纯棉T恤", category, 1, money)), null);
  }

  /** A small refund-only request the policy approves at once. */
  static ReturnRequest aSmallRefund() {
    return aRequest(CaseType.REFUND_ONLY, Reason.DAMAGED, "80.00", 2, MemberTier.REGULAR, "APPAREL");
  }

  /** A return the policy sends to an agent for review. */
  static ReturnRequest aReturnForReview() {
    return aRequest(CaseType.RETURN_AND_REFUND, Reason.NO_REASON, "300.00", 3, MemberTier.REGULAR, "APPAREL");
  }

  static ReturnRequest anExchange() {
    return aRequest(CaseType.EXCHANGE, Reason.WRONG_SIZE, "90.00", 2, MemberTier.REGULAR, "SHOES");
  }

  static ReturnRequest withCustomer(ReturnRequest r, ReturnRequest.Customer customer) {
    return new ReturnRequest(r.returnNo(), r.orderNo(), r.type(), r.reason(), r.amount(), r.deliveredAt(), customer,
        r.items(), r.assignee());
  }

  static ReturnRequest withAssignee(ReturnRequest r, String assignee) {
    return new ReturnRequest(r.returnNo(), r.orderNo(), r.type(), r.reason(), r.amount(), r.deliveredAt(),
        r.customer(), r.items(), assignee);
  }

  static ReturnRequest asVip(ReturnRequest r) {
    ReturnRequest.Customer c = r.customer();
    return withCustomer(r, new ReturnRequest.Customer(c.name(), c.phone(), c.email(), MemberTier.VIP, c.locale(),
        c.province()));
  }

  private ReturnRequests() {}
}
