package com.peakcare.review;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.identity.StaffProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who the review cycle involves, from the staff directory (never from a variable): a department's lead is a member of
 * {@code supervisors} whose department (PC_STAFF_PROFILE) is that department; a serious review goes to the leads of
 * after-sales. When a department has no lead, every supervisor is asked (and the log says so). Read at most every 30
 * seconds: a batch with many serious reviews asks the directory once.
 */
@Component("reviewPeople")
public class ReviewPeople {

  private static final Logger log = LoggerFactory.getLogger(ReviewPeople.class);
  private static final Duration FRESH = Duration.ofSeconds(30);

  private final StaffDirectory staff;
  private final ReviewRepository repository;
  private volatile Leads leads;

  private record Leads(Map<String, List<String>> byDepartment, List<String> supervisors, Instant at) {}

  ReviewPeople(StaffDirectory staff, ReviewRepository repository) {
    this.staff = staff;
    this.repository = repository;
  }

  /** BPMN: the candidates of Task_RecordActions, the leads of the department the category's topic is routed to. */
  public List<String> leadsOf(DelegateExecution execution) {
    String category = (String) execution.getVariable(ReviewCycleProcess.Vars.CATEGORY);
    String department = repository.topic(execution.getProcessBusinessKey(), category)
        .map(ReviewRepository.Topic::department).orElse(null);
    return leadsOrSupervisors(department);
  }

  /** BPMN: the candidates of Task_HandleSeriousReview, the leads of after-sales. */
  public List<String> seriousReviewHandlers() {
    return leadsOrSupervisors(Groups.AFTER_SALES);
  }

  /** The leads of {@code department}, or every supervisor when it has none. */
  List<String> leadsOrSupervisors(String department) {
    Leads current = current();
    List<String> found = department == null ? List.of() : current.byDepartment().getOrDefault(department, List.of());
    if (found.isEmpty()) {
      log.warn("department {} has no lead (a supervisor of that department): every supervisor is asked", department);
      return current.supervisors();
    }
    return found;
  }

  /** Whether {@code user} may act for {@code department}: one of the leads it is given to. */
  boolean leads(String user, String department) {
    return leadsOrSupervisors(department).contains(user);
  }

  boolean exists(String user) {
    return staff.exists(user);
  }

  String nameOf(String user) {
    return staff.find(user).map(StaffProfile::name).orElse(user);
  }

  /** Everyone who may own an action: the staff (all-staff), with name and department, for the form's choice. */
  List<StaffProfile> staffMembers() {
    return staff.membersOf(Groups.ALL_STAFF).stream().map(staff::find).flatMap(Optional::stream).toList();
  }

  private Leads current() {
    Leads current = leads;
    if (current != null && Instant.now().isBefore(current.at().plus(FRESH))) {
      return current;
    }
    List<String> supervisors = staff.membersOf(Groups.SUPERVISORS);
    Map<String, List<String>> byDepartment = new java.util.TreeMap<>();
    for (String user : supervisors) {
      staff.find(user).map(StaffProfile::department).ifPresent(d ->
          byDepartment.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(user));
    }
    current = new Leads(Map.copyOf(byDepartment), List.copyOf(supervisors), Instant.now());
    leads = current;
    return current;
  }
}
