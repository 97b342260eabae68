package com.peakcare.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Writes a problem response from a servlet filter, where no controller advice reaches. */
public final class ProblemWriter {

  // the builder registers the mix-in that writes a problem's extra properties at the top level
  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  public static void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    write(response, problem);
  }

  public static void writeInvalid(HttpServletResponse response, String field, String message) throws IOException {
    write(response, ApiProblems.invalid(List.of(new ApiProblems.FieldProblem(field, message))));
  }

  private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(response.getOutputStream(), problem);
  }

  private ProblemWriter() {}
}
