package com.peakcare.reminder;

import java.util.List;
import java.util.Locale;

/** The report's comparisons as CSV: one row per stratum (the overall one first), UTF-8 with a BOM for spreadsheets. */
final class ReminderCsv {

  private ReminderCsv() {}

  static String of(ReminderReport.Report report) {
    StringBuilder out = new StringBuilder("\uFEFF");
    out.append("campaign,dimension,stratum,reminded_orders,reminded_paid,reminded_rate,reminded_lower,reminded_upper,"
        + "holdout_orders,holdout_paid,holdout_rate,holdout_lower,holdout_upper,incremental_rate,incremental_lower,"
        + "incremental_upper,p_value,test,incremental_gmv_per_order,verdict,final\n");
    List<ReminderReport.Comparison> all = new java.util.ArrayList<>();
    all.add(report.overall());
    all.addAll(report.strata());
    for (ReminderReport.Comparison c : all) {
      out.append(String.join(",", cell(report.campaignId()), cell(c.dimension()), cell(c.stratum()),
          num(c.reminded().orders()), num(c.reminded().paid()), num(c.reminded().paidRate()),
          num(c.reminded().paidRateInterval() == null ? null : c.reminded().paidRateInterval().lower()),
          num(c.reminded().paidRateInterval() == null ? null : c.reminded().paidRateInterval().upper()),
          num(c.holdout().orders()), num(c.holdout().paid()), num(c.holdout().paidRate()),
          num(c.holdout().paidRateInterval() == null ? null : c.holdout().paidRateInterval().lower()),
          num(c.holdout().paidRateInterval() == null ? null : c.holdout().paidRateInterval().upper()),
          num(c.incrementalPaidRate()), num(c.incrementalInterval() == null ? null : c.incrementalInterval().lower()),
          num(c.incrementalInterval() == null ? null : c.incrementalInterval().upper()), num(c.pValue()),
          cell(c.test()), c.incrementalGmvPerOrder() == null ? "" : c.incrementalGmvPerOrder().toPlainString(),
          cell(c.verdict()), report.isFinal() ? "yes" : "no")).append('\n');
    }
    return out.toString();
  }

  private static String num(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.6f", d);
    }
    return v.toString();
  }

  /** A text cell, quoted when needed; a leading = + - @ is defused so no spreadsheet runs it as a formula. */
  private static String cell(String v) {
    if (v == null) {
      return "";
    }
    String s = v.matches("^[=+\\-@].*") ? "'" + v : v;
    return s.matches(".*[,\"\\n\\r].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
