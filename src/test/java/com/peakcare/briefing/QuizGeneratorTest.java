package com.peakcare.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.briefing.BriefingRecords.Option;
import com.peakcare.briefing.QuizGenerator.Generated;
import com.peakcare.campaign.CampaignFacts;
import com.peakcare.campaign.CampaignItem;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The question generator, per item type: each trap yields a question whose right answer is the rule. */
class QuizGeneratorTest {

  @Test
  void aThresholdDiscountAsksWhetherTwoSmallerOrdersEachGetItAndTheAnswerIsPerSinglePaidOrder() {
    Generated q = only(item("t1", "threshold", "单笔实付满199元减30元", "199", null, null, null, null, null));

    assertThat(q.kind()).isEqualTo(QuizGenerator.THRESHOLD_PER_ORDER);
    assertThat(q.trap()).isEqualTo(CampaignFacts.THRESHOLD_NOT_PER_ORDER);
    assertThat(q.text()).startsWith("「单笔实付满199元减30元」").contains("两笔", "每笔实付120元", "能否每笔各减30元？");
    assertThat(right(q)).startsWith("不能").contains("No");
    assertThat(q.options()).extracting(Option::label).anyMatch(l -> l.startsWith("能，每笔各减30元"));
    assertThat(q.rule()).contains("单笔实付", "199", "不能合并").doesNotContain("文案没有写明");
  }

  @Test
  void aThresholdWithoutPerOrderWordingSaysSoInTheRule() {
    Generated q = only(item("t2", "coupon", "满99可用", null, null, null, null, null, null));

    assertThat(q.kind()).isEqualTo(QuizGenerator.THRESHOLD_PER_ORDER);
    assertThat(q.text()).contains("每笔实付60元", "能否每笔都享受");
    assertThat(right(q)).startsWith("不能");
    assertThat(q.rule()).contains("99", "文案没有写明“单笔实付”");
  }

  @Test
  void aGiftAboveItsThresholdAsksForTheThresholdAndForTheGiftsValue() {
    List<Generated> qs = QuizGenerator.questions(item("cup", "gift", "满118元送价值148元保温杯", "118", "148", null,
        null, null, null), (id, code) -> null);

    assertThat(qs).extracting(Generated::kind)
        .containsExactly(QuizGenerator.GIFT_THRESHOLD, QuizGenerator.GIFT_VALUE);
    Generated threshold = qs.get(0);
    assertThat(threshold.trap()).isEqualTo(CampaignFacts.THRESHOLD_NOT_PER_ORDER);
    assertThat(threshold.text()).contains("「保温杯」");
    assertThat(right(threshold)).isEqualTo("一笔订单实付满118元 · One order paying 118 or more");
    assertThat(threshold.rule()).contains("单笔实付满118元送「保温杯」", "赠品价值148元");
    Generated value = qs.get(1);
    assertThat(value.trap()).isEqualTo(CampaignFacts.GIFT_EXCEEDS_THRESHOLD);
    assertThat(right(value)).startsWith("148元");
    assertThat(value.rule()).contains("148", "118", "一并退回");
  }

  @Test
  void aGiftWorthLessThanItsThresholdIsAskedAboutTheThresholdOnly() {
    assertThat(QuizGenerator.questions(item("g", "gift", "11月11日单笔实付满199元送保温杯", "199", "148", null, null,
        null, null), (id, code) -> null)).extracting(Generated::kind).containsExactly(QuizGenerator.GIFT_THRESHOLD);
  }

  @Test
  void aFirstNGiftAsksHowACustomerLearnsWhetherTheyWereAmongTheFirstNAndQuotesTheSetter() {
    Generated q = only(item("bag", "gift", "前100名下单送帆布袋", null, null, 100, null, null, null),
        (id, code) -> "bag".equals(id) && CampaignFacts.FIRST_N_UNVERIFIABLE.equals(code)
            ? "订单详情页会显示“前100名赠品”标记" : null);

    assertThat(q.kind()).isEqualTo(QuizGenerator.FIRST_N_CHECK);
    assertThat(q.trap()).isEqualTo(CampaignFacts.FIRST_N_UNVERIFIABLE);
    assertThat(q.text()).contains("前100名", "怎么确认");
    assertThat(right(q)).contains("付款成功时间", "客服在订单后台");
    assertThat(q.rule()).contains("顾客自己无法核实", "设置人说明 · Setter's note: 订单详情页会显示“前100名赠品”标记");
  }

