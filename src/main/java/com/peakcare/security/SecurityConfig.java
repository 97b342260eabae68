package com.peakcare.security;

import com.peakcare.web.CrossSiteGuard;
import com.peakcare.web.PathGuard;
import com.peakcare.web.ProblemWriter;
import com.peakcare.web.RequestSizeLimit;
import com.peakcare.web.ServiceListings;
import static com.peakcare.identity.Groups.CAMUNDA_ADMIN;
import static com.peakcare.identity.Groups.authority;

import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Security on by default. Two chains:
 * <ul>
 *   <li>the APIs ({@code /api}, {@code /engine-rest}, OpenAPI, actuator): stateless HTTP Basic against Camunda's
 *       users; 401/403 as problem responses; the engine sees the caller, so its authorization checks apply;</li>
 *   <li>the webapps ({@code /camunda}): Camunda's own login and session; the first-user setup endpoint is refused
 *       whatever the state of the database.</li>
 * </ul>
 */
@Configuration
@EnableMethodSecurity
@org.springframework.boot.context.properties.EnableConfigurationProperties(RateLimits.Settings.class)
class SecurityConfig {

  @Bean
  @Order(1)
  SecurityFilterChain apiChain(HttpSecurity http, IdentityService identityService,
      @org.springframework.beans.factory.annotation.Value("${peakcare.web.allowed-origins:}")
      java.util.Set<String> allowedOrigins) throws Exception {
    // path patterns on the whole path: /engine-rest is Jersey's servlet, not Spring MVC's
    // the OpenAPI document as YAML too: "/v3/api-docs/**" does not match "/v3/api-docs.yaml"
    http.securityMatcher(paths("/api/**", "/engine-rest/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
            "/swagger-ui/**", "/swagger-ui.html", "/actuator/**"))
        .authorizeHttpRequests(a -> a
            .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
            .requestMatchers(paths("/actuator/**")).hasAuthority(authority(CAMUNDA_ADMIN))
            .anyRequest().authenticated())
        .httpBasic(b -> b.realmName("PeakCare").authenticationEntryPoint((req, res, e) -> {
          if (e instanceof CamundaIdentityAuthenticationProvider.Throttled throttled) {
            res.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
            ProblemWriter.write(res, HttpStatus.TOO_MANY_REQUESTS, "登录失败次数过多，请 " + throttled.retryAfterSeconds()
                + " 秒后再试 · Too many failed logins: try again in " + throttled.retryAfterSeconds() + " s");
            return;
          }
          res.setHeader("WWW-Authenticate", "Basic realm=\"PeakCare\"");
          ProblemWriter.write(res, HttpStatus.UNAUTHORIZED, "Authentication required (HTTP Basic)");
        }))
        .exceptionHandling(x -> x.accessDeniedHandler((req, res, e) ->
            ProblemWriter.write(res, HttpStatus.FORBIDDEN, "Your groups may not do this")))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // no session, no CSRF token: a browser's cached Basic credentials are kept from other sites' pages by
        // CrossSiteGuard (issue 26), after the login so that a page without it still sees 401; the webapps have
        // their own CSRF filter
        .csrf(c -> c.disable())
        .addFilterAfter(new CrossSiteGuard(allowedOrigins), AuthorizationFilter.class)
        .addFilterAfter(new CamundaAuthenticationBridge(identityService), CrossSiteGuard.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain webappChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a
            // Camunda 7.24 community lets anyone create the first admin here; an admin always exists, refuse anyway
            .requestMatchers(paths("/camunda/api/admin/setup/**")).denyAll()
            // Camunda's own authentication filter guards the webapps' APIs and login
            .anyRequest().permitAll())
        .exceptionHandling(x -> x.accessDeniedHandler((req, res, e) ->
            ProblemWriter.write(res, HttpStatus.FORBIDDEN, "Refused")))
        .csrf(c -> c.disable())
        .headers(h -> h.frameOptions(f -> f.sameOrigin()));
    return http.build();
  }

  private static RequestMatcher paths(String... patterns) {
    return new OrRequestMatcher(Arrays.stream(patterns)
        .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p))
        .toList());
  }

  /** Before anything else: an encoded or dotted path that means another servlet than it says is a 400. */
  @Bean
  FilterRegistrationBean<PathGuard> pathGuard() {
    FilterRegistrationBean<PathGuard> registration = new FilterRegistrationBean<>(new PathGuard());
    registration.addUrlPatterns("/*");
    registration.setName("pathGuard");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** The engine's APIs look their engine up by a service loader per request: its provider files, read once. */
  @Bean
  FilterRegistrationBean<ServiceListings> serviceListings() {
    FilterRegistrationBean<ServiceListings> registration =
        new FilterRegistrationBean<>(new ServiceListings());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setName("serviceListings");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  /** Each request's client address, for the login throttle (per user and source). */
  @Bean
  FilterRegistrationBean<LoginThrottle.ClientAddress> clientAddress() {
    FilterRegistrationBean<LoginThrottle.ClientAddress> registration =
        new FilterRegistrationBean<>(new LoginThrottle.ClientAddress());
    registration.addUrlPatterns("/*");
    registration.setName("clientAddress");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  /** Spring Security's firewall refusals (double slashes, encoded slashes…) as 400 problems, without a stack trace. */
  @Bean
  org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
    return (request, response, e) -> {
      com.peakcare.web.RefusalLog.info(org.slf4j.LoggerFactory.getLogger(PathGuard.class), "path",
          "refused request {}: {}", request.getRequestURI(), e.getMessage());
      ProblemWriter.write(response, HttpStatus.BAD_REQUEST, "请求路径不合规范 · The request path is not in its plain "
          + "form: " + e.getMessage());
    };
  }

  /** Every API's request bodies are bounded (413 beyond). */
  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
      @org.springframework.beans.factory.annotation.Value("${peakcare.web.max-body:1MB}")
      org.springframework.util.unit.DataSize max) {
    FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
        new RequestSizeLimit(max.toBytes()));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    registration.setName("requestSizeLimit");
    registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 2);
    return registration;
  }

  /** One account's requests of a costly kind are bounded (429 beyond), before their bodies are read (issue 26). */
  @Bean
  FilterRegistrationBean<RateLimits> rateLimits(RateLimits.Settings settings) {
    FilterRegistrationBean<RateLimits> registration = new FilterRegistrationBean<>(new RateLimits(settings));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/engine/*");
    registration.setName("rateLimits");
    registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 3);
    return registration;
  }

  /** Every API's JSON bodies are bounded in depth and array length (400 beyond), after their size (issue 20). */
  @Bean
  FilterRegistrationBean<com.peakcare.web.JsonLimits> jsonLimits(
      @org.springframework.beans.factory.annotation.Value("${peakcare.web.json.max-depth:20}") int maxDepth,
      @org.springframework.beans.factory.annotation.Value("${peakcare.web.json.max-array-entries:1000}") int maxEntries) {
    FilterRegistrationBean<com.peakcare.web.JsonLimits> registration = new FilterRegistrationBean<>(
        new com.peakcare.web.JsonLimits(maxDepth, maxEntries));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    registration.setName("jsonLimits");
    registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 1);
    return registration;
  }
}
