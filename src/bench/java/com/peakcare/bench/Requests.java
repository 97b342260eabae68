package com.peakcare.bench;

import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Return requests of the shapes the benchmark needs, each with a unique return number (prefix + sequence). */
final class Requests {

  private Requests() {}

  static ReturnRequest of(String returnNo, CaseType type, Reason reason, String amount, int daysSinceDelivery,
      String category, String assignee) {
    BigDecimal money = new BigDecimal(amount);
    long n = Math.abs((long) returnNo.hashCode()) % 100_000_000L;
    return new ReturnRequest(returnNo, "O-" + returnNo, type, reason, money,
        Instant.now().minus(daysSinceDelivery, ChronoUnit.DAYS),
        new ReturnRequest.Customer("张伟", "138" + String.format("%08d", n), "c" + n + "@example.com",
            MemberTier.REGULAR, "zh-CN", "浙江"),
        List.of(new ReturnRequest.Item("SKU-" + n, "纯棉T恤", category, 1, money)), assignee);
  }

  /** A return the policy sends to the named agent for review (money involved: refund care, REFUND_CARE notice). */
  static ReturnRequest returnForReview(String returnNo, String agent) {
    return of(returnNo, CaseType.RETURN_AND_REFUND, Reason.NO_REASON, "300.00", 3, "APPAREL", agent);
  }

  /** A repair: always reviewed, no money involved (no refund care): the cheapest case that leaves a review task. */
  static ReturnRequest repairForReview(String returnNo, String agent) {
    return of(returnNo, CaseType.REPAIR, Reason.DAMAGED, "300.00", 3, "ELECTRONICS", agent);
  }

  /** A small refund the policy approves at once; the refund runs asynchronously. */
  static ReturnRequest smallRefund(String returnNo, String agent) {
    return of(returnNo, CaseType.REFUND_ONLY, Reason.DAMAGED, "80.00", 2, "APPAREL", agent);
  }

  static String agent(long i) {
    return i % 2 == 0 ? "agent1" : "agent2";
  }
}
