package com.peakcare.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The retention table (issue 27, docs/retention.md), read from {@code peakcare.retention}: how long Camunda keeps each
 * process's history ({@code history}, applied by engine.HistoryRetention) and how long PeakCare keeps each kind of its
 * own records ({@code records}, applied by the {@link RetentionRule} beans). Periods are whole days.
 */
@Component
public class RetentionTable {

  private final Map<String, Period> history;
  private final Map<String, Period> records;
  private final ZoneId zone;

  RetentionTable(Environment environment) {
    Binder binder = Binder.get(environment);
    this.history = periods("history", binder.bind("peakcare.retention.history",
        Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
    this.records = periods("records", binder.bind("peakcare.retention.records",
        Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
    this.zone = ZoneId.of(binder.bind("peakcare.retention.time-zone", String.class).orElse("Asia/Shanghai"));
  }

  private static Map<String, Period> periods(String part, Map<String, String> raw) {
    Map<String, Period> periods = new TreeMap<>();
    raw.forEach((name, value) -> {
      Period period = Period.parse(value.trim());
      if (period.getYears() != 0 || period.getMonths() != 0 || period.getDays() <= 0) {
        throw new IllegalStateException("peakcare.retention." + part + "." + name + ": " + value
            + " must be a positive number of whole days (P180D)");
      }
      periods.put(name, period);
    });
    return Map.copyOf(periods);
  }

  /** Process key → how long its history is kept after the instance ends. */
  public Map<String, Period> history() {
    return history;
  }

  /** Record kind → how long it is kept. */
  public Map<String, Period> records() {
    return records;
  }

  /** The shop's zone, in which the nightly window is given. */
  public ZoneId zone() {
    return zone;
  }

  /** A record kind's period; a kind the table does not list is an error, not "forever". */
  public Period record(String name) {
    Period period = records.get(name);
    if (period == null) {
      throw new IllegalStateException("no row peakcare.retention.records." + name + " in the retention table "
          + "(application.yaml, docs/retention.md)");
    }
    return period;
  }

  /** Now minus a record kind's period: what is older ages out. */
  public Instant cutoff(String name, Instant now) {
    return now.minus(Duration.ofDays(record(name).getDays()));
  }
}
