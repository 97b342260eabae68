package com.peakcare.security;

import com.peakcare.engine.AccountChanged;
import com.peakcare.engine.WebappUsers;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sessions end when the account changes (issue 26): a password set or reset (Admin webapp, {@code PUT
 * /engine-rest/user/{id}/credentials}), a deleted user, a removed group membership or a deleted group end every
 * webapp session of that account at once, on every node (the sessions live in the database, {@code PC_SESSION}, found
 * by Camunda's login written into Spring Session's principal index); the next request of that browser lands on the
 * login page. A person who changes their own password keeps the session they did it in. Group and authorization changes that do not end a session reach it through Camunda's own
 * authentication cache ({@code camunda.bpm.webapp.auth.cache.time-to-live}, 5 s). The API's remembered Basic logins
 * of the account are forgotten on this node at once ({@link CamundaIdentityAuthenticationProvider#forget}); on other
 * nodes they expire within {@code peakcare.security.login-cache-ttl}.
 */
@Configuration(proxyBeanMethods = false)
class AccountSessions {

  private static final Logger log = LoggerFactory.getLogger(AccountSessions.class);

  private final FindByIndexNameSessionRepository<?> sessions;
  private final CamundaIdentityAuthenticationProvider logins;
  private final com.peakcare.identity.StaffDirectory staff;

  AccountSessions(FindByIndexNameSessionRepository<?> sessions, CamundaIdentityAuthenticationProvider logins,
      com.peakcare.identity.StaffDirectory staff) {
    this.sessions = sessions;
    this.logins = logins;
    this.staff = staff;
  }

  /** Camunda's login is the principal of a webapp session. */
  @Bean
  static SessionRepositoryCustomizer<JdbcIndexedSessionRepository> principalFromCamundaLogin() {
    return repository -> repository.setIndexResolver(WebappUsers.principalIndex());
  }

  @EventListener
  void changed(AccountChanged change) {
    String keep = ownSession(change.userId());
    var ended = sessions.findByPrincipalName(change.userId()).keySet().stream().filter(id -> !id.equals(keep)).toList();
    ended.forEach(sessions::deleteById);
    logins.forget(change.userId());
    staff.forget(change.userId());
    if (!ended.isEmpty()) {
      log.info("account {} {}: {} webapp session(s) ended", change.userId(), change.change(), ended.size());
    }
  }

  /** The session a person changes their own password in stays (they just proved who they are); all others end. */
  private static String ownSession(String userId) {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpSession session = attributes.getRequest().getSession(false);
      if (session != null && userId.equals(WebappUsers.userOf(session))) {
        return session.getId();
      }
    }
    return null;
  }
}
