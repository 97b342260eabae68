package com.peakcare.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who works here: Camunda's identity service for users and groups, PeakCare's own table for the department
 * and the superior (上级) that penalties need. Other features ask this service, never the tables.
 *
 * <p>A person's groups are remembered for {@code peakcare.identity.groups-cache-ttl} (default 5 s, {@code 0s} turns
 * it off; issue 23): an open, a task's policy and a four-eyes check each ask "is this person in that group" several
 * times per request, which was a query of {@code ACT_ID_MEMBERSHIP} each time. A change in Admin (a group joined or
 * left) therefore reaches these checks within that time on every node; a membership removed on this node is
 * forgotten at once ({@link #forget}, called by security on {@code AccountChanged}). The groups are read without the
 * caller's Camunda authentication ({@link MembershipReader}): whether someone is a member is PeakCare's fact, not what
 * the caller may see, and one caller's view must not be remembered for the next.
 */
@Service
public class StaffDirectory {

  /** The after-sales department (PC_STAFF_PROFILE.DEPARTMENT): its supervisors own every money and case action. */
  public static final String AFTER_SALES = "after-sales";

  private final IdentityService identityService;
  private final JdbcTemplate jdbc;
  private final Cache<String, List<String>> groups;
  private final ObjectProvider<MembershipReader> reader;

  StaffDirectory(IdentityService identityService, JdbcTemplate jdbc, ObjectProvider<MembershipReader> reader,
      @Value("${peakcare.identity.groups-cache-ttl:PT5S}") Duration groupsTtl) {
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.reader = reader;
    this.groups = groupsTtl.isZero() || groupsTtl.isNegative() ? null
        : Caffeine.newBuilder().expireAfterWrite(groupsTtl).maximumSize(10_000).build();
  }

  public Optional<StaffProfile> find(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return Optional.empty();
    }
    List<String[]> rows = jdbc.query(
        "select DEPARTMENT, SUPERIOR_ID, NAME from PC_STAFF_PROFILE where USER_ID = ?",
        (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
        userId);
    String department = rows.isEmpty() ? null : rows.get(0)[0];
    String superior = rows.isEmpty() ? null : rows.get(0)[1];
    String name = rows.isEmpty() || rows.get(0)[2] == null ? printedName(user) : rows.get(0)[2];
    return Optional.of(new StaffProfile(userId, name, user.getEmail(), department, superior, groupsOf(userId)));
  }

  /** The person's groups, sorted (at most {@code peakcare.identity.groups-cache-ttl} old). */
  public List<String> groupsOf(String userId) {
    if (userId == null) {
      return List.of();
    }
    return groups == null ? readGroups(userId) : groups.get(userId, this::readGroups);
  }

  /** Forgets what this node remembers of the person's groups: their account changed. */
  public void forget(String userId) {
    if (groups != null && userId != null) {
      groups.invalidate(userId);
    }
  }

  private List<String> readGroups(String userId) {
    MembershipReader asPeakCare = reader.getIfAvailable();
    return (asPeakCare != null ? asPeakCare.groupsOf(userId)
        : identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList())
        .stream().sorted().toList();
  }

  /**
   * Reads a person's groups as PeakCare itself, not as the caller whose Camunda authentication the thread may carry
   * (engine provides it: clearing that authentication needs Camunda's internals).
   */
  public interface MembershipReader {
    List<String> groupsOf(String userId);
  }

  public List<String> membersOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
        .map(User::getId).toList();
  }

  public boolean isMember(String userId, String groupId) {
    return groupId != null && groupsOf(userId).contains(groupId);
  }

  /**
   * Whether the user supervises this department (issue 20, least privilege by department): a member of
   * {@code supervisors} whose department in the staff directory is {@code department}. An ops lead or a UX lead is in
   * {@code supervisors} too, and supervises neither after-sales' money nor its cases.
   */
  public boolean isSupervisorOf(String userId, String department) {
    if (userId == null || department == null || !isMember(userId, Groups.SUPERVISORS)) {
      return false;
    }
    return department.equals(departmentOf(userId));
  }

  /** The supervisors of a department, by user id. */
  public List<String> supervisorsOf(String department) {
    java.util.Set<String> inDepartment = new java.util.HashSet<>(jdbc.queryForList(
        "select USER_ID from PC_STAFF_PROFILE where DEPARTMENT = ?", String.class, department));
    return membersOf(Groups.SUPERVISORS).stream().filter(inDepartment::contains).toList();
  }

  /** The user's department, if the directory has one. */
  public String departmentOf(String userId) {
    return jdbc.query("select DEPARTMENT from PC_STAFF_PROFILE where USER_ID = ?", (rs, i) -> rs.getString(1), userId)
        .stream().findFirst().orElse(null);
  }

  public boolean exists(String userId) {
    return identityService.createUserQuery().userId(userId).count() == 1;
  }

  /**
   * The name printed on the member's sign-offs (an administrator's record: nobody sets their own). Null keeps the
   * Camunda profile's name.
   */
  @Transactional
  public void name(String userId, String name) {
    if (jdbc.update("update PC_STAFF_PROFILE set NAME = ?, UPDATED_AT = ? where USER_ID = ?", name,
        Timestamp.from(Instant.now()), userId) == 0) {
      throw new IllegalStateException("no staff profile for " + userId + ": assign a department first");
    }
  }

  /** Records (or changes) a member's department and superior. */
  @Transactional
  public void assign(String userId, String department, String superior) {
    Timestamp now = Timestamp.from(Instant.now());
    int updated = jdbc.update(
        "update PC_STAFF_PROFILE set DEPARTMENT = ?, SUPERIOR_ID = ?, UPDATED_AT = ? where USER_ID = ?",
        department, superior, now, userId);
    if (updated == 0) {
      jdbc.update(
          "insert into PC_STAFF_PROFILE (USER_ID, DEPARTMENT, SUPERIOR_ID, UPDATED_AT) values (?, ?, ?, ?)",
          userId, department, superior, now);
    }
  }

  static String printedName(User user) {
    String first = user.getFirstName() == null ? "" : user.getFirstName();
    String last = user.getLastName() == null ? "" : user.getLastName();
    String name = (first + " " + last).trim();
    return name.isEmpty() ? user.getId() : name;
  }
}
