package com.peakcare.engine;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.peakcare.web.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
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
  ResourceConfigCustomizer engineRestExceptionMappers() {
    return config -> {
      config.register(new AnyFailure(), PRIORITY);
      config.register(new EngineFailure(), PRIORITY);
      config.register(new RestFailure(), PRIORITY);
      config.register(new UnreadableJson(), PRIORITY);
      config.register(new UnmappableJson(), PRIORITY);
    };
  }

  static Response answer(Throwable failure) {
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
    } else {
      // Camunda's status and body, without its logging (ExceptionHandlerHelper.getResponse would log as well)
      ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
      response = Response.status(camunda.getStatus(failure)).entity(camunda.fromException(failure))
          .type(MediaType.APPLICATION_JSON_TYPE).build();
    }
    int status = response.getStatus();
    if (status < 500) {
      log.info("{} answered {}: {}", request(), status, FailureKinds.oneLine(failure));
    } else if (FailureKinds.notAFault(failure)) {
      // Camunda answers some mistakes 500 (completing a task that does not exist): not a fault of PeakCare's
      log.warn("{} answered {}: {}", request(), status, FailureKinds.oneLine(failure));
    } else {
      log.error("{} answered {}", request(), status, failure);
    }
    return response;
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
    @Override
    public Response toResponse(Throwable failure) {
      return answer(failure);
    }
  }

  static final class EngineFailure implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException failure) {
      return answer(failure);
    }
  }

  static final class RestFailure implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException failure) {
      return answer(failure);
    }
  }

  static final class UnreadableJson implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException failure) {
      return answer(failure);
    }
  }

  static final class UnmappableJson implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException failure) {
      return answer(failure);
    }
  }
}
