package com.peakcare.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * PeakCare's password policy (issue 20), Camunda's own hook (engine.GuardedIdentity installs it and turns
 * {@code enablePasswordPolicy} on): every password a person sets, in Admin, through {@code /engine-rest} or the
 * webapps' API, is at least {@value #MIN_LENGTH} characters, is not on the list of common passwords kept in the
 * repository ({@code common-passwords.txt} beside this class), and does not contain the user id. Admin shows the rules
 * while one types (their placeholders are translated in its locales). PeakCare's own seeding (the demo users, whose
 * password is "demo") is not held to it; the administrator configured for production is (IdentityBootstrap).
 */
@Component
class PasswordRules implements PasswordPolicy {

  static final int MIN_LENGTH = 8;
  private final Set<String> common = load();

  @Override
  public List<PasswordPolicyRule> getRules() {
    return List.of(new Length(), new NotCommon(common), new NotTheUserId());
  }

  static Set<String> load() {
    try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing beside " + PasswordRules.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new IllegalStateException("common-passwords.txt is unreadable", e);
    }
  }

  /** Camunda's own placeholder: Admin shows "8 个字符". */
  static final class Length implements PasswordPolicyRule {
    @Override
    public String getPlaceholder() {
      return "PASSWORD_POLICY_LENGTH";
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of("minLength", String.valueOf(MIN_LENGTH));
    }

    @Override
    public boolean execute(String password) {
      return password != null && password.codePointCount(0, password.length()) >= MIN_LENGTH;
    }

    @Override
    public String toString() {
      return "至少 " + MIN_LENGTH + " 个字符 · at least " + MIN_LENGTH + " characters";
    }
  }

  /** PeakCare's placeholder, translated in Admin's locales/zh.json. */
  static final class NotCommon implements PasswordPolicyRule {
    private final Set<String> common;

    NotCommon(Set<String> common) {
      this.common = common;
    }

    @Override
    public String getPlaceholder() {
      return "PASSWORD_POLICY_COMMON";
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of();
    }

    @Override
    public boolean execute(String password) {
      return password != null && !common.contains(password.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return "不能是常见密码 · not a common password";
    }
  }

  /** Camunda's placeholder for user data ("不能包含用户信息"), held to the user id only: a first name is no secret. */
  static final class NotTheUserId implements PasswordPolicyRule {
    @Override
    public String getPlaceholder() {
      return "PASSWORD_POLICY_USER_DATA";
    }

    @Override
    public Map<String, String> getParameters() {
      return Map.of();
    }

    @Override
    public boolean execute(String password) {
      return true;
    }

    @Override
    public boolean execute(String password, User user) {
      if (password == null || user == null || user.getId() == null || user.getId().isBlank()) {
        return password != null;
      }
      return !password.toLowerCase(Locale.ROOT).contains(user.getId().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return "不能包含用户名 · not containing the user id";
    }
  }
}
