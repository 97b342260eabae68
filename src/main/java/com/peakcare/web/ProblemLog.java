package com.peakcare.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * One INFO line for every caller's mistake that PeakCare's API answers with a problem response (4xx): what was
 * asked, by whom, and the problem's detail, which names the bad fields. No stack trace: nothing is wrong with
 * PeakCare. At most {@link RefusalLog}'s share of lines a minute per status. Faults (5xx) are logged where they are handled, with their stack trace ({@code ApiProblems}).
 */
@ControllerAdvice
class ProblemLog implements ResponseBodyAdvice<Object> {

  private static final Logger log = LoggerFactory.getLogger(ProblemLog.class);

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
      Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request, ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem && problem.getStatus() >= 400 && problem.getStatus() < 500) {
      RefusalLog.info(log, "api-" + problem.getStatus(), "{} answered {}: {}", describe(request), problem.getStatus(),
          problem.getDetail() == null ? problem.getTitle() : problem.getDetail());
    }
    return body;
  }

  private static String describe(ServerHttpRequest request) {
    String target = request instanceof ServletServerHttpRequest servlet ? target(servlet.getServletRequest())
        : request.getMethod() + " " + request.getURI().getPath();
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null || !auth.isAuthenticated() ? target : target + " by " + auth.getName();
  }

  private static String target(HttpServletRequest request) {
    return request.getMethod() + " " + request.getRequestURI();
  }
}
