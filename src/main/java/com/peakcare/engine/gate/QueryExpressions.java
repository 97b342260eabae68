package com.peakcare.engine.gate;

import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.query.Query;

/**
 * Which expressions a task query may carry, checked on the parsed query where the engine is about to evaluate it (so
 * no encoding of a request and no nesting hides one): none in an ad-hoc query, its or-queries included; in a stored
 * filter only the few functions Tasklist's filters need ({@code ${currentUser()}}, {@code ${currentUserGroups()}},
 * {@code ${now()}}, {@code ${dateTime()…}}), never a method call or a bean. Camunda 7.24 community validates only the
 * top level of an ad-hoc query and evaluates whatever the or-queries hold.
 */
public final class QueryExpressions {

  private static final Pattern STORED = Pattern.compile("\\$\\{\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
      + "|dateTime\\(\\)(\\.(plus|minus)(Seconds|Minutes|Hours|Days|Weeks|Months|Years)\\(\\s*\\d{1,6}\\s*\\))*"
      + "(\\.toDate\\(\\))?)\\s*}");

  private QueryExpressions() {}

  /** An ad-hoc query (a request's own): no expression anywhere. */
  public static void refuseAny(Query<?, ?> query) {
    if (query instanceof TaskQueryImpl task) {
      for (TaskQueryImpl part : task.getQueries()) {
        for (String key : part.getExpressions().keySet()) {
          throw refused(key);
        }
      }
    }
  }

  /** A stored filter's query: only the functions on the list. */
  static void refuseUnlisted(Query<?, ?> query) {
    if (query instanceof TaskQueryImpl task) {
      for (TaskQueryImpl part : task.getQueries()) {
        for (Map.Entry<String, String> e : part.getExpressions().entrySet()) {
          if (e.getValue() == null || !STORED.matcher(e.getValue()).matches()) {
            throw refused(e.getKey());
          }
        }
      }
    }
  }

  private static BadUserRequestException refused(String key) {
    return new BadUserRequestException("任务查询不接受表达式（" + key + "），请填写具体的值 · A task query does not take "
        + "expressions (" + key + "): give the value itself");
  }
}
