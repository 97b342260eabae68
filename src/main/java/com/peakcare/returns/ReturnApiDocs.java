package com.peakcare.returns;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The category of an order's line in the OpenAPI document: not a Java enum but the rows of the shop's decision table
 * (processes/return-categories.dmn, see {@link ReturnCategories}), so its allowed values are put in when the document
 * is served, with each code's label. A shop that adds a row finds it in the next document it fetches.
 */
@Component
class ReturnApiDocs implements OpenApiCustomizer {

  /** The schema name of {@link com.peakcare.order.OrderSnapshot.Line}. */
  static final String ITEM_SCHEMA = "OrderLine";

  private final ReturnCategories categories;

  ReturnApiDocs(ReturnCategories categories) {
    this.categories = categories;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void customise(OpenAPI api) {
    Schema<?> item = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
        : api.getComponents().getSchemas().get(ITEM_SCHEMA);
    if (item == null || item.getProperties() == null || item.getProperties().get("category") == null) {
      return;
    }
    List<ReturnCategories.Category> all = categories.all();
    Schema<String> category = (Schema<String>) item.getProperties().get("category");
    category.setEnum(all.stream().map(ReturnCategories.Category::code).toList());
    category.setDescription("One of the shop's item categories (its decision table return-categories.dmn): "
        + all.stream().map(c -> c.code() + " " + c.label() + (c.noReasonReturn() ? "" : " (no 7-day no-reason return)"))
            .collect(Collectors.joining("; ")));
  }
}
