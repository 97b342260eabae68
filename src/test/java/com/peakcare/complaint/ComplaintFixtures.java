package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Category;
import com.peakcare.complaint.ComplaintProcess.Channel;
import com.peakcare.complaint.ComplaintProcess.Severity;
import com.peakcare.order.MemberTier;
import com.peakcare.order.OrderSnapshot;
import com.peakcare.order.OrderStatus;
import com.peakcare.order.Orders;
import com.peakcare.order.PaymentMethod;
import com.peakcare.order.ProductType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Complaints in tests: the order registered by the shop's system ({@code shop1}), then a complaint about it. */
@Component
class ComplaintFixtures {

  static final String SHOP = "shop1";
  static final List<String> AGENT = List.of("after-sales", "all-staff");
  static final List<String> LEAD = List.of("after-sales", "supervisors", "all-staff");

  private final Orders orders;
  private final IdentityService identity;

  ComplaintFixtures(Orders orders, IdentityService identity) {
    this.orders = orders;
    this.identity = identity;
  }

  /** A paid order of one line (¥{@code price}), registered by shop1: its order number. */
  String anOrder(MemberTier tier, String price) {
    long n = ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    String orderNo = "O-C" + n;
    Instant ordered = Instant.now().minus(5, ChronoUnit.DAYS);
    BigDecimal money = new BigDecimal(price);
    orders.register(List.of(new Orders.Registration(orderNo, new OrderSnapshot("buyer-c" + n, tier, OrderStatus.PAID,
        ordered, ordered.plusSeconds(90), money, PaymentMethod.ALIPAY, new OrderSnapshot.Contact("李娜",
            "139" + (n % 100_000_000L), "li.na" + n + "@example.com", "zh-CN"), "江苏",
        List.of(new OrderSnapshot.Line("SKU-C" + n, "保温杯", "HOME", ProductType.PHYSICAL, 1, money))))), SHOP);
    return orderNo;
  }

  static String skuOf(String orderNo) {
    return "SKU-C" + orderNo.substring("O-C".length());
  }

  /** A complaint about the order, handled by {@code agent} (null: the least loaded agent). */
  static ComplaintRequest aComplaint(String orderNo, Severity severity, String agent) {
    return new ComplaintRequest("C-" + ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L), orderNo,
        Channel.IM, Category.PRODUCT, severity, "杯子漏水，要求退货并赔偿 · the cup leaks: I want my money back", List.of(),
        agent);
  }

  <T> T as(String user, List<String> groups, Supplier<T> work) {
    identity.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  void as(String user, List<String> groups, Runnable work) {
    as(user, groups, () -> {
      work.run();
      return null;
    });
  }
}
