package com.peakcare.reminder;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.pages.Viewer;
import com.peakcare.web.ApiException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who runs payment reminders (issue 22: authority follows the department, not the catch-all {@code supervisors}).
 * Campaigns with a hold-out are the operations department's (运营: the people who set promotions and judge what they
 * add; the report is "for supervisors and ops"): its staff and its supervisors, by the department in the
 * staff directory, start and end campaigns, read the report and plan the next one. Auditors read campaigns and
 * reports, never start or end one; the phone call itself is after-sales agents' work (its task policy). A supervisor
 * of after-sales, UX or the warehouse runs no campaign and reads no report. Used by {@code @PreAuthorize} on
 * {@code /api/reminders} ({@code @reminderAuthority.mayRun(authentication)}) and by the page.
 */
@Component("reminderAuthority")
public class ReminderAuthority {

  /** The department that owns payment reminders (PC_STAFF_PROFILE.DEPARTMENT). */
  static final String DEPARTMENT = Groups.OPS;

  private final StaffDirectory staff;

  ReminderAuthority(StaffDirectory staff) {
    this.staff = staff;
  }

  /** Starts and ends campaigns, marks buyers: operations staff and operations supervisors. */
  public boolean mayRun(Authentication auth) {
    return auth != null && mayRun(Viewer.of(auth));
  }

  /** Reads campaigns, their report and the planning helper: who runs them, and auditors (read-only). */
  public boolean mayRead(Authentication auth) {
    return auth != null && mayRead(Viewer.of(auth));
  }

  boolean mayRun(Viewer viewer) {
    return (viewer.in(Groups.OPS) || viewer.in(Groups.SUPERVISORS))
        && DEPARTMENT.equals(staff.departmentOf(viewer.userId()));
  }

  boolean mayRead(Viewer viewer) {
    return viewer.in(Groups.AUDITORS) || mayRun(viewer);
  }

  void requireRead(Viewer viewer) {
    if (!mayRead(viewer)) {
      throw ApiException.forbidden("催付效果只给运营部门和审计看 · Payment reminders are for the operations department "
          + "and auditors");
    }
  }
}
