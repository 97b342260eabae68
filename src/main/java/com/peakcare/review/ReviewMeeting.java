package com.peakcare.review;

import com.peakcare.identity.Groups;
import com.peakcare.pages.PageData;
import com.peakcare.pages.Viewer;
import com.peakcare.review.ReviewRepository.Action;
import com.peakcare.review.ReviewRepository.Cycle;
import com.peakcare.review.ReviewRepository.Topic;
import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The review meeting page's data ({@code reviews/meeting}: {@code GET /api/reviews/meeting} and the page in Cockpit),
 * for supervisors (the departments' leads) and auditors: one cycle's problems per category with their shares and
 * intervals, hidden beside plain negatives, the change against the cycle before, example quotes with the clause to mark,
 * the trend over the last cycles, and the open actions per department. Read from the cycles' kept figures (cycles,
 * topics, actions): the reviews themselves are not read, however many there are.
 */
@Component
class ReviewMeeting implements PageData {

  static final String PATH = "reviews/meeting";
  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.AUDITORS);

  private final ReviewRepository repository;
  private final ReviewCategories categories;
  private final ReviewCycleSteps steps;
  private final ReviewPeople people;
  private final ReviewSettings settings;

  ReviewMeeting(ReviewRepository repository, ReviewCategories categories, ReviewCycleSteps steps, ReviewPeople people,
      ReviewSettings settings) {
    this.repository = repository;
    this.categories = categories;
    this.steps = steps;
    this.people = people;
    this.settings = settings;
  }

  @Schema(name = "ReviewRate", description = "A share: k of n, with its Wilson 95 % interval (null when n is 0)")
  record Rate(int k, int n, Double rate, Double low, Double high) {
    static Rate of(int k, Integer n) {
      if (n == null || n == 0) {
        return new Rate(k, n == null ? 0 : n, null, null, null);
      }
      double[] ci = ReviewStats.wilson(k, n);
      return new Rate(k, n, round((double) k / n), round(ci[0]), round(ci[1]));
    }
  }

  @Schema(name = "ReviewCycleSummary", description = "A cycle: the reviews received since the cycle before and what they "
      + "hold. negativeShare and hiddenShare are shares of all reviews of the cycle")
  record CycleSummary(String id, String label, String reason, String status, Instant periodFrom, Instant periodTo,
      Instant gatheredAt, Instant closedAt, int reviews, int negativeReviews, int hiddenNegatives, int plainNegatives,
      int seriousReviews, Rate negativeShare, Rate hiddenShare) {}

  @Schema(name = "ReviewCycleRef")
  record CycleRef(String id, String label, String status, Instant periodTo) {}

  @Schema(name = "ReviewQuote", description = "An example: the problem clause between what comes before and after it")
  record Quote(String orderNo, String sku, int stars, boolean hiddenNegative, String part, String before, String clause,
      String after, List<String> words) {}

  @Schema(name = "ReviewCategoryRow", description = "One category in the cycle: reviews with the problem (share of the "
      + "cycle's reviews), of them hidden and plain negatives, the cycle before, the change, the lead's meeting")
  record CategoryRow(String code, String label, String department, String departmentLabel, int issues, int reviews,
      int hidden, int plain, Rate share, Integer previousReviews, Rate previousShare, Integer change,
      String discussedBy, Instant discussedAt, String note, List<Quote> quotes) {}

  @Schema(name = "ReviewTrendSeries", description = "One category over the trend's cycles, oldest first")
  record Series(String code, String label, List<Integer> reviews, List<Integer> hidden) {}

  @Schema(name = "ReviewTrend")
  record Trend(List<CycleRef> cycles, List<Integer> totals, List<Series> series) {}

  @Schema(name = "ReviewActionRow")
  record ActionRow(String id, String category, String categoryLabel, String department, String text, String owner,
      String ownerName, LocalDate due, boolean overdue, String status, String createdCycle, String createdBy,
      Instant createdAt, String closedBy, Instant closedAt) {}

  @Schema(name = "ReviewDepartmentActions")
  record DepartmentActions(String department, String departmentLabel, List<ActionRow> open) {}

  @Schema(name = "ReviewMeeting", description = "The review meeting of one cycle (the latest gathered one unless "
      + "asked). cycle is null before any cycle has gathered")
  record Meeting(CycleSummary cycle, List<CycleRef> cycles, List<CategoryRow> categories, Trend trend,
      List<DepartmentActions> openActions, List<ActionRow> decided, boolean canUpload, String timeZone) {}

  @Override
  public String path() {
    return PATH;
  }

  @Override
  public Set<String> readers() {
    return READERS;
  }

  @Override
  public Meeting read(Viewer viewer, Map<String, String> query) {
    int trendCycles = number(query.get("trend"), "trend", 1, 52, settings.trendCycles());
    List<Cycle> recent = repository.cycles(30);
    Cycle cycle;
    String asked = query.get("cycle");
    if (asked != null && !asked.isBlank()) {
      cycle = repository.cycle(asked).orElseThrow(() -> ApiException.notFound("review cycle " + asked));
    } else {
      cycle = recent.stream().filter(c -> c.gatheredAt() != null).findFirst().orElse(null);
    }
    boolean canUpload = viewer.in(Groups.SUPERVISORS) || viewer.in(Groups.CAMUNDA_ADMIN);
    List<CycleRef> refs = recent.stream().map(ReviewMeeting::ref).toList();
    List<DepartmentActions> open = openActions();
    if (cycle == null) {
      return new Meeting(null, refs, List.of(), new Trend(List.of(), List.of(), List.of()), open, List.of(), canUpload,
          settings.timeZone().getId());
    }
    List<Cycle> trend = new ArrayList<>(repository.gatheredCycles(trendCycles, cycle.periodTo()));
    Collections.reverse(trend);
    Map<String, Map<String, Topic>> topics = new HashMap<>();
    Set<String> ids = trend.stream().map(Cycle::id).collect(Collectors.toSet());
    ids.add(cycle.id());
    repository.topics(ids).forEach(t -> topics.computeIfAbsent(t.cycleId(), k -> new HashMap<>()).put(t.category(), t));
    Map<String, Topic> mine = topics.getOrDefault(cycle.id(), Map.of());
    List<CategoryRow> rows = new ArrayList<>();
    List<Series> series = new ArrayList<>();
    for (ReviewCategories.Category c : categories.all()) {
      Topic t = mine.get(c.code());
      rows.add(row(c, cycle, t));
      series.add(new Series(c.code(), c.label(),
          trend.stream().map(tc -> topics.getOrDefault(tc.id(), Map.of()).containsKey(c.code())
              ? topics.get(tc.id()).get(c.code()).reviews() : 0).toList(),
          trend.stream().map(tc -> topics.getOrDefault(tc.id(), Map.of()).containsKey(c.code())
              ? topics.get(tc.id()).get(c.code()).hidden() : 0).toList()));
    }
    List<ActionRow> decided = repository.actionsOfCycle(cycle.id()).stream().map(this::actionRow).toList();
    return new Meeting(summary(cycle), refs, rows, new Trend(trend.stream().map(ReviewMeeting::ref).toList(),
        trend.stream().map(Cycle::reviews).toList(), series), open, decided, canUpload, settings.timeZone().getId());
  }

  private CategoryRow row(ReviewCategories.Category c, Cycle cycle, Topic t) {
    if (t == null) {
      return new CategoryRow(c.code(), c.label(), c.department(), c.departmentLabel(), 0, 0, 0, 0,
          Rate.of(0, cycle.reviews()), null, null, null, null, null, null, List.of());
    }
    Integer change = t.previousReviews() == null ? null : t.reviews() - t.previousReviews();
    return new CategoryRow(c.code(), c.label(), t.department() == null ? c.department() : t.department(),
        c.departmentLabel(), t.issues(), t.reviews(), t.hidden(), t.reviews() - t.hidden(),
        Rate.of(t.reviews(), cycle.reviews()),
        t.previousReviews(), t.previousReviews() == null ? null : Rate.of(t.previousReviews(), t.previousTotal()),
        change, t.discussedBy(), t.discussedAt(), t.note(),
        steps.quotes(t.examplesJson()).stream().map(q -> new Quote(q.orderNo(), q.sku(), q.stars(),
            q.hiddenNegative(), q.part(), q.before(), q.clause(), q.after(), q.words())).toList());
  }

  private List<DepartmentActions> openActions() {
    Map<String, ReviewCategories.Category> byDepartment = new LinkedHashMap<>();
    categories.all().forEach(c -> byDepartment.putIfAbsent(c.department(), c));
    Map<String, List<ActionRow>> open = new LinkedHashMap<>();
    for (Action a : repository.openActions(null)) {
      open.computeIfAbsent(a.department(), k -> new ArrayList<>()).add(actionRow(a));
    }
    return open.entrySet().stream().map(e -> new DepartmentActions(e.getKey(),
        byDepartment.containsKey(e.getKey()) ? byDepartment.get(e.getKey()).departmentLabel() : e.getKey(),
        e.getValue())).toList();
  }

  private ActionRow actionRow(Action a) {
    boolean overdue = "OPEN".equals(a.status()) && a.due().isBefore(LocalDate.now(settings.timeZone()));
    return new ActionRow(a.id(), a.category(), categories.label(a.category()), a.department(), a.text(), a.owner(),
        people.nameOf(a.owner()), a.due(), overdue, a.status(), a.createdCycle(), a.createdBy(), a.createdAt(),
        a.closedBy(), a.closedAt());
  }

  static CycleSummary summary(Cycle c) {
    return new CycleSummary(c.id(), c.label(), c.reason(), c.status(), c.periodFrom(), c.periodTo(), c.gatheredAt(),
        c.closedAt(), c.reviews(), c.negativeReviews(), c.hiddenNegatives(), c.negativeReviews() - c.hiddenNegatives(),
        c.seriousReviews(), Rate.of(c.negativeReviews(), c.reviews()), Rate.of(c.hiddenNegatives(), c.reviews()));
  }

  private static CycleRef ref(Cycle c) {
    return new CycleRef(c.id(), c.label(), c.status(), c.periodTo());
  }

  /** "3.5%（95% 区间 2.0–6.1%）" for staff to read; "—" without reviews. */
  static String percent(int k, Integer n) {
    if (n == null || n == 0) {
      return "—";
    }
    double[] ci = ReviewStats.wilson(k, n);
    return String.format(Locale.ROOT, "%.1f%%（95%% 区间 · interval %.1f–%.1f%%）", 100.0 * k / n, 100 * ci[0],
        100 * ci[1]);
  }

  private static int number(String value, String name, int min, int max, int otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.invalid(name, "a whole number from " + min + " to " + max);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
