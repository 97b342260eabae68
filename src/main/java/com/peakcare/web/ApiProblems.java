package com.peakcare.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of PeakCare's API as RFC 7807 problem details ({@code application/problem+json}) that name the
 * bad fields in {@code errors: [{field, message}]}; never a stack trace.
 */
@RestControllerAdvice(basePackages = "com.peakcare")
public class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e) {
    if (e.status() == HttpStatus.BAD_REQUEST && !e.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(invalid(e.errors()));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle(e.title());
    if (e.type() != null) {
      problem.setType(e.type());
    }
    if (!e.errors().isEmpty()) {
      // a refusal that is not a malformed request (409: the order's refund ceiling) still names the field
      problem.setProperty("errors", e.errors().stream().map(FieldProblem::asMap).toList());
    }
    return ResponseEntity.status(e.status()).body(problem);
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> denied(AccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your groups may not do this"));
  }

  /** A checked parameter out of its range (a controller with {@code @Validated}: {@code size=0}, {@code page=-1}). */
  @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
  ResponseEntity<Object> constraint(jakarta.validation.ConstraintViolationException e) {
    List<FieldProblem> errors = e.getConstraintViolations().stream()
        .map(v -> {
          String field = "parameter";
          for (jakarta.validation.Path.Node node : v.getPropertyPath()) {
            if (node.getName() != null) {
              field = node.getName();
            }
          }
          return new FieldProblem(field, v.getMessage());
        })
        .sorted(java.util.Comparator.comparing(FieldProblem::field))
        .collect(Collectors.toList());
    return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(invalid(errors));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    RefusalLog.error(log, "api-fault", "unexpected error behind the API", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.");
    return ResponseEntity.internalServerError().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(f -> new FieldProblem(f.getField(), message(f)))
        .collect(Collectors.toList());
    ex.getBindingResult().getGlobalErrors()
        .forEach(g -> errors.add(new FieldProblem(g.getObjectName(), g.getDefaultMessage())));
    return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    FieldProblem error;
    Throwable cause = ex.getCause();
    if (cause instanceof UnrecognizedPropertyException u) {
      error = new FieldProblem(path(u), "未知字段，本请求没有这个字段 · unknown field: this request has no such field"
          + (u.getKnownPropertyIds() == null || u.getKnownPropertyIds().isEmpty() ? ""
              : " (its fields: " + u.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                  .collect(Collectors.joining(", ")) + ")"));
    } else if (cause instanceof InvalidFormatException f) {
      error = new FieldProblem(path(f), "cannot read \"" + f.getValue() + "\" as " + typeName(f.getTargetType()));
    } else if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
      error = new FieldProblem(path(m), "expected " + typeName(m.getTargetType()));
    } else if (cause instanceof JsonProcessingException j && j.getOriginalMessage() != null
        && j.getOriginalMessage().startsWith("Duplicate field")) {
      // spring.jackson.parser.strict-duplicate-detection: the last of two values must not silently win
      String name = j.getOriginalMessage().replaceAll("^Duplicate field '([^']*)'.*$", "$1");
      error = new FieldProblem(name, "appears more than once in the request: send each field once");
    } else if (cause instanceof JsonProcessingException j && j.getLocation() != null) {
      error = new FieldProblem("body", "malformed JSON at line " + j.getLocation().getLineNr()
          + ", column " + j.getLocation().getColumnNr());
    } else {
      error = new FieldProblem("body", "missing or unreadable request body");
    }
    return handleExceptionInternal(ex, invalid(List.of(error)), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = ex.getParameterValidationResults().stream()
        .flatMap(r -> r.getResolvableErrors().stream().map(e -> new FieldProblem(
            r.getMethodParameter().getParameterName() == null ? "parameter" : r.getMethodParameter().getParameterName(),
            e.getDefaultMessage() == null ? "invalid" : e.getDefaultMessage())))
        .collect(Collectors.toList());
    return handleExceptionInternal(ex, invalid(errors), headers, HttpStatus.BAD_REQUEST, request);
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    FieldProblem error = new FieldProblem(field == null ? "parameter" : field,
        "cannot read \"" + ex.getValue() + "\" as " + typeName(ex.getRequiredType()));
    return handleExceptionInternal(ex, invalid(List.of(error)), headers, HttpStatus.BAD_REQUEST, request);
  }

  static ProblemDetail invalid(List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "Invalid request: " + errors.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", ")));
    problem.setTitle("Invalid request");
    problem.setType(URI.create("https://peakcare.example/problems/invalid-request"));
    problem.setProperty("errors", errors.stream().map(FieldProblem::asMap).toList());
    return problem;
  }

  private static String message(FieldError f) {
    if (f.isBindingFailure()) {
      // a query parameter bound into an object (ListPage): not Spring's conversion message with Java types
      return "cannot read \"" + f.getRejectedValue() + "\" as a whole number";
    }
    return f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage();
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.isEmpty() ? "body" : sb.toString();
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "a value";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return "one of " + java.util.Arrays.toString(constants);
    }
    return type.getSimpleName();
  }

  /** One bad field of a request. */
  public record FieldProblem(String field, String message) {
    Map<String, String> asMap() {
      return Map.of("field", field, "message", message);
    }
  }
}
