package com.peakcare.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.springframework.http.HttpStatus;

/**
 * The campaign's items as the Tasklist forms edit them: a form-js dynamic list ({@code itemRows}) with one row per
 * item and one field per {@link CampaignItem} property. Tasklist submits the list as a variable of type Json (Spin);
 * this class turns it into the items' JSON ({@code itemsJson}, which stays the one representation the rest of the
 * campaign code reads and validates) and back. Rows are forgiving where a form is: a blank field is no value, a
 * number may come as text, a row without an id gets one ({@code gift-1}); anything else wrong is a problem naming the
 * row and field ({@code itemRows[1].threshold}).
 */
final class ItemRows {

  /** The item types staff choose from, in the forms' order: value and label (Chinese first). */
  static final Map<String, String> TYPES = types();

  /** The row fields (the item's properties) and their labels, as the forms show them. */
  static final Map<String, String> FIELDS = fields();

  private static final Set<String> NUMBERS = Set.of("threshold", "giftValue", "bannerPrice", "itemPrice");
  private static final Set<String> TEXTS = Set.of("id", "type", "text", "sku");

  private ItemRows() {}

  /** The items as form rows: a Json variable for the set-up form's dynamic list. */
  static JsonValue toRows(List<CampaignItem> items) {
    return SpinValues.jsonValue(CampaignService.canonical(items)).create();
  }

  /**
   * The type options of the set-up form: the known types, plus any other type an item already has (the API takes any
   * type), so that opening and completing the form never changes an item's type.
   */
  static JsonValue typeOptions(List<CampaignItem> items) {
    Map<String, String> options = new LinkedHashMap<>(TYPES);
    for (CampaignItem item : items) {
      options.putIfAbsent(item.type(), item.type());
    }
    ArrayNode array = CampaignService.CANONICAL.createArrayNode();
    options.forEach((value, label) -> array.addObject().put("label", label).put("value", value));
    return SpinValues.jsonValue(array.toString()).create();
  }

  /**
   * The items' JSON ({@code itemsJson}) for the rows a form submitted: a Json variable (Spin), a JSON string, or a
   * list of maps (engine API). The caller validates it as any items' JSON, naming {@code field}.
   */
  static String toItemsJson(Object rows, String field) {
    JsonNode array = read(rows, field);
    List<FieldProblem> problems = new ArrayList<>();
    ArrayNode items = CampaignService.CANONICAL.createArrayNode();
    Set<String> ids = new HashSet<>();
    array.forEach(row -> {
      JsonNode id = row.path("id");
      if (id.isTextual() && !id.asText().isBlank()) {
        ids.add(id.asText().trim());
      }
    });
    for (int i = 0; i < array.size(); i++) {
      JsonNode row = array.get(i);
      String at = field + "[" + i + "]";
      if (!row.isObject()) {
        problems.add(new FieldProblem(at, rowLabel(i) + ": not a row of fields"));
        continue;
      }
      ObjectNode item = items.addObject();
      for (Map.Entry<String, JsonNode> e : row.properties()) {
        String name = e.getKey();
        JsonNode value = e.getValue();
        String where = at + "." + name;
        if (!FIELDS.containsKey(name)) {
          problems.add(new FieldProblem(where, rowLabel(i) + ": unknown field"));
        } else if (value.isNull() || value.isTextual() && value.asText().isBlank()) {
          continue; // a blank field is no value
        } else if (TEXTS.contains(name)) {
          if (value.isTextual() || value.isNumber()) {
            item.put(name, value.asText().trim());
          } else {
            problems.add(new FieldProblem(where, rowAndField(i, name) + ": not a text"));
          }
        } else {
          BigDecimal number = number(value);
          if (number == null) {
            problems.add(new FieldProblem(where, rowAndField(i, name) + ": not a number"));
          } else if (NUMBERS.contains(name)) {
            item.put(name, number);
          } else if (number.stripTrailingZeros().scale() > 0) {
            problems.add(new FieldProblem(where, rowAndField(i, name) + ": a whole number"));
          } else {
            try {
              item.put(name, number.intValueExact());
            } catch (ArithmeticException tooBig) {
              problems.add(new FieldProblem(where, rowAndField(i, name) + ": too large"));
            }
          }
        }
      }
      if (!item.has("id")) {
        String prefix = item.path("type").asText("item").replaceAll("[^A-Za-z0-9_-]", "");
        prefix = prefix.isEmpty() || prefix.length() > 32 ? "item" : prefix;
        int n = 1;
        while (ids.contains(prefix + "-" + n)) {
          n++;
        }
        ids.add(prefix + "-" + n);
        item.put("id", prefix + "-" + n);
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: " + field, problems);
    }
    return items.toString();
  }

  /** A problem of the items' validation ({@code itemRows[1].threshold}) said with the row and the field's label. */
  static FieldProblem explain(FieldProblem problem, String field) {
    Matcher m = Pattern.compile(Pattern.quote(field) + "\\[(\\d+)](?:\\.(\\w+))?").matcher(problem.field());
    if (!m.lookingAt()) {
      return problem;
    }
    int row = Integer.parseInt(m.group(1));
    String where = m.group(2) == null ? rowLabel(row) : rowAndField(row, m.group(2));
    return new FieldProblem(problem.field(), where + ": " + problem.message());
  }

  private static JsonNode read(Object rows, String field) {
    JsonNode node;
    try {
      if (rows == null) {
        node = null;
      } else if (rows instanceof SpinJsonNode spin) {
        node = CampaignService.CANONICAL.readTree(spin.toString());
      } else if (rows instanceof String text) {
        node = CampaignService.CANONICAL.readTree(text);
      } else if (rows instanceof Collection<?> || rows instanceof JsonNode) {
        node = CampaignService.CANONICAL.valueToTree(rows);
      } else {
        throw ApiException.invalid(field, "a list of item rows, not " + rows.getClass().getSimpleName());
      }
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(field, "not a JSON list of item rows: " + e.getOriginalMessage());
    }
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw ApiException.invalid(field, "活动规则至少一行 · at least one item row");
    }
    return node;
  }

  private static BigDecimal number(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual()) {
      try {
        return new BigDecimal(value.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String rowLabel(int index) {
    return "第" + (index + 1) + "行 · row " + (index + 1);
  }

  private static String rowAndField(int index, String name) {
    return rowLabel(index) + ", " + FIELDS.getOrDefault(name, name);
  }

  private static Map<String, String> types() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put("gift", "赠品 · Gift");
    t.put("threshold", "满减 / 满赠 · Spend threshold");
    t.put("coupon", "优惠券 · Coupon");
    t.put("discount", "折扣 / 直降 · Price cut");
    t.put("banner", "海报 / 入口图 · Banner");
    return Collections.unmodifiableMap(t);
  }

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("type", "类型 · Type");
    f.put("id", "编号 · Item no.");
    f.put("text", "文案 · Wording");
    f.put("threshold", "门槛 · Threshold");
    f.put("giftValue", "赠品价值 · Gift value");
    f.put("firstN", "前N名 · First N");
    f.put("bannerPrice", "入口图价 · Banner price");
    f.put("itemPrice", "商品价 · Item price");
    f.put("sku", "商品编码 · SKU");
    return Collections.unmodifiableMap(f);
  }
}
