package com.peakcare.engine;

import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Camunda's identity service, guarded where every login and every profile change passes (HTTP Basic on the APIs,
 * the webapps' login page, the Admin webapp, {@code /engine-rest/user}):
 * <ul>
 *   <li>a password check goes through the {@link PasswordGuard} (security's login throttle, per user and source), and
 *       Camunda's own lasting lock after ten failures is switched off here (it let anyone lock out any account);</li>
 *   <li>only administrators change a user's name or e-mail: a sign-off's printed name comes from the staff
 *       directory, and nobody edits their own (a password change stays everyone's own business).</li>
 * </ul>
 */
@Component
class GuardedIdentity extends AbstractProcessEnginePlugin {

  private final ObjectProvider<PasswordGuard> guard;

  GuardedIdentity(ObjectProvider<PasswordGuard> guard) {
    this.guard = guard;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityService(new Service(guard));
    // no lasting lock and no engine-side delay: the throttle decides, per user and source
    configuration.setLoginMaxAttempts(Integer.MAX_VALUE);
    configuration.setLoginDelayBase(0);
  }

  static final class Service extends IdentityServiceImpl {
    private final ObjectProvider<PasswordGuard> guard;

    Service(ObjectProvider<PasswordGuard> guard) {
      this.guard = guard;
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
      super.saveUser(user);
    }
  }
}
