package com.peakcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.support.Accounts;
import com.peakcare.support.Http;
import com.peakcare.support.WebappSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 26, row 4 and point 4, as the attack: a thief holds an agent's open Tasklist session (a real webapp session:
 * Camunda's login, cookie and XSRF token) while an administrator resets the stolen account's password. The session ends
 * at once, on every door that changes an account: the password reset over {@code /engine-rest}, the user's own change
 * in the webapps (which keeps the session it was made in), a deleted user, a removed group membership. The API's remembered Basic login of the old password is
 * forgotten as well (it used to work for another 30 s).
 */
@PeakCareTest
class AccountChangeSessionTest {

  private static final String PROFILE = "/camunda/api/engine/engine/default/user/%s/profile";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired JdbcTemplate jdbc;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  /** A fresh agent with password "demo", so no other test's sessions or caches count. */
  private String anAgent() {
    return Accounts.fresh(identity, "thief", "after-sales");
  }

  private WebappSession loggedIn(String user) {
    WebappSession session = WebappSession.login(port, user);
    assertThat(session.loginStatus()).isEqualTo(200);
    assertThat(session.get(PROFILE.formatted(user)).statusCode()).as("the session works").isEqualTo(200);
    assertThat(jdbc.queryForObject("select count(*) from PC_SESSION where PRINCIPAL_NAME = ?", Integer.class, user))
        .as("the session is found by its user").isPositive();
    return session;
  }

  @Test
  void anAdministratorsPasswordResetOverTheEngineApiEndsTheOpenSession() {
    String user = anAgent();
    WebappSession thief = loggedIn(user);

    var reset = http.put("/engine-rest/user/" + user + "/credentials", "demo",
        "{\"password\":\"Neu-Passwort-2026\",\"authenticatedUserPassword\":\"demo\"}");

    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
    assertThat(thief.get(PROFILE.formatted(user)).statusCode()).isEqualTo(401);
    assertThat(jdbc.queryForObject("select count(*) from PC_SESSION where PRINCIPAL_NAME = ?", Integer.class, user))
        .isZero();
  }

  @Test
  void theOwnersPasswordChangeInTheWebappsEndsTheirOtherSessions() {
    String user = anAgent();
    WebappSession thief = loggedIn(user);
    WebappSession owner = loggedIn(user);

    var change = owner.put("/camunda/api/engine/engine/default/user/" + user + "/credentials",
        "{\"password\":\"Mein-Neues-2026\",\"authenticatedUserPassword\":\"demo\"}");

    assertThat(change.statusCode()).as(change.body()).isEqualTo(204);
    assertThat(thief.get(PROFILE.formatted(user)).statusCode()).isEqualTo(401);
    assertThat(owner.get(PROFILE.formatted(user)).statusCode()).as("the session the owner changed it in").isEqualTo(200);
  }

  @Test
  void aDeletedUserOrARemovedMembershipEndsTheSession() {
    String deleted = anAgent();
    String moved = anAgent();
    WebappSession deletedSession = loggedIn(deleted);
    WebappSession movedSession = loggedIn(moved);

    assertThat(http.send(http.request("/engine-rest/user/" + deleted, "demo").DELETE().build()).statusCode())
        .isEqualTo(204);
    assertThat(http.send(http.request("/engine-rest/group/after-sales/members/" + moved, "demo").DELETE().build())
        .statusCode()).isEqualTo(204);

    assertThat(deletedSession.get(PROFILE.formatted(deleted)).statusCode()).isEqualTo(401);
    assertThat(movedSession.get(PROFILE.formatted(moved)).statusCode()).isEqualTo(401);
  }

  @Test
  void theApiForgetsTheOldPasswordAtOnce() {
    String user = anAgent();
    assertThat(http.get("/api/me", user, "demo").statusCode()).isEqualTo(200); // remembered from now on

    User stored = identity.createUserQuery().userId(user).singleResult();
    stored.setPassword("Neu-Passwort-2026");
    identity.saveUser(stored);

    assertThat(http.get("/api/me", user, "demo").statusCode()).as("the old password, right after the change")
        .isEqualTo(401);
    assertThat(http.get("/api/me", user, "Neu-Passwort-2026").statusCode()).isEqualTo(200);
  }
}
