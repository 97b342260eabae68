package com.peakcare.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import com.peakcare.engine.PasswordGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins are throttled per account AND source address, with a growing delay, instead of Camunda's lasting
 * lock (which anyone who knows a user name could use to shut that user out, the integration account and the only
 * administrator included). The first {@code free-attempts} failures cost nothing (typos); after each further one the
 * pair waits {@code base-delay} × 2ⁿ, at most {@code max-delay}; while it waits, a login from that source is refused
 * without even checking the password. A success clears the pair; a pair left alone is forgotten after 15 minutes. So
 * an attack from one address never locks the user out from another, and the right password works again at most
 * {@code max-delay} after an attack stops. Every throttling is logged.
 */
@Component
public class LoginThrottle implements PasswordGuard {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final int freeAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Clock clock;
  private final Cache<String, Attempts> attempts = Caffeine.newBuilder()
      .expireAfterAccess(Duration.ofMinutes(15)).maximumSize(100_000).build();

  @org.springframework.beans.factory.annotation.Autowired
  LoginThrottle(@Value("${peakcare.security.login-throttle.free-attempts:5}") int freeAttempts,
      @Value("${peakcare.security.login-throttle.base-delay:PT1S}") Duration baseDelay,
      @Value("${peakcare.security.login-throttle.max-delay:PT60S}") Duration maxDelay) {
    this(freeAttempts, baseDelay, maxDelay, Clock.systemUTC());
  }

  LoginThrottle(int freeAttempts, Duration baseDelay, Duration maxDelay, Clock clock) {
    this.freeAttempts = freeAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
  }

  private record Attempts(int failures, Instant blockedUntil) {}

  /** The engine's password check, from the current request's source: refused while the pair waits. */
  @Override
  public boolean mayTry(String userId) {
    return waitFor(userId, currentSource()).isEmpty();
  }

  @Override
  public void checked(String userId, boolean ok) {
    if (ok) {
      succeeded(userId, currentSource());
    } else {
      failed(userId, currentSource());
    }
  }

  /** How long this user must still wait before logging in from this source, if at all. */
  public Optional<Duration> waitFor(String user, String source) {
    Attempts a = attempts.getIfPresent(key(user, source));
    if (a == null || a.blockedUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), a.blockedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  public void failed(String user, String source) {
    Attempts a = attempts.asMap().merge(key(user, source), new Attempts(1, null),
        (old, one) -> new Attempts(old.failures() + 1, null));
    int over = a.failures() - freeAttempts;
    if (over > 0) {
      Duration delay = baseDelay.multipliedBy(1L << Math.min(over - 1, 20));
      delay = delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
      attempts.put(key(user, source), new Attempts(a.failures(), clock.instant().plus(delay)));
      log.warn("login of {} from {} throttled for {} s after {} failed attempts", user, source, delay.toSeconds(),
          a.failures());
    }
  }

  public void succeeded(String user, String source) {
    attempts.invalidate(key(user, source));
  }

  private static String key(String user, String source) {
    return user + '\u0000' + source;
  }

  private static final ThreadLocal<String> SOURCE = new ThreadLocal<>();

  /** The address the current request comes from (behind a trusted proxy, the client's), or "local". */
  public static String currentSource() {
    String source = SOURCE.get();
    return source == null ? "local" : source;
  }

  /**
   * Remembers each request's client address for the logins it makes, before any other filter (Spring Security's
   * HTTP Basic and the webapps' login both check passwords through the engine, which knows no request).
   */
  static final class ClientAddress extends org.springframework.web.filter.OncePerRequestFilter {
    @Override
    protected void doFilterInternal(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
        jakarta.servlet.FilterChain chain) throws jakarta.servlet.ServletException, java.io.IOException {
      SOURCE.set(request.getRemoteAddr());
      try {
        chain.doFilter(request, response);
      } finally {
        SOURCE.remove();
      }
    }
  }
}
