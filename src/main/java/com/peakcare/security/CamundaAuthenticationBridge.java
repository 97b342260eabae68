package com.peakcare.security;

import com.peakcare.identity.Groups;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the authenticated user and groups to the engine for the length of an {@code /engine-rest} request, so
 * that Camunda's authorization checks apply to everything the REST API does on the caller's behalf.
 */
class CamundaAuthenticationBridge extends OncePerRequestFilter {

  private static final String PREFIX = Groups.authority("");

  private final IdentityService identityService;

  CamundaAuthenticationBridge(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    // PeakCare's own /api is the gate for its callers; only the engine's API runs as the caller
    if (auth == null || !auth.isAuthenticated() || !request.getRequestURI().startsWith(request.getContextPath() + "/engine-rest")) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = auth.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(PREFIX))
        .map(a -> a.substring(PREFIX.length()))
        .toList();
    identityService.setAuthentication(auth.getName(), groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
