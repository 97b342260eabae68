package com.peakcare.review;

import com.peakcare.review.ReviewAnalysis.Clause;
import com.peakcare.review.ReviewAnalysis.Issue;
import com.peakcare.review.ReviewLexicon.Kind;
import com.peakcare.review.ReviewLexicon.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a review, offline and explainably (docs/review-analysis.md):
 * <ol>
 *   <li>splits its text and its follow-up (追评) into sentences (。！？), clauses (，；, spaces) and again at contrast
 *       words (但是, 不过 …; 就是, 只是 at a clause's start);</li>
 *   <li>scores each clause from the lexicon's words: a sentiment word's weight, flipped by a negation just before it
 *       (不, 没有 …), multiplied by a degree word (很, 太, 有点 …); a dimension word (大, 薄, 咸 …) is negative after an
 *       excess word (太, 有点, 偏 …);</li>
 *   <li>three patterns of the grammar add negative words the lexicon need not list: a potential complement that fails
 *       (吸不住, 睡不着, 看不出来: V不C), a failure soon after use (穿了一天裆就…, 洗一次就…), and a smell (一股…味);
 *       a dimension after a comparison is a complaint (比图片上小很多);</li>
 *   <li>a clause led by a contrast word (但是, 不过, 可惜, 就是 …) that says nothing good is what the buyer holds against
 *       the goods, named or not ("衣服很好，就是领口有点大"): it is negative;</li>
 *   <li>a clause with no sentiment of its own that follows a negative clause of its sentence tells more of the same
 *       complaint ("掉色严重，洗一次整盆水都是蓝的"): it is negative too; so is every such clause of a review of 1 or 2
 *       stars, whose buyer tells a complaint (下单说48小时发货，一周了还没发);</li>
 *   <li>gives each negative clause a category, in this order: a gift named (赠品, 送的) makes it the gift's; an aspect
 *       the negative word agrees with; the negative word's own category; the first aspect named; a dimension's
 *       category; the category of the negative clause before it in the sentence; a weak hint (破了, 慢); a part
 *       (按键); the aspect named alone in the clause before ("物流，慢死了"); the category of the review's nearest
 *       other issue; else {@code OTHER}. A clause whose only
 *       sentiment is a mild verdict with nothing to file it under ("一般般吧") is no issue;</li>
 *   <li>weighs the clauses after a contrast and the follow-up's higher for the overall sentiment, with the stars as a
 *       prior; a review is a hidden negative when it has an issue yet its stars (4 or 5) or its words are good.</li>
 * </ol>
 * Thread-safe and allocation-light: the benchmark measures it per review.
 */
final class ReviewAnalyser {

  static final String OTHER = "OTHER";
  static final String GIFT = "GIFT";

  /**
   * How many characters may stand between a negation or degree word and the word it changes ("没有任何问题"); one for a
   * negation of one character (不, 无: "无糖的也很好吃" negates nothing).
   */
  private static final int REACH = 3;
  /** A review of this many stars or fewer tells a complaint: its clauses without sentiment are part of it. */
  private static final int COMPLAINT_STARS = 2;
  /**
   * The overall sentiment: each clause's score capped at ±{@value #CLAUSE_CAP}, a clause after a contrast word weighing
   * {@value #CONTRAST_WEIGHT}, the follow-up's {@value #FOLLOW_UP_WEIGHT} (the buyer's later word), plus
   * {@value #STAR_WEIGHT} per star above or below 3; positive above {@value #OVERALL_THRESHOLD}, negative below its
   * opposite. Chosen on the tune part of the labelled set (docs/review-analysis.md): the stars carry most of it.
   */
  private static final double CLAUSE_CAP = 1.0;
  private static final double CONTRAST_WEIGHT = 1.2;
  private static final double FOLLOW_UP_WEIGHT = 3.0;
  private static final double STAR_WEIGHT = 2.0;
  private static final double OVERALL_THRESHOLD = 0.5;
  /** What a clause that tells more of the complaint before it weighs. */
  private static final double ELABORATION = -0.3;
  /** What a contrast-led clause that says nothing good weighs at least. */
  private static final double CONTRAST_COMPLAINT = -0.5;
  /** A negative clause with nothing to file it under, until the review's other issues are known. */
  private static final String UNFILED = "UNFILED";
  /** A negative clause weaker than this with nothing to file it under is a mild verdict, not an issue. */
  private static final double MILD = -0.7;

  private final ReviewLexicon lexicon;

  ReviewAnalyser(ReviewLexicon lexicon) {
    this.lexicon = lexicon;
  }

  ReviewLexicon lexicon() {
    return lexicon;
  }

  ReviewAnalysis analyse(int stars, String text, String followUp) {
    List<Scored> scored = new ArrayList<>();
    read(ReviewAnalysis.TEXT, text, scored);
    read(ReviewAnalysis.FOLLOW_UP, followUp, scored);
    double sum = 0;
    List<Issue> issues = new ArrayList<>();
    Set<String> serious = new LinkedHashSet<>();
    List<Clause> clauses = new ArrayList<>(scored.size());
    for (int i = 0; i < scored.size(); i++) {
      Scored c = scored.get(i);
      Scored previous = i > 0 && scored.get(i - 1).sameSentence(c) ? scored.get(i - 1) : null;
      if (c.contrast && c.score <= 0 && c.positives == 0) {
        c.score = Math.min(c.score, CONTRAST_COMPLAINT);
        c.elaboration = true;
      } else if (c.score == 0 && c.sentiments == 0
          && (stars <= COMPLAINT_STARS || !c.contrast && previous != null && previous.score < 0)) {
        c.score = ELABORATION;
        c.elaboration = true;
      }
      if (c.score < 0) {
        c.category = category(c, previous, i > 0 ? scored.get(i - 1) : null);
      }
    }
    // a complaint that names nothing is about what the review's nearest other issue is about
    for (int i = 0; i < scored.size(); i++) {
      Scored c = scored.get(i);
      if (UNFILED.equals(c.category)) {
        c.category = nearestCategory(scored, i);
      }
    }
    for (int i = 0; i < scored.size(); i++) {
      Scored c = scored.get(i);
      double weight = (c.contrast ? CONTRAST_WEIGHT : 1) * (c.part.equals(ReviewAnalysis.FOLLOW_UP) ? FOLLOW_UP_WEIGHT : 1);
      sum += Math.max(-CLAUSE_CAP, Math.min(CLAUSE_CAP, c.score)) * weight;
      serious.addAll(c.serious);
      clauses.add(new Clause(c.part, c.begin, c.end, c.text, c.contrast, round(c.score), List.copyOf(c.words)));
      if (c.category != null) {
        issues.add(new Issue(c.category, c.part, c.begin, c.end, c.text, List.copyOf(c.words), round(c.score)));
      }
    }
    double total = sum + (stars - 3) * STAR_WEIGHT;
    String overall = total > OVERALL_THRESHOLD ? ReviewAnalysis.POSITIVE
        : total < -OVERALL_THRESHOLD ? ReviewAnalysis.NEGATIVE : ReviewAnalysis.NEUTRAL;
    boolean hidden = !issues.isEmpty() && (stars >= 4 || overall.equals(ReviewAnalysis.POSITIVE));
    return new ReviewAnalysis(overall, round(total), hidden, List.copyOf(issues), List.copyOf(serious),
        List.copyOf(clauses));
  }

  // ---- clauses ---------------------------------------------------------------------------------------------

  /** A clause being read. */
  private static final class Scored {
    final String part;
    final int sentence;
    final int begin;
    final int end;
    final String text;
    final boolean contrast;
    final List<Token> tokens;
    final List<String> words = new ArrayList<>();
    final List<String> serious = new ArrayList<>();
    double score;
    int sentiments;
    int positives;
    boolean elaboration;
    String category;
    /** The strongest negative word, the strongest one with a hint, and that hint. */
    Token strongest;
    double strongestValue;
    Token hinted;
    double hintedValue;
    /** Every category the negative words hint at. */
    final Set<String> hints = new java.util.HashSet<>();

    Scored(String part, int sentence, String source, int begin, int end, boolean contrast, List<Token> tokens) {
      this.part = part;
      this.sentence = sentence;
      this.begin = begin;
      this.end = end;
      this.text = source.substring(begin, end);
      this.contrast = contrast;
      this.tokens = tokens;
    }

    boolean sameSentence(Scored other) {
      return part.equals(other.part) && sentence == other.sentence;
    }
  }

  private void read(String part, String raw, List<Scored> out) {
    if (raw == null || raw.isBlank()) {
      return;
    }
    String text = normalize(raw);
    List<Token> tokens = ReviewPatterns.add(text, lexicon.tokens(text));
    int t = 0;
    int n = text.length();
    int i = 0;
    int sentence = 0;
    while (i < n) {
      while (i < n && separator(text.charAt(i)) != 0) {
        if (separator(text.charAt(i)) == 2) {
          sentence++;
        }
        i++;
      }
      int start = i;
      while (i < n && separator(text.charAt(i)) == 0) {
        i++;
      }
      if (start == i) {
        continue;
      }
      // the segment [start, i): cut at contrast words
      List<Token> in = new ArrayList<>();
      while (t < tokens.size() && tokens.get(t).begin() < i) {
        if (tokens.get(t).begin() >= start) {
          in.add(tokens.get(t));
        }
        t++;
      }
      int clauseStart = start;
      boolean contrast = false;
      List<Token> clauseTokens = new ArrayList<>();
      for (Token token : in) {
        boolean cut = token.kind() == Kind.CONTRAST || token.kind() == Kind.LEAD && token.begin() == start;
        if (cut && token.begin() > clauseStart) {
          out.add(score(part, sentence, text, clauseStart, token.begin(), contrast, clauseTokens));
          clauseStart = token.begin();
          clauseTokens = new ArrayList<>();
        }
        if (cut) {
          contrast = true;
        }
        clauseTokens.add(token);
      }
      out.add(score(part, sentence, text, clauseStart, i, contrast, clauseTokens));
    }
  }

  /** 0: part of a clause; 1: ends a clause; 2: ends a sentence. */
  private static int separator(char c) {
    return switch (c) {
      case '。', '！', '？', '!', '?', '\n', '\r', '…' -> 2;
      case '；', '，', ',', '.', ';', '~', '～', '\t', ' ', '　', '：', ':', '（', '）', '(', ')', '【', '】', '[', ']',
          '“', '”', '"' -> 1;
      default -> 0;
    };
  }

  /** Full-width letters and digits as ASCII, ASCII in lower case: the same length, so positions hold. */
  static String normalize(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= '！' && c <= '～' && Character.isLetterOrDigit(c)) {
        c = (char) (c - 0xFEE0);
      }
      chars[i] = c < 128 ? Character.toLowerCase(c) : c;
    }
    return new String(chars);
  }

  private static Scored score(String part, int sentence, String text, int begin, int end, boolean contrast,
      List<Token> tokens) {
    Scored c = new Scored(part, sentence, text, begin, end, contrast, tokens);
    Token negation = null;
    Token degree = null;
    boolean compared = false;
    for (Token token : tokens) {
      switch (token.kind()) {
        case NEGATION -> negation = token;
        case DEGREE, EXCESS -> degree = token;
        case COMPARE -> compared = true;
        case POS, NEG, SAFETY, THREAT, DIM -> {
          boolean negated = near(negation, token);
          boolean degreed = near(degree, token);
          double value = value(token, negated, degreed ? degree : null, compared);
          if (token.kind() != Kind.DIM) {
            c.sentiments++;
          }
          if (value != 0) {
            if (negated) {
              c.words.add(negation.word());
            }
            if (degreed) {
              c.words.add(degree.word());
            }
            c.words.add(token.word());
            c.score += value;
            if (value > 0) {
              c.positives++;
            }
            if (value < 0) {
              c.sentiments++;
              if (token.entry().category() != null) {
                c.hints.add(token.entry().category());
              }
              if (-value > c.strongestValue) {
                c.strongestValue = -value;
                c.strongest = token;
              }
              if (token.entry().category() != null && -value > c.hintedValue) {
                c.hintedValue = -value;
                c.hinted = token;
              }
            }
          }
          if ((token.kind() == Kind.SAFETY || token.kind() == Kind.THREAT) && !negated) {
            c.serious.add(token.word());
          }
          negation = null;
          degree = null;
        }
        case ASPECT -> c.words.add(token.word());
        default -> {
          // contrast, lead and none words decide nothing here
        }
      }
    }
    if (negation != null && negation.word().equals(NOT_ENOUGH) && end - negation.end() <= 1) {
      c.words.add(negation.word()); // 低音不够: a lack, with nothing after it
      c.score -= 1;
      c.sentiments++;
    }
    return c;
  }

  private static final String NOT_ENOUGH = "不够";

  /** A negation or degree word changes a word that follows it closely in the same clause. */
  private static boolean near(Token before, Token token) {
    if (before == null) {
      return false;
    }
    int reach = before.kind() == Kind.NEGATION && before.end() - before.begin() == 1 ? 1 : REACH;
    return token.begin() - before.end() <= reach;
  }

  private static double value(Token token, boolean negated, Token degree, boolean compared) {
    double weight = token.entry().weight();
    double value = switch (token.kind()) {
      case POS -> weight;
      case NEG, SAFETY, THREAT -> -weight;
      // a dimension is a complaint after an excess word (太大, 有点薄), nothing alone or after a plain degree (很大)
      case DIM -> (compared || degree != null && degree.kind() == Kind.EXCESS) && !negated ? -weight : 0;
      default -> 0;
    };
    if (value == 0) {
      return 0;
    }
    if (degree != null) {
      value *= degree.entry().weight();
    }
    if (negated && token.kind() != Kind.DIM) {
      // 不好 is as bad as 差; 不贵, 没有色差 are good, less strongly
      value = value > 0 ? -value : -value * 0.6;
    }
    return value;
  }

  // ---- categories ------------------------------------------------------------------------------------------

  /**
   * The category of negative clause {@code c} (the rule order of the class comment), or null when it is a mild verdict
   * with nothing to file it under. {@code previous}: the clause before it in its sentence (null if none);
   * {@code before}: the clause before it at all.
   */
  private static String category(Scored c, Scored previous, Scored before) {
    String hint = c.hinted == null ? null : c.hinted.entry().category();
    boolean strongHint = c.hinted != null && !c.hinted.entry().weak() && c.hinted.kind() != Kind.DIM;
    Token firstAspect = null;
    Token firstPart = null;
    for (Token token : c.tokens) {
      if (token.kind() != Kind.ASPECT) {
        continue;
      }
      String category = token.entry().category();
      if (GIFT.equals(category)) {
        return GIFT; // 赠品质量太差, 送的袜子破了: the gift's problem
      }
      if (c.hints.contains(category) && !token.entry().part()) {
        return category; // 尺寸和描述的不一样, 箱子被压变形了: the aspect a negative word agrees with
      }
      if (token.entry().part()) {
        firstPart = firstPart == null ? token : firstPart;
      } else {
        firstAspect = firstAspect == null ? token : firstAspect;
      }
    }
    if (strongHint) {
      return hint;
    }
    if (firstAspect != null) {
      return firstAspect.entry().category();
    }
    if (hint != null && c.hinted.kind() == Kind.DIM && !c.hinted.entry().weak()) {
      return hint;
    }
    if (previous != null && previous.category != null) {
      return previous.category;
    }
    if (hint != null) {
      return hint;
    }
    if (firstPart != null) {
      return firstPart.entry().category();
    }
    if (before != null && before.part.equals(c.part) && before.score == 0) {
      for (Token token : before.tokens) {
        if (token.kind() == Kind.ASPECT) {
          return token.entry().category(); // 物流，慢死了
        }
      }
    }
    return c.elaboration || c.score <= MILD ? UNFILED : null;
  }

  /** The category of the issue nearest to clause {@code i} that has one of its own, else {@code OTHER}. */
  private static String nearestCategory(List<Scored> clauses, int i) {
    for (int d = 1; d < clauses.size(); d++) {
      for (int j : new int[] {i - d, i + d}) {
        if (j >= 0 && j < clauses.size() && clauses.get(j).category != null && !UNFILED.equals(clauses.get(j).category)) {
          return clauses.get(j).category;
        }
      }
    }
    return OTHER;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
