package com.peakcare.engine;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Camunda's identity service, guarded where every login and every profile change passes (HTTP Basic on the APIs,
 * the webapps' login page, the Admin webapp, {@code /engine-rest/user}):
 * <ul>
 *   <li>a password check goes through the {@link PasswordGuard} (security's login throttle, per user and source), and
 *       Camunda's own lasting lock after ten failures is switched off here (it let anyone lock out any account);</li>
 *   <li>only administrators change a user's name or e-mail: a sign-off's printed name comes from the staff
 *       directory, and nobody edits their own (a password change stays everyone's own business);</li>
 *   <li>a password set, a user deleted, a membership removed or a group deleted is announced as
 *       {@link AccountChanged} once it is saved, so that the account's open sessions end (issue 26).</li>
 *   <li>(issue 20) every password a person sets meets the password policy (Camunda's hook, {@code enablePasswordPolicy}
 *       with the {@link PasswordPolicy} bean security provides): refused by every door (Admin, {@code /engine-rest},
 *       the webapps' API) with a 400 naming {@code password} and the rules it breaks, Chinese first. PeakCare's own
 *       seeding (no person acting: the demo users' "demo") is not held to it.</li>
 * </ul>
 */
@Component
class GuardedIdentity extends AbstractProcessEnginePlugin {

  private final ObjectProvider<PasswordGuard> guard;
  private final ApplicationEventPublisher events;
  private final ObjectProvider<PasswordPolicy> policy;

  GuardedIdentity(ObjectProvider<PasswordGuard> guard, ApplicationEventPublisher events,
      ObjectProvider<PasswordPolicy> policy) {
    this.guard = guard;
    this.events = events;
    this.policy = policy;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityService(new Service(guard, events));
    PasswordPolicy rules = policy.getIfAvailable();
    if (rules != null) {
      configuration.setPasswordPolicy(rules);
      configuration.setEnablePasswordPolicy(true);
    }
    // no lasting lock and no engine-side delay: the throttle decides, per user and source
    configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
    configuration.setLoginDelayBase(0);
  }

  static final class Service extends IdentityServiceImpl {
    /** A person's save of a user is running on this thread: a password that breaks the policy is refused in words. */
    private static final ThreadLocal<Boolean> SAVING = new ThreadLocal<>();
    private final ObjectProvider<PasswordGuard> guard;
    private final ApplicationEventPublisher events;

    Service(ObjectProvider<PasswordGuard> guard, ApplicationEventPublisher events) {
      this.guard = guard;
      this.events = events;
    }

    @Override
    public void deleteUser(String userId) {
      super.deleteUser(userId);
      changed(userId, "deleted");
    }

    @Override
    public void deleteMembership(String userId, String groupId) {
      super.deleteMembership(userId, groupId);
      changed(userId, "left group " + groupId);
    }

    @Override
    public void deleteGroup(String groupId) {
      // the members, read in a command of its own: PeakCare's lookup, not a person's list (queryMaxResultsLimit)
      List<String> members = commandExecutor.execute(ctx -> ctx.getProcessEngineConfiguration().getIdentityService()
          .createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList());
      super.deleteGroup(groupId);
      members.forEach(m -> changed(m, "group " + groupId + " deleted"));
    }

    private void changed(String userId, String change) {
      if (userId != null) {
        events.publishEvent(new AccountChanged(userId, change));
      }
    }

    @Override
    public boolean checkPassword(String userId, String password) {
      PasswordGuard g = guard.getIfAvailable();
      if (userId == null || g != null && !g.mayTry(userId)) {
        return false;
      }
      boolean ok = super.checkPassword(userId, password);
      if (g != null) {
        g.checked(userId, ok);
      }
      return ok;
    }

    @Override
    public void saveUser(User user) {
      Authentication actor = getCurrentAuthentication();
      boolean admin = actor != null && actor.getGroupIds() != null && actor.getGroupIds().contains("camunda-admin");
      if (actor != null && actor.getUserId() != null && !admin && user != null && user.getId() != null) {
        User stored = commandExecutor.execute(ctx -> {
          ctx.disableAuthorizationCheck();
          return ctx.getReadOnlyIdentityProvider().findUserById(user.getId());
        });
        if (stored != null && (!Objects.equals(stored.getFirstName(), user.getFirstName())
            || !Objects.equals(stored.getLastName(), user.getLastName())
            || !Objects.equals(stored.getEmail(), user.getEmail()))) {
          throw new AuthorizationException("姓名和邮箱由管理员在员工名录中维护 · Names and e-mail addresses are kept by "
              + "administrators in the staff directory");
        }
      }
      boolean newPassword = user instanceof UserEntity entity && entity.hasNewPassword();
      if (actor == null || actor.getUserId() == null) {
        super.saveUser(user, true); // PeakCare's own seeding (the demo users): not a person choosing a password
      } else {
        SAVING.set(Boolean.TRUE);
        try {
          super.saveUser(user);
        } finally {
          SAVING.remove();
        }
      }
      if (newPassword) {
        changed(user.getId(), "password set");
      }
    }

    /**
     * Camunda's save asks this (UserEntity#checkPasswordAgainstPolicy) before it stores a new password: during a
     * person's save a password that breaks the policy is refused here, naming the rules it breaks (each rule says
     * itself in words, Chinese first), instead of Camunda's "Password does not match policy". Admin's live check of a
     * password it is typing asks the same and just gets the result.
     */
    @Override
    public PasswordPolicyResult checkPasswordAgainstPolicy(String candidatePassword, User user) {
      PasswordPolicyResult result = super.checkPasswordAgainstPolicy(candidatePassword, user);
      if (Boolean.TRUE.equals(SAVING.get()) && !result.isValid()) {
        // Camunda's REST API and webapps answer this kind 400 on every resource (a form refusal only where a form is)
        throw new BadUserRequestException("password: 密码不符合要求 · The password does not meet the policy: "
            + String.join("; ", result.getViolatedRules().stream().map(Object::toString).toList()));
      }
      return result;
    }
  }
}
