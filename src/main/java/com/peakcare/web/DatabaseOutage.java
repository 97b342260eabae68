package com.peakcare.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A request that failed because PeakCare has no database connection (the database restarts, fails over, refuses
 * connections, or the pool found no free connection within {@code spring.datasource.hikari.connection-timeout}) is
 * not PeakCare's fault and not the caller's: it is answered {@code 503} with {@code Retry-After}, as a problem
 * response, and logged as one line. Every other failure keeps its own answer. Used by {@link DatabaseOutageProblems}
 * for the servlet filters and Spring MVC, and by the engine's REST API (Jersey) through its exception mappers.
 */
public final class DatabaseOutage {

  /** Seconds a client should wait before retrying; a pool recovers within half its connection timeout. */
  public static final int RETRY_AFTER_SECONDS = 5;
  public static final String TITLE = "Service temporarily unavailable";
  public static final String DETAIL = "PeakCare is temporarily unavailable: it cannot reach its database. Nothing of"
      + " this request was saved; please retry in a few seconds.";
  public static final URI TYPE = URI.create("https://peakcare.example/problems/service-unavailable");

  /**
   * SQL states of a lost or refused connection: class 08 (connection exception), PostgreSQL's 57P01-57P03 (the
   * server terminated the session or is shutting down or starting up) and 53300 (too many connections).
   */
  private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "53300");

  /** Hikari's answer (without SQL state) to a statement on a connection it closed because the database dropped it. */
  private static final String CLOSED_BY_POOL = "Connection is closed";

  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  /** Whether the failure, or any of its causes, is a lost or unobtainable database connection. */
  public static boolean causedBy(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException || t instanceof CannotGetJdbcConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && (sql.getSQLState() == null ? CLOSED_BY_POOL.equals(sql.getMessage())
          : sql.getSQLState().startsWith("08") || SQL_STATES.contains(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /** The innermost cause, as {@code Type: message} on one line, for the log. */
  public static String rootCause(Throwable failure) {
    Throwable root = failure;
    int depth = 0;
    while (root.getCause() != null && root.getCause() != root && depth++ < 32) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage().replaceAll("\\s+", " ").trim();
    return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }

  public static ProblemDetail problem(String instance) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
    problem.setTitle(TITLE);
    problem.setType(TYPE);
    if (instance != null) {
      problem.setInstance(URI.create(instance));
    }
    return problem;
  }

  /** The 503 problem response's body. */
  public static String json(String instance) {
    try {
      return JSON.writeValueAsString(problem(instance));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the 503 problem response, unless the response has already gone out. */
  static boolean write(HttpServletResponse response, String instance) throws IOException {
    if (response.isCommitted()) {
      return false;
    }
    response.resetBuffer();
    response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), problem(instance));
    return true;
  }

  private DatabaseOutage() {}
}
