package com.peakcare.engine.failure;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.peakcare.web.DatabaseOutage;
import com.peakcare.web.RefusalLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * How the engine's REST API ({@code /engine-rest}, Jersey) answers and logs failures. Camunda registers its own
 * JAX-RS exception mappers ({@code ExceptionHandler} for any Throwable, {@code ProcessEngineExceptionHandler},
 * {@code RestExceptionHandler}, and two for unreadable JSON); Jersey picks the mapper of the nearest exception type
 * and, among equally near ones, the one of lower priority value. These mappers take the same types at priority
 * {@value #PRIORITY} (Camunda's have the default 5000), registered through Spring Boot's
 * {@link ResourceConfigCustomizer} on the starter's {@code CamundaJerseyResourceConfig}, and:
 * <ul>
 *   <li>answer a lost database connection {@code 503} with {@code Retry-After} as a problem response (Camunda:
 *       500);</li>
 *   <li>answer everything else exactly as Camunda does (its status and its JSON body, built by its own helper);</li>
 *   <li>log a caller's mistake (4xx) as one INFO line and a 503 as one WARN line, without stack trace (Camunda: 4xx
 *       at DEBUG only), and a real fault (other 5xx) at ERROR with the stack trace (Camunda: WARN).</li>
 * </ul>
 * The webapps (Tasklist, Cockpit) call the same resources through their own JAX-RS application under
 * {@code /camunda/api/engine}, which keeps Camunda's mappers.
 */
@Configuration
class EngineRestProblems {

  static final int PRIORITY = 100;
  private static final Logger log = LoggerFactory.getLogger(EngineRestProblems.class);

  @Bean
  ResourceConfigCustomizer engineRestExceptionMappers(
      @org.springframework.beans.factory.annotation.Value("${camunda.bpm.generic-properties.properties"
          + ".queryMaxResultsLimit:2147483647}") int resultLimit) {
    return config -> {
      config.register(new AnyFailure(resultLimit), PRIORITY);
      config.register(new EngineFailure(resultLimit), PRIORITY);
      config.register(new RestFailure(resultLimit), PRIORITY);
      config.register(new UnreadableJson(resultLimit), PRIORITY);
      config.register(new UnmappableJson(resultLimit), PRIORITY);
    };
  }

  static Response answer(Throwable failure, int resultLimit) {
    if (DatabaseOutage.causedBy(failure)) {
      log.warn("database unreachable: {} answered 503 ({})", request(), DatabaseOutage.rootCause(failure));
      return Response.status(Response.Status.SERVICE_UNAVAILABLE)
          .header("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS)
          .type("application/problem+json")
          .entity(DatabaseOutage.json(path()))
          .build();
    }
    Response response;
    if (failure instanceof JsonParseException unreadable) {
      response = new JsonParseExceptionHandler().toResponse(unreadable);
    } else if (failure instanceof JsonMappingException unmappable) {
      response = new JsonMappingExceptionHandler().toResponse(unmappable);
    } else if (overTheResultLimit(failure)) {
      response = Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ExceptionDto.fromException(new BadUserRequestException(resultLimitSentence(resultLimit)))).build();
    } else if (refusedWhileBuildingTheQuery(failure)) {
      response = Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ExceptionDto.fromException(new BadUserRequestException("查询条件有误 · The query is not valid: "
              + ("valueType is null".equals(failure.getMessage()) ? "unknown variable type (sort by String, Integer, "
                  + "Short, Long, Double, Boolean or Date)" : failure.getMessage())))).build();
    } else {
      // Camunda's status and body, without its logging (ExceptionHandlerHelper.getResponse would log as well)
      ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
      response = Response.status(camunda.getStatus(failure)).entity(camunda.fromException(failure))
          .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
    int status = response.getStatus();
    if (status < 500) {
      RefusalLog.info(log, "engine-" + status, "{} answered {}: {}", request(), status, FailureKinds.oneLine(failure));
    } else if (FailureKinds.notAFault(failure)) {
      // Camunda answers some mistakes 500 (completing a task that does not exist): not a fault of PeakCare's
      RefusalLog.warn(log, "engine-" + status, "{} answered {}: {}", request(), status, FailureKinds.oneLine(failure));
    } else {
      RefusalLog.error(log, "engine-fault", "{} answered {}", request(), status, failure);
    }
    return response;
  }

