package com.peakcare.engine.gate;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.impl.cmd.AbstractSetJobsRetriesBatchCmd;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;

/**
 * Setting a failed job's retries is a supervisor's everyday repair; since Camunda 7.20 the same call may also carry a
 * new due date ({@code PUT /job/{id}/retries {"retries":3,"dueDate":…}}), which re-times the job like the
 * administrators' {@code SetJobDuedateCmd}. Camunda keeps whether a due date was given in a protected field with no
 * getter, read here once per command (the commands are few: a person's repair, not a hot path).
 */
final class JobRetries {

  private static final Field ONE = field(SetJobRetriesCmd.class);
  private static final Field MANY = field(AbstractSetJobsRetriesBatchCmd.class);

  private JobRetries() {}

  /** Whether the command sets retries together with a due date. */
  static boolean retimes(Command<?> command) {
    try {
      if (command instanceof SetJobRetriesCmd) {
        return ONE.getBoolean(command);
      }
      if (command instanceof AbstractSetJobsRetriesBatchCmd) {
        return MANY.getBoolean(command);
      }
      return false;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read a job retries command's due date flag", e);
    }
  }

  private static Field field(Class<?> type) {
    try {
      Field f = type.getDeclaredField("isDueDateSet");
      f.setAccessible(true);
      return f;
    } catch (NoSuchFieldException e) {
      // a Camunda upgrade renamed it: refuse loudly (the first retries command fails), never let a re-time through
      throw new IllegalStateException(type.getName() + " has no isDueDateSet: check JobRetries against this Camunda", e);
    }
  }
}
