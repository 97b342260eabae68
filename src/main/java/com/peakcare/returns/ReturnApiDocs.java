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
 * is served, with each code's label. A shop that adds a row finds it in the next document it fetches. The same for a
 * logistics-delay broadcast's reason, a code of the shop's settings ({@link DelayReasons}).
 */
@Component
class ReturnApiDocs implements OpenApiCustomizer {

  /** The schema name of {@link com.peakcare.order.OrderSnapshot.Line}. */
  static final String ITEM_SCHEMA = "OrderLine";

  /** The schema name of the logistics-delay broadcast's request. */
  static final String DELAY_SCHEMA = "LogisticsDelay";

  private final ReturnCategories categories;
  private final DelayReasons reasons;

  ReturnApiDocs(ReturnCategories categories, DelayReasons reasons) {
    this.categories = categories;
    this.reasons = reasons;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void customise(OpenAPI api) {
    Schema<?> delay = api.getComponents() == null || api.getComponents().getSchemas() == null ? null
        : api.getComponents().getSchemas().get(DELAY_SCHEMA);
    if (delay != null && delay.getProperties() != null && delay.getProperties().get("reason") != null) {
      // a broadcast's reason is a code of the shop's list (issue 20), put in as the document is served
      Schema<String> reason = (Schema<String>) delay.getProperties().get("reason");
      reason.setEnum(reasons.codes());
      reason.setDescription("One of the shop's delay reasons (peakcare.logistics-delay.reasons); the customer reads "
          + "its label, never text from the request: " + reasons.described());
    }
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
