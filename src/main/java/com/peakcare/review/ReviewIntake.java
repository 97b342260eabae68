package com.peakcare.review;

import com.peakcare.engine.gate.EngineGate;
import com.peakcare.review.ReviewRepository.IssueRow;
import com.peakcare.review.ReviewRepository.Key;
import com.peakcare.review.ReviewRepository.ReviewRow;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where reviews come in, from the API's batches and the page's CSV uploads alike: each batch is checked whole (a bad
 * row is a 400 naming {@code reviews[i].field}, and nothing of the batch is written), then each review is new
 * (CREATED), the same as stored (UNCHANGED, nothing written) or a new state of a stored one (UPDATED: analysed again,
 * counted again by the next cycle), all in one transaction. A serious review (a safety word, a complaint threat) is
 * handed to the after-sales supervisors at once, once per review, in the same transaction.
 */
@Service
class ReviewIntake {

  private static final Logger log = LoggerFactory.getLogger(ReviewIntake.class);
  static final String CREATED = "CREATED";
  static final String UPDATED = "UPDATED";
  static final String UNCHANGED = "UNCHANGED";
  /** A review written more than this after now is a clock or a typo: refused. */
  private static final Duration FUTURE = Duration.ofDays(1);

  private final ReviewAnalyser analyser;
  private final ReviewRepository repository;
  private final ReviewCategories categories;
  private final RuntimeService runtime;
  private final EngineGate gate;
  private final TransactionTemplate tx;

  ReviewIntake(ReviewAnalyser analyser, ReviewRepository repository, ReviewCategories categories,
      RuntimeService runtime, EngineGate gate, TransactionTemplate tx) {
    this.analyser = analyser;
    this.repository = repository;
    this.categories = categories;
    this.runtime = runtime;
    this.gate = gate;
    this.tx = tx;
  }

  /** What became of a batch. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ReviewsReceived", description = "What became of a batch: how "
      + "many reviews were new, changed or the same as stored, how many serious ones went to after-sales, and each "
      + "review's analysis in the order sent")
  record Received(int received, int created, int updated, int unchanged, int seriousOpened, List<Result> results) {}

  /** One review's outcome and analysis. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ReviewResult", description = "outcome: CREATED, UPDATED or "
      + "UNCHANGED; overall: POSITIVE, NEUTRAL or NEGATIVE; hiddenNegative: good by its stars or words, yet with a "
      + "negative clause; seriousWords: the safety or complaint words that made it serious (handed to after-sales)")
  record Result(String orderNo, String sku, String outcome, String overall, boolean hiddenNegative, boolean negative,
      List<String> seriousWords, List<IssueView> issues) {}

  /** A negative clause: its category (code and label), where it stands, and the words that decided. */
  @io.swagger.v3.oas.annotations.media.Schema(name = "ReviewIssue", description = "A negative clause: its category, "
      + "where it stands (part TEXT or FOLLOW_UP, characters [begin, end)), its text and the words that decided")
  record IssueView(String category, String label, String part, int begin, int end, String clause, List<String> words) {}

  /**
   * Takes a batch from {@code source} (API or CSV) sent by {@code user}. Two batches that bring the same new review at
   * the same moment: the second is tried again once, and then finds it stored.
   */
  Received receive(List<ReviewInput> reviews, String source, String user) {
    validate(reviews);
    try {
      return tx.execute(s -> store(reviews, source, user));
    } catch (DuplicateKeyException e) {
      log.info("a batch of {} reviews met another batch with the same new review; trying again", reviews.size());
      return tx.execute(s -> store(reviews, source, user));
    }
  }

