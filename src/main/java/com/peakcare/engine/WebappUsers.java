package com.peakcare.engine;

import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;

/**
 * Who is logged in to a webapp session (Tasklist, Cockpit, Admin): Camunda keeps it in the session attribute
 * {@value #ATTRIBUTE} ({@code Authentications}, one per engine; PeakCare has one engine). Read for the per-account rate
 * limit on the webapps' engine API, and written into Spring Session's principal index ({@code PC_SESSION.PRINCIPAL_NAME})
 * so that an account's sessions can be found and ended when the account changes ({@link AccountChanged}).
 * {@code AccountChangeSessionTest} holds the attribute's name and type to Camunda's (a session is found by its user).
 */
public final class WebappUsers {

  /** Camunda's session attribute ({@code AuthenticationUtil.CAM_AUTH_SESSION_KEY}, protected there). */
  static final String ATTRIBUTE = "authenticatedUser";

  private WebappUsers() {}

  /** The user logged in to this webapp session, or null. */
  public static String userOf(HttpSession session) {
    return session == null ? null : userOf(session.getAttribute(ATTRIBUTE));
  }

  private static String userOf(Object attribute) {
    if (attribute instanceof Authentications authentications) {
      for (UserAuthentication user : authentications.getAuthentications()) {
        if (user.getIdentityId() != null) {
          return user.getIdentityId();
        }
      }
    }
    return null;
  }

  /** Spring Session's principal index from Camunda's login (Spring Security's own is empty: the webapps log in). */
  public static <S extends Session> IndexResolver<S> principalIndex() {
    return session -> {
      String user = userOf((Object) session.getAttribute(ATTRIBUTE));
      return user == null ? Map.of() : Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user);
    };
  }
}
