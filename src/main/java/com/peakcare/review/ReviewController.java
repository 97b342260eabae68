package com.peakcare.review;

import com.peakcare.pages.PageFile;
import com.peakcare.pages.Pages;
import com.peakcare.pages.Viewer;
import com.peakcare.review.ReviewRepository.Cycle;
import com.peakcare.review.ReviewRepository.Topic;
import com.peakcare.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reviews over REST (issue 21): the shop's system sends batches; supervisors (the departments' leads) upload a
 * platform's export, try the analysis on a text, open a cycle after a big sale; supervisors and auditors read the
 * meeting, the same JSON the page in Cockpit reads ({@link ReviewMeeting}, through {@link Pages} and its group check).
 */
@RestController
@RequestMapping("/api")
@Tag(name = "reviews", description = "Review analysis (评价分析): reviews in, hidden negatives found, problems per "
    + "category routed to their departments every cycle, the meeting's figures")
class ReviewController {

  private final ReviewIntake intake;
  private final ReviewAnalyser analyser;
  private final ReviewCategories categories;
  private final ReviewCycles cycles;
  private final ReviewRepository repository;
  private final Pages pages;
  private final ReviewSettings settings;

  ReviewController(ReviewIntake intake, ReviewAnalyser analyser, ReviewCategories categories, ReviewCycles cycles,
      ReviewRepository repository, Pages pages, ReviewSettings settings) {
    this.intake = intake;
    this.analyser = analyser;
    this.categories = categories;
    this.cycles = cycles;
    this.repository = repository;
    this.pages = pages;
    this.settings = settings;
  }

  @PostMapping("/reviews")
  @PreAuthorize("hasAnyAuthority('GROUP_integrators', 'GROUP_camunda-admin')")
  @Operation(operationId = "sendReviews", summary = "Sends a batch of up to 1,000 reviews (integrators): each is "
      + "analysed and stored, all or none; a serious one goes to after-sales at once")
  @ApiResponse(responseCode = "200", description = "Every review's outcome (CREATED, UPDATED, UNCHANGED) and analysis")
  ReviewIntake.Received send(@Valid @RequestBody ReviewInput.Batch batch, Authentication auth) {
    return intake.receive(batch.reviews(), "API", auth.getName());
  }

