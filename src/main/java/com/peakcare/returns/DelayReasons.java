package com.peakcare.returns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The reasons a logistics-delay broadcast may give (issue 20), a list the shop keeps in its settings
 * ({@code peakcare.logistics-delay.reasons}): a code, and what the customer reads in Chinese and in English. A
 * broadcast names a code and at most a number of days; no free text and no link ever reaches a customer, and the
 * notice's words are the template's and this list's. Checked at start-up: a label with a link stops PeakCare.
 */
@ConfigurationProperties("peakcare.logistics-delay")
record DelayReasons(Map<String, Label> reasons) {

  /** What the customer reads: "受{label}影响" / "because of {label}". */
  record Label(String zh, String en) {}

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");
  private static final Pattern LINK = Pattern.compile("(?i)(://|www\\.|https?|\\.(com|cn|net|org)\\b|[<>{}])");

  DelayReasons {
    if (reasons == null || reasons.isEmpty()) {
      reasons = new LinkedHashMap<>();
      reasons.put("COURIER_BACKLOG", new Label("快递爆仓", "a backlog at the courier"));
      reasons.put("WEATHER", new Label("恶劣天气", "severe weather"));
      reasons.put("ROAD_CLOSURE", new Label("道路封闭", "road closures"));
      reasons.put("HOLIDAY", new Label("节假日停运", "the public holiday"));
    }
    reasons.forEach((code, label) -> {
      if (!CODE.matcher(code).matches() || label == null || blank(label.zh()) || blank(label.en())
          || LINK.matcher(label.zh() + " " + label.en()).find()) {
        throw new IllegalStateException("peakcare.logistics-delay.reasons." + code + ": a code of capital letters and "
            + "'_', with a Chinese (zh) and an English (en) label, no link or markup");
      }
    });
    reasons = Map.copyOf(reasons);
  }

  boolean knows(String code) {
    return code != null && reasons.containsKey(code);
  }

  /** The reason in the customer's language. */
  String label(String code, boolean english) {
    Label label = reasons.get(code);
    return label == null ? code : english ? label.en() : label.zh();
  }

  /** "COURIER_BACKLOG 快递爆仓, WEATHER 恶劣天气, …": the list an integrator reads in a refusal. */
  String described() {
    return String.join(", ", reasons.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " " + e.getValue().zh()).toList());
  }

  List<String> codes() {
    return reasons.keySet().stream().sorted().toList();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
