package com.peakcare.identity;

import static com.peakcare.identity.Groups.AFTER_SALES;
import static com.peakcare.identity.Groups.ALL_STAFF;
import static com.peakcare.identity.Groups.AUDITORS;
import static com.peakcare.identity.Groups.CAMUNDA_ADMIN;
import static com.peakcare.identity.Groups.INTEGRATORS;
import static com.peakcare.identity.Groups.OPS;
import static com.peakcare.identity.Groups.SUPERVISORS;
import static com.peakcare.identity.Groups.UX;
import static com.peakcare.identity.Groups.WAREHOUSE;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Permissions.READ_INSTANCE;

import com.peakcare.cluster.StartupLock;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs once the engine is built and before the web server accepts requests: PeakCare's groups and their
 * authorizations, the configured administrator, the demo users on the embedded default, and the guarantee
 * that an administrator exists before the webapps serve (so their first-user setup page never applies).
 */
@Component
class IdentityBootstrap implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
  static final String DEMO_PASSWORD = "demo";

  /** user, first name, last name, department, superior, groups besides all-staff, printed name. */
  private static final List<String[]> DEMO_STAFF = List.of(
      new String[] {"demo", "Demo", "Admin", "management", null, CAMUNDA_ADMIN, "系统管理员"},
      new String[] {"setter1", "Lin", "Wei", OPS, "opslead", OPS, "林伟"},
      new String[] {"peer1", "Zhao", "Min", OPS, "opslead", OPS, "赵敏"},
      new String[] {"opslead", "Chen", "Jing", OPS, "demo", OPS + "," + SUPERVISORS, "陈静"},
      new String[] {"ux1", "Wang", "Fang", UX, "uxlead", UX, "王芳"},
      new String[] {"uxlead", "Liu", "Yang", UX, "demo", UX + "," + SUPERVISORS, "刘洋"},
      new String[] {"staff1", "Sun", "Li", "general", "opslead", "", "孙丽"},
      new String[] {"staff2", "Zhou", "Tao", "general", "opslead", "", "周涛"},
      new String[] {"agent1", "Wu", "Hui", AFTER_SALES, "cslead", AFTER_SALES, "吴慧"},
      new String[] {"agent2", "Zheng", "Lei", AFTER_SALES, "cslead", AFTER_SALES, "郑磊"},
      new String[] {"cslead", "Huang", "Mei", AFTER_SALES, "demo", AFTER_SALES + "," + SUPERVISORS, "黄梅"},
      // a second after-sales supervisor (issue 20): four-eyes on money needs two of them
      new String[] {"cslead2", "Ma", "Lin", AFTER_SALES, "demo", AFTER_SALES + "," + SUPERVISORS, "马琳"},
      new String[] {"warehouse1", "Xu", "Qiang", WAREHOUSE, "cslead", WAREHOUSE, "徐强"},
      // the departments' leads the review meeting routes problems to (issue 21): warehouse, purchasing and QC
      new String[] {"whlead", "Qian", "Jun", WAREHOUSE, "demo", WAREHOUSE + "," + SUPERVISORS, "钱军"},
      new String[] {"qclead", "Ma", "Lan", "purchasing", "demo", SUPERVISORS, "马兰"},
      new String[] {"auditor1", "He", "Ping", "audit", "demo", AUDITORS, "何平"});

  private final IdentityService identityService;
  private final AccessRules access;
  private final StaffDirectory staff;
  private final StartupLock startupLock;
  private final java.util.List<FeatureGrants> featureGrants;
  private final boolean demo;
  private final String adminUser;
  private final String adminPassword;

  IdentityBootstrap(
      IdentityService identityService,
      AccessRules access,
      StaffDirectory staff,
      StartupLock startupLock,
      java.util.List<FeatureGrants> featureGrants,
      @Value("${peakcare.demo:false}") boolean demo,
      @Value("${peakcare.admin.user:}") String adminUser,
      @Value("${peakcare.admin.password:}") String adminPassword) {
    this.identityService = identityService;
    this.access = access;
    this.staff = staff;
    this.startupLock = startupLock;
    this.featureGrants = featureGrants;
    this.demo = demo;
    this.adminUser = adminUser;
    this.adminPassword = adminPassword;
  }

  @Override
  public void afterSingletonsInstantiated() {
    // nodes starting together on an empty database take turns, or both create "ops" and one dies (StartupLock)
    startupLock.run(this::bootstrap);
  }

  private void bootstrap() {
    Groups.ALL.forEach(g -> ensureGroup(g[0], g[1]));
    grantBaseAccess();
    featureGrants.forEach(feature -> feature.grant(access));
    if (!adminUser.isBlank() && !adminPassword.isBlank()) {
      requireStrongAdminPassword();
      ensureUser(adminUser, "PeakCare", "Admin", adminPassword);
      ensureMember(adminUser, CAMUNDA_ADMIN);
    }
    if (demo) {
      createDemoStaff();
    }
    if (identityService.createUserQuery().memberOfGroup(CAMUNDA_ADMIN).count() == 0) {
      throw new IllegalStateException("No administrator: set PEAKCARE_ADMIN_USER and PEAKCARE_ADMIN_PASSWORD "
          + "(or PEAKCARE_DEMO=true for the demo users). PeakCare does not start without one, so that the "
          + "webapps' first-user setup can never be used.");
    }
  }

  /**
   * The production administrator's password meets the password policy (issue 20): PeakCare's own saves are not held to
   * it (so the demo users keep "demo"), so it is checked here, before the administrator is created.
   */
  private void requireStrongAdminPassword() {
    if (identityService.createUserQuery().userId(adminUser).count() > 0) {
      return;
    }
    var result = identityService.checkPasswordAgainstPolicy(adminPassword, identityService.newUser(adminUser));
    if (!result.isValid()) {
      throw new IllegalStateException("PEAKCARE_ADMIN_PASSWORD does not meet the password policy: " + String.join("; ",
          result.getViolatedRules().stream().map(Object::toString).toList()));
    }
  }

  private void grantBaseAccess() {
    access.grantAll(CAMUNDA_ADMIN, Resources.values());
    for (String group : List.of(ALL_STAFF, OPS, UX, AFTER_SALES, WAREHOUSE, SUPERVISORS)) {
      access.grant(group, Resources.APPLICATION, "tasklist", ACCESS);
    }
    for (String group : List.of(SUPERVISORS, AUDITORS)) {
      access.grant(group, Resources.APPLICATION, "cockpit", ACCESS);
      access.grant(group, Resources.PROCESS_DEFINITION, AccessRules.ANY, READ, READ_INSTANCE, READ_HISTORY);
      access.grant(group, Resources.DECISION_DEFINITION, AccessRules.ANY, READ, READ_HISTORY);
      access.grant(group, Resources.DEPLOYMENT, AccessRules.ANY, READ);
    }
    // staff see who their colleagues are (hand-over, names on tasks) and the definitions of their tasks
    access.grant(ALL_STAFF, Resources.USER, AccessRules.ANY, READ);
    access.grant(ALL_STAFF, Resources.GROUP, AccessRules.ANY, READ);
    access.grant(ALL_STAFF, Resources.PROCESS_DEFINITION, AccessRules.ANY, READ);
    access.grant(INTEGRATORS, Resources.PROCESS_DEFINITION, AccessRules.ANY, READ);
  }

  private void createDemoStaff() {
    for (String[] s : DEMO_STAFF) {
      boolean created = ensureUser(s[0], s[1], s[2], DEMO_PASSWORD);
      ensureMember(s[0], ALL_STAFF);
      for (String group : s[5].split(",")) {
        if (!group.isBlank()) {
          ensureMember(s[0], group);
        }
      }
      if (created) {
        staff.assign(s[0], s[3], s[4]);
        staff.name(s[0], s[6]);
      }
    }
    boolean shopCreated = ensureUser("shop1", "Shop", "Integration", DEMO_PASSWORD);
    ensureMember("shop1", INTEGRATORS);
    if (shopCreated) {
      staff.assign("shop1", "integration", null);
      log.info("demo users created (password \"{}\")", DEMO_PASSWORD);
    }
  }

  private void ensureGroup(String id, String name) {
    if (identityService.createGroupQuery().groupId(id).count() == 0) {
      Group group = identityService.newGroup(id);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
  }

  private boolean ensureUser(String id, String first, String last, String password) {
    if (identityService.createUserQuery().userId(id).count() > 0) {
      return false;
    }
    User user = identityService.newUser(id);
    user.setFirstName(first);
    user.setLastName(last);
    user.setEmail(id + "@peakcare.example");
    user.setPassword(password);
    identityService.saveUser(user);
    return true;
  }

  private void ensureMember(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }
}
