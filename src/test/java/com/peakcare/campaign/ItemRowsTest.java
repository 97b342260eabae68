package com.peakcare.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The item rows of the Tasklist forms, mapped to the items' JSON the rest of the campaign code reads. */
class ItemRowsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void blankFieldsAreNoValueAndRowsWithoutAnIdAreNumberedByType() throws Exception {
    // what form-js submits: empty text fields as "", empty visible numbers as null, hidden fields left out
    String rows = "[{\"type\":\"gift\",\"id\":\"\",\"text\":\"单笔实付满199元送保温杯\",\"threshold\":199,"
        + "\"giftValue\":148,\"firstN\":null,\"sku\":\"\"},"
        + "{\"type\":\"gift\",\"id\":\"gift-1\",\"text\":\"单笔实付满299元送茶具\",\"threshold\":\"299.00\"},"
        + "{\"type\":\"banner\",\"text\":\"入口图 到手价99\",\"bannerPrice\":99,\"itemPrice\":99,\"sku\":\" TEA-02 \"}]";

    JsonNode items = JSON.readTree(ItemRows.toItemsJson(rows, "itemRows"));

    assertThat(items).hasSize(3);
    assertThat(items.get(0).path("id").asText()).as("gift-1 is taken by the second row").isEqualTo("gift-2");
    assertThat(items.get(0).has("sku")).isFalse();
    assertThat(items.get(0).has("firstN")).isFalse();
    assertThat(items.get(1).path("id").asText()).isEqualTo("gift-1");
    assertThat(items.get(1).path("threshold").decimalValue()).isEqualByComparingTo("299");
    assertThat(items.get(2).path("id").asText()).isEqualTo("banner-1");
    assertThat(items.get(2).path("sku").asText()).isEqualTo("TEA-02");
  }

  @Test
  void acceptsTheRowsAsTheEngineApiGivesThem() throws Exception {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("type", "coupon");
    row.put("text", "单笔实付满99元可用");
    row.put("threshold", 99);
    List<Object> list = new ArrayList<>(List.of(row));

    assertThat(JSON.readTree(ItemRows.toItemsJson(list, "itemRows")).get(0).path("id").asText()).isEqualTo("coupon-1");
    assertThat(JSON.readTree(ItemRows.toItemsJson(org.camunda.spin.Spin.JSON(JSON.writeValueAsString(list)),
        "itemRows")).get(0).path("threshold").asInt()).isEqualTo(99);
  }

  @Test
  void aWrongValueIsAProblemNamingTheRowAndField() {
    String rows = "[{\"type\":\"gift\",\"text\":\"送帆布袋\",\"firstN\":2.5},"
        + "{\"type\":\"banner\",\"text\":\"入口图\",\"bannerPrice\":\"九十九\",\"colour\":\"red\"}]";

    assertThatThrownBy(() -> ItemRows.toItemsJson(rows, "itemRows"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
            .extracting(FieldProblem::field)
            .containsExactlyInAnyOrder("itemRows[0].firstN", "itemRows[1].bannerPrice", "itemRows[1].colour"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
            .filteredOn(p -> p.field().equals("itemRows[1].bannerPrice")).singleElement()
            .extracting(FieldProblem::message).asString()
            .contains("第2行", "row 2", "入口图价 · Banner price", "not a number"));
  }

  @Test
  void noRowsIsAProblemOfTheList() {
    assertThatThrownBy(() -> ItemRows.toItemsJson("[]", "itemRows"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
            .extracting(FieldProblem::field).containsExactly("itemRows"));
    assertThatThrownBy(() -> ItemRows.toItemsJson(null, "itemRows")).isInstanceOf(ApiException.class);
  }

  @Test
  void theSetUpFormGetsTheItemsAsRowsAndKeepsAnUnknownTypeChoosable() throws Exception {
    List<CampaignItem> items = List.of(new CampaignItem("bundle-1", "bundle", "两件9折", null, null, null, null,
        new BigDecimal("99"), null));

    JsonNode rows = JSON.readTree(ItemRows.toRows(items).getValueSerialized());
    JsonNode options = JSON.readTree(ItemRows.typeOptions(items).getValueSerialized());

    assertThat(rows.get(0).path("type").asText()).isEqualTo("bundle");
    assertThat(rows.get(0).path("itemPrice").asInt()).isEqualTo(99);
    assertThat(options.findValuesAsText("value")).startsWith("gift", "threshold", "coupon", "discount", "banner")
        .endsWith("bundle");
    assertThat(ItemRows.toItemsJson(rows.toString(), "itemRows")).isEqualTo(CampaignService.canonical(items));
  }
}
