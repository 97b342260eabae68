package com.peakcare.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.reminder.ReminderRepository.Campaign;
import com.peakcare.support.Http;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** Test data of payment reminders: a fresh campaign, unpaid orders as the shop registers them, a clock in shop time. */
final class ReminderFixtures {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String SHOP = "shop1";

  private final Http http;
  private final ReminderCampaigns campaigns;

  ReminderFixtures(Http http, ReminderCampaigns campaigns) {
    this.http = http;
    this.campaigns = campaigns;
  }

  /** Ends whatever campaign runs and starts a new one with this hold-out share. */
  Campaign campaign(String share) {
    campaigns.running().ifPresent(c -> campaigns.end(c.id(), "test"));
    campaigns.refresh();
    Campaign c = campaigns.start("T-" + UUID.randomUUID().toString().substring(0, 8), "双11催付测试",
        new BigDecimal(share), Map.of(), "opslead");
    campaigns.refresh();
    return c;
  }

  static String orderNo() {
    return "RM-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** A buyer id whose hash puts it in {@code group} of the campaign (the campaign's salt is random). */
  static String buyerIn(Campaign c, String group) {
    for (int i = 0; ; i++) {
      String buyer = "buyer-" + UUID.randomUUID().toString().substring(0, 8);
      if (Holdout.group(Holdout.bucket(c.salt(), buyer), c.holdoutShare()).equals(group)) {
        return buyer;
      }
    }
  }

  /** An order's snapshot: one line of {@code role} in {@code category}, placed now, closing in 72 h. */
  static String unpaid(String buyer, String tier, String role, String category, String price, Instant orderedAt) {
    return order(buyer, tier, "UNPAID", role, category, price, orderedAt, null);
  }

  static String order(String buyer, String tier, String status, String role, String category, String price,
      Instant orderedAt, Instant paidAt) {
    Instant ordered = orderedAt.truncatedTo(ChronoUnit.MILLIS);
    String phone = "139" + String.format("%08d", Math.abs(buyer.hashCode()) % 100_000_000);
    return "{\"buyerId\":\"" + buyer + "\",\"memberTier\":\"" + tier + "\",\"status\":\"" + status + "\","
        + "\"orderedAt\":\"" + ordered + "\","
        + (paidAt == null ? "" : "\"paidAt\":\"" + paidAt + "\",\"paidAmount\":" + price
            + ",\"paymentMethod\":\"ALIPAY\",")
        + "\"autoCloseAt\":\"" + ordered.plus(Duration.ofHours(72)) + "\","
        + "\"contact\":{\"name\":\"陈静\",\"phone\":\"" + phone + "\",\"locale\":\"zh-CN\"},\"province\":\"浙江\","
        + "\"lines\":[{\"sku\":\"DJ-01\",\"name\":\"轻薄羽绒服\",\"category\":\"" + category + "\","
        + "\"productType\":\"PHYSICAL\",\"quantity\":1,\"unitPrice\":" + price
        + (role == null ? "" : ",\"itemRole\":\"" + role + "\"") + "}]}";
  }

  void register(String orderNo, String json) {
    HttpResponse<String> res = http.put("/api/orders/" + orderNo, SHOP, json);
    assertThat(res.statusCode()).as(res.body()).isIn(200, 201);
  }

  /** 10:00 in Shanghai, at least {@code after} from now: a time outside quiet hours to send at. */
  static Instant daytime(Duration after) {
    ZonedDateTime t = Instant.now().plus(after).atZone(SHANGHAI);
    ZonedDateTime ten = t.with(LocalTime.of(10, 0));
    return (ten.isBefore(t) ? ten.plusDays(1) : ten).toInstant();
  }

  /** 23:00 in Shanghai, at least {@code after} from now. */
  static Instant night(Duration after) {
    ZonedDateTime t = Instant.now().plus(after).atZone(SHANGHAI);
    ZonedDateTime eleven = t.with(LocalTime.of(23, 0));
    return (eleven.isBefore(t) ? eleven.plusDays(1) : eleven).toInstant();
  }
}
