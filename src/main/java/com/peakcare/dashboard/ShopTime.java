package com.peakcare.dashboard;

import com.peakcare.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The shop's time for the dashboard: its time zone (the webapps', {@code peakcare.webapps.time-zone}), today in it,
 * and the sale's window from the query ({@code saleFrom}, {@code saleTo}: a day {@code 2026-11-11} or a local time
 * {@code 2026-11-11T00:00} in the shop's zone; a day as {@code saleTo} includes that day). Without them the sale is
 * today.
 */
@Component
class ShopTime {

  static final String SALE_FROM = "saleFrom";
  static final String SALE_TO = "saleTo";

  /** Windows longer than this are refused: a dashboard's window is a sale, not a year. */
  static final int MAX_SALE_DAYS = 62;

  private final ZoneId zone;
  private Clock clock = Clock.systemUTC();

  ShopTime(@Value("${peakcare.webapps.time-zone:Asia/Shanghai}") String zone) {
    this.zone = ZoneId.of(zone);
  }

  /** A test's clock. */
  void clock(Clock clock) {
    this.clock = clock;
  }

  ZoneId zone() {
    return zone;
  }

  /** Now, today and the sale, for one answer. */
  Window window(Map<String, String> query) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, zone);
    Instant todayFrom = today.atStartOfDay(zone).toInstant();
    Instant todayTo = today.plusDays(1).atStartOfDay(zone).toInstant();
    Instant saleFrom = parse(query.get(SALE_FROM), SALE_FROM, false);
    Instant saleTo = parse(query.get(SALE_TO), SALE_TO, true);
    saleFrom = saleFrom == null ? todayFrom : saleFrom;
    saleTo = saleTo == null ? (saleFrom.isBefore(todayTo) ? todayTo : saleFrom.plusSeconds(86_400)) : saleTo;
    if (!saleTo.isAfter(saleFrom)) {
      throw ApiException.invalid(SALE_TO, "须晚于 saleFrom · must be after saleFrom");
    }
    if (saleTo.isAfter(saleFrom.plusSeconds(86_400L * MAX_SALE_DAYS))) {
      throw ApiException.invalid(SALE_TO, "大促窗口最长 " + MAX_SALE_DAYS + " 天 · a sale's window is at most "
          + MAX_SALE_DAYS + " days");
    }
    return new Window(now, zone, todayFrom, todayTo, saleFrom, saleTo);
  }

  private Instant parse(String value, String field, boolean end) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
      }
      return LocalDateTime.parse(value).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(field, "日期 2026-11-11 或时间 2026-11-11T00:00（店铺时区）· a day 2026-11-11 or a "
          + "local time 2026-11-11T00:00 in the shop's time zone");
    }
  }

  /** The times one answer is about. */
  record Window(Instant now, ZoneId zone, Instant todayFrom, Instant todayTo, Instant saleFrom, Instant saleTo) {}
}
