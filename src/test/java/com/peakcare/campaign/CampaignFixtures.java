package com.peakcare.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Small factories for campaign tests: unique codes, clean items and items with each of the four traps. */
final class CampaignFixtures {

  static String aCode() {
    return "T-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static Instant inDays(int days) {
    return Instant.now().plus(Duration.ofDays(days));
  }

  /** Passes the pre-check: a time window, per single paid order, gift below threshold, banner = price. */
  static List<CampaignItem> cleanItems() {
    return List.of(
        new CampaignItem("gift-1", "gift", "11月11日00:00-00:30单笔实付满199元送保温杯", new BigDecimal("199"),
            new BigDecimal("148"), null, null, null, "CUP-01"),
        new CampaignItem("banner-1", "banner", "主会场入口图 到手价99", null, null, null, new BigDecimal("99"),
            new BigDecimal("99.00"), "TEA-02"));
  }

  /** One item per trap, in the order of the four codes. */
  static List<CampaignItem> trappedItems() {
    return List.of(
        new CampaignItem("first-n", "gift", "前100名下单送帆布袋", null, null, 100, null, null, null),
        new CampaignItem("threshold", "threshold", "满99送试用装", new BigDecimal("99"), new BigDecimal("20"), null,
            null, null, null),
        new CampaignItem("cup", "gift", "单笔实付满118元送148元保温杯", new BigDecimal("118"), new BigDecimal("148"), null,
            null, null, "CUP-01"),
        new CampaignItem("banner", "banner", "入口图 到手价89", null, null, null, new BigDecimal("89"),
            new BigDecimal("99"), "TEA-02"));
  }

  static CampaignRegistration.NewCampaign aCampaign(String code, List<CampaignItem> items) {
    return new CampaignRegistration.NewCampaign(code, "双11 " + code, inDays(5), null, items);
  }

  private CampaignFixtures() {}
}
