package com.peakcare.notice;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The notice templates, one file per type and locale ({@code notices/REFUND_CARE.zh-CN.txt}): the first line is
 * the e-mail subject, then a blank line, then the text (the SMS and the e-mail body). Placeholders are
 * {@code {name}}. Loaded and checked once at start-up: a missing file, a placeholder its type does not declare,
 * or a template that does not address the customer by name stops the application with every problem listed.
 */
public final class NoticeTemplates {

  public static final List<String> LOCALES = List.of(NoticeCustomer.ZH_CN, NoticeCustomer.EN);
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  /** A loaded, checked template. */
  public record Template(NoticeType type, String locale, String subject, String body) {}

  /** A rendered notice: what the customer reads. */
  public record Rendered(String subject, String text) {}

  private final Map<NoticeType, Map<String, Template>> templates = new EnumMap<>(NoticeType.class);
  private final ZoneId zone;

  /** Loads every template from {@code location} ("classpath:notices/", "file:/etc/peakcare/notices/"). */
  public NoticeTemplates(ResourceLoader loader, String location, ZoneId zone) {
    this.zone = zone;
    String base = location.endsWith("/") ? location : location + "/";
    List<String> problems = new ArrayList<>();
    for (NoticeType type : NoticeType.values()) {
      for (String locale : LOCALES) {
        String file = base + fileName(type, locale);
        Resource resource = loader.getResource(file);
        if (!resource.exists()) {
          problems.add(file + ": missing (every notice type needs a template per locale " + LOCALES + ")");
          continue;
        }
        String text;
        try (InputStream in = resource.getInputStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          problems.add(file + ": unreadable (" + e.getMessage() + ")");
          continue;
        }
        List<String> found = problems(type, text);
        found.forEach(p -> problems.add(file + ": " + p));
        if (found.isEmpty()) {
          templates.computeIfAbsent(type, t -> new java.util.HashMap<>()).put(locale, parse(type, locale, text));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Notice templates are broken, PeakCare does not start:\n  - "
          + String.join("\n  - ", problems));
    }
  }

  public static String fileName(NoticeType type, String locale) {
    return type.name() + "." + locale + ".txt";
  }

  /**
   * What is wrong with a template of this type (empty if nothing): its shape, placeholders that no value of
   * the type fills, and whether it addresses the customer by name.
   */
  public static List<String> problems(NoticeType type, String text) {
    List<String> problems = new ArrayList<>();
    String normalized = text.replace("\r\n", "\n").strip();
    int split = normalized.indexOf("\n\n");
    if (split < 0 || normalized.substring(0, split).contains("\n") || normalized.substring(split).isBlank()) {
      problems.add("expected a one-line subject, a blank line, then the text");
    }
    Set<String> unknown = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String name = m.group(1).trim();
      if (!NAME.matcher(name).matches() || !type.placeholders().contains(name)) {
        unknown.add("{" + m.group(1) + "}");
      }
    }
    if (!unknown.isEmpty()) {
      problems.add("placeholder(s) " + unknown + " are not filled by any value of " + type
          + "; allowed: " + new TreeSet<>(type.placeholders()));
    }
    if (!text.contains("{" + NoticeVariables.CUSTOMER_NAME + "}")) {
      problems.add("does not address the customer by name: {" + NoticeVariables.CUSTOMER_NAME + "} is missing");
    }
    return problems;
  }

  private static Template parse(NoticeType type, String locale, String text) {
    String normalized = text.replace("\r\n", "\n").strip();
    int split = normalized.indexOf("\n\n");
    return new Template(type, locale, normalized.substring(0, split).strip(), normalized.substring(split).strip());
  }

  public Template template(NoticeType type, String locale) {
    return templates.get(type).get(LOCALES.contains(locale) ? locale : NoticeCustomer.ZH_CN);
  }

  /** Fills the template; every placeholder must have a value here (the caller checked the required ones). */
  public Rendered render(NoticeType type, String locale, Map<String, Object> values) {
    Template template = template(type, locale);
    Set<String> missing = new LinkedHashSet<>();
    String subject = fill(template.subject(), locale, values, missing);
    String body = fill(template.body(), locale, values, missing);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("notice " + type + " (" + locale + ") cannot be written: no value for "
          + missing);
    }
    return new Rendered(subject, body);
  }

  private String fill(String text, String locale, Map<String, Object> values, Set<String> missing) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      Object value = values.get(name);
      if (value == null) {
        missing.add(name);
        m.appendReplacement(out, "");
      } else {
        m.appendReplacement(out, Matcher.quoteReplacement(format(value, locale)));
      }
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Times in the customer's zone and language, money as yuan with two decimals. */
  public String format(Object value, String locale) {
    boolean en = NoticeCustomer.EN.equals(locale);
    if (value instanceof Date date) {
      value = date.toInstant();
    }
    if (value instanceof OffsetDateTime odt) {
      value = odt.toInstant();
    }
    if (value instanceof ZonedDateTime zdt) {
      value = zdt.toInstant();
    }
    if (value instanceof Instant instant) {
      ZonedDateTime local = instant.atZone(zone);
      return en
          ? DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH).format(local) + " (" + zoneName() + ")"
          : DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.CHINA).format(local);
    }
    if (value instanceof LocalDate date) {
      return en
          ? DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH).format(date)
          : DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA).format(date);
    }
    if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
      BigDecimal amount = new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
      return "¥" + amount.toPlainString();
    }
    return value.toString();
  }

  private String zoneName() {
    return "Asia/Shanghai".equals(zone.getId()) ? "Beijing time" : zone.getId();
  }
}
