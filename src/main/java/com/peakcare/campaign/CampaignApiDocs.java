package com.peakcare.campaign;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * An item's type in the OpenAPI document: the types the forms offer and every door accepts ({@link ItemRows#TYPES}),
 * from that one list rather than repeated in an annotation.
 */
@Component
class CampaignApiDocs implements OpenApiCustomizer {

  @Override
  @SuppressWarnings("unchecked")
  public void customise(OpenAPI api) {
    Schema<?> item = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
        : api.getComponents().getSchemas().get(CampaignItem.class.getSimpleName());
    if (item == null || item.getProperties() == null || item.getProperties().get("type") == null) {
      return;
    }
    Schema<String> type = (Schema<String>) item.getProperties().get("type");
    type.setEnum(List.copyOf(ItemRows.TYPES.keySet()));
    type.setDescription("What the item is: " + ItemRows.TYPES.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
  }
}
