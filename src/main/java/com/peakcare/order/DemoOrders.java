package com.peakcare.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A few registered orders to try cases on, on the embedded default with its demo users only (never on the
 * {@code postgres} profile): registered by {@code shop1} at start-up, the same snapshots every time, so registering them
 * again changes nothing. The README uses their numbers: DEMO-1001 (two lines, apparel and shoes), DEMO-1002 (a VIP's),
 * DEMO-1003 (above ¥1,000: its refund needs a second approval), DEMO-1004 (never paid: no case at all).
 */
@Component
@Profile("!postgres")
@ConditionalOnProperty(name = "peakcare.demo", havingValue = "true")
class DemoOrders {

  private static final Logger log = LoggerFactory.getLogger(DemoOrders.class);
  static final String SHOP = "shop1";
  private static final Instant ORDERED = Instant.parse("2025-11-10T16:05:00Z"); // Double 11, 00:05 in Shanghai
  private static final Instant PAID = Instant.parse("2025-11-10T16:07:00Z");

  private final Orders orders;

  DemoOrders(Orders orders) {
    this.orders = orders;
  }

  @EventListener(ApplicationReadyEvent.class)
  void register() {
    try {
      orders.register(all(), SHOP);
      log.info("demo orders DEMO-1001 to DEMO-1004 registered for {}", SHOP);
    } catch (RuntimeException e) {
      log.warn("demo orders not registered: {}", e.getMessage());
    }
  }

  static List<Orders.Registration> all() {
    return List.of(
        paid("DEMO-1001", "buyer-zhangwei", MemberTier.REGULAR, "599.00", PaymentMethod.ALIPAY,
            new OrderSnapshot.Contact("张伟", "13800001111", "zhang.wei@example.com", "zh-CN"), "浙江",
            line("TS-01", "纯棉T恤", "APPAREL", 2, "100.00"), line("SH-01", "跑步鞋", "SHOES", 1, "399.00")),
        paid("DEMO-1002", "buyer-lina", MemberTier.VIP, "597.00", PaymentMethod.WECHAT_PAY,
            new OrderSnapshot.Contact("李娜", "13900002222", "li.na@example.com", "zh-CN"), "上海",
            line("BE-01", "修护精华液", "BEAUTY", 1, "459.00"), line("HM-01", "香薰蜡烛", "HOME", 2, "69.00")),
        paid("DEMO-1003", "buyer-wangqiang", MemberTier.REGULAR, "1427.00", PaymentMethod.BANK_CARD,
            new OrderSnapshot.Contact("王强", "13700003333", "wang.qiang@example.com", "zh-CN"), "北京",
            line("EL-01", "降噪耳机", "ELECTRONICS", 1, "1299.00"), line("FD-01", "坚果礼盒", "FOOD", 1, "128.00")),
        new Orders.Registration("DEMO-1004", new OrderSnapshot("buyer-zhaomin", MemberTier.REGULAR, OrderStatus.UNPAID,
            ORDERED, null, null, null, new OrderSnapshot.Contact("Zhao Min", "13600004444", null, "en"), "广东",
            List.of(line("BB-01", "婴儿推车", "BABY", 1, "899.00")))));
  }

  private static Orders.Registration paid(String orderNo, String buyer, MemberTier tier, String paid,
      PaymentMethod method, OrderSnapshot.Contact contact, String province, OrderSnapshot.Line... lines) {
    return new Orders.Registration(orderNo, new OrderSnapshot(buyer, tier, OrderStatus.PAID, ORDERED, PAID,
        new BigDecimal(paid), method, contact, province, List.of(lines)));
  }

  private static OrderSnapshot.Line line(String sku, String name, String category, int quantity, String price) {
    return new OrderSnapshot.Line(sku, name, category, ProductType.PHYSICAL, quantity, new BigDecimal(price));
  }
}
