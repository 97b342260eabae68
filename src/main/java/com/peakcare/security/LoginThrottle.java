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
 * without even checking the password. A success clears the pair; a pair left alone is forgotten after 15 minutes.
 *
 * <p>Issue 20: an attacker with many addresses (a botnet, or forged X-Forwarded-For before only trusted proxies were
 * believed) got a fresh allowance per address. So the account has a ceiling of its own, whatever the source: after
 * {@code account-free-attempts} failures from anywhere, every try from an address that has not logged in as this user
 * in the last 24 hours waits the same growing delay (at most {@code max-delay}). The balance between lockout and
 * guessing: guesses against one account are held to about one per {@code max-delay} however many addresses send them
 * (a minute by default: some 1,440 a day, against passwords of 8 characters or more that are on no common list),
 * while the real user is never locked out by someone else's choice of address: from an address they logged in from
 * lately they are not held back by the account's ceiling at all, and from a new one they wait at most
 * {@code max-delay}, and only while the attack goes on. Every throttling is logged.
 */
@Component
public class LoginThrottle implements PasswordGuard {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final int freeAttempts;
  private final int accountFreeAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Clock clock;
  private final Cache<String, Attempts> attempts = Caffeine.newBuilder()
      .expireAfterAccess(Duration.ofMinutes(15)).maximumSize(100_000).build();
  /** user + source of a successful login in the last 24 h: the account's ceiling does not hold that source back. */
  private final Cache<String, Boolean> known = Caffeine.newBuilder()
      .expireAfterWrite(Duration.ofHours(24)).maximumSize(100_000).build();

  @org.springframework.beans.factory.annotation.Autowired
  LoginThrottle(@Value("${peakcare.security.login-throttle.free-attempts:5}") int freeAttempts,
      @Value("${peakcare.security.login-throttle.account-free-attempts:20}") int accountFreeAttempts,
      @Value("${peakcare.security.login-throttle.base-delay:PT1S}") Duration baseDelay,
      @Value("${peakcare.security.login-throttle.max-delay:PT60S}") Duration maxDelay) {
    this(freeAttempts, accountFreeAttempts, baseDelay, maxDelay, Clock.systemUTC());
  }

  LoginThrottle(int freeAttempts, int accountFreeAttempts, Duration baseDelay, Duration maxDelay, Clock clock) {
    this.freeAttempts = freeAttempts;
    this.accountFreeAttempts = accountFreeAttempts;
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

  /**
   * How long this user must still wait before logging in from this source, if at all: the pair's own wait, else the
   * account's (not for a source the user logged in from in the last 24 hours).
   */
  public Optional<Duration> waitFor(String user, String source) {
    Optional<Duration> pair = left(attempts.getIfPresent(key(user, source)));
    if (pair.isPresent() || known.getIfPresent(key(user, source)) != null) {
      return pair;
    }
    return left(attempts.getIfPresent(accountKey(user)));
  }

  private Optional<Duration> left(Attempts a) {
    if (a == null || a.blockedUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), a.blockedUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  public void failed(String user, String source) {
    count(key(user, source), freeAttempts, "login of " + user + " from " + source);
    count(accountKey(user), accountFreeAttempts, "login of " + user + " from any new address (account ceiling)");
  }

  private void count(String key, int free, String what) {
    Attempts a = attempts.asMap().merge(key, new Attempts(1, null),
        (old, one) -> new Attempts(old.failures() + 1, old.blockedUntil()));
    int over = a.failures() - free;
    if (over > 0) {
      Duration delay = baseDelay.multipliedBy(1L << Math.min(over - 1, 20));
      delay = delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
      attempts.put(key, new Attempts(a.failures(), clock.instant().plus(delay)));
      log.warn("{} throttled for {} s after {} failed attempts", what, delay.toSeconds(), a.failures());
    }
  }

  public void succeeded(String user, String source) {
    attempts.invalidate(key(user, source));
    known.put(key(user, source), Boolean.TRUE);
  }

  private static String key(String user, String source) {
    return user + '\u0000' + source;
  }

  /** The account's own counter (a key no source can produce: a source never starts with a NUL). */
  private static String accountKey(String user) {
    return user + "\u0000\u0000*";
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
