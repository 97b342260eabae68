package com.peakcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 20, item 8 of "What must hold": logins. An attacker who sends each guess from another address (a botnet; or
 * forged X-Forwarded-For, see PostgresApplicationTest) meets the account's own ceiling, while the account's owner is
 * not locked out by it from where they work; and a password a person sets meets the password policy on every door,
 * with a Chinese-first message naming the field, while the demo users keep "demo".
 */
@PeakCareTest
class LoginCeilingTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  Http http;

  @BeforeEach
  void setUp() {
    http = new Http(port);
  }

  /** A user of this test only: what others' throttling does to it stays here. */
  private String aUser(String password) {
    String id = "guest" + UUID.randomUUID().toString().substring(0, 8);
    User user = identityService.newUser(id);
    user.setFirstName("Test");
    user.setLastName("User");
    user.setPassword(password);
    identityService.saveUser(user);
    identityService.createMembership(id, "all-staff");
    return id;
  }

  @Test
  void guessesFromEverChangingAddressesMeetTheAccountsCeilingButItsOwnerStillLogsIn() {
    String user = aUser("Right-Horse-42");
    // the owner works from 127.0.0.10
    assertThat(http.statusFrom("127.0.0.10", "/api/me", user, "Right-Horse-42")).isEqualTo(200);

    // 21 guesses, each from another address: every one is checked (no address has 5 failures); past the account's
    // 20 free failures its ceiling holds: the next address, new to this account, waits even with the right password
    for (int i = 0; i < 21; i++) {
      assertThat(http.statusFrom("127.0.1." + (i + 1), "/api/me", user, "guess-" + i)).as("guess " + i).isEqualTo(401);
    }
    // ten more, again each from a new address: the account's ceiling refuses them without checking (a guess gets
    // through only when the delay, 1 s growing to max-delay, has passed: LoginThrottleTest holds the timing)
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      refused += http.statusFrom("127.0.2." + (i + 1), "/api/me", user, "guess-x" + i) == 429 ? 1 : 0;
    }
    assertThat(refused).as("guesses from new addresses refused by the account's ceiling").isGreaterThanOrEqualTo(7);
    // the owner's own address is not locked by someone else's choice of address
    assertThat(http.statusFrom("127.0.0.10", "/api/me", user, "Right-Horse-42")).isEqualTo(200);
  }

  @Test
  void aNewPasswordMeetsThePolicyOnEveryDoorInWords() throws Exception {
    String user = aUser("Right-Horse-42");
    String path = "/engine-rest/user/" + user + "/credentials";
    for (String weak : new String[] {"short1", "password123", "Password123", "88888888", user + "-2026"}) {
      HttpResponse<String> res = http.send(http.request(path, null)
          .header("Authorization", basic(user, "Right-Horse-42")).header("Content-Type", "application/json")
          .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"" + weak + "\","
              + "\"authenticatedUserPassword\":\"Right-Horse-42\"}")).build());
      assertThat(res.statusCode()).as(weak + ": " + res.body()).isEqualTo(400);
      JsonNode problem = JSON.readTree(res.body());
      assertThat(problem.path("message").asText()).as(weak).startsWith("password: 密码不符合要求")
          .doesNotContain("Exception");
    }
    assertThat(identityService.checkPassword(user, "Right-Horse-42")).as("nothing changed").isTrue();

    // an administrator setting someone's password in Admin is held to it too
    HttpResponse<String> byAdmin = http.put(path, "demo", "{\"password\":\"qwerty123\",\"authenticatedUserPassword\":"
        + "\"demo\"}");
    assertThat(byAdmin.statusCode()).isEqualTo(400);
    assertThat(byAdmin.body()).contains("不能是常见密码");
    // a good one is taken
    HttpResponse<String> ok = http.send(http.request(path, null)
        .header("Authorization", basic(user, "Right-Horse-42")).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"Blue-Lantern-77\","
            + "\"authenticatedUserPassword\":\"Right-Horse-42\"}")).build());
    assertThat(ok.statusCode()).isEqualTo(204);
    assertThat(identityService.checkPassword(user, "Blue-Lantern-77")).isTrue();
    // Admin's live check while one types shows each rule, the common list's in Chinese
    HttpResponse<String> policy = http.get("/engine-rest/identity/password-policy", "demo");
    assertThat(policy.body()).contains("PASSWORD_POLICY_LENGTH").contains("PASSWORD_POLICY_COMMON")
        .contains("PASSWORD_POLICY_USER_DATA");
  }

  @Test
  void theDemoUsersKeepTheirSeededPassword() {
    assertThat(identityService.checkPassword("cslead2", "demo")).as("seeded: the policy is for people").isTrue();
  }

  private static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
