package com.peakcare.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.peakcare.identity.Groups;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic against Camunda's identity service: the users and groups of Admin are the users of the API.
 *
 * <p>Integrators send the same credentials with every call, and checking them costs a user lookup, a salted hash
 * and a group query each time. A successful login is therefore remembered for {@code peakcare.security.login-cache-ttl}
 * (default 30 s, {@code 0s} turns it off), keyed by the user and a SHA-256 of user and password (the password itself
 * is never kept). A failed login is never cached. A password set, a removed user or a removed membership forgets the
 * user's entries on this node at once ({@link AccountSessions}); on other nodes, and for other changes (a new group),
 * the change takes effect on the API up to that long after it is made.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;
  private final LoginThrottle throttle;
  private final Cache<String, List<SimpleGrantedAuthority>> logins;

  CamundaIdentityAuthenticationProvider(IdentityService identityService, LoginThrottle throttle,
      @Value("${peakcare.security.login-cache-ttl:PT30S}") Duration ttl) {
    this.identityService = identityService;
    this.throttle = throttle;
    this.logins = ttl.isZero() || ttl.isNegative() ? null
        : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (user == null || credentials == null) {
      throw new BadCredentialsException("bad credentials");
    }
    String key = logins == null ? null : key(user, credentials.toString());
    List<SimpleGrantedAuthority> authorities = key == null ? null : logins.getIfPresent(key);
    if (authorities == null) {
      var wait = throttle.waitFor(user, LoginThrottle.currentSource());
      if (wait.isPresent()) {
        throw new Throttled(wait.get());
      }
      if (!identityService.checkPassword(user, credentials.toString())) {
        throw new BadCredentialsException("bad credentials");
      }
      authorities = identityService.createGroupQuery().groupMember(user).list().stream()
          .map(Group::getId)
          .map(g -> new SimpleGrantedAuthority(Groups.authority(g)))
          .toList();
      if (key != null) {
        logins.put(key, authorities);
      }
    }
    return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
  }

  /** Forgets every remembered login of this user (any password): its account changed ({@link AccountSessions}). */
  void forget(String user) {
    if (logins != null) {
      logins.asMap().keySet().removeIf(key -> key.startsWith(user + '\u0000'));
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /** Too many failed logins of this user from this address: wait (answered 429 with Retry-After). */
  static final class Throttled extends org.springframework.security.core.AuthenticationException {
    private final Duration wait;

    Throttled(Duration wait) {
      super("too many failed logins: retry after " + wait.toSeconds() + " s");
      this.wait = wait;
    }

    long retryAfterSeconds() {
      return Math.max(1, wait.toSeconds() + (wait.toMillisPart() > 0 ? 1 : 0));
    }
  }

  private static String key(String user, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return user + '\u0000' + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