  @PostMapping("/reviews/csv")
  @Operation(operationId = "uploadReviewsCsv", summary = "Uploads a platform's review export as CSV (supervisors), a "
      + "batch of up to 5,000 rows; columns by English or Chinese name (orderNo/订单编号, sku/商家编码, stars/评分, "
      + "text/评价内容, followUp/追评内容, reviewedAt/评价时间, followUpAt/追评时间); like every upload it needs the "
      + "header X-Requested-By (any value), which a cross-site form cannot send")
  @ApiResponse(responseCode = "200", description = "Every review's outcome and analysis, as for a batch")
  @ApiResponse(responseCode = "403", description = "Not a supervisor",
      content = @Content(mediaType = "application/problem+json"))
  ReviewIntake.Received upload(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
          schema = @Schema(type = "string"))) @RequestBody byte[] csv, Authentication auth) {
    ReviewCsv.parse(csv, settings.timeZone()); // the body is read before anything else, as every operation's is
    return (ReviewIntake.Received) pages.write(ReviewPages.UPLOAD_PATH, Viewer.of(auth), Map.of(), "text/csv", csv);
  }

  @Schema(name = "ReviewText")
  record ReviewText(@NotNull @Min(1) @Max(5) Integer stars, @Size(max = 2000) String text,
      @Size(max = 2000) String followUp) {}

  @Schema(name = "ReviewAnalysisResult", description = "The analysis of a text, explained: every clause read, its "
      + "score and words; nothing is stored")
  record Analysed(String overall, double score, boolean hiddenNegative, List<String> seriousWords,
      List<ReviewIntake.IssueView> issues, List<ReviewAnalysis.Clause> clauses) {}

  @PostMapping("/reviews/analyse")
  @PreAuthorize("hasAnyAuthority('GROUP_supervisors', 'GROUP_integrators', 'GROUP_camunda-admin')")
  @Operation(operationId = "analyseReview", summary = "Analyses a review's text without storing it (supervisors, "
      + "integrators): what the lexicon reads in it, clause by clause")
  @ApiResponse(responseCode = "200", description = "The analysis")
  Analysed analyse(@Valid @RequestBody ReviewText review) {
    ReviewAnalysis a = analyser.analyse(review.stars(), review.text() == null ? "" : review.text().strip(),
        review.followUp() == null || review.followUp().isBlank() ? null : review.followUp().strip());
    return new Analysed(a.overall(), a.score(), a.hiddenNegative(), a.seriousWords(), a.issues().stream()
        .map(i -> new ReviewIntake.IssueView(i.category(), categories.label(i.category()), i.part(), i.begin(),
            i.end(), i.clause(), i.words())).toList(), a.clauses());
  }

  @Schema(name = "ReviewCycleRequest")
  record CycleRequest(@Schema(description = "A name for the meeting, e.g. 双11大促后") @Size(max = 200) String label) {}

  @Schema(name = "ReviewTopic", description = "A category discussed in a cycle: its department, counts and meeting")
  record TopicView(String category, String label, String department, int reviews, int hidden, int issues,
      Integer previousReviews, String discussedBy, Instant discussedAt, String note) {}

  @Schema(name = "ReviewCycle", description = "A review cycle: GATHERING, DISCUSSING, NOTHING_FOUND or CLOSED")
  record CycleView(ReviewMeeting.CycleSummary cycle, List<TopicView> topics) {}

  @PostMapping("/review-cycles")
  @PreAuthorize("hasAnyAuthority('GROUP_supervisors', 'GROUP_camunda-admin')")
  @Operation(operationId = "openReviewCycle", summary = "Opens a review cycle now (supervisors, e.g. right after a big "
      + "sale): the reviews received since the cycle before are gathered and each category with problems goes to its "
      + "department's lead")
  @ApiResponse(responseCode = "201", description = "The cycle, GATHERING; its topics follow within seconds")
  ResponseEntity<CycleView> open(@Valid @RequestBody(required = false) CycleRequest request, Authentication auth) {
    String label = request == null || request.label() == null || request.label().isBlank() ? null
        : request.label().strip();
    Cycle c = cycles.open(label, auth.getName());
    return ResponseEntity.created(URI.create("/api/review-cycles/" + c.id())).body(view(c));
  }

  @GetMapping("/review-cycles/{id}")
  @PreAuthorize("hasAnyAuthority('GROUP_supervisors', 'GROUP_auditors', 'GROUP_camunda-admin')")
  @Operation(operationId = "getReviewCycle", summary = "A review cycle: where it stands, its counts and each topic's "
      + "department and meeting (supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The cycle")
  @ApiResponse(responseCode = "404", description = "No such cycle",
      content = @Content(mediaType = "application/problem+json"))
  CycleView cycle(@PathVariable String id) {
    return view(cycles.find(id).orElseThrow(() -> ApiException.notFound("review cycle " + id)));
  }

  @GetMapping("/reviews/meeting")
  @Operation(operationId = "getReviewMeeting", summary = "The review meeting's figures for one cycle (the latest "
      + "gathered unless asked): problems per category with shares and intervals, hidden beside plain negatives, the "
      + "change against the cycle before, quotes, the trend, open actions per department (supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The meeting")
  @ApiResponse(responseCode = "403", description = "Not a supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such cycle",
      content = @Content(mediaType = "application/problem+json"))
  ReviewMeeting.Meeting meeting(
      @Parameter(description = "The cycle's id; the latest gathered one when absent") @RequestParam(required = false)
      String cycle,
      @Parameter(description = "How many cycles the trend shows, 1 to 52 (default 8)") @RequestParam(required = false)
      Integer trend, Authentication auth) {
    return (ReviewMeeting.Meeting) pages.read(ReviewMeeting.PATH, Viewer.of(auth),
        query(cycle, trend == null ? null : trend.toString()));
  }

  @GetMapping(path = "/reviews/meeting.csv", produces = "text/csv")
  @Operation(operationId = "getReviewMeetingCsv", summary = "The same meeting as CSV for a spreadsheet (UTF-8 with a "
      + "byte-order mark): the cycle, one row per category, the open actions (supervisors, auditors)")
  @ApiResponse(responseCode = "200", description = "The CSV", content = @Content(mediaType = "text/csv",
      schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "403", description = "Not a supervisor or auditor",
      content = @Content(mediaType = "application/problem+json"))
  @ApiResponse(responseCode = "404", description = "No such cycle",
      content = @Content(mediaType = "application/problem+json"))
  ResponseEntity<byte[]> meetingCsv(@RequestParam(required = false) String cycle, Authentication auth) {
    PageFile file = (PageFile) pages.read(ReviewPages.CSV_PATH, Viewer.of(auth), query(cycle, null));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
        .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"").body(file.content());
  }

  private CycleView view(Cycle c) {
    List<Topic> topics = repository.topics(List.of(c.id()));
    return new CycleView(ReviewMeeting.summary(c), topics.stream().map(t -> new TopicView(t.category(), categories.label(t.category()),
            t.department(), t.reviews(), t.hidden(), t.issues(), t.previousReviews(), t.discussedBy(),
            t.discussedAt(), t.note())).toList());
  }

  private static Map<String, String> query(String cycle, String trend) {
    Map<String, String> query = new HashMap<>();
    if (cycle != null) {
      query.put("cycle", cycle);
    }
    if (trend != null) {
      query.put("trend", trend);
    }
    return query;
  }
}
