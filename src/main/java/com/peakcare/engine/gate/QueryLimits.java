package com.peakcare.engine.gate;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * How large a person's query may be, beyond Camunda's own result limit ({@code queryMaxResultsLimit}): a task query
 * has at most {@value #MAX_OR_QUERIES} or-queries (Tasklist's filters use one or two; 25,000 of them in a 600 KiB body
 * overflowed the stack inside the database driver, and the request's lists are bounded by {@code web.JsonLimits}
 * already). Checked where the gate sees every query a person runs and every filter they save or extend.
 */
final class QueryLimits {

  static final int MAX_OR_QUERIES = 10;

  private QueryLimits() {}

  static void refuseOversized(Query<?, ?> query) {
    if (query instanceof TaskQueryImpl task && task.getQueries().size() - 1 > MAX_OR_QUERIES) {
      throw new BadUserRequestException("任务查询最多 " + MAX_OR_QUERIES + " 个 orQueries · A task query takes at most "
          + MAX_OR_QUERIES + " orQueries (this one has " + (task.getQueries().size() - 1) + ")");
    }
  }
}
