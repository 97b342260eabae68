package com.peakcare.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The automated pre-check: the four traps shops keep falling into, each as a finding with a code, the item it
 * concerns and a fix in plain language. Pure: same items, same findings.
 */
@Component
class PreCheck {

  static final String FIRST_N_UNVERIFIABLE = "FIRST_N_UNVERIFIABLE";
  static final String THRESHOLD_NOT_PER_ORDER = "THRESHOLD_NOT_PER_ORDER";
  static final String GIFT_EXCEEDS_THRESHOLD = "GIFT_EXCEEDS_THRESHOLD";
  static final String BANNER_PRICE_MISMATCH = "BANNER_PRICE_MISMATCH";

  /** "前100名", "前 50 位", "first 100 buyers" */
  private static final Pattern FIRST_N_WORDING = Pattern.compile(
      "前\\s*\\d+\\s*(名|位|个|件|单)|first\\s+\\d+\\s+(buyers|customers|orders|people)", Pattern.CASE_INSENSITIVE);
  /** "满99", "spend 99" */
  private static final Pattern THRESHOLD_WORDING = Pattern.compile(
      "满\\s*\\d+|spend\\s+(over\\s+)?(¥|cny\\s*)?\\d+", Pattern.CASE_INSENSITIVE);

  record Result(String code, String itemId, String message, String fix) {}

  List<Result> check(List<CampaignItem> items) {
    List<Result> findings = new ArrayList<>();
    for (CampaignItem item : items) {
      String text = item.text() == null ? "" : item.text();
      if ((item.firstN() != null && item.firstN() > 0) || FIRST_N_WORDING.matcher(text).find()) {
        findings.add(new Result(FIRST_N_UNVERIFIABLE, item.id(),
            "赠品限“前N名”，顾客无法核实谁是前N名 · A gift for \"the first N buyers\": customers cannot check who was first.",
            "改为顾客可按下单时间核实的时间段，如“11月11日00:00–00:30下单” · Use a time window customers can verify "
                + "from the order's creation time, e.g. \"orders placed 11 Nov 00:00-00:30\"."));
      }
      boolean hasThreshold = item.threshold() != null || THRESHOLD_WORDING.matcher(text).find();
      if (hasThreshold && !perSinglePaidOrder(text)) {
        findings.add(new Result(THRESHOLD_NOT_PER_ORDER, item.id(),
            "满额条件未写明按单笔实付计算 · The spend threshold does not say it counts per single paid order.",
            "写明“单笔实付满" + plain(item.threshold()) + "元” · Say \"per single paid order (单笔实付)\", after "
                + "discounts, so orders cannot be combined."));
      }
      if (item.giftValue() != null && item.threshold() != null && item.giftValue().compareTo(item.threshold()) > 0) {
        findings.add(new Result(GIFT_EXCEEDS_THRESHOLD, item.id(),
            "赠品价值" + plain(item.giftValue()) + "元高于门槛" + plain(item.threshold()) + "元 · The gift is worth "
                + plain(item.giftValue()) + ", more than the " + plain(item.threshold()) + " spend that earns it.",
            "提高门槛或换成价值低于门槛的赠品 · Raise the threshold above the gift's value or choose a cheaper gift."));
      }
      if (item.bannerPrice() != null && item.itemPrice() != null
          && item.bannerPrice().compareTo(item.itemPrice()) != 0) {
        findings.add(new Result(BANNER_PRICE_MISMATCH, item.id(),
            "海报/入口图价格" + plain(item.bannerPrice()) + "元与商品实际价格" + plain(item.itemPrice())
                + "元不一致 · The banner shows " + plain(item.bannerPrice()) + " but the item costs "
                + plain(item.itemPrice()) + ".",
            "把海报价格改成商品实际到手价，或调整商品价格 · Make the banner show the item's real price, or change the "
                + "item's price to match."));
      }
    }
    return findings;
  }

  private static boolean perSinglePaidOrder(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("单笔实付") || t.contains("single paid order");
  }

  private static String plain(java.math.BigDecimal v) {
    return v == null ? "N" : v.stripTrailingZeros().toPlainString();
  }
}
