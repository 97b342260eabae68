package com.peakcare.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: the OpenAPI document offers exactly the shop's item categories, those PeakCare accepts; since issue 20 on
 * the lines of the order the shop registers.
 */
@PeakCareTest
class ReturnApiDocsTest {

  @LocalServerPort int port;
  @Autowired ReturnCategories categories;

  @Test
  void theCategoryOfAnItemIsOneOfTheShopsCategories() throws Exception {
    HttpResponse<String> res = new Http(port).get("/v3/api-docs", "shop1");
    JsonNode category = new ObjectMapper().readTree(res.body()).path("components").path("schemas")
        .path(ReturnApiDocs.ITEM_SCHEMA).path("properties").path("category");

    List<String> documented = new ArrayList<>();
    category.path("enum").forEach(v -> documented.add(v.asText()));
    assertThat(documented).isEqualTo(categories.codes()).contains("APPAREL", "CUSTOM_MADE");
    assertThat(category.path("description").asText()).contains("APPAREL 服装 · Apparel")
        .contains("CUSTOM_MADE 定制商品 · Custom-made (no 7-day no-reason return)");
    // the category is the order's line's (issue 20): the registered order's lines are these lines
    assertThat(new ObjectMapper().readTree(res.body()).path("components").path("schemas").path("OrderSnapshot")
        .path("properties").path("lines").path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/" + ReturnApiDocs.ITEM_SCHEMA);
  }
}