  private void validate(List<ReviewInput> reviews) {
    List<FieldProblem> problems = new ArrayList<>();
    Map<Key, Integer> seen = new HashMap<>();
    Instant latest = Instant.now().plus(FUTURE);
    for (int i = 0; i < reviews.size(); i++) {
      ReviewInput r = reviews.get(i);
      String at = "reviews[" + i + "].";
      Integer first = seen.putIfAbsent(new Key(r.orderNo(), r.sku()), i);
      if (first != null) {
        problems.add(new FieldProblem(at + "sku", "the same order and SKU as reviews[" + first + "]: send a review "
            + "once in a batch"));
      }
      if (r.reviewedAt().isAfter(latest)) {
        problems.add(new FieldProblem(at + "reviewedAt", "in the future"));
      }
      if (r.followUpAt() != null && (r.followUp() == null || r.followUp().isBlank())) {
        problems.add(new FieldProblem(at + "followUpAt", "a follow-up time without a follow-up"));
      }
      if (r.followUpAt() != null && r.followUpAt().isBefore(r.reviewedAt())) {
        problems.add(new FieldProblem(at + "followUpAt", "before the review itself"));
      }
      if (problems.size() >= 50) {
        break;
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request", problems);
    }
  }

  private Received store(List<ReviewInput> reviews, String source, String user) {
    Instant now = Instant.now();
    List<Key> keys = reviews.stream().map(r -> new Key(r.orderNo(), r.sku())).toList();
    Map<Key, String> stored = repository.hashes(keys);
    List<ReviewRow> created = new ArrayList<>();
    List<ReviewRow> updated = new ArrayList<>();
    List<IssueRow> issues = new ArrayList<>();
    List<Result> results = new ArrayList<>(reviews.size());
    Map<Key, String> serious = new HashMap<>();
    for (ReviewInput r : reviews) {
      Key key = new Key(r.orderNo(), r.sku());
      String text = r.text() == null ? "" : r.text().strip();
      String followUp = r.followUp() == null || r.followUp().isBlank() ? null : r.followUp().strip();
      String hash = hash(r.stars(), text, followUp, r.reviewedAt(), r.followUpAt());
      ReviewAnalysis a = analyser.analyse(r.stars(), text, followUp);
      String previous = stored.get(key);
      String outcome = previous == null ? CREATED : previous.equals(hash) ? UNCHANGED : UPDATED;
      results.add(result(key, outcome, a));
      if (outcome.equals(UNCHANGED)) {
        continue;
      }
      String words = a.serious() ? String.join(",", a.seriousWords()) : null;
      ReviewRow row = new ReviewRow(key, r.stars(), text, followUp, r.reviewedAt(), r.followUpAt(), hash,
          a.overall(), a.score(), a.negative(), a.hiddenNegative(), words == null ? null : cut(words, 200), source,
          user, now);
      (outcome.equals(CREATED) ? created : updated).add(row);
      Set<String> filed = new HashSet<>();
      int seq = 0;
      for (ReviewAnalysis.Issue issue : a.issues()) {
        issues.add(new IssueRow(key, ++seq, issue.category(), issue.part(), issue.begin(), issue.end(),
            cut(issue.clause(), 2000), cut(String.join(",", issue.words()), 400), issue.score(),
            filed.add(issue.category())));
      }
      if (a.serious()) {
        serious.put(key, cut(words, 200));
      }
    }
    repository.insert(created);
    repository.update(updated);
    repository.insertIssues(issues);
    int opened = openSerious(serious, now);
    log.info("reviews from {} ({}): {} received, {} new, {} changed, {} unchanged, {} serious handed to after-sales",
        user, source, reviews.size(), created.size(), updated.size(), reviews.size() - created.size() - updated.size(),
        opened);
    return new Received(reviews.size(), created.size(), updated.size(),
        reviews.size() - created.size() - updated.size(), opened, results);
  }

  /** Each serious review not handed over before gets its after-sales task now (serious-review.bpmn). */
  private int openSerious(Map<Key, String> serious, Instant now) {
    if (serious.isEmpty()) {
      return 0;
    }
    Set<Key> opened = repository.seriousOpened(serious.keySet());
    int n = 0;
    for (Map.Entry<Key, String> e : serious.entrySet()) {
      Key key = e.getKey();
      if (opened.contains(key)) {
        continue;
      }
      repository.openSerious(key, e.getValue(), now);
      ProcessInstance pi = gate.asPeakCare(() -> runtime.createProcessInstanceByKey(SeriousReviewProcess.KEY)
          .businessKey(SeriousReviewProcess.businessKey(key.orderNo(), key.sku())).execute());
      repository.seriousProcess(key, pi.getId());
      log.info("serious review {}/{} ({}) handed to after-sales supervisors", key.orderNo(), key.sku(), e.getValue());
      n++;
    }
    return n;
  }

  private Result result(Key key, String outcome, ReviewAnalysis a) {
    return new Result(key.orderNo(), key.sku(), outcome, a.overall(), a.hiddenNegative(), a.negative(),
        a.seriousWords(), a.issues().stream().map(i -> new IssueView(i.category(), categories.label(i.category()),
            i.part(), i.begin(), i.end(), i.clause(), i.words())).toList());
  }

  /** What makes two sendings the same review: the same stars, texts and times. */
  static String hash(int stars, String text, String followUp, Instant reviewedAt, Instant followUpAt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      String canonical = stars + "\u0000" + text + "\u0000" + (followUp == null ? "" : followUp) + "\u0000"
          + reviewedAt.toEpochMilli() + "\u0000" + (followUpAt == null ? "" : followUpAt.toEpochMilli());
      return HexFormat.of().formatHex(sha.digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
