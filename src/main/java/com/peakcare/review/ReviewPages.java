package com.peakcare.review;

import com.peakcare.identity.Groups;
import com.peakcare.pages.PageData;
import com.peakcare.pages.PageFile;
import com.peakcare.pages.Viewer;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The review meeting page's other endpoints: its CSV ({@code reviews/meeting.csv}, the table the 例会 prints or opens
 * in a spreadsheet), the upload of a platform's review export ({@code reviews/upload}, supervisors: the departments'
 * leads), which is a batch like the API's, from the page's user, and opening a cycle now ({@code reviews/cycles},
 * supervisors, right after a big sale), as {@code POST /api/review-cycles} does.
 */
@Configuration(proxyBeanMethods = false)
class ReviewPages {

  static final String CSV_PATH = "reviews/meeting.csv";
  static final String UPLOAD_PATH = "reviews/upload";
  static final String CYCLES_PATH = "reviews/cycles";

  @Bean
  PageData reviewMeetingCsv(ReviewMeeting meeting, ReviewSettings settings) {
    return new PageData() {
      @Override
      public String path() {
        return CSV_PATH;
      }

      @Override
      public Set<String> readers() {
        return ReviewMeeting.READERS;
      }

      @Override
      public Object read(Viewer viewer, Map<String, String> query) {
        ReviewMeeting.Meeting m = meeting.read(viewer, query);
        String name = m.cycle() == null ? "review-meeting.csv" : "review-meeting-" + m.cycle().id() + ".csv";
        return new PageFile(name, "text/csv;charset=UTF-8", csv(m, settings).getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  @Bean
  PageData reviewUpload(ReviewIntake intake, ReviewSettings settings, Validator validator) {
    return new PageData() {
      @Override
      public String path() {
        return UPLOAD_PATH;
      }

      @Override
      public Set<String> readers() {
        return Set.of(Groups.SUPERVISORS);
      }

      @Override
      public Object read(Viewer viewer, Map<String, String> query) {
        return Map.of("columns", new TreeSet<>(ReviewCsv.COLUMNS.keySet()), "maxRows", ReviewCsv.MAX_ROWS);
      }

      @Override
      public Set<String> writers() {
        return Set.of(Groups.SUPERVISORS);
      }

      @Override
      public Object write(Viewer viewer, Map<String, String> query, String contentType, byte[] body) {
        List<ReviewInput> reviews = ReviewCsv.parse(body, settings.timeZone());
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < reviews.size() && problems.size() < 50; i++) {
          for (ConstraintViolation<ReviewInput> v : validator.validate(reviews.get(i))) {
            problems.add(new FieldProblem("reviews[" + i + "]." + v.getPropertyPath(), v.getMessage()));
          }
        }
        if (!problems.isEmpty()) {
          problems.sort(Comparator.comparing(FieldProblem::field));
          throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request", problems);
        }
        return intake.receive(reviews, "CSV", viewer.userId());
      }
    };
  }

  @Bean
  PageData reviewCyclesPage(ReviewCycles cycles, com.fasterxml.jackson.databind.ObjectMapper json) {
    return new PageData() {
      @Override
      public String path() {
        return CYCLES_PATH;
      }

      @Override
      public Set<String> readers() {
        return ReviewMeeting.READERS;
      }

      @Override
      public Object read(Viewer viewer, Map<String, String> query) {
        return cycles.recent(30).stream().map(c -> Map.of("id", c.id(), "status", c.status())).toList();
      }

      @Override
      public Set<String> writers() {
        return Set.of(Groups.SUPERVISORS);
      }

      @Override
      public Object write(Viewer viewer, Map<String, String> query, String contentType, byte[] body) {
        String label = null;
        if (body.length > 0) {
          try {
            com.fasterxml.jackson.databind.JsonNode node = json.readTree(body).path("label");
            label = node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
          } catch (java.io.IOException e) {
            throw ApiException.invalid("body", "不是 JSON · not JSON: {\"label\": \"双11大促后\"}");
          }
        }
        if (label != null && label.length() > 200) {
          throw ApiException.invalid("label", "最多 200 个字 · at most 200 characters");
        }
        ReviewRepository.Cycle c = cycles.open(label, viewer.userId());
        return ReviewMeeting.summary(c);
      }
    };
  }

  /** The meeting as a spreadsheet: the cycle, one row per category, then the open actions. UTF-8 with a BOM. */
  static String csv(ReviewMeeting.Meeting m, ReviewSettings settings) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(settings.timeZone());
    StringBuilder sb = new StringBuilder("\uFEFF");
    if (m.cycle() != null) {
      ReviewMeeting.CycleSummary c = m.cycle();
      line(sb, "例会 · Cycle", c.id(), c.label(), "评价 · Reviews", c.reviews(), "差评 · Negative", c.negativeReviews(),
          "隐性差评 · Hidden", c.hiddenNegatives(), "严重 · Serious", c.seriousReviews(),
          "截至 · Up to", time.format(c.periodTo()));
      sb.append('\n');
    }
    line(sb, "类别 · Category", "代码 · Code", "负责部门 · Department", "有问题的评价 · Reviews with it", "占比 · Share",
        "95%区间下限 · Low", "95%区间上限 · High", "隐性差评 · Hidden", "普通差评 · Plain", "问题句 · Clauses",
        "上期 · Before", "变化 · Change", "讨论人 · Discussed by", "例句 · Quotes");
    for (ReviewMeeting.CategoryRow r : m.categories()) {
      line(sb, r.label(), r.code(), r.department(), r.reviews(), r.share().rate(), r.share().low(), r.share().high(),
          r.hidden(), r.plain(), r.issues(), r.previousReviews(), r.change(), r.discussedBy(),
          String.join(" | ", r.quotes().stream().map(q -> q.before() + "【" + q.clause() + "】" + q.after()).toList()));
    }
    sb.append('\n');
    line(sb, "部门 · Department", "类别 · Category", "措施 · Action", "负责人 · Owner", "截止 · Due", "逾期 · Overdue",
        "记录于 · Recorded in");
    for (ReviewMeeting.DepartmentActions d : m.openActions()) {
      for (ReviewMeeting.ActionRow a : d.open()) {
        line(sb, d.departmentLabel(), a.categoryLabel(), a.text(), a.ownerName() + " (" + a.owner() + ")", a.due(),
            a.overdue() ? "是 · yes" : "", a.createdCycle());
      }
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, Object... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = cells[i] == null ? "" : cells[i].toString();
      // a cell a spreadsheet would run as a formula is quoted as text
      if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !(cells[i] instanceof Number)) {
        v = "'" + v;
      }
      sb.append('"').append(v.replace("\"", "\"\"")).append('"');
    }
    sb.append("\r\n");
  }
}
