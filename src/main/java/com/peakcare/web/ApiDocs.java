package com.peakcare.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document of {@code /api} ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}), written for
 * integrators who generate a client from it: a title, the project's version and a description; HTTP Basic declared
 * for every operation (Swagger UI's Authorize button); a relative server, so the document is right behind any host or
 * balancer; and every error as the {@code Problem} schema under {@code application/problem+json}.
 *
 * <p>The responses every operation can give are added here from what the operation is, so a new controller is
 * documented without annotations: 401, 429 and 503 always (they come from the security chain and the database, before
 * any controller), 403 when the method is guarded by {@code @PreAuthorize}, 400 when it reads a body or a parameter
 * that can be wrong, 413 when it reads a body. A controller adds with {@code @ApiResponse} what only it knows (404,
 * 409, a 403 of its own) and describes its success codes; an explicit response is never replaced.
 */
@Configuration
class ApiDocs {

  static final String BASIC_AUTH = "basicAuth";
  static final String PROBLEM = "Problem";
  static final String FIELD_PROBLEM = "FieldProblem";
  static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private static final String DESCRIPTION = """
      PeakCare runs online shops' big-sale days on Camunda 7: it opens and tracks every return, exchange and refund \
      case, checks every campaign before it goes live, and tells customers where their case stands.

      **Authentication.** HTTP Basic on every request (`Authorization: Basic …`), as a PeakCare user; a shop's system \
      is a user of the group `integrators`. There is no session and no cookie. No or wrong credentials: `401`. Your \
      groups may not do this: `403`. Too many failed logins of a user from one address, or too many requests of \
      one costly kind from one account (opening cases, broadcasts, long lists: a rate limit per account): `429` \
      with `Retry-After` (seconds); wait that long, do not retry at once.

      **Cross-site requests.** A request that changes something (POST, PUT, PATCH, DELETE) is refused (`403`) when \
      a browser says it comes from another site's page (`Origin`, `Sec-Fetch-Site`), and unless it is JSON \
      (`Content-Type: application/json`) or carries the header `X-Requested-By` (any value, e.g. your client's \
      name): a form on another site can send neither. A request without a body and without a content type needs \
      the header only from a browser page. Clients and curl need nothing else; Swagger UI adds the header itself.

      **Lists** page: `page` from 0, `size` 1 to 200 (default 20), at most 100,000 entries deep (`400` beyond).

      **Errors** are RFC 7807 problem details (`application/problem+json`, schema `Problem`): `status`, `title`, \
      `detail` and the request path in `instance`. A `400` has type \
      `https://peakcare.example/problems/invalid-request` and lists every bad field in `errors` \
      (`[{"field": "items[0].category", "message": "…"}]`), nested fields with dots and list positions in brackets. \
      A request body larger than %s is a `413`. While PeakCare cannot reach its database every request answers \
      `503` with `Retry-After`; nothing of the request was saved, so it is safe to send again.

      **Idempotency.** `POST /api/returns` is keyed by the shop's return number (`returnNo`): the first request \
      opens the case (`201`, `Location: /api/returns/{returnNo}`); the same request again (same content, in any \
      field order) opens nothing and answers `200` with that case, so a request whose answer was lost can simply be \
      sent again; other content under the same return number is a `409`.

      **Values.** Times are ISO-8601 instants in UTC (`2026-11-11T00:00:00Z`); amounts are decimals in CNY with at \
      most two fractional digits. The item categories of a return are the shop's own (the decision table \
      `return-categories.dmn`): this document lists the ones deployed when it was served.""";

  @Bean
  OpenAPI peakCareOpenApi(ObjectProvider<BuildProperties> build,
      @Value("${peakcare.web.max-body:1MB}") DataSize maxBody) {
    String version = Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse("dev");
    return new OpenAPI()
        .info(new Info().title("PeakCare API").version(version)
            .description(DESCRIPTION.formatted(maxBody.toKilobytes() + " KiB")))
        // relative: the host, port and scheme the document was fetched from, whatever balancer is in front
        .servers(List.of(new Server().url("/").description("This PeakCare")))
        .components(new Components().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
            .type(SecurityScheme.Type.HTTP).scheme("basic")
            .description("A PeakCare user and password; shops' systems use an account of the group integrators")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }

  /** The document from a copy at most a minute old (see {@link ApiDocsCache}). */
  @Bean
  FilterRegistrationBean<ApiDocsCache> apiDocsCache(@Value("${springdoc.api-docs.path:/v3/api-docs}") String path) {
    FilterRegistrationBean<ApiDocsCache> registration = new FilterRegistrationBean<>(
        new ApiDocsCache(Duration.ofMinutes(1)));
    registration.addUrlPatterns(path, path + ".yaml");
    registration.setName("apiDocsCache");
    return registration;
  }

  /** The responses that follow from what an operation is (see the class comment). */
  @Bean
  OperationCustomizer standardResponses(@Value("${peakcare.web.max-body:1MB}") DataSize maxBody) {
    return (operation, handler) -> {
      ApiResponses responses = operation.getResponses();
      if (responses == null) {
        responses = new ApiResponses();
        operation.setResponses(responses);
      }
      boolean body = Arrays.stream(handler.getMethodParameters())
          .anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
      if (body || Arrays.stream(handler.getMethodParameters()).anyMatch(ApiDocs::canBeWrong)) {
        responses.putIfAbsent("400", problem("Invalid request: `errors` names each bad field and what is wrong"));
      }
      responses.putIfAbsent("401", problem("No or wrong HTTP Basic credentials")
          .addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, header("`Basic realm=\"PeakCare\"`")));
      if (changes(handler)) {
        responses.putIfAbsent("403", problem("Your groups may not do this, or the request came from another site's "
            + "page (its `Origin` or `Sec-Fetch-Site`; see Cross-site requests above)"));
      } else if (guarded(handler)) {
        responses.putIfAbsent("403", problem("Your groups may not do this"));
      }
      if (body) {
        responses.putIfAbsent("413", problem("The request body is larger than " + maxBody.toKilobytes() + " KiB"));
      }
      responses.putIfAbsent("429", problem("Too many failed logins of this user from this address, or too many "
          + "requests of one kind from this account (rate limit): retry after `Retry-After` seconds")
          .addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter()));
      responses.putIfAbsent("503", problem("PeakCare cannot reach its database; nothing of the request was saved: "
          + "retry after `Retry-After` seconds").addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter()));
      return operation;
    };
  }

  /**
   * The {@code Problem} schema, and every error response of every operation answered with it: also the ones a
   * controller declared with a description only.
   */
  @Bean
  OpenApiCustomizer problemSchema() {
    return api -> {
      Components components = api.getComponents();
      components.addSchemas(FIELD_PROBLEM, new ObjectSchema()
          .description("One bad field of a request")
          .addProperty("field", new StringSchema().description(
              "The field, as the request names it: `amount`, `customer.phone`, `items[0].category`; `body` for a "
                  + "body that cannot be read"))
          .addProperty("message", new StringSchema().description("What is wrong, and what would be right"))
          .required(List.of("field", "message")));
      components.addSchemas(PROBLEM, new ObjectSchema()
          .description("An error, as RFC 7807 problem details (`application/problem+json`)")
          .addProperty("type", new StringSchema().format("uri").description(
              "`https://peakcare.example/problems/invalid-request` for a 400 that lists `errors`, "
                  + "`https://peakcare.example/problems/service-unavailable` for a 503, otherwise `about:blank`"))
          .addProperty("title", new StringSchema().description("A short summary: `Invalid request`, `Not found` …"))
          .addProperty("status", new IntegerSchema().description("The HTTP status code"))
          .addProperty("detail", new StringSchema().description("What happened to this request, for a person"))
          .addProperty("instance", new StringSchema().description("The request's path"))
          .addProperty("errors", new ArraySchema()
              .items(new Schema<>().$ref("#/components/schemas/" + FIELD_PROBLEM))
              .description("400 only: every bad field of the request"))
          .required(List.of("type", "title", "status")));
      if (api.getPaths() == null) {
        return;
      }
      api.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocs::problemContent));
    };
  }

  private static void problemContent(Operation operation) {
    if (operation.getResponses() == null) {
      return;
    }
    for (Map.Entry<String, ApiResponse> r : operation.getResponses().entrySet()) {
      if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
        r.getValue().setContent(new Content().addMediaType(PROBLEM_JSON,
            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
      }
    }
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse().description(description);
  }

  private static Header header(String description) {
    return new Header().description(description).schema(new StringSchema());
  }

  private static Header retryAfter() {
    return new Header().description("Seconds to wait before sending the request again").schema(new IntegerSchema());
  }

  /** A POST, PUT, PATCH or DELETE: refused from another site's page (CrossSiteGuard). */
  private static boolean changes(HandlerMethod handler) {
    var mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
        org.springframework.web.bind.annotation.RequestMapping.class);
    return mapping != null && Arrays.stream(mapping.method()).anyMatch(m -> m != RequestMethod.GET
        && m != RequestMethod.HEAD && m != RequestMethod.OPTIONS);
  }

  private static boolean guarded(HandlerMethod handler) {
    return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
        || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
  }

  /**
   * A parameter of the URL that a caller can get wrong: one read as a number or enum, one with a constraint, or a list's
   * page.
   */
  private static boolean canBeWrong(MethodParameter p) {
    if (p.getParameterType() == ListPage.class) {
      return true;
    }
    if (!p.hasParameterAnnotation(RequestParam.class) && !p.hasParameterAnnotation(PathVariable.class)) {
      return false;
    }
    return p.getParameterType() != String.class || Arrays.stream(p.getParameterAnnotations())
        .map(Annotation::annotationType)
        .anyMatch(a -> a.isAnnotationPresent(Constraint.class));
  }
}