  /** Camunda's refusal of a list without maxResults, or with more than queryMaxResultsLimit. */
  static boolean overTheResultLimit(Throwable failure) {
    return failure instanceof BadUserRequestException && failure.getMessage() != null
        && (failure.getMessage().startsWith("Max results limit of ")
            || failure.getMessage().startsWith("An unbound number of results is forbidden"));
  }

  /** The limit named, and what to do: Camunda's own words give neither ("An unbound number of results…"). */
  private static String resultLimitSentence(int limit) {
    return "列表每次最多 " + limit + " 条，请用 firstResult 和 maxResults 分页 · A list answers at most " + limit
        + " results a request (queryMaxResultsLimit): page it with firstResult and maxResults (at most " + limit + ")";
  }

  /**
   * The engine refused a request's query while the REST API built it from the request (a variable sorted by as type
   * Object, a value type that does not exist, a value a query method does not take), before it ran: the caller's
   * mistake, answered 400 naming it (Camunda: 500 with a stack trace). Told by where it was thrown: inside one of the
   * REST API's request objects ({@code org.camunda.bpm.engine.rest.dto}), with no engine command running.
   */
  static boolean refusedWhileBuildingTheQuery(Throwable failure) {
    if (!(failure instanceof ProcessEngineException) || failure.getCause() != null) {
      return false;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      String type = frame.getClassName();
      if (type.startsWith("org.camunda.bpm.engine.impl.interceptor.") || type.startsWith("com.peakcare.")) {
        return false; // a command ran, or PeakCare refused (EngineGate's interceptor is outermost: no engine frame yet)
      }
      if (type.startsWith("org.camunda.bpm.engine.rest.dto.")) {
        return true;
      }
    }
    return false;
  }

  private static String request() {
    HttpServletRequest request = current();
    if (request == null) {
      return "engine-rest";
    }
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    String user = auth == null || !auth.isAuthenticated() ? null : auth.getName();
    return request.getMethod() + " " + request.getRequestURI() + (user == null ? "" : " by " + user);
  }

  private static String path() {
    HttpServletRequest request = current();
    return request == null ? null : request.getRequestURI();
  }

  private static HttpServletRequest current() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
        ? attributes.getRequest() : null;
  }

  // one class per exception type: Jersey reads the mapped type from the class's generic interface

  static final class AnyFailure implements ExceptionMapper<Throwable> {
    private final int resultLimit;

    AnyFailure(int resultLimit) {
      this.resultLimit = resultLimit;
    }

    @Override
    public Response toResponse(Throwable failure) {
      return answer(failure, resultLimit);
    }
  }

  static final class EngineFailure implements ExceptionMapper<ProcessEngineException> {
    private final int resultLimit;

    EngineFailure(int resultLimit) {
      this.resultLimit = resultLimit;
    }

    @Override
    public Response toResponse(ProcessEngineException failure) {
      return answer(failure, resultLimit);
    }
  }

  static final class RestFailure implements ExceptionMapper<RestException> {
    private final int resultLimit;

    RestFailure(int resultLimit) {
      this.resultLimit = resultLimit;
    }

    @Override
    public Response toResponse(RestException failure) {
      return answer(failure, resultLimit);
    }
  }

  static final class UnreadableJson implements ExceptionMapper<JsonParseException> {
    private final int resultLimit;

    UnreadableJson(int resultLimit) {
      this.resultLimit = resultLimit;
    }

    @Override
    public Response toResponse(JsonParseException failure) {
      return answer(failure, resultLimit);
    }
  }

  static final class UnmappableJson implements ExceptionMapper<JsonMappingException> {
    private final int resultLimit;

    UnmappableJson(int resultLimit) {
      this.resultLimit = resultLimit;
    }

    @Override
    public Response toResponse(JsonMappingException failure) {
      return answer(failure, resultLimit);
    }
  }
}
