package com.peakcare.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import com.peakcare.support.Shop;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20, "Orders are a record": the shop's system registers each order (PUT /api/orders/{orderNo}, integrators
 * only, idempotent snapshots), a later snapshot changes what may change and nothing else, the integrator that registered
 * it and after-sales staff read it, and every change is published to whoever listens, in the registering transaction.
 */
@PeakCareTest
class OrderApiTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired RecordedOrderEvents events;
  @Autowired IdentityService identityService;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    if (identityService.createUserQuery().userId("shop2").count() == 0) {
      User shop2 = identityService.newUser("shop2");
      shop2.setPassword("demo");
      identityService.saveUser(shop2);
      identityService.createMembership("shop2", "integrators");
    }
  }

  private static String aReturnNo() {
    return "R-ORD-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String unpaid(String returnNo) throws Exception {
    ObjectNode o = (ObjectNode) JSON.readTree(Shop.orderJson(returnNo, "100.00", "APPAREL", "GOLD"));
    o.put("status", "UNPAID");
    o.remove("paidAt");
    o.remove("paidAmount");
    return o.toString();
  }

  @Test
  void anIntegratorRegistersAnOrderAndASecondIdenticalSnapshotChangesNothing() throws Exception {
    String no = aReturnNo();
    String path = "/api/orders/" + Shop.orderNoOf(no);
    String body = Shop.orderJson(no, "100.00", "APPAREL", "GOLD");

    HttpResponse<String> created = http.put(path, "shop1", body);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(path);
    JsonNode order = JSON.readTree(created.body());
    assertThat(order.path("registeredBy").asText()).isEqualTo("shop1");
    assertThat(order.path("memberTier").asText()).isEqualTo("GOLD");
    assertThat(order.path("refundable").decimalValue()).isEqualByComparingTo("100.00");
    assertThat(order.path("lines").get(0).path("returned").asInt()).isZero();
    assertThat(events.of(Shop.orderNoOf(no))).singleElement().satisfies(e -> assertThat(e.previous()).isNull());

    // the same snapshot again, its fields in another order and the money written otherwise: 200, no event
    ObjectNode again = (ObjectNode) JSON.readTree(body);
    again.put("paidAmount", "100.0");
    assertThat(http.put(path, "shop1", again.toString()).statusCode()).isEqualTo(200);
    assertThat(events.of(Shop.orderNoOf(no))).hasSize(1);

    // read by the integrator that registered it and by after-sales; another integrator learns nothing
    assertThat(http.get(path, "shop1").statusCode()).isEqualTo(200);
    assertThat(http.get(path, "agent1").statusCode()).isEqualTo(200);
    assertThat(http.get(path, "shop2").statusCode()).isEqualTo(404);
    assertThat(http.get(path, "warehouse1").statusCode()).isEqualTo(403);
    // only integrators register, and another integrator does not overwrite it
    assertThat(http.put(path, "cslead", body).statusCode()).isEqualTo(403);
    assertThat(http.put(path, "shop2", body).statusCode()).isEqualTo(409);
  }

  @Test
  void aLaterSnapshotUpdatesStatusAndPaymentAndIsPublishedWithWhatItWas() throws Exception {
    String no = aReturnNo();
    String path = "/api/orders/" + Shop.orderNoOf(no);
    assertThat(http.put(path, "shop1", unpaid(no)).statusCode()).isEqualTo(201);
    // never paid: no case at all, not even an exchange
    HttpResponse<String> early = http.post("/api/returns", "shop1", Shop.returnJson(no, "EXCHANGE", "WRONG_SIZE",
        "100.00", 1, null));
    assertThat(early.statusCode()).isEqualTo(409);
    assertThat(early.body()).contains("orderNo").contains("never paid");

    HttpResponse<String> paid = http.put(path, "shop1", Shop.orderJson(no, "100.00", "APPAREL", "GOLD"));
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(paid.body()).path("status").asText()).isEqualTo("PAID");
    assertThat(events.of(Shop.orderNoOf(no))).hasSize(2).last().satisfies(e -> {
      assertThat(e.previous().status()).isEqualTo(OrderStatus.UNPAID);
      assertThat(e.current().status()).isEqualTo(OrderStatus.PAID);
      assertThat(e.statusChanged()).isTrue();
    });
    // once paid, never unpaid again; the buyer and the order time never change
    assertConflict(http.put(path, "shop1", unpaid(no)), "status");
    assertConflict(http.put(path, "shop1", Shop.orderJson(no, "100.00", "APPAREL", "GOLD")
        .replace("buyer-", "other-")), "buyerId");
  }

  @Test
  void whatIsRefundedOrInFlightCannotShrinkAway() throws Exception {
    String no = aReturnNo();
    String path = "/api/orders/" + Shop.orderNoOf(no);
    String order = Shop.orderJson(no, "100.00", "APPAREL", "REGULAR");
    assertThat(http.put(path, "shop1", order).statusCode()).isEqualTo(201);
    assertThat(http.post("/api/returns", "shop1", Shop.returnJson(no, "REFUND_ONLY", "NOT_AS_DESCRIBED", "100.00", 2,
        null)).statusCode()).isEqualTo(201);

    assertConflict(http.put(path, "shop1", order.replace("\"paidAmount\":100.00", "\"paidAmount\":60.00")),
        "paidAmount");
    assertConflict(http.put(path, "shop1", order.replace("\"unitPrice\":100.00", "\"unitPrice\":120.00")),
        "lines[0].unitPrice");
    ObjectNode gone = (ObjectNode) JSON.readTree(order);
    ((ObjectNode) gone.path("lines").get(0)).put("sku", "OTHER-SKU");
    assertConflict(http.put(path, "shop1", gone.toString()), "lines");
    // a new line and a higher paid amount (shipping charged later) are fine
    ObjectNode more = (ObjectNode) JSON.readTree(order);
    more.put("paidAmount", 130.00);
    ((com.fasterxml.jackson.databind.node.ArrayNode) more.path("lines")).addObject().put("sku", "GIFT-WRAP")
        .put("name", "礼品包装").put("category", "OTHER").put("productType", "SERVICE").put("quantity", 1)
        .put("unitPrice", 30.00);
    HttpResponse<String> updated = http.put(path, "shop1", more.toString());
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(JSON.readTree(updated.body()).path("refundable").decimalValue()).isEqualByComparingTo("30.00");
    // cancelled after payment: the ceiling is still what was paid, a case may still be opened on what is left
    HttpResponse<String> cancelled = http.put(path, "shop1", more.toString().replace("\"PAID\"", "\"CANCELLED\""));
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertConflict(http.put(path, "shop1", more.toString()), "status");
  }

  @Test
  void aSnapshotIsCheckedBeforeAnythingIsWritten() throws Exception {
    String no = aReturnNo();
    String path = "/api/orders/" + Shop.orderNoOf(no);
    String order = Shop.orderJson(no, "100.00", "APPAREL", "REGULAR");
    assertInvalid(http.put(path, "shop1", order.replace(",\"paidAt\"", ",\"x\":1,\"paidAt\"")), "x");
    ObjectNode noPaidAt = (ObjectNode) JSON.readTree(order);
    noPaidAt.remove("paidAt");
    assertInvalid(http.put(path, "shop1", noPaidAt.toString()), "paidAt");
    ObjectNode twice = (ObjectNode) JSON.readTree(order);
    ((com.fasterxml.jackson.databind.node.ArrayNode) twice.path("lines")).add(twice.path("lines").get(0).deepCopy());
    assertInvalid(http.put(path, "shop1", twice.toString()), "lines[1].sku");
    assertInvalid(http.put(path, "shop1", order.replace("\"APPAREL\"", "\"BOTTLES\"")), "lines[0].category");
    assertInvalid(http.put(path, "shop1", order.replace("\"ALIPAY\"", "\"CASH_IN_HAND\"")), "paymentMethod");
    assertThat(http.get(path, "shop1").statusCode()).as("nothing registered").isEqualTo(404);
  }

  @Test
  void anIntegratorOpensCasesOnlyOnItsOwnOrders() throws Exception {
    String no = aReturnNo();
    Shop.registerOrder(http, no, "100.00", "APPAREL", "REGULAR");
    HttpResponse<String> other = http.post("/api/returns", "shop2", Shop.returnJson(no, "REFUND_ONLY", "DAMAGED",
        "100.00", 2, null));
    assertInvalid(other, "orderNo");
    assertThat(other.body()).doesNotContain("shop1");
  }

  @Test
  void theDemoOrdersAreRegisteredForTheReadme() throws Exception {
    for (String no : new String[] {"DEMO-1001", "DEMO-1002", "DEMO-1003"}) {
      JsonNode order = JSON.readTree(http.get("/api/orders/" + no, "shop1").body());
      assertThat(order.path("status").asText()).as(no).isEqualTo("PAID");
    }
    assertThat(JSON.readTree(http.get("/api/orders/DEMO-1002", "shop1").body()).path("memberTier").asText())
        .isEqualTo("VIP");
    assertThat(JSON.readTree(http.get("/api/orders/DEMO-1003", "shop1").body()).path("paidAmount").decimalValue())
        .isGreaterThan(new java.math.BigDecimal("1000"));
    assertThat(JSON.readTree(http.get("/api/orders/DEMO-1004", "shop1").body()).path("status").asText())
        .isEqualTo("UNPAID");
  }

  private static void assertConflict(HttpResponse<String> res, String field) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
    assertThat(JSON.readTree(res.body()).path("errors").findValuesAsText("field")).as(res.body()).contains(field);
  }

  private static void assertInvalid(HttpResponse<String> res, String field) throws Exception {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
    assertThat(JSON.readTree(res.body()).path("errors").findValuesAsText("field")).as(res.body()).contains(field);
  }
}
