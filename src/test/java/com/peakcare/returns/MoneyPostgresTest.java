package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareApplication;
import com.peakcare.support.Http;
import com.peakcare.support.Race;
import com.peakcare.support.PostgresDatabase;
import com.peakcare.support.Shop;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 20, "an order never pays back more than it took", on the real PostgreSQL server with the production profile
 * (READ COMMITTED): requests released together by a latch race for the last unit of a line, for the last yuan of an
 * order, and against the shop's own lowering of the paid amount. The database decides each race: one winner, the
 * others a 409 naming the field, and the order's ceiling holds at the end.
 */
@Tag("own-jvm")
class MoneyPostgresTest {

  private static final int CLIENTS = 8;

  @Test
  void racesForAnOrdersLastUnitsAndYuanHaveOneWinnerOnPostgres() throws Exception {
    try (PostgresDatabase db = PostgresDatabase.create();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PeakCareApplication.class)
            .profiles("postgres")
            .run("--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--peakcare.demo=true", "--spring.jmx.enabled=false", "--camunda.bpm.job-execution.enabled=false")) {
      Http http = new Http(((ServletWebServerApplicationContext) app).getWebServer().getPort());
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

      // eight cases, eight return numbers, one T-shirt
      for (int round = 0; round < 3; round++) {
        String base = "R-PG-UNIT-" + round;
        Shop.registerOrder(http, base, "100.00", "APPAREL", "REGULAR");
        List<Integer> statuses = race(i -> {
          String body = Shop.returnJson(base + "-" + i, "REFUND_ONLY", "DAMAGED", "100.00", 2, null)
              .replace("\"orderNo\":\"" + Shop.orderNoOf(base + "-" + i) + "\"", "\"orderNo\":\""
                  + Shop.orderNoOf(base) + "\"").replace(Shop.skuOf(base + "-" + i), Shop.skuOf(base));
          return http.post("/api/returns", "shop1", body).statusCode();
        });
        assertThat(statuses).as("round " + round).containsOnlyOnce(201).containsOnly(201, 409);
        assertCeilingHolds(jdbc, Shop.orderNoOf(base));
        assertThat(jdbc.queryForObject("select RESERVED_QTY from PC_ORDER_LINE where ORDER_NO = ?", Integer.class,
            Shop.orderNoOf(base))).isEqualTo(1);
      }

      // eight price differences of ¥30 on a ¥100 order: three fit
      String money = "R-PG-YUAN";
      Shop.registerOrder(http, money, "100.00", "APPAREL", "REGULAR");
      List<Integer> claims = race(i -> http.post("/api/returns", "shop1", Shop.returnJson(money + "-" + i,
              "PRICE_DIFFERENCE", "PRICE_DIFFERENCE", "30.00", 2, null)
          .replace("\"orderNo\":\"" + Shop.orderNoOf(money + "-" + i) + "\"", "\"orderNo\":\"" + Shop.orderNoOf(money)
              + "\"").replace(Shop.skuOf(money + "-" + i), Shop.skuOf(money))).statusCode());
      assertThat(claims.stream().filter(s -> s == 201).count()).isEqualTo(3);
      assertThat(claims.stream().filter(s -> s == 409).count()).isEqualTo(CLIENTS - 3);
      assertCeilingHolds(jdbc, Shop.orderNoOf(money));
      assertThat(jdbc.queryForObject("select RESERVED from PC_ORDER where ORDER_NO = ?", BigDecimal.class,
          Shop.orderNoOf(money))).isEqualByComparingTo("90.00");
      assertThat(jdbc.queryForObject("select count(*) from PC_ORDER_REFUSAL where ORDER_NO = ? and CODE = ?",
          Integer.class, Shop.orderNoOf(money), "CEILING_REFUSED")).isEqualTo(CLIENTS - 3);

      // the shop lowers the paid amount while a case claims it all: whichever wins, the ceiling holds
      String lowered = "R-PG-LOWER";
      Shop.registerOrder(http, lowered, "100.00", "APPAREL", "REGULAR");
      String lower = Shop.orderJson(lowered, "100.00", "APPAREL", "REGULAR").replace("\"paidAmount\":100.00",
          "\"paidAmount\":50.00");
      String claim = Shop.returnJson(lowered, "REFUND_ONLY", "DAMAGED", "100.00", 2, null);
      List<Integer> both = Race.of(2, i -> i == 0
          ? http.put("/api/orders/" + Shop.orderNoOf(lowered), "shop1", lower).statusCode()
          : http.post("/api/returns", "shop1", claim).statusCode());
      assertThat(both).as("one of the two is refused").contains(409);
      assertCeilingHolds(jdbc, Shop.orderNoOf(lowered));
    }
  }

  private static void assertCeilingHolds(JdbcTemplate jdbc, String orderNo) {
    assertThat(jdbc.queryForObject("select count(*) from PC_ORDER where ORDER_NO = ? and REFUNDED + RESERVED"
        + " <= PAID_AMOUNT", Integer.class, orderNo)).as("the order's ceiling of " + orderNo).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from PC_ORDER_LINE where ORDER_NO = ? and RETURNED_QTY"
        + " + RESERVED_QTY > QUANTITY", Integer.class, orderNo)).as("its lines").isZero();
  }

  private static List<Integer> race(IntFunction<Integer> request) throws Exception {
    return Race.of(CLIENTS, request);
  }
}
