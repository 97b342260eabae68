package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every label of Camunda's webapps has Chinese text: each app's {@code locales/en.json} from the webjar on the
 * classpath against PeakCare's {@code locales/zh.json} beside the app's config.js. Fails naming the keys (nested
 * keys flattened, {@code labels.CLAIM_TASK}, {@code dateLocales.relativeTime.s}) that have no Chinese text, whose
 * placeholders ({@code {{name}}}, moment's {@code %s} / {@code %d}) differ from the English ones, or whose lists
 * (months, weekdays) have another length. A Camunda upgrade that adds labels fails here until they are translated.
 */
class ZhTranslationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Cockpit appends "s" to a noun for the plural (PLGN_BATCH_S): Chinese has none, so "" is its translation. */
  private static final String PLURAL_SUFFIX = "s";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyEnglishLabelHasChineseTextWithTheSamePlaceholders(String app) throws IOException {
    Map<String, JsonNode> english = flatten(read(app, "en.json"));
    Map<String, JsonNode> chinese = flatten(read(app, "zh.json"));

    List<String> missing = new ArrayList<>();
    List<String> placeholders = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : english.entrySet()) {
      String key = entry.getKey();
      JsonNode en = entry.getValue();
      JsonNode zh = chinese.get(key);
      if (zh == null || zh.isNull() || (en.isTextual() && !en.asText().isBlank() && zh.asText().isBlank()
          && !PLURAL_SUFFIX.equals(en.asText()))) {
        missing.add(key);
      } else if (en.isArray() && en.size() != zh.size()) {
        placeholders.add(key + ": " + en.size() + " English entries, " + zh.size() + " Chinese");
      } else if (en.isTextual() && !placeholders(en.asText()).equals(placeholders(zh.asText()))) {
        placeholders.add(key + ": " + placeholders(en.asText()) + " in English, " + placeholders(zh.asText())
            + " in \"" + zh.asText() + "\"");
      }
    }

    assertThat(english).as("keys in the webjar's %s en.json", app).hasSizeGreaterThan(100);
    assertThat(missing).as("%s labels without Chinese text in locales/zh.json", app).isEmpty();
    assertThat(placeholders).as("%s translations whose placeholders differ from the English", app).isEmpty();
  }

  private static JsonNode read(String app, String file) throws IOException {
    String path = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + file;
    try (InputStream in = ZhTranslationsTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path + " on the classpath").isNotNull();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text); // Camunda's files carry a BOM
    }
  }

  /** {@code {"labels": {"A": "x"}}} to {@code labels.A = "x"}; arrays (month names) stay one value. */
  private static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> flat = new LinkedHashMap<>();
    flatten("", root, flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> flat) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> flatten(prefix + name + ".", node.get(name), flat));
    } else {
      flat.put(prefix.substring(0, prefix.length() - 1), node);
    }
  }

  private static TreeSet<String> placeholders(String text) {
    TreeSet<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group().replace(" ", ""));
    }
    return found;
  }
}
