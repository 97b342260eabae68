package com.peakcare.review;

import com.peakcare.review.ReviewLexicon.Entry;
import com.peakcare.review.ReviewLexicon.Kind;
import com.peakcare.review.ReviewLexicon.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three patterns of Chinese that make a clause a complaint without a listed word (docs/review-analysis.md), each a
 * negative word with a weak QUALITY hint (the thing named decides) where the lexicon found nothing:
 * <ul>
 *   <li>a potential complement that fails, V不C: 吸不住, 睡不着, 看不出来, 拿不动 (the good ones, 离不开, 停不下来, are
 *       lexicon words and win);</li>
 *   <li>a failure soon after use: a short time, then 就 (穿了一天裆就裂开了, 洗一次就松了), unless what follows is an
 *       arrival or a good turn (两天就到了, 用了一次就爱上了);</li>
 *   <li>a smell: 一股…味, 很重的…味 (unless it is a fragrance: 一股奶香味);</li>
 *   <li>a thing not done well: 没密封好, 没拧紧, 没包好.</li>
 * </ul>
 * A negation word inside a pattern's span is part of it (吸不住 is not a negation of 住).
 */
final class ReviewPatterns {

  private static final Pattern INABILITY =
      Pattern.compile("\\p{IsHan}不(?:住|着|动|开|进|上|下来|下|出来|出|起来|起|掉|了)");
  private static final Pattern SOON =
      Pattern.compile("[一二两三四五六七八九十几半\\d]+(?:次|天|周|个?星期|个?月|年|小时|分钟|下)[^，。！？,.!?]{0,8}?就");
  private static final Pattern SOON_BUT_GOOD =
      Pattern.compile("(?:到|收到|送到|送达|发货|发出|回复|回|解决|搞定|好了|退款|到账|装好|爱上|喜欢|见效|有效果|白了|亮了)");
  private static final Pattern SMELL =
      Pattern.compile("(?:一股|有股|有一股|很重的|很大的|浓浓的|浓重的|刺鼻的)\\p{IsHan}{0,3}?味");
  private static final Pattern FRAGRANCE = Pattern.compile("[香甜鲜]|清新");
  private static final Pattern NOT_DONE = Pattern.compile("没(?:有)?\\p{IsHan}{1,2}?(?:好|紧|牢|严|对)");

  private ReviewPatterns() {}

  /** The lexicon's tokens of {@code text} and the patterns' where the lexicon found nothing, in order. */
  static List<Token> add(String text, List<Token> tokens) {
    boolean[] covered = new boolean[text.length()];
    for (Token t : tokens) {
      if (t.kind() != Kind.NEGATION) {
        for (int i = t.begin(); i < t.end(); i++) {
          covered[i] = true;
        }
      }
    }
    List<Token> found = null;
    Matcher m = INABILITY.matcher(text);
    while (m.find()) {
      found = add(found, covered, m.start(), m.end(), m.group(), 1.2);
    }
    m = SOON.matcher(text);
    while (m.find()) {
      String next = text.substring(m.end(), Math.min(text.length(), m.end() + 3));
      if (!SOON_BUT_GOOD.matcher(next).lookingAt() && !SOON_BUT_GOOD.matcher(next).find()) {
        found = add(found, covered, m.end() - 1, m.end(), m.group(), 1);
      }
    }
    m = SMELL.matcher(text);
    while (m.find()) {
      if (!FRAGRANCE.matcher(m.group()).find()) {
        found = add(found, covered, m.start(), m.end(), m.group(), 1.2);
      }
    }
    m = NOT_DONE.matcher(text);
    while (m.find()) {
      found = add(found, covered, m.start(), m.end(), m.group(), 1.2);
    }
    if (found == null) {
      return tokens;
    }
    List<Token> all = new ArrayList<>(tokens.size() + found.size());
    for (Token t : tokens) {
      if (t.kind() != Kind.NEGATION || found.stream().noneMatch(f -> f.begin() < t.end() && t.begin() < f.end())) {
        all.add(t);
      }
    }
    all.addAll(found);
    all.sort(Comparator.comparingInt(Token::begin));
    return all;
  }

  private static List<Token> add(List<Token> found, boolean[] covered, int begin, int end, String word, double weight) {
    for (int i = begin; i < end; i++) {
      if (covered[i]) {
        return found;
      }
    }
    for (int i = begin; i < end; i++) {
      covered[i] = true;
    }
    List<Token> list = found == null ? new ArrayList<>() : found;
    list.add(new Token(begin, end, new Entry(word, Kind.NEG, "QUALITY", true, weight)));
    return list;
  }
}
