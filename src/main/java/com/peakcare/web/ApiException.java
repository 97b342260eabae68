package com.peakcare.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A business refusal of the API, answered as a problem response (see {@link ApiProblems}). */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final List<ApiProblems.FieldProblem> errors;
  private final java.net.URI type;

  public ApiException(HttpStatus status, String title, String detail, List<ApiProblems.FieldProblem> errors) {
    this(status, title, detail, errors, null);
  }

  /** A refusal of its own kind ({@code type}: the problem's URI, e.g. the refund ceiling's), naming the fields. */
  public ApiException(HttpStatus status, String title, String detail, List<ApiProblems.FieldProblem> errors,
      java.net.URI type) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.type = type;
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " does not exist", List.of());
  }

  public static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of());
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
  }

  /** A 400 naming one bad field. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: " + field,
        List.of(new ApiProblems.FieldProblem(field, message)));
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<ApiProblems.FieldProblem> errors() {
    return errors;
  }

  public java.net.URI type() {
    return type;
  }
}
