package com.peakcare.review;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words the review analysis knows (评价分析词典): aspect words naming a category, sentiment words, negation, degree,
 * dimension and contrast words, and the serious words (safety, complaint threats). Read from
 * {@code review/lexicon.txt} and the shop's own files of the same form ({@code peakcare.reviews.lexicon-files}); a word
 * listed again replaces its entry. Matched in one pass by an Aho-Corasick automaton (HanLP's double-array trie),
 * leftmost-longest: "不满意" is one negative word, not a negation before "满意".
 */
final class ReviewLexicon {

  /** What a word does; docs/review-analysis.md explains each. */
  enum Kind { ASPECT, NEG, POS, DIM, NEGATION, DEGREE, EXCESS, COMPARE, CONTRAST, LEAD, SAFETY, THREAT, NONE }

  /**
   * One word: its kind, its category (an aspect's, or a sentiment word's hint; null for none), whether that hint is weak
   * (written {@code CATEGORY?}: the clause before decides first) and its weight (an aspect below 1 is a part: 按键).
   */
  record Entry(String word, Kind kind, String category, boolean weak, double weight) {
    boolean part() {
      return kind == Kind.ASPECT && weight < 1;
    }
  }

  /** A word found in a text: [begin, end) of the text. */
  record Token(int begin, int end, Entry entry) {
    Kind kind() {
      return entry.kind();
    }

    String word() {
      return entry.word();
    }
  }

  private final Map<String, Entry> entries;
  private final AhoCorasickDoubleArrayTrie<Entry> trie = new AhoCorasickDoubleArrayTrie<>();

  private ReviewLexicon(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
    trie.build(new java.util.TreeMap<>(entries));
  }

  /** Reads one or more files of the lexicon's form, in order: a later file's entry replaces an earlier one's. */
  static ReviewLexicon read(List<Source> sources) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Source source : sources) {
      parse(source, entries);
    }
    if (entries.isEmpty()) {
      throw new IllegalStateException("the review lexicon is empty");
    }
    return new ReviewLexicon(entries);
  }

  /** A file of the lexicon: its name (for messages) and its text. */
  record Source(String name, Reader reader) {}

  private static void parse(Source source, Map<String, Entry> entries) {
    java.util.Set<String> words = new java.util.HashSet<>();
    try (BufferedReader in = new BufferedReader(source.reader())) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String[] parts = text.split("\\s+");
        if (parts.length < 2) {
          throw bad(source, n, "a word and its kind");
        }
        Kind kind;
        try {
          kind = Kind.valueOf(parts[1]);
        } catch (IllegalArgumentException e) {
          throw bad(source, n, "a kind of " + java.util.Arrays.toString(Kind.values()) + ", not " + parts[1]);
        }
        String category = null;
        boolean weak = false;
        double weight = 1;
        for (int i = 2; i < parts.length; i++) {
          if (parts[i].matches("\\d+(\\.\\d+)?")) {
            weight = Double.parseDouble(parts[i]);
          } else if (parts[i].matches("[A-Z][A-Z0-9_]*\\??")) {
            weak = parts[i].endsWith("?");
            category = weak ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
          } else if (!parts[i].equals("-")) {
            throw bad(source, n, "a CATEGORY (upper case, ? for a weak hint), '-' or a weight, not " + parts[i]);
          }
        }
        if (kind == Kind.ASPECT && category == null) {
          throw bad(source, n, "an ASPECT with its CATEGORY");
        }
        if (!words.add(parts[0])) {
          throw bad(source, n, "each word once in a file, but " + parts[0] + " is there before");
        }
        entries.put(parts[0], new Entry(parts[0], kind, category, weak, weight));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the review lexicon " + source.name(), e);
    }
  }

  private static IllegalStateException bad(Source source, int line, String expected) {
    return new IllegalStateException("review lexicon " + source.name() + " line " + line + ": expected " + expected);
  }

  /** The words of {@code text}, leftmost-longest and never overlapping, in order. */
  List<Token> tokens(String text) {
    List<Token> hits = new ArrayList<>();
    trie.parseText(text, (AhoCorasickDoubleArrayTrie.IHit<Entry>) (begin, end, entry) ->
        hits.add(new Token(begin, end, entry)));
    hits.sort(Comparator.comparingInt(Token::begin).thenComparing(t -> -(t.end() - t.begin())));
    List<Token> chosen = new ArrayList<>(hits.size());
    int covered = 0;
    for (Token t : hits) {
      if (t.begin() >= covered) {
        chosen.add(t);
        covered = t.end();
      }
    }
    return chosen;
  }

  /** Every category a word of the lexicon names (each must be a row of the shop's routing table). */
  Set<String> categories() {
    Set<String> categories = new TreeSet<>();
    entries.values().forEach(e -> {
      if (e.category() != null) {
        categories.add(e.category());
      }
    });
    return categories;
  }

  int size() {
    return entries.size();
  }
}
