package com.peakcare.returns;

import com.peakcare.identity.Groups;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Only the assignee (or a supervisor) may complete a return case's task, and only with values its form allows.
 * Camunda checks neither: anyone with the task permission may complete it. This engine plugin checks both before
 * a completion command runs, whatever path it took (Tasklist, engine REST, Java), so the caller gets a clear 403 or
 * 400 instead of a half-run listener. Commands without an authenticated user (PeakCare's own services, jobs) pass.
 */
@Component
class TaskCompletionGuard extends AbstractProcessEnginePlugin {

  private static final String DEFINITION_PREFIX = ReturnCaseProcess.KEY + ":";

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> post = configuration.getCustomPostCommandInterceptorsTxRequired() == null
        ? new java.util.ArrayList<>() : new java.util.ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
    post.add(new Interceptor());
    configuration.setCustomPostCommandInterceptorsTxRequired(post);
  }

  static final class Interceptor extends CommandInterceptor {
    // the commands keep their task id and values in protected fields; read once, by reflection
    private static final Field COMPLETE_TASK_ID = field(CompleteTaskCmd.class, "taskId");
    private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
    private static final Field SUBMIT_TASK_ID = field(SubmitTaskFormCmd.class, "taskId");
    private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");

    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof CompleteTaskCmd) {
        check(read(COMPLETE_TASK_ID, command), read(COMPLETE_VARIABLES, command));
      } else if (command instanceof SubmitTaskFormCmd) {
        check(read(SUBMIT_TASK_ID, command), read(SUBMIT_VARIABLES, command));
      }
      return next.execute(command);
    }

    private static void check(Object taskId, Object submitted) {
      if (!(taskId instanceof String id)) {
        return;
      }
      TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(id);
      if (task == null || task.getProcessDefinitionId() == null
          || !task.getProcessDefinitionId().startsWith(DEFINITION_PREFIX)) {
        return;
      }
      Authentication auth = Context.getCommandContext().getAuthentication();
      if (auth != null && auth.getUserId() != null) {
        boolean supervisor = auth.getGroupIds() != null && auth.getGroupIds().contains(Groups.SUPERVISORS);
        if (!auth.getUserId().equals(task.getAssignee()) && !supervisor) {
          throw new AuthorizationException(auth.getUserId() + " may not complete task '" + task.getName()
              + "': only its assignee (" + (task.getAssignee() == null ? "nobody yet: claim it first"
              : task.getAssignee()) + ") or a supervisor may");
        }
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> values = submitted instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      List<String> errors = ReturnTaskRules.validate(task.getTaskDefinitionKey(),
          name -> values.containsKey(name) ? unwrap(values.get(name)) : task.getVariable(name));
      if (!errors.isEmpty()) {
        throw new FormFieldValidationException(task.getTaskDefinitionKey(),
            "Invalid task completion: " + String.join("; ", errors));
      }
    }

    private static Object unwrap(Object value) {
      return value instanceof org.camunda.bpm.engine.variable.value.TypedValue t ? t.getValue() : value;
    }

    private static Field field(Class<?> type, String name) {
      try {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException("Camunda changed " + type.getName() + ": no field " + name, e);
      }
    }

    private static Object read(Field f, Object target) {
      try {
        return f.get(target);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
