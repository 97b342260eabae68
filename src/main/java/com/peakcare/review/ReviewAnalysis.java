package com.peakcare.review;

import java.util.List;

/**
 * What the analysis says about one review: its overall sentiment and score, whether it is a hidden negative (a good
 * review, by stars or by words, with a negative clause), its issues (each negative clause with its category and the
 * words that decided), the serious words found (a safety word, a complaint threat) and every clause it read.
 */
record ReviewAnalysis(String overall, double score, boolean hiddenNegative, List<Issue> issues,
    List<String> seriousWords, List<Clause> clauses) {

  static final String POSITIVE = "POSITIVE";
  static final String NEUTRAL = "NEUTRAL";
  static final String NEGATIVE = "NEGATIVE";
  /** Where a clause stands: the review's text or its follow-up (追评). */
  static final String TEXT = "TEXT";
  static final String FOLLOW_UP = "FOLLOW_UP";

  boolean negative() {
    return !issues.isEmpty();
  }

  boolean serious() {
    return !seriousWords.isEmpty();
  }

  /**
   * A negative clause: its category, where it stands ([begin, end) of the text or the follow-up), its text, the words
   * that decided (the aspect, the negative word, a negation or degree before it) and its score (below 0).
   */
  record Issue(String category, String part, int begin, int end, String clause, List<String> words, double score) {}

  /** A clause as read: where, its text, whether it follows a contrast word (但是…), its score and its words. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ReviewClause")
  record Clause(String part, int begin, int end, String text, boolean contrast, double score, List<String> words) {}
}
