package com.peakcare.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-check's four traps and the version hash, without the application. */
class PreCheckTest {

  private final PreCheck preCheck = new PreCheck();

  @Test
  void eachTrapIsFoundOnItsItemWithAFix() {
    List<PreCheck.Result> findings = preCheck.check(CampaignFixtures.trappedItems());
    assertThat(findings).extracting(PreCheck.Result::code, PreCheck.Result::itemId).containsExactlyInAnyOrder(
        org.assertj.core.api.Assertions.tuple("FIRST_N_UNVERIFIABLE", "first-n"),
        org.assertj.core.api.Assertions.tuple("THRESHOLD_NOT_PER_ORDER", "threshold"),
        org.assertj.core.api.Assertions.tuple("GIFT_EXCEEDS_THRESHOLD", "cup"),
        org.assertj.core.api.Assertions.tuple("BANNER_PRICE_MISMATCH", "banner"));
    assertThat(findings).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
    assertThat(findings).filteredOn(f -> f.code().equals("GIFT_EXCEEDS_THRESHOLD")).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("148").contains("118"));
  }

  @Test
  void theWordingAloneGivesTrapsAway() {
    List<PreCheck.Result> findings = preCheck.check(List.of(
        new CampaignItem("a", "gift", "Gift for the first 50 buyers", null, null, null, null, null, null),
        new CampaignItem("b", "threshold", "Spend 99 get a tote", null, null, null, null, null, null)));
    assertThat(findings).extracting(PreCheck.Result::code)
        .containsExactlyInAnyOrder("FIRST_N_UNVERIFIABLE", "THRESHOLD_NOT_PER_ORDER");
  }

  @Test
  void cleanItemsPass() {
    assertThat(preCheck.check(CampaignFixtures.cleanItems())).isEmpty();
    assertThat(preCheck.check(List.of(new CampaignItem("c", "threshold", "Spend 99 per single paid order, get a tote",
        new BigDecimal("99"), new BigDecimal("99"), null, null, null, null)))).isEmpty();
  }

  @Test
  void theHashIgnoresItemOrderAndNumberSpellingButNotContent() {
    List<CampaignItem> items = CampaignFixtures.cleanItems();
    String hash = CampaignService.hash(CampaignService.normalise(items));
    assertThat(hash).matches("[0-9a-f]{64}");
    List<CampaignItem> reordered = List.of(items.get(1), items.get(0));
    assertThat(CampaignService.hash(CampaignService.normalise(reordered))).isEqualTo(hash);
    CampaignItem banner = items.get(1);
    CampaignItem respelled = new CampaignItem(banner.id(), banner.type(), banner.text() + "  ", null, null, null,
        new BigDecimal("99.000"), new BigDecimal("99"), banner.sku());
    assertThat(CampaignService.hash(CampaignService.normalise(List.of(items.get(0), respelled)))).isEqualTo(hash);
    CampaignItem changed = new CampaignItem(banner.id(), banner.type(), banner.text(), null, null, null,
        new BigDecimal("98"), new BigDecimal("99"), banner.sku());
    assertThat(CampaignService.hash(CampaignService.normalise(List.of(items.get(0), changed)))).isNotEqualTo(hash);
  }
}
