package com.peakcare.retention;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document marks every field that carries a customer's personal data with {@code x-personal-data: true}
 * (issue 27), so that an integrator's client knows what to mask in its own logs and how long it may keep it. The list
 * is by schema and property (a field that is a whole schema, like an order's {@code contact}, is marked in that schema's
 * own fields: OpenAPI 3.0 ignores what stands beside a {@code $ref}); {@code PersonalFieldsTest} fails when a listed one is no longer in the document.
 */
@Configuration(proxyBeanMethods = false)
class PersonalFieldsInApiDocs {

  static final String EXTENSION = "x-personal-data";

  /** Schema → its properties that hold a customer's personal data. */
  static final Map<String, Set<String>> PERSONAL = Map.ofEntries(
      Map.entry("OrderContact", Set.of("name", "phone", "email")),
      Map.entry("OrderSnapshot", Set.of("buyerId", "province")),
      Map.entry("Order", Set.of("buyerId", "province")),
      Map.entry("Notice", Set.of("text")),
      Map.entry("Review", Set.of("text")),
      Map.entry("ReviewText", Set.of("text")),
      Map.entry("ReviewClause", Set.of("text")),
      Map.entry("CustomerReport", Set.of("customer")),
      Map.entry("ErrorReport", Set.of("reportedBy")),
      Map.entry("PrivacySubject", Set.of("buyerId", "phone")),
      Map.entry("ErasureRequest", Set.of("buyerId", "phone")));

  @Bean
  OpenApiCustomizer personalFields() {
    return api -> {
      if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
        return;
      }
      PERSONAL.forEach((schemaName, properties) -> {
        Schema<?> schema = api.getComponents().getSchemas().get(schemaName);
        if (schema == null || schema.getProperties() == null) {
          return;
        }
        for (String property : properties) {
          Schema<?> field = schema.getProperties().get(property);
          if (field != null) {
            field.addExtension(EXTENSION, true);
          }
        }
      });
    };
  }
}