  @Test
  void aFirstNWordingWithoutTheFieldIsAskedAboutToo() {
    assertThat(only(item("x", "coupon", "前50位付款送20元券", null, null, null, null, null, null)).kind())
        .isEqualTo(QuizGenerator.FIRST_N_CHECK);
  }

  @Test
  void aBannerPriceAsksForTheRealPrice() {
    Generated q = only(item("banner", "banner", "入口图 到手价89", null, null, null, "89", "99", "TEA-02"));

    assertThat(q.kind()).isEqualTo(QuizGenerator.REAL_PRICE);
    assertThat(q.trap()).isEqualTo(CampaignFacts.BANNER_PRICE_MISMATCH);
    assertThat(q.text()).contains("商品TEA-02", "实际要付多少元");
    assertThat(right(q)).isEqualTo("99元 · 99");
    assertThat(q.options()).extracting(Option::label).contains("89元（入口图价） · 89, the banner's price");
    assertThat(q.rule()).contains("实际价格99元", "89元与实际不符");
  }

  @Test
  void aBannerShowingTheRealPriceIsNoTrapButStillAsked() {
    Generated q = only(item("b", "banner", "主会场入口图 到手价99", null, null, null, "99", "99.00", null));

    assertThat(q.trap()).isNull();
    assertThat(right(q)).isEqualTo("99元 · 99");
    assertThat(q.options()).hasSize(2);
  }

  @Test
  void anItemWithNoTrapIsAskedForItsExactWording() {
    Generated q = only(item("d1", "discount", "全场8折", null, null, null, null, null, null));

    assertThat(q.kind()).isEqualTo(QuizGenerator.WORDING);
    assertThat(q.trap()).isNull();
    assertThat(q.text()).contains("d1", "折扣 / 直降 · Price cut");
    assertThat(right(q)).isEqualTo("全场8折");
    assertThat(q.options()).extracting(Option::label).contains("全场9折");
  }

  @Test
  void everyTrapOfThePreCheckYieldsAQuestionWithExactlyOneRightOption() {
    List<CampaignItem> trapped = List.of(
        item("first-n", "gift", "前100名下单送帆布袋", null, null, 100, null, null, null),
        item("threshold", "threshold", "满99送试用装", "99", "20", null, null, null, null),
        item("cup", "gift", "单笔实付满118元送148元保温杯", "118", "148", null, null, null, "CUP-01"),
        item("banner", "banner", "入口图 到手价89", null, null, null, "89", "99", "TEA-02"));

    List<Generated> all = trapped.stream().flatMap(i -> QuizGenerator.questions(i, (id, c) -> null).stream()).toList();

    assertThat(all.stream().map(Generated::trap).collect(Collectors.toSet())).contains(
        CampaignFacts.FIRST_N_UNVERIFIABLE, CampaignFacts.THRESHOLD_NOT_PER_ORDER,
        CampaignFacts.GIFT_EXCEEDS_THRESHOLD, CampaignFacts.BANNER_PRICE_MISMATCH);
    for (Generated q : all) {
      Set<String> values = q.options().stream().map(Option::value).collect(Collectors.toSet());
      assertThat(values).as(q.kind()).hasSize(q.options().size()).contains(q.correct());
      assertThat(q.rule()).as(q.kind()).contains(" · ");
      assertThat(q.text()).as(q.kind()).contains(" · ");
    }
    assertThat(all.stream().map(Generated::correct).collect(Collectors.toSet()))
        .as("the right answer is not always in the same place").hasSizeGreaterThan(1);
    assertThat(QuizGenerator.questions(trapped.get(2), (id, c) -> null))
        .as("same item, same questions").isEqualTo(QuizGenerator.questions(trapped.get(2), (id, c) -> null));
  }

  private static Generated only(CampaignItem item) {
    return only(item, (id, code) -> null);
  }

  private static Generated only(CampaignItem item, java.util.function.BiFunction<String, String, String> notes) {
    List<Generated> qs = QuizGenerator.questions(item, notes);
    assertThat(qs).hasSize(1);
    return qs.get(0);
  }

  private static String right(Generated q) {
    return q.options().stream().filter(o -> o.value().equals(q.correct())).findFirst().orElseThrow().label();
  }

  static CampaignItem item(String id, String type, String text, String threshold, String giftValue, Integer firstN,
      String bannerPrice, String itemPrice, String sku) {
    return new CampaignItem(id, type, text, dec(threshold), dec(giftValue), firstN, dec(bannerPrice), dec(itemPrice),
        sku);
  }

  private static BigDecimal dec(String v) {
    return v == null ? null : new BigDecimal(v);
  }
}
