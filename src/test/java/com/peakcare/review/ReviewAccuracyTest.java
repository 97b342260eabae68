package com.peakcare.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.review.ReviewAccuracy.Report;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's goals for the analysis, on the labelled set (src/test/resources/review/labelled-reviews.tsv, its README
 * says how each part was used): hidden-negative precision ≥ 0.85 and recall ≥ 0.90, category recall ≥ 0.80 on
 * negative clauses, over the whole set; and the held-out part, written after the lexicon and never used to add a word,
 * no worse than it was measured (docs/review-analysis.md shows both and says why the held-out part is lower). The table
 * is printed, as the benchmark prints it.
 */
class ReviewAccuracyTest {

  static final Path SET = Path.of("src/test/resources/review/labelled-reviews.tsv");
  private static List<ReviewAccuracy.Labelled> set;
  private static ReviewAnalyser analyser;

  @BeforeAll
  static void read() throws Exception {
    set = ReviewAccuracy.read(SET);
    analyser = ReviewAnalysers.fromClasspath();
  }

  @Test
  void theLabelledSetHasItsParts() {
    assertThat(set).hasSize(500);
    assertThat(set).extracting(ReviewAccuracy.Labelled::split).containsOnly("tune", "dev", "heldout");
    assertThat(set.stream().filter(r -> r.split().equals("heldout"))).hasSize(100);
    assertThat(set).extracting(ReviewAccuracy.Labelled::domain)
        .contains("APPAREL", "BEAUTY", "FOOD", "ELECTRONICS", "HOME");
    assertThat(set.stream().filter(r -> !r.followUp().isEmpty())).as("reviews with a follow-up (追评)").hasSizeGreaterThanOrEqualTo(18);
    assertThat(set.stream().filter(r -> r.note().contains("sarcasm"))).as("sarcasm kept as a known limit").isNotEmpty();
  }

  @Test
  void theGoalsHoldOnTheLabelledSet() {
    Report all = ReviewAccuracy.evaluate(analyser, set, null);
    all.table().forEach(System.out::println);
    assertThat(all.hiddenPrecision().value()).as("hidden-negative precision").isGreaterThanOrEqualTo(0.85);
    assertThat(all.hiddenRecall().value()).as("hidden-negative recall").isGreaterThanOrEqualTo(0.90);
    assertThat(all.clauseRecall().value()).as("category recall on negative clauses").isGreaterThanOrEqualTo(0.80);
  }

  @Test
  void theHeldOutPartIsNoWorseThanMeasured() {
    Report heldOut = ReviewAccuracy.evaluate(analyser, set, "heldout");
    heldOut.table().forEach(System.out::println);
    // measured on the held-out part after the last change to the lexicon and rules (docs/review-analysis.md)
    assertThat(heldOut.hiddenPrecision().hits()).as("hidden negatives found, correctly").isGreaterThanOrEqualTo(27);
    assertThat(heldOut.hiddenPrecision().n()).as("hidden negatives claimed").isLessThanOrEqualTo(30);
    assertThat(heldOut.hiddenRecall().n()).as("hidden negatives labelled").isEqualTo(33);
    assertThat(heldOut.clauseRecall().hits()).as("negative clauses found with their category").isGreaterThanOrEqualTo(75);
    assertThat(heldOut.seriousRecall().hits()).as("serious reviews found").isGreaterThanOrEqualTo(6);
    assertThat(heldOut.seriousPrecision().value()).as("serious precision").isEqualTo(1.0);
  }

  @Test
  void theTuneAndDevPartsAreReportedApart() {
    for (String part : List.of("tune", "dev")) {
      Report r = ReviewAccuracy.evaluate(analyser, set, part);
      r.table().forEach(System.out::println);
      assertThat(r.reviews()).isEqualTo(part.equals("tune") ? 300 : 100);
    }
  }

  /** An analyser from the lexicon on the class path, and from text for a test of its own. */
  static final class ReviewAnalysers {
    static ReviewAnalyser fromClasspath() throws Exception {
      try (var in = ReviewAccuracyTest.class.getResourceAsStream("/review/lexicon.txt")) {
        return new ReviewAnalyser(ReviewLexicon.read(List.of(new ReviewLexicon.Source("lexicon.txt",
            new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)))));
      }
    }

    static ReviewAnalyser withExtra(String extra) throws Exception {
      try (var in = ReviewAccuracyTest.class.getResourceAsStream("/review/lexicon.txt")) {
        return new ReviewAnalyser(ReviewLexicon.read(List.of(new ReviewLexicon.Source("lexicon.txt",
            new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)),
            new ReviewLexicon.Source("shop.txt", new StringReader(extra)))));
      }
    }

    private ReviewAnalysers() {}
  }
}
