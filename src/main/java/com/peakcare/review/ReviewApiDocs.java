package com.peakcare.review;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The CSV upload in the OpenAPI document takes {@code text/csv} only: the operation reads its body as bytes whatever
 * its content type says (a platform's export arrives with many), which the document would otherwise also list as
 * {@code application/json}, and a generated client would send CSV as JSON.
 */
@Component
class ReviewApiDocs implements OpenApiCustomizer {

  static final String UPLOAD = "/api/reviews/csv";

  @Override
  public void customise(OpenAPI api) {
    PathItem path = api.getPaths() == null ? null : api.getPaths().get(UPLOAD);
    Operation post = path == null ? null : path.getPost();
    if (post != null && post.getRequestBody() != null && post.getRequestBody().getContent() != null) {
      post.getRequestBody().getContent().keySet().removeIf(type -> !type.equals("text/csv"));
      post.getRequestBody().setRequired(true);
    }
  }
}
