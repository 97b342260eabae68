package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.engine.ParsedFeelCache;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The business's return policy table on its own (processes/return-policy.dmn), no engine, no Spring. */
class ReturnPolicyDecisionTest {

  static DmnEngine dmn;
  static DmnDecision policy;
  /** The engine PeakCare runs: FEEL expressions parsed once (com.peakcare.engine.ParsedFeelCache). */
  static DmnEngine cachingDmn;
  static DmnDecision cachingPolicy;
  /** The shop's categories (processes/return-categories.dmn): they decide whether the no-reason return applies. */
  static DmnDecision categories;

  @Test
  void theFeelEngineIsThePatchedReleaseThatBuildsItsBuiltinsOnce() throws Exception {
    // pom.xml pins feel-engine 1.19.5 over Camunda 7.24's 1.19.3 (built-in functions rebuilt per evaluation)
    java.util.Properties pom = new java.util.Properties();
    try (InputStream in = org.camunda.feel.FeelEngine.class.getClassLoader()
        .getResourceAsStream("META-INF/maven/org.camunda.feel/feel-engine/pom.properties")) {
      pom.load(in);
    }
    assertThat(pom.getProperty("version")).isEqualTo("1.19.5");
  }

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/return-policy.dmn"))) {
      policy = dmn.parseDecision(ReturnCaseProcess.POLICY_DECISION, in);
    }
    cachingDmn = ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
        .feelEngineFactory(ParsedFeelCache.feelEngineFactory(null)).buildEngine();
    try (InputStream in = Files.newInputStream(Path.of("processes/return-policy.dmn"))) {
      cachingPolicy = cachingDmn.parseDecision(ReturnCaseProcess.POLICY_DECISION, in);
    }
    try (InputStream in = Files.newInputStream(Path.of("processes/return-categories.dmn"))) {
      categories = dmn.parseDecision(ReturnCategories.DECISION, in);
    }
  }

  @Test
  void theShopsCategoriesSayWhichAllowTheNoReasonReturnAndAnUnknownOneMatchesNoRow() {
    assertThat(noReasonReturn("APPAREL")).isTrue();
    assertThat(noReasonReturn("BABY")).isTrue();
    assertThat(noReasonReturn("FRESH")).isFalse();
    assertThat(dmn.evaluateDecision(categories, Map.of("itemCategory", "BOTTLES")).getResultList()).isEmpty();
  }

  private static boolean noReasonReturn(String category) {
    return dmn.evaluateDecision(categories, Map.of("itemCategory", category)).getSingleResult()
        .<Boolean>getEntry("noReasonReturn");
  }

  @ParameterizedTest(name = "{0} {1} day {2} {3} CNY {4} {5} -> {6} {7}")
  @CsvSource(nullValues = "-", value = {
      // the 7-day no-reason window, counted from delivery: day 7 still in, day 8 out
      "RETURN_AND_REFUND, NO_REASON,        7, 300, REGULAR, APPAREL,        MANUAL_REVIEW, -",
      "RETURN_AND_REFUND, NO_REASON,        8, 300, REGULAR, APPAREL,        REJECT,        WINDOW_CLOSED",
      "EXCHANGE,          WRONG_SIZE,       8,  90, REGULAR, SHOES,          REJECT,        WINDOW_CLOSED",
      // excluded categories never get a no-reason return, whatever the day
      "RETURN_AND_REFUND, NO_REASON,        1,  50, VIP,     CUSTOM_MADE,    REJECT,        EXCLUDED_CATEGORY",
      "RETURN_AND_REFUND, WRONG_SIZE,       1,  50, REGULAR, FRESH,          REJECT,        EXCLUDED_CATEGORY",
      "RETURN_AND_REFUND, OTHER,            2, 500, REGULAR, DIGITAL_OPENED, REJECT,        EXCLUDED_CATEGORY",
      // quality problems are accepted for longer, and not refused for the category
      "RETURN_AND_REFUND, DAMAGED,         20, 300, REGULAR, FRESH,          MANUAL_REVIEW, -",
      "RETURN_AND_REFUND, NOT_AS_DESCRIBED, 45, 300, REGULAR, APPAREL,       MANUAL_REVIEW, -",
      // small amounts and VIPs are approved at once
      "REFUND_ONLY,       DAMAGED,          2,  80, REGULAR, APPAREL,        AUTO_APPROVE,  -",
      "REFUND_ONLY,       NO_REASON,        0, 100, REGULAR, APPAREL,        AUTO_APPROVE,  -",
      "REFUND_ONLY,       NO_REASON,        0, 101, REGULAR, APPAREL,        MANUAL_REVIEW, -",
      "RETURN_AND_REFUND, NO_REASON,        3, 450, VIP,     APPAREL,        AUTO_APPROVE,  -",
      "RETURN_AND_REFUND, NO_REASON,        3, 501, SVIP,    APPAREL,        MANUAL_REVIEW, -",
      // repairs always go to an agent; price protection lasts 30 days
      "REPAIR,            DAMAGED,          1,  10, VIP,     ELECTRONICS,    MANUAL_REVIEW, -",
      "PRICE_DIFFERENCE,  PRICE_DIFFERENCE, 30,  20, REGULAR, HOME,          AUTO_APPROVE,  -",
      "PRICE_DIFFERENCE,  PRICE_DIFFERENCE, 31,  20, REGULAR, HOME,          REJECT,        PRICE_PROTECTION_EXPIRED",
  })
  void decides(String type, String reason, int days, double amount, String tier, String category,
      String outcome, String rejectionCode) {
    DmnDecisionResultEntries result = evaluate(type, reason, days, amount, tier, category);
    assertThat((String) result.getEntry("outcome")).isEqualTo(outcome);
    assertThat((String) result.getEntryMap().get("rejectionCode")).isEqualTo(rejectionCode);
    if (!"REJECT".equals(outcome) && !"REPAIR".equals(type)) {
      assertThat(((Number) result.getEntry("refundPromiseHours")).intValue()).isPositive();
    }
    if ("MANUAL_REVIEW".equals(outcome)) {
      assertThat(((Number) result.getEntry("reviewSlaHours")).intValue()).isBetween(1, 72);
    }
  }

  @ParameterizedTest
  @CsvSource({"REFUND_ONLY, 24", "RETURN_AND_REFUND, 168"})
  void promisesLongerWhenTheParcelMustComeBackFirst(String type, int hours) {
    DmnDecisionResultEntries result = evaluate(type, "DAMAGED", 1, 50, "REGULAR", "APPAREL");
    assertThat(((Number) result.getEntry("refundPromiseHours")).intValue()).isEqualTo(hours);
  }

  private static DmnDecisionResultEntries evaluate(String type, String reason, int days, double amount, String tier,
      String category) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("type", type);
    vars.put("reason", reason);
    vars.put("daysSinceDelivery", days);
    vars.put("amount", amount);
    vars.put("memberTier", tier);
    vars.put("itemCategory", category);
    vars.put("noReasonReturn", noReasonReturn(category));
    DmnDecisionResultEntries stock = dmn.evaluateDecision(policy, vars).getSingleResult();
    // PeakCare's FEEL (parsed once) decides exactly as Camunda's, the first time and from its cache
    for (int i = 0; i < 2; i++) {
      assertThat(cachingDmn.evaluateDecision(cachingPolicy, vars).getSingleResult().getEntryMap())
          .isEqualTo(stock.getEntryMap());
    }
    return stock;
  }
}
