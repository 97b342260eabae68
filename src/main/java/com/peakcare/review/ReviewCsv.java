package com.peakcare.review;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A platform's review export as CSV (UTF-8, a byte-order mark allowed, a header row): its columns by their English or
 * Chinese names (docs/review-analysis.md lists them); times with an offset, or without one in the shop's time zone
 * ({@code 2026-11-14 10:15:00}). A row that cannot be read is a problem naming {@code reviews[i].field} (i counts the
 * rows after the header from 0) and its line; then the rows are checked as any batch is.
 */
final class ReviewCsv {

  /** The most rows one upload may hold. */
  static final int MAX_ROWS = 5000;

  /** Column names (lower case) → the field they fill. */
  static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("orderno", "orderNo"), Map.entry("订单编号", "orderNo"), Map.entry("订单号", "orderNo"),
      Map.entry("sku", "sku"), Map.entry("商家编码", "sku"), Map.entry("商品编码", "sku"),
      Map.entry("stars", "stars"), Map.entry("评分", "stars"), Map.entry("星级", "stars"),
      Map.entry("text", "text"), Map.entry("评价内容", "text"), Map.entry("初评内容", "text"),
      Map.entry("followup", "followUp"), Map.entry("追评内容", "followUp"), Map.entry("追评", "followUp"),
      Map.entry("reviewedat", "reviewedAt"), Map.entry("评价时间", "reviewedAt"), Map.entry("初评时间", "reviewedAt"),
      Map.entry("followupat", "followUpAt"), Map.entry("追评时间", "followUpAt"));

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd[ HH:mm[:ss]]");

  private ReviewCsv() {}

  static List<ReviewInput> parse(byte[] body, ZoneId zone) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it = mapper.readerForListOf(String.class)
        .with(CsvSchema.emptySchema()).readValues(text)) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    } catch (IOException | RuntimeException e) {
      throw ApiException.invalid("body", "不是可读的 CSV · not a readable CSV file: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw ApiException.invalid("body", "空文件 · the file is empty");
    }
    List<String> header = rows.get(0);
    String[] fields = new String[header.size()];
    for (int c = 0; c < header.size(); c++) {
      fields[c] = COLUMNS.get(header.get(c).strip().toLowerCase(Locale.ROOT));
    }
    for (String required : List.of("orderNo", "sku", "stars", "reviewedAt")) {
      if (!java.util.Arrays.asList(fields).contains(required)) {
        throw ApiException.invalid("header", "缺少列 · a column is missing: " + required + " (columns: "
            + String.join(", ", COLUMNS.keySet()) + ")");
      }
    }
    if (rows.size() - 1 > MAX_ROWS) {
      throw ApiException.invalid("body", "最多 " + MAX_ROWS + " 行，请分开上传 · at most " + MAX_ROWS
          + " rows: split the file");
    }
    List<ReviewInput> reviews = new ArrayList<>();
    List<FieldProblem> problems = new ArrayList<>();
    for (int r = 1; r < rows.size() && problems.size() < 50; r++) {
      List<String> row = rows.get(r);
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      String at = "reviews[" + reviews.size() + "].";
      String orderNo = null;
      String sku = null;
      Integer stars = null;
      String body0 = null;
      String followUp = null;
      Instant reviewedAt = null;
      Instant followUpAt = null;
      for (int c = 0; c < row.size() && c < fields.length; c++) {
        if (fields[c] == null) {
          continue;
        }
        String v = row.get(c).strip();
        try {
          switch (fields[c]) {
            case "orderNo" -> orderNo = v;
            case "sku" -> sku = v;
            case "stars" -> stars = v.isEmpty() ? null : Integer.valueOf(v.replace("星", "").strip());
            case "text" -> body0 = v;
            case "followUp" -> followUp = v.isEmpty() ? null : v;
            case "reviewedAt" -> reviewedAt = time(v, zone);
            case "followUpAt" -> followUpAt = v.isEmpty() ? null : time(v, zone);
            default -> {
              // not a column of a review
            }
          }
        } catch (NumberFormatException | DateTimeParseException e) {
          problems.add(new FieldProblem(at + fields[c], "第 " + (r + 1) + " 行无法读取 · line " + (r + 1) + ": cannot "
              + "read \"" + v + "\""));
        }
      }
      reviews.add(new ReviewInput(orderNo, sku, stars, body0, followUp, reviewedAt, followUpAt));
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request", problems);
    }
    if (reviews.isEmpty()) {
      throw ApiException.invalid("body", "没有评价行 · no review rows under the header");
    }
    return reviews;
  }

  private static Instant time(String value, ZoneId zone) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.replace(' ', 'T')).toInstant();
    } catch (DateTimeParseException e) {
      return LocalDateTime.parse(value.replace('/', '-').replace('T', ' '),
          new java.time.format.DateTimeFormatterBuilder().append(LOCAL).parseDefaulting(
              java.time.temporal.ChronoField.HOUR_OF_DAY, 0).parseDefaulting(
              java.time.temporal.ChronoField.MINUTE_OF_HOUR, 0).parseDefaulting(
              java.time.temporal.ChronoField.SECOND_OF_MINUTE, 0).toFormatter()).atZone(zone).toInstant();
    }
  }
}
