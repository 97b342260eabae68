package com.peakcare.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;

/**
 * The engine's REST API (and the webapps' own engine API, which Tasklist calls) answers a refusal in words a person
 * can act on: Camunda's JSON shape ({@code type}, {@code message}, which Tasklist shows), but the message without
 * Camunda's "Cannot submit task form 96c8c93c-…:" prefix and its id, a type that names no Java class, and instead of a
 * permission dump ("The user with id … does not have one of the following permissions: …") one sentence. PeakCare's
 * own refusals (engine.Refusal) are such sentences already and keep their text.
 *
 * <p>{@code /engine-rest} registers it through PeakCare's own Jersey configuration ({@link Config}). The webapps'
 * engine API is a Jersey application of Camunda's ({@code EngineRestApplication}) built from
 * {@link CamundaRestResources#getConfigurationClasses()}, a set Camunda returns as it is: {@link #install()} adds this
 * filter to it at start-up, before that servlet first serves (guarded by EngineRestErrorsTest: an upgrade that copies
 * or freezes the set fails it).
 */
@Provider
public class EngineRestErrors implements ContainerResponseFilter {

  private static final Pattern CAMUNDA_PREFIX = Pattern.compile(
      "^Cannot (complete task|submit task form|instantiate process definition|claim task|delegate task|"
          + "set assignee of task|resolve task) [^ :]+: ");
  private static final Pattern PERMISSION_DUMP = Pattern.compile("^The user with id '[^']*' does not have .*",
      Pattern.DOTALL);

  /** Adds this filter to the configuration of the webapps' engine API. */
  public static void install() {
    CamundaRestResources.getConfigurationClasses().add(EngineRestErrors.class);
  }

  /** {@code /engine-rest}: Camunda's Jersey configuration, plus this filter (the starter steps back for it). */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class Config {
    @org.springframework.context.annotation.Bean
    org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
      install();
      return new org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig() {
        @Override
        protected void registerAdditionalResources() {
          register(EngineRestErrors.class);
        }
      };
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400 || !(response.getEntity() instanceof ExceptionDto camunda)) {
      return;
    }
    ExceptionDto plain = new ExceptionDto();
    plain.setType(switch (response.getStatus()) {
      case 400 -> "InvalidRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Refused";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      default -> response.getStatus() >= 500 ? "ServerError" : "Refused";
    });
    plain.setMessage(sentence(camunda.getMessage(), response.getStatus()));
    plain.setCode(camunda.getCode());
    response.setEntity(plain);
  }

  static String sentence(String message, int status) {
    if (message == null) {
      return status == 403 ? "您无权执行此操作 · You may not do this" : "请求无法完成 · The request cannot be done";
    }
    String text = CAMUNDA_PREFIX.matcher(message).replaceFirst("");
    if (status == 403 && PERMISSION_DUMP.matcher(text).matches()) {
      return "您无权执行此操作，或它不是您的工作 · You may not do this, or it is not yours to do";
    }
    return text;
  }
}
