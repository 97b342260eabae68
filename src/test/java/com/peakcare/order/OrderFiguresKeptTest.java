package com.peakcare.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The refund rate's kept figures (issue 25, {@link OrderFigureLedger}) against known changes: a registration adds its
 * order and paid amount to the hour it was paid in, a payment moves with a new snapshot, money paid back adds to the
 * refunded money (and the order to the refunded orders once), a rolled-back change moves nothing; the fold and the
 * recount keep every sum, and the dashboard's statement reads them ({@link OrderFigures#refundRate}).
 */
@PeakCareTest
class OrderFiguresKeptTest {

  /** Hours of this class's own (2041-03-01T08:00Z and the next), far from every other test's orders. */
  static final Instant HOUR = Instant.parse("2041-03-01T08:00:00Z");

  @Autowired Orders orders;
  @Autowired CeilingRepository ceiling;
  @Autowired OrderFigureKeeper keeper;
  @Autowired OrderFigures figures;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;
  TransactionTemplate tx;

  @BeforeEach
  void setUp() {
    tx = new TransactionTemplate(transactions);
  }

  @Test
  void registrationsAndRefundsMoveExactlyTheirHour() {
    long hour = OrderFigureLedger.hour(HOUR);
    String a = registerNew("100.00", HOUR.plusSeconds(600));
    String b = registerNew("50.00", HOUR.plusSeconds(1200));
    registerNew("30.00", HOUR.plusSeconds(3600 + 60)); // the next hour
    assertThat(keeper.kept().get(hour)).isEqualTo(hour(2, 0, "150", "0"));

    tx.executeWithoutResult(s -> ceiling.unclaimMoney(a, BigDecimal.ZERO, new BigDecimal("40.00")));
    tx.executeWithoutResult(s -> ceiling.unclaimMoney(a, BigDecimal.ZERO, new BigDecimal("10.00")));
    tx.executeWithoutResult(s -> ceiling.unclaimMoney(b, BigDecimal.ZERO, BigDecimal.ZERO)); // nothing paid back
    assertThat(keeper.kept().get(hour)).as("a counts once as refunded, with 50 back")
        .isEqualTo(hour(2, 1, "150", "50"));

    // a new snapshot of b with more paid: the hour has the new amount
    register(b, "80.00", HOUR.plusSeconds(1200));
    assertThat(keeper.kept().get(hour)).isEqualTo(hour(2, 1, "180", "50"));

    try {
      tx.executeWithoutResult(s -> {
        ceiling.unclaimMoney(b, BigDecimal.ZERO, new BigDecimal("5.00"));
        throw new IllegalStateException("rolled back");
      });
    } catch (IllegalStateException expected) {
      // nothing moved
    }
    assertThat(keeper.kept().get(hour)).isEqualTo(hour(2, 1, "180", "50"));

    OrderFigures.RefundRate rate = figures.refundRate(HOUR, HOUR.plusSeconds(7200));
    assertThat(rate.orders()).isEqualTo(3);
    assertThat(rate.refundedOrders()).isEqualTo(1);
    assertThat(rate.paid()).isEqualByComparingTo("210.00");
    assertThat(rate.refunded()).isEqualByComparingTo("50.00");
    OrderFigures.RefundRate quarter = figures.refundRate(HOUR.plusSeconds(900), HOUR.plusSeconds(3600 + 120));
    assertThat(quarter.orders()).as("from 08:15 to 09:02: b from the orders, the next hour's from them too")
        .isEqualTo(2);
    assertThat(quarter.paid()).isEqualByComparingTo("110.00");

    assertThat(keeper.fold()).isPositive();
    assertThat(keeper.kept().get(hour)).isEqualTo(hour(2, 1, "180", "50"));
    assertThat(figures.refundRate(HOUR, HOUR.plusSeconds(7200)).paid()).isEqualByComparingTo("210.00");
  }

  @Test
  void theRecountRepairsAChangeMadeBehindTheLedgersBack() {
    Instant at = HOUR.plusSeconds(5 * 86_400);
    String a = registerNew("70.00", at);
    jdbc.update("update PC_ORDER set REFUNDED = 20 where ORDER_NO = ?", a);
    assertThat(keeper.kept().get(OrderFigureLedger.hour(at))).isEqualTo(hour(1, 0, "70", "0"));
    keeper.recount();
    assertThat(keeper.kept().get(OrderFigureLedger.hour(at))).isEqualTo(hour(1, 1, "70", "20"));
    assertThat(keeper.kept()).isEqualTo(keeper.fresh());
  }

  private String registerNew(String paid, Instant paidAt) {
    String no = "O-KEPT-" + UUID.randomUUID().toString().substring(0, 12);
    return register(no, paid, paidAt);
  }

  private String register(String no, String paid, Instant paidAt) {
    orders.register(List.of(new Orders.Registration(no, new OrderSnapshot("kept-buyer", MemberTier.REGULAR,
        OrderStatus.PAID, paidAt.minusSeconds(60), paidAt, new BigDecimal(paid), PaymentMethod.ALIPAY,
        new OrderSnapshot.Contact("张伟", "13800000000", null, "zh-CN"), "浙江",
        List.of(new OrderSnapshot.Line("SKU-K", "纯棉T恤", "APPAREL", ProductType.PHYSICAL, 1,
            new BigDecimal(paid)))))), "shop1");
    return no;
  }

  private static OrderFigureKeeper.Hour hour(long orders, long refunded, String paid, String back) {
    return new OrderFigureKeeper.Hour(orders, refunded, new BigDecimal(paid).stripTrailingZeros(),
        new BigDecimal(back).stripTrailingZeros());
  }
}
