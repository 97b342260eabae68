package com.peakcare.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document marks every personal field it holds (issue 27), and the list names no field it lacks. */
@PeakCareTest
class PersonalFieldsTest {

  @LocalServerPort int port;

  @Test
  void everyListedPersonalFieldIsInTheDocumentAndMarked() throws Exception {
    JsonNode schemas = new ObjectMapper().readTree(new Http(port).get("/v3/api-docs", "shop1").body())
        .path("components").path("schemas");
    PersonalFieldsInApiDocs.PERSONAL.forEach((schema, properties) -> {
      for (String property : properties) {
        JsonNode field = schemas.path(schema).path("properties").path(property);
        assertThat(field.isMissingNode()).as(schema + "." + property + " is in the document").isFalse();
        assertThat(field.path(PersonalFieldsInApiDocs.EXTENSION).asBoolean()).as(schema + "." + property).isTrue();
      }
    });
    assertThat(schemas.path("OrderLine").path("properties").path("sku").has(PersonalFieldsInApiDocs.EXTENSION))
        .as("a field that is no one's personal data").isFalse();
  }
}
