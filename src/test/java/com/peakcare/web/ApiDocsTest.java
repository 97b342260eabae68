package com.peakcare.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.peakcare.PeakCareTest;
import com.peakcare.campaign.Stage;
import com.peakcare.returns.ReturnCaseProcess;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: the OpenAPI document an integrator reads and generates a client from, as an integrator fetches it.
 * {@link #theCommittedDocumentIsTheOneServed()} keeps src/test/resources/openapi/peakcare-api.json (from which the
 * build generates and compiles a client, see GeneratedClientTest) equal to what PeakCare serves.
 */
@PeakCareTest
class ApiDocsTest {

  static final Path COMMITTED = Path.of("src/test/resources/openapi/peakcare-api.json");
  static final String REFRESH = "openapi.refresh";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  @LocalServerPort int port;
  @Autowired BuildProperties build;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  /** The document as {@code /v3/api-docs} serves it to the integration account. */
  static JsonNode served(Http http) throws Exception {
    HttpResponse<String> res = http.get("/v3/api-docs", "shop1");
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  /** Each operation of the document: "POST /api/returns" to its object. */
  static Map<String, JsonNode> operations(JsonNode doc) {
    Map<String, JsonNode> operations = new java.util.TreeMap<>();
    doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey())) {
        operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
      }
    }));
    return operations;
  }

  @Test
  void integratorsReadATitledVersionedDocumentWithHttpBasicAndARelativeServer() throws Exception {
    JsonNode doc = served(http);

    assertThat(doc.path("openapi").asText()).startsWith("3.0.");
    assertThat(doc.path("info").path("title").asText()).isEqualTo("PeakCare API");
    assertThat(doc.path("info").path("version").asText()).isEqualTo(build.getVersion()).isNotBlank();
    assertThat(doc.path("info").path("description").asText())
        .contains("HTTP Basic", "application/problem+json", "Retry-After", "POST /api/returns", "409");
    assertThat(doc.path("servers")).hasSize(1);
    assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/");
    JsonNode basic = doc.path("components").path("securitySchemes").path("basicAuth");
    assertThat(basic.path("type").asText()).isEqualTo("http");
    assertThat(basic.path("scheme").asText()).isEqualTo("basic");
    assertThat(doc.path("security").toString()).isEqualTo("[{\"basicAuth\":[]}]");
  }

  @Test
  void everyOperationHasAUniqueCleanOperationIdAndAnswersErrorsAsProblems() throws Exception {
    Map<String, JsonNode> operations = operations(served(http));
    assertThat(operations).isNotEmpty();

    List<String> unclean = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    List<String> notProblems = new ArrayList<>();
    operations.forEach((name, op) -> {
      String id = op.path("operationId").asText();
      if (!id.matches("^[a-z][A-Za-z]+$")) {
        unclean.add(name + " → \"" + id + "\"");
      }
      if (!seen.add(id)) {
        duplicates.add(name + " → " + id);
      }
      op.path("responses").fields().forEachRemaining(r -> {
        if (r.getKey().matches("[45]\\d\\d") && !r.getValue().path("content").path("application/problem+json")
            .path("schema").path("$ref").asText().equals("#/components/schemas/Problem")) {
          notProblems.add(name + " " + r.getKey());
        }
      });
      assertThat(op.path("responses").has("401")).as(name + " documents 401").isTrue();
    });
    assertThat(unclean).as("operation ids: camelCase verbs, set with @Operation(operationId = …)").isEmpty();
    assertThat(duplicates).as("operation ids are unique").isEmpty();
    assertThat(notProblems).as("error responses documented as application/problem+json Problem").isEmpty();
  }

  @Test
  void openingAReturnCaseDocumentsEveryAnswerItGives() throws Exception {
    JsonNode doc = served(http);
    JsonNode open = doc.path("paths").path("/api/returns").path("post");

    assertThat(open.path("operationId").asText()).isEqualTo("openReturnCase");
    List<String> codes = new ArrayList<>();
    open.path("responses").fieldNames().forEachRemaining(codes::add);
    assertThat(codes).containsExactly("200", "201", "400", "401", "403", "409", "413", "429", "503");
    assertThat(open.path("responses").path("201").path("headers").has("Location")).isTrue();
    assertThat(open.path("responses").path("201").path("content").path("application/json").path("schema")
        .path("$ref").asText()).isEqualTo("#/components/schemas/ReturnCaseView");
    for (String code : List.of("400", "409")) {
      assertThat(open.path("responses").path(code).path("content").path("application/problem+json").path("schema")
          .path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
    }
    assertThat(open.path("responses").path("429").path("headers").has("Retry-After")).isTrue();
    assertThat(open.path("responses").path("503").path("headers").has("Retry-After")).isTrue();

    JsonNode problem = doc.path("components").path("schemas").path("Problem");
    assertThat(names(problem.path("properties"))).containsExactlyInAnyOrder(
        "type", "title", "status", "detail", "instance", "errors");
    assertThat(problem.path("properties").path("errors").path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/FieldProblem");
    assertThat(names(doc.path("components").path("schemas").path("FieldProblem").path("properties")))
        .containsExactlyInAnyOrder("field", "message");
  }

  @Test
  void javaEnumsAndTheAcceptedItemTypesAreEnums() throws Exception {
    JsonNode schemas = served(http).path("components").path("schemas");

    assertThat(enumOf(schemas.path("ReturnType"))).isEqualTo(names(ReturnCaseProcess.CaseType.values()));
    assertThat(enumOf(schemas.path("ReturnReason"))).isEqualTo(names(ReturnCaseProcess.Reason.values()));
    assertThat(enumOf(schemas.path("ReturnStatus"))).isEqualTo(names(ReturnCaseProcess.Status.values()));
    assertThat(enumOf(schemas.path("MemberTier"))).isEqualTo(names(com.peakcare.order.MemberTier.values()));
    assertThat(enumOf(schemas.path("OrderStatus"))).isEqualTo(names(com.peakcare.order.OrderStatus.values()));
    assertThat(enumOf(schemas.path("PolicyOutcome"))).isEqualTo(names(ReturnCaseProcess.Outcome.values()));
    assertThat(enumOf(schemas.path("CampaignStage"))).isEqualTo(names(Stage.values()));
    // the request and the views name them, also where the record holds a string
    assertThat(ref(schemas.path("ReturnRequest").path("properties").path("type"))).isEqualTo("ReturnType");
    assertThat(ref(schemas.path("ReturnRequest").path("properties").path("reason"))).isEqualTo("ReturnReason");
    assertThat(ref(schemas.path("ReturnCaseView").path("properties").path("type"))).isEqualTo("ReturnType");
    assertThat(ref(schemas.path("ReturnCaseView").path("properties").path("policyOutcome")))
        .isEqualTo("PolicyOutcome");
    assertThat(ref(schemas.path("CampaignView").path("properties").path("stage"))).isEqualTo("CampaignStage");
    assertThat(enumOf(schemas.path("CampaignItem").path("properties").path("type")))
        .containsExactly("gift", "threshold", "coupon", "discount", "banner");
  }

  @Test
  void swaggerUiIsServedToAUserAndOffersHttpBasic() throws Exception {
    HttpResponse<String> page = http.get("/swagger-ui/index.html", "shop1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(http.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/v3/api-docs", null).statusCode()).isEqualTo(401);
    assertThat(http.get("/v3/api-docs.yaml", null).statusCode()).isEqualTo(401);
    HttpResponse<String> yaml = http.get("/v3/api-docs.yaml", "shop1");
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).contains("title: PeakCare API").doesNotStartWith("{");
    assertThat(JSON.readTree(http.get("/v3/api-docs/swagger-config", "shop1").body()).path("url").asText())
        .isEqualTo("/v3/api-docs");
  }

  /**
   * The committed document (what the build generates its client from) is the one served, but for the version,
   * which follows the project's. After a change to the API: {@code mvn -o test -Dtest=ApiDocsTest
   * -Dopenapi.refresh=true} rewrites it; commit it with the change.
   */
  @Test
  void theCommittedDocumentIsTheOneServed() throws Exception {
    JsonNode live = served(http);
    if (Boolean.getBoolean(REFRESH)) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, pretty(live), StandardCharsets.UTF_8);
      return;
    }
    assertThat(COMMITTED).as("the committed OpenAPI document; create it with -D" + REFRESH + "=true").exists();
    JsonNode committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));
    String difference = firstDifference("", withoutVersion(committed), withoutVersion(live));
    if (difference != null) {
      fail("The API's OpenAPI document is not the committed " + COMMITTED + " (" + difference + "). If the change is "
          + "meant, refresh the file and commit it with the change: mvn -o test -Dtest=ApiDocsTest -D" + REFRESH
          + "=true (the client the build generates from it then follows on the next build).");
    }
  }

  /** Two-space indentation, one value a line, '\n' line ends, a final newline: stable diffs in review. */
  static String pretty(JsonNode doc) throws Exception {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    return JSON.writer(printer).writeValueAsString(doc) + "\n";
  }

  private static JsonNode withoutVersion(JsonNode doc) {
    JsonNode copy = doc.deepCopy();
    ((ObjectNode) copy.path("info")).remove("version");
    return copy;
  }

  /** The JSON pointer of the first place the two documents differ, and how; null when equal. */
  private static String firstDifference(String at, JsonNode expected, JsonNode actual) {
    if (expected.equals(actual)) {
      return null;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> keys = new java.util.TreeSet<>(names(expected));
      keys.addAll(names(actual));
      for (String key : keys) {
        String where = at + "/" + key.replace("~", "~0").replace("/", "~1");
        if (!expected.has(key)) {
          return where + " is new";
        }
        if (!actual.has(key)) {
          return where + " is gone";
        }
        String d = firstDifference(where, expected.get(key), actual.get(key));
        if (d != null) {
          return d;
        }
      }
    }
    if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        String d = firstDifference(at + "/" + i, expected.get(i), actual.get(i));
        if (d != null) {
          return d;
        }
      }
    }
    if (expected.isTextual() && actual.isTextual()) {
      String was = expected.asText();
      String is = actual.asText();
      int from = 0;
      while (from < was.length() && from < is.length() && was.charAt(from) == is.charAt(from)) {
        from++;
      }
      from = Math.max(0, from - 40);
      return at + " differs from character " + from + ": was \"…" + abbreviate(was.substring(from)) + "\", is \"…"
          + abbreviate(is.substring(from)) + "\"";
    }
    return at + " was " + abbreviate(expected.toString()) + ", is " + abbreviate(actual.toString());
  }

  private static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static List<String> enumOf(JsonNode schema) {
    List<String> values = new ArrayList<>();
    schema.path("enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String ref(JsonNode schema) {
    return schema.path("$ref").asText().replace("#/components/schemas/", "");
  }
}
