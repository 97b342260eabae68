package com.peakcare.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.engine.gate.EngineGate;
import com.peakcare.web.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Cockpit's door to PeakCare's pages: {@code GET|POST /camunda/api/cockpit/plugin/peakcare/{engine}/pages/{path}}.
 * Camunda's filters have run before: the session's authentication (set on the engine, read here through the engine
 * gate: the identity never comes from the page), the engine request authorizer (a logged-in user), and the CSRF filter
 * (a POST without the session's {@code X-XSRF-TOKEN} is refused). {@link Pages} then checks the page's groups, exactly
 * as on {@code /api}. Answers are the same JSON as {@code /api}'s (Spring's object mapper), errors the same problems.
 */
@Path("plugin/" + PeakCareCockpitPlugin.ID)
public class PagesResource extends AbstractCockpitPluginRootResource {

  private static final Logger log = LoggerFactory.getLogger(PagesResource.class);

  /** The scripts of the pages, served like plugin.js to the browser (GET without login: they hold no data). */
  static final List<String> SCRIPTS = List.of("app/peakcare-page.js", "app/reviews.js", "app/dashboard.js",
      "app/reminders.js", "app/complaints.js");

  @Context
  private UriInfo uri;

  public PagesResource() {
    super(PeakCareCockpitPlugin.ID);
  }

  @Override
  protected List<String> getAllowedAssets() {
    List<String> assets = new ArrayList<>(super.getAllowedAssets());
    assets.addAll(SCRIPTS);
    return assets;
  }

  @GET
  @Path("{engine}/pages/{page: .+}")
  public Response read(@PathParam("page") String page) {
    return answer(() -> pages().read(page, viewer(), query()));
  }

  @POST
  @Path("{engine}/pages/{page: .+}")
  public Response write(@PathParam("page") String page, @Context HttpHeaders headers, byte[] body) {
    String type = headers.getMediaType() == null ? null : headers.getMediaType().toString();
    return answer(() -> pages().write(page, viewer(), query(), type, body == null ? new byte[0] : body));
  }

  private Response answer(java.util.function.Supplier<Object> work) {
    ObjectMapper json = spring().getBean(ObjectMapper.class);
    try {
      Object result = work.get();
      if (result instanceof PageFile file) {
        return Response.ok(file.content(), file.contentType())
            .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"")
            .header("Cache-Control", "no-store").build();
      }
      return Response.ok(json.writeValueAsBytes(result), "application/json;charset=UTF-8")
          .header("Cache-Control", "no-store").build();
    } catch (ApiException e) {
      return problem(json, e.status().value(), e.title(), e.getMessage(), e.errors());
    } catch (Exception e) {
      log.error("page {} failed", uri.getPath(), e);
      return problem(json, 500, "Internal Server Error", "An unexpected error occurred; it has been logged.",
          List.of());
    }
  }

  private static Response problem(ObjectMapper json, int status, String title, String detail,
      List<com.peakcare.web.ApiProblems.FieldProblem> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", status == 400 && !errors.isEmpty() ? "https://peakcare.example/problems/invalid-request"
        : "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.put("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    }
    try {
      return Response.status(status).entity(json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8))
          .type("application/problem+json").build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Viewer viewer() {
    return Viewer.of(spring().getBean(EngineGate.class).actor());
  }

  private Map<String, String> query() {
    Map<String, String> query = new LinkedHashMap<>();
    uri.getQueryParameters().forEach((name, values) -> {
      if (!values.isEmpty()) {
        query.put(name, values.get(0));
      }
    });
    return query;
  }

  private Pages pages() {
    return spring().getBean(Pages.class);
  }

  private ApplicationContext spring() {
    return WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
  }
}
