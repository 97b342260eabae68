package com.peakcare.briefing;

import com.peakcare.briefing.BriefingRecords.Option;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.campaign.CampaignItem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quiz's questions, made from a campaign item itself: one or more per item, each with options, the correct one
 * and the rule an agent reads when they get it wrong (Chinese first). Each of the pre-check's traps yields a question
 * whose answer is the rule the trap hides:
 * <ul>
 *   <li>a spend threshold ({@code THRESHOLD_NOT_PER_ORDER}): two orders below it, together above it, do not each get
 *       it: {@value #THRESHOLD_PER_ORDER}; for a gift with a threshold: what a customer must pay to get the gift,
 *       {@value #GIFT_THRESHOLD};</li>
 *   <li>a gift worth more than its threshold ({@code GIFT_EXCEEDS_THRESHOLD}): returning the purchase and keeping the
 *       gift costs the gift's value, {@value #GIFT_VALUE};</li>
 *   <li>"the first N buyers" ({@code FIRST_N_UNVERIFIABLE}): how a customer learns whether they were among them,
 *       {@value #FIRST_N_CHECK};</li>
 *   <li>a banner price ({@code BANNER_PRICE_MISMATCH}): what the item really costs, {@value #REAL_PRICE};</li>
 *   <li>an item with none of these: its exact wording, {@value #WORDING}.</li>
 * </ul>
 * Pure: the same item gives the same questions, options in the same order (the correct one's place varies with the
 * item and the question, so it is not always the first).
 */
final class QuizGenerator {

  static final String THRESHOLD_PER_ORDER = "THRESHOLD_PER_ORDER";
  static final String GIFT_THRESHOLD = "GIFT_THRESHOLD";
  static final String GIFT_VALUE = "GIFT_VALUE";
  static final String FIRST_N_CHECK = "FIRST_N_CHECK";
  static final String REAL_PRICE = "REAL_PRICE";
  static final String WORDING = "WORDING";

  private static final Pattern THRESHOLD = Pattern.compile("满\\s*(\\d+(?:\\.\\d+)?)");
  private static final Pattern OFF = Pattern.compile("减\\s*(\\d+(?:\\.\\d+)?)");
  private static final Pattern FIRST_N = Pattern.compile("前\\s*(\\d+)\\s*(名|位|个|件|单)");
  private static final Pattern GIFT = Pattern.compile("送\\s*(?:价值\\s*)?(?:\\d+(?:\\.\\d+)?\\s*元\\s*(?:的)?)?(.+)$");
  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final String[] LETTERS = {"A", "B", "C", "D"};

  /**
   * A question about one item: {@code kind} (one of the constants above), the pre-check {@code trap} it answers (null
   * for the wording question), the text, the options, the correct option's value and the rule.
   */
  record Generated(String itemId, String kind, String trap, String text, List<Option> options, String correct,
      String rule) {}

  private QuizGenerator() {}

  /**
   * The questions about {@code item}. {@code justification} gives the setter's justification of a pre-check finding
   * (item id, finding code → text, or null): the rule then quotes it.
   */
  static List<Generated> questions(CampaignItem item, BiFunction<String, String, String> justification) {
    List<Generated> out = new ArrayList<>();
    String text = item.text().trim();
    BigDecimal threshold = item.threshold() != null ? item.threshold() : number(THRESHOLD, text);
    boolean gift = "gift".equals(item.type()) || item.giftValue() != null;
    if (threshold != null && gift) {
      out.add(giftThreshold(item, text, threshold, justification));
    } else if (threshold != null) {
      out.add(thresholdPerOrder(item, text, threshold, justification));
    }
    if (item.giftValue() != null && threshold != null && item.giftValue().compareTo(threshold) > 0) {
      out.add(giftValue(item, text, threshold, justification));
    }
    Integer firstN = item.firstN() != null ? item.firstN() : firstN(text);
    if (firstN != null) {
      out.add(firstN(item, text, firstN, justification));
    }
    if (item.bannerPrice() != null && item.itemPrice() != null) {
      out.add(realPrice(item, text));
    }
    if (out.isEmpty()) {
      out.add(wording(item, text));
    }
    return out;
  }

  // ---- one question per trap ---------------------------------------------------------------------------------

  private static Generated thresholdPerOrder(CampaignItem item, String text, BigDecimal t,
      BiFunction<String, String, String> justification) {
    BigDecimal each = t.multiply(new BigDecimal("0.6")).setScale(0, RoundingMode.CEILING);
    if (each.compareTo(t) >= 0) {
      each = t.divide(BigDecimal.valueOf(2));
    }
    String p = plain(each);
    String sum = plain(each.multiply(BigDecimal.valueOf(2)));
    BigDecimal off = number(OFF, text);
    String askZh;
    String askEn;
    Choice yes;
    Choice no = new Choice("不能，两笔都不享受 · No: neither order qualifies", true);
    Choice once;
    if (off != null) {
      askZh = "能否每笔各减" + plain(off) + "元？";
      askEn = "Does each order get " + plain(off) + " off?";
      yes = new Choice("能，每笔各减" + plain(off) + "元 · Yes, " + plain(off) + " off each", false);
      once = new Choice("两笔合计只减一次" + plain(off) + "元 · Once: " + plain(off) + " off for the two together", false);
    } else {
      askZh = "能否每笔都享受？";
      askEn = "Does each order get it?";
      yes = new Choice("能，每笔都享受 · Yes, each order", false);
      once = new Choice("两笔合计享受一次 · Once, for the two together", false);
    }
    String question = "「" + text + "」顾客分两笔下单，每笔实付" + p + "元（合计" + sum + "元），" + askZh + " · \"" + text
        + "\": a customer pays " + p + " in each of two orders (" + sum + " in total). " + askEn;
    String rule = "门槛按单笔实付计算：一笔订单本身实付满" + plain(t) + "元才享受「" + text + "」，多笔订单不能合并计算 · The "
        + "threshold counts per single paid order: one order must itself pay " + plain(t) + " or more; orders are "
        + "never added up." + wordingNote(text)
        + setterNote(justification.apply(item.id(), CampaignFacts.THRESHOLD_NOT_PER_ORDER));
    return build(item, THRESHOLD_PER_ORDER, CampaignFacts.THRESHOLD_NOT_PER_ORDER, question, rule,
        List.of(yes, no, once));
  }

  private static Generated giftThreshold(CampaignItem item, String text, BigDecimal t,
      BiFunction<String, String, String> justification) {
    String name = giftName(text);
    String worth = item.giftValue() == null ? "" : "（赠品价值" + plain(item.giftValue()) + "元）";
    String worthEn = item.giftValue() == null ? "" : " (worth " + plain(item.giftValue()) + ")";
    String question = "「" + text + "」顾客怎样才能拿到" + name + "？ · \"" + text + "\": what must a customer pay to get "
        + "the gift?";
    Choice right = new Choice("一笔订单实付满" + plain(t) + "元 · One order paying " + plain(t) + " or more", true);
    Choice several = new Choice("几笔订单加起来实付满" + plain(t) + "元 · " + plain(t) + " over several orders together",
        false);
    Choice third = item.giftValue() != null && item.giftValue().compareTo(t) != 0
        ? new Choice("实付满" + plain(item.giftValue()) + "元（赠品价值） · " + plain(item.giftValue())
            + ", the gift's value", false)
        : new Choice("下单即送，不看金额 · Any order, whatever it pays", false);
    String rule = "单笔实付满" + plain(t) + "元送" + name + worth + "；几笔订单不能合并计算 · One order paying " + plain(t)
        + " or more gets the gift" + worthEn + "; orders are never added up." + wordingNote(text)
        + setterNote(justification.apply(item.id(), CampaignFacts.THRESHOLD_NOT_PER_ORDER));
    return build(item, GIFT_THRESHOLD, CampaignFacts.THRESHOLD_NOT_PER_ORDER, question, rule,
        List.of(right, several, third));
  }

  private static Generated giftValue(CampaignItem item, String text, BigDecimal t,
      BiFunction<String, String, String> justification) {
    String name = giftName(text);
    String gv = plain(item.giftValue());
    String question = "「" + text + "」顾客拿到价值" + gv + "元的" + name + "后，退掉主商品却不退" + name + "，退款时应扣除多少？"
        + " · \"" + text + "\": the customer returns the purchase but keeps the gift (worth " + gv + "). How much "
        + "comes off the refund?";
    String rule = "赠品价值" + gv + "元，高于门槛" + plain(t) + "元：退货后订单不再满" + plain(t) + "元时，" + name
        + "须一并退回，不退回的按" + gv + "元从退款中扣除 · The gift is worth " + gv + ", more than the " + plain(t)
        + " threshold: when a return takes the order below " + plain(t) + ", the gift comes back too, or " + gv
        + " comes off the refund." + setterNote(justification.apply(item.id(), CampaignFacts.GIFT_EXCEEDS_THRESHOLD));
    return build(item, GIFT_VALUE, CampaignFacts.GIFT_EXCEEDS_THRESHOLD, question, rule, List.of(
        new Choice("不扣 · Nothing", false),
        new Choice(plain(t) + "元（门槛） · " + plain(t) + ", the threshold", false),
        new Choice(gv + "元（赠品价值） · " + gv + ", the gift's value", true)));
  }

  private static Generated firstN(CampaignItem item, String text, int n,
      BiFunction<String, String, String> justification) {
    String question = "「" + text + "」顾客问自己是不是前" + n + "名，怎么确认？ · \"" + text + "\": a customer asks whether "
        + "they were among the first " + n + ". How is it checked?";
    String rule = "「前" + n + "名」以付款成功时间排名、以系统记录为准；顾客自己无法核实，由客服在订单后台查询该订单的名次并如实告知"
        + " · \"First " + n + "\" ranks by payment time as the system recorded it; customers cannot check it "
        + "themselves: an agent looks up the order's rank and tells them." + setterNote(justification.apply(item.id(),
        CampaignFacts.FIRST_N_UNVERIFIABLE));
    return build(item, FIRST_N_CHECK, CampaignFacts.FIRST_N_UNVERIFIABLE, question, rule, List.of(
        new Choice("按付款成功时间排名：客服在订单后台查到名次后告诉顾客 · By payment time: an agent looks the order's "
            + "rank up and tells them", true),
        new Choice("按加入购物车的时间，顾客在商品页自己看 · By when it went into the cart, on the product page", false),
        new Choice("无法确认，一律补发赠品 · It cannot be checked: send everyone the gift", false)));
  }

  private static Generated realPrice(CampaignItem item, String text) {
    String ip = plain(item.itemPrice());
    String bp = plain(item.bannerPrice());
    boolean mismatch = item.bannerPrice().compareTo(item.itemPrice()) != 0;
    String subject = item.sku() == null ? "该商品" : "商品" + item.sku();
    String subjectEn = item.sku() == null ? "the item" : "item " + item.sku();
    String question = "「" + text + "」" + subject + "下单时实际要付多少元？ · \"" + text + "\": what does " + subjectEn
        + " really cost at checkout?";
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(ip + "元 · " + ip, true));
    if (mismatch) {
      choices.add(new Choice(bp + "元（入口图价） · " + bp + ", the banner's price", false));
    }
    choices.add(new Choice("以顾客截图为准 · Whatever the customer's screenshot shows", false));
    String rule = mismatch
        ? subject + "实际价格" + ip + "元，以下单页为准；入口图显示的" + bp + "元与实际不符 · " + cap(subjectEn)
            + " really costs " + ip + ", as checkout shows; the banner's " + bp + " is wrong."
        : subject + "实际价格" + ip + "元，与入口图一致 · " + cap(subjectEn) + " really costs " + ip + ", as the banner "
            + "shows.";
    return build(item, REAL_PRICE, mismatch ? CampaignFacts.BANNER_PRICE_MISMATCH : null, question, rule, choices);
  }

  private static Generated wording(CampaignItem item, String text) {
    String type = CampaignFacts.typeLabel(item.type());
    String question = "活动规则「" + item.id() + "」（" + type + "）顾客看到的原文是哪一条？ · Which is the exact wording "
        + "customers see for item " + item.id() + " (" + type + ")?";
    List<Choice> choices = new ArrayList<>();
    choices.add(new Choice(text, true));
    String variant = variant(text);
    if (variant != null) {
      choices.add(new Choice(variant, false));
    }
    choices.add(new Choice("本活动没有这条规则 · This campaign has no such rule", false));
    return build(item, WORDING, null, question, "规则原文 · Exact wording: " + text, choices);
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private record Choice(String label, boolean correct) {}

  /** Letters the options after rotating them by the question's own hash, so the right one is not always first. */
  private static Generated build(CampaignItem item, String kind, String trap, String question, String rule,
      List<Choice> choices) {
    int shift = Math.floorMod((item.id() + ":" + kind).hashCode(), choices.size());
    List<Option> options = new ArrayList<>();
    String correct = null;
    for (int i = 0; i < choices.size(); i++) {
      Choice c = choices.get((i + shift) % choices.size());
      options.add(new Option(LETTERS[i], c.label()));
      if (c.correct()) {
        correct = LETTERS[i];
      }
    }
    return new Generated(item.id(), kind, trap, question, List.copyOf(options), correct, rule);
  }

  private static String wordingNote(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return t.contains("单笔实付") || t.contains("single paid order") ? ""
        : " 注意：文案没有写明“单笔实付”，顾客可能误解，请主动说明 · Note: the wording does not say \"per single paid "
            + "order\"; say it to customers.";
  }

  private static String setterNote(String justification) {
    return justification == null || justification.isBlank() ? ""
        : " 设置人说明 · Setter's note: " + justification.trim();
  }

  private static String giftName(String text) {
    Matcher m = GIFT.matcher(text);
    if (m.find()) {
      String name = m.group(1).trim();
      if (!name.isEmpty() && name.length() <= 30) {
        return "「" + name + "」";
      }
    }
    return "赠品";
  }

  /** The wording with its first number changed: close enough to confuse, wrong all the same. */
  private static String variant(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return null;
    }
    long n = Long.parseLong(m.group().length() > 15 ? m.group().substring(0, 15) : m.group());
    long other = n >= 10 ? n + 10 : n + 1;
    return text.substring(0, m.start()) + other + text.substring(m.end());
  }

  private static BigDecimal number(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? new BigDecimal(m.group(1)) : null;
  }

  private static Integer firstN(String text) {
    Matcher m = FIRST_N.matcher(text);
    if (!m.find()) {
      return null;
    }
    try {
      return Integer.valueOf(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
