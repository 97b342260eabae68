package com.peakcare.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.review.ReviewRepository.Action;
import com.peakcare.review.ReviewRepository.Count;
import com.peakcare.review.ReviewRepository.Cycle;
import com.peakcare.review.ReviewRepository.Example;
import com.peakcare.review.ReviewRepository.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What a review cycle's steps do (its delegates, its task policy and its statuses call this, not the API): gather the
 * cycle's problems into its topics, route a category to its department, record a lead's meeting, keep the status.
 */
@Service
class ReviewCycleSteps {

  private static final Logger log = LoggerFactory.getLogger(ReviewCycleSteps.class);
  /** How much of a review shows around an example's clause, each side. */
  private static final int CONTEXT = 60;

  private final ReviewRepository repository;
  private final ReviewCycles cycles;
  private final ReviewCategories categories;
  private final ObjectMapper json;

  ReviewCycleSteps(ReviewRepository repository, ReviewCycles cycles, ReviewCategories categories, ObjectMapper json) {
    this.repository = repository;
    this.cycles = cycles;
    this.categories = categories;
    this.json = json;
  }

  /** An example quote: the clause between what comes before and after it in the review (the page marks the clause). */
  record Quote(String orderNo, String sku, int stars, boolean hiddenNegative, String part, String before,
      String clause, String after, List<String> words) {}

  /** What gathering found: the cycle (opened now for a timer's start) and the categories to discuss, most first. */
  record Gathered(String cycleId, List<String> categories) {}

  /**
   * Counts the reviews received since the cycle before: the cycle's totals, per category the reviews with a problem,
   * of them hidden negatives, the cycle before's figure and three examples; the categories with actions still open
   * join with zeros. A timer's instance ({@code cycleId} null) gets its cycle's record first.
   */
  Gathered gather(String cycleId, String processInstanceId) {
    Cycle cycle = cycleId == null ? cycles.openWeekly(processInstanceId)
        : repository.cycle(cycleId).orElseThrow(() -> new IllegalStateException("no review cycle " + cycleId));
    if (cycle.gatheredAt() != null) {
      // a retried job after a commit that did not reach the engine: gather once
      List<String> again = repository.topics(List.of(cycle.id())).stream().map(Topic::category).toList();
      return new Gathered(cycle.id(), again);
    }
    repository.claim(cycle.id());
    int[] totals = repository.totals(cycle.id());
    Map<String, Count> counts = new HashMap<>();
    repository.counts(cycle.id()).forEach(c -> counts.put(c.category(), c));
    Map<String, List<Example>> examples = new HashMap<>();
    repository.examples(cycle.id()).forEach(e -> examples.computeIfAbsent(e.category(), k -> new ArrayList<>()).add(e));
    Cycle before = repository.cycleBefore(cycle).filter(b -> b.gatheredAt() != null).orElse(null);
    Map<String, Topic> beforeTopics = new HashMap<>();
    if (before != null) {
      repository.topics(List.of(before.id())).forEach(t -> beforeTopics.put(t.category(), t));
    }
    Set<String> discuss = new LinkedHashSet<>();
    counts.values().stream().filter(c -> c.reviews() > 0)
        .sorted(Comparator.comparingInt(Count::reviews).reversed().thenComparing(Count::category))
        .forEach(c -> discuss.add(c.category()));
    repository.openActionCategories().stream().sorted().forEach(discuss::add);
    List<Topic> topics = new ArrayList<>();
    for (String category : discuss) {
      Count c = counts.getOrDefault(category, new Count(category, 0, 0, 0));
      Integer previous = before == null ? null : beforeTopics.containsKey(category)
          ? beforeTopics.get(category).reviews() : 0;
      topics.add(new Topic(cycle.id(), category, null, c.issues(), c.reviews(), c.hidden(), previous,
          before == null ? null : before.reviews(), write(quotes(examples.getOrDefault(category, List.of()))), null,
          null, null));
    }
    repository.insertTopics(topics);
    repository.gathered(cycle.id(), totals, Instant.now());
    log.info("review cycle {} gathered: {} reviews, {} negative ({} hidden), {} serious; categories to discuss {}",
        cycle.id(), totals[0], totals[1], totals[2], totals[3], discuss);
    return new Gathered(cycle.id(), List.copyOf(discuss));
  }

