package com.peakcare.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The analysis explains itself: each issue names its clause, where it stands and the words that decided. */
class ReviewAnalyserTest {

  private static ReviewAnalyser analyser;

  @BeforeAll
  static void lexicon() throws Exception {
    analyser = ReviewAccuracyTest.ReviewAnalysers.fromClasspath();
  }

  @Test
  void aGoodReviewWithAComplaintAfterButIsAHiddenNegative() {
    ReviewAnalysis a = analyser.analyse(5, "衣服质量很好，但是物流太慢了，等了一个星期才到。", null);

    assertThat(a.hiddenNegative()).isTrue();
    assertThat(a.issues()).extracting(ReviewAnalysis.Issue::category, ReviewAnalysis.Issue::clause)
        .containsExactly(tuple("LOGISTICS", "但是物流太慢了"), tuple("LOGISTICS", "等了一个星期才到"));
    ReviewAnalysis.Issue first = a.issues().get(0);
    assertThat(first.words()).contains("物流", "太慢");
    assertThat("衣服质量很好，但是物流太慢了，等了一个星期才到。".substring(first.begin(), first.end())).isEqualTo("但是物流太慢了");
    assertThat(a.clauses()).filteredOn(ReviewAnalysis.Clause::contrast).hasSize(1);
  }

  @Test
  void aNegatedProblemIsNoProblem() {
    assertThat(analyser.analyse(5, "颜色很正，没有色差，一点都不起球。", null).issues()).isEmpty();
    assertThat(analyser.analyse(4, "不太好用，按键不灵。", null).issues()).extracting(ReviewAnalysis.Issue::category)
        .containsOnly("QUALITY");
  }

  @Test
  void aSafetyWordOrAComplaintThreatIsSeriousUnlessNegated() {
    assertThat(analyser.analyse(1, "用了两天脸就过敏了，要去12315投诉。", null).seriousWords())
        .containsExactly("过敏", "12315", "投诉");
    assertThat(analyser.analyse(5, "敏感肌用了也没有过敏，很温和。", null).serious()).isFalse();
  }

  @Test
  void theFollowUpCountsAndTurnsTheOverallSentiment() {
    ReviewAnalysis a = analyser.analyse(5, "刚收到挺满意的。", "洗了两次就开始起球，领口也变形了，失望。");
    assertThat(a.hiddenNegative()).isTrue();
    assertThat(a.overall()).isEqualTo(ReviewAnalysis.NEGATIVE);
    assertThat(a.issues()).extracting(ReviewAnalysis.Issue::part).containsOnly(ReviewAnalysis.FOLLOW_UP);
  }

  @Test
  void aPatternOfTheGrammarNeedsNoListedWord() {
    ReviewAnalysis a = analyser.analyse(4, "挂钩看着结实，就是吸盘吸不住。", null);
    assertThat(a.issues()).extracting(ReviewAnalysis.Issue::clause).containsExactly("就是吸盘吸不住");
    assertThat(a.issues().get(0).words()).contains("吸不住");
  }

  @Test
  void aPlainGoodReviewHasNoIssue() {
    ReviewAnalysis a = analyser.analyse(5, "好评，物流很快，包装严实，东西很好用。", null);
    assertThat(a.issues()).isEmpty();
    assertThat(a.overall()).isEqualTo(ReviewAnalysis.POSITIVE);
    assertThat(a.hiddenNegative()).isFalse();
  }

  @Test
  void theShopsOwnFileAddsAndReplacesWords() throws Exception {
    String text = "灯泡很亮，就是螺口太松了拧不紧。";
    ReviewAnalyser shop = ReviewAccuracyTest.ReviewAnalysers.withExtra("螺口 ASPECT QUALITY\n拧不紧 NEG QUALITY 1.5\n");
    assertThat(shop.analyse(4, text, null).issues().get(0).words()).contains("螺口", "拧不紧");
    ReviewAnalyser renamed = ReviewAccuracyTest.ReviewAnalysers.withExtra("慢 NEG SERVICE\n");
    assertThat(renamed.analyse(3, "有点慢了", null).issues()).extracting(ReviewAnalysis.Issue::category)
        .containsExactly("SERVICE");
  }

  @Test
  void aWrongLineOfALexiconStopsWithItsFileAndLine() {
    assertThatThrownBy(() -> ReviewLexicon.read(List.of(new ReviewLexicon.Source("shop.txt",
        new StringReader("# words\n好用 POS QUALITY\n难用 NEGATIVE QUALITY\n")))))
        .hasMessageContaining("shop.txt line 3").hasMessageContaining("NEGATIVE");
    assertThatThrownBy(() -> ReviewLexicon.read(List.of(new ReviewLexicon.Source("shop.txt",
        new StringReader("物流 ASPECT LOGISTICS\n物流 ASPECT PACKAGING\n")))))
        .hasMessageContaining("line 2").hasMessageContaining("物流");
    assertThatThrownBy(() -> ReviewLexicon.read(List.of(new ReviewLexicon.Source("shop.txt",
        new StringReader("物流 ASPECT\n"))))).hasMessageContaining("CATEGORY");
  }

  @Test
  void fullWidthLettersAndCaseDoNotHideAWord() {
    assertThat(analyser.analyse(1, "我要打１２３１５投诉", null).seriousWords()).contains("12315");
  }
}
