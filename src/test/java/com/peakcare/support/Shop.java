package com.peakcare.support;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The shop's system over HTTP in tests (issue 20): a case names an order the shop registered first. Each return number
 * gets its own order ({@code O-<returnNo>}) of one line ({@code SKU-<returnNo>}, one unit), paid.
 */
public final class Shop {

  public static final String SHOP = "shop1";

  private Shop() {}

  public static String orderNoOf(String returnNo) {
    return "O-" + returnNo;
  }

  public static String skuOf(String returnNo) {
    return "SKU-" + returnNo;
  }

  /** When every test order was placed (the same in every snapshot of it: an order's time never changes). */
  static final Instant ORDERED = Instant.parse("2025-11-10T16:05:00Z");

  /** The order of one line that a return of {@code returnNo} names: paid {@code price}, of a buyer of this tier. */
  public static String orderJson(String returnNo, String price, String category, String tier) {
    Instant ordered = ORDERED;
    String n = returnNo.replaceAll("[^0-9]", "");
    String phone = "138" + ("00000000" + n).substring(("00000000" + n).length() - 8);
    return "{\"buyerId\":\"buyer-" + returnNo + "\",\"memberTier\":\"" + tier + "\",\"status\":\"PAID\","
        + "\"orderedAt\":\"" + ordered + "\",\"paidAt\":\"" + ordered.plusSeconds(60) + "\",\"paidAmount\":" + price
        + ",\"paymentMethod\":\"ALIPAY\",\"contact\":{\"name\":\"张伟\",\"phone\":\"" + phone + "\",\"email\":\"zhang.wei."
        + returnNo.toLowerCase() + "@example.com\",\"locale\":\"zh-CN\"},\"province\":\"浙江\",\"lines\":[{\"sku\":\""
        + skuOf(returnNo) + "\",\"name\":\"纯棉T恤\",\"category\":\"" + category + "\",\"productType\":\"PHYSICAL\","
        + "\"quantity\":1,\"unitPrice\":" + price + "}]}";
  }

  /** PUT of that order as shop1, whatever it answers (a node going away, a database outage: the caller retries). */
  public static HttpResponse<String> putOrder(Http http, String returnNo, String price, String category, String tier) {
    return http.put("/api/orders/" + orderNoOf(returnNo), SHOP, orderJson(returnNo, price, category, tier));
  }

  /** The small refund's order ({@link #aSmallRefund}), whatever the answer. */
  public static HttpResponse<String> putSmallRefundsOrder(Http http, String returnNo) {
    return putOrder(http, returnNo, "80.00", "APPAREL", "REGULAR");
  }

  /** The small refund's return, its order registered elsewhere ({@link #putSmallRefundsOrder}). */
  public static String smallRefund(String returnNo) {
    return returnJson(returnNo, "REFUND_ONLY", "DAMAGED", "80.00", 2, null);
  }

  /** Registers that order as shop1; fails the test unless it is registered. */
  public static void registerOrder(Http http, String returnNo, String price, String category, String tier) {
    HttpResponse<String> res = putOrder(http, returnNo, price, category, tier);
    if (res.statusCode() != 201 && res.statusCode() != 200) {
      throw new AssertionError("order " + orderNoOf(returnNo) + " not registered: " + res.statusCode() + " "
          + res.body());
    }
  }

  /** A return of the order's one line (a price difference claims its price); {@code assignee} may be null. */
  public static String returnJson(String returnNo, String type, String reason, String price, int daysAgo,
      String assignee) {
    return "{\"returnNo\":\"" + returnNo + "\",\"orderNo\":\"" + orderNoOf(returnNo) + "\",\"type\":\"" + type + "\","
        + "\"reason\":\"" + reason + "\",\"lines\":[{\"sku\":\"" + skuOf(returnNo) + "\",\"quantity\":1}],"
        + "\"deliveredAt\":\"" + Instant.now().minus(daysAgo, ChronoUnit.DAYS) + "\""
        + ("PRICE_DIFFERENCE".equals(type) ? ",\"amount\":" + price : "")
        + (assignee == null ? "" : ",\"assignee\":\"" + assignee + "\"") + "}";
  }

  /** Refund only, 80 CNY, delivered 2 days ago, a regular member: the policy approves it. Its order registered. */
  public static String aSmallRefund(Http http, String returnNo) {
    registerOrder(http, returnNo, "80.00", "APPAREL", "REGULAR");
    return returnJson(returnNo, "REFUND_ONLY", "DAMAGED", "80.00", 2, null);
  }

  /** Return and refund, 300 CNY, no reason, 3 days: the policy sends it to the agent for review. Its order registered. */
  public static String aReturnForReview(Http http, String returnNo, String agent) {
    registerOrder(http, returnNo, "300.00", "APPAREL", "REGULAR");
    return returnJson(returnNo, "RETURN_AND_REFUND", "NO_REASON", "300.00", 3, agent);
  }
}