  /** Routes a cycle's category to the department that owns it (the shop's routing table), on its topic. */
  String route(String cycleId, String category) {
    String department = categories.route(category);
    repository.topicDepartment(cycleId, category, department);
    log.info("review cycle {}: {} routed to {}", cycleId, category, department);
    return department;
  }

  /** A new action from a meeting. */
  record NewAction(String text, String owner, java.time.LocalDate due) {}

  /** A lead's meeting on a category: new actions opened, done ones closed, the note; all in the task's transaction. */
  void recordMeeting(Topic topic, String by, List<NewAction> actions, List<String> done, String note) {
    Instant now = Instant.now();
    repository.insertActions(actions.stream().map(a -> new Action(UUID.randomUUID().toString(), topic.category(),
        topic.department(), a.text(), a.owner(), a.due(), "OPEN", topic.cycleId(), by, now, null, null, null)).toList());
    int closed = repository.closeActions(done, topic.category(), topic.cycleId(), by, now);
    repository.topicDiscussed(topic.cycleId(), topic.category(), by, note, now);
    log.info("review cycle {}: {} discussed by {}: {} actions opened, {} closed", topic.cycleId(), topic.category(), by,
        actions.size(), closed);
  }

  /** The cycle's status, where its process stands; a timer's instance has no record before it gathers. */
  void status(String cycleId, String status) {
    if (cycleId == null) {
      return;
    }
    boolean over = status.equals(ReviewCycleProcess.Status.CLOSED)
        || status.equals(ReviewCycleProcess.Status.NOTHING_FOUND);
    repository.cycleStatus(cycleId, status, over ? Instant.now() : null);
  }

  List<Quote> quotes(String examplesJson) {
    if (examplesJson == null) {
      return List.of();
    }
    try {
      return json.readValue(examplesJson, new TypeReference<List<Quote>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("examples of a review topic are not readable", e);
    }
  }

  /** Up to three: the most negative first, with a hidden and a plain negative among them when both exist. */
  private static List<Quote> quotes(List<Example> examples) {
    List<Example> sorted = new ArrayList<>(examples);
    sorted.sort(Comparator.comparingDouble(Example::score));
    List<Example> chosen = new ArrayList<>(sorted.subList(0, Math.min(3, sorted.size())));
    for (boolean hidden : new boolean[] {true, false}) {
      if (chosen.stream().noneMatch(e -> e.hidden() == hidden)) {
        sorted.stream().filter(e -> e.hidden() == hidden).findFirst().ifPresent(e -> {
          if (chosen.size() < 3) {
            chosen.add(e);
          } else {
            chosen.set(2, e);
          }
        });
      }
    }
    return chosen.stream().map(ReviewCycleSteps::quote).toList();
  }

  private static Quote quote(Example e) {
    String source = ReviewAnalysis.FOLLOW_UP.equals(e.part()) ? e.followUp() : e.text();
    int begin = Math.max(0, Math.min(e.begin(), source.length()));
    int end = Math.max(begin, Math.min(e.end(), source.length()));
    String before = source.substring(Math.max(0, begin - CONTEXT), begin);
    String after = source.substring(end, Math.min(source.length(), end + CONTEXT));
    return new Quote(e.orderNo(), e.sku(), e.stars(), e.hidden(), e.part(),
        (begin > CONTEXT ? "…" : "") + before, source.substring(begin, end),
        after + (end + CONTEXT < source.length() ? "…" : ""),
        e.words() == null || e.words().isEmpty() ? List.of() : List.of(e.words().split(",")));
  }

  private String write(List<Quote> quotes) {
    try {
      return json.writeValueAsString(quotes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
