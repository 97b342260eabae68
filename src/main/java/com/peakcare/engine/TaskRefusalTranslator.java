package com.peakcare.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link TaskRefusedException} that a listener threw deep inside a command into the exception Camunda's REST
 * API and the webapps answer properly: {@link AuthorizationException} (403) or {@link FormFieldValidationException}
 * (400). The transaction is rolled back either way; only the caller's answer changes (instead of a 500).
 */
@Component
class TaskRefusalTranslator extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    post.add(0, new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  static final class Interceptor extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (TaskRefusedException e) {
        throw translate(e);
      } catch (ProcessEngineException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
          if (cause instanceof TaskRefusedException refused) {
            throw translate(refused);
          }
        }
        throw e;
      }
    }

    private static ProcessEngineException translate(TaskRefusedException refused) {
      if (refused.isForbidden()) {
        return new AuthorizationException(refused.getMessage());
      }
      return new FormFieldValidationException(refused.field() == null ? "task" : refused.field(), refused.getMessage());
    }
  }
}
