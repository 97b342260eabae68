package com.peakcare.complaint;

import com.peakcare.identity.Groups;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.pages.PageData;
import com.peakcare.pages.Viewer;
import com.peakcare.web.ApiException;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The supervisors' complaint page in Cockpit (投诉看板 · Complaints, {@code #/peakcare/complaints}): the JSON of
 * {@code GET /api/complaints/report}. Authority follows the department: after-sales supervisors (whose agents handle
 * complaints) and auditors read it; a supervisor of another department does not.
 */
@Configuration(proxyBeanMethods = false)
class ComplaintPages {

  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.AUDITORS);

  @Bean
  PageData complaintReportPage(ComplaintReport report, StaffDirectory staff) {
    return new PageData() {
      @Override
      public String path() {
        return "complaints/report";
      }

      @Override
      public Set<String> readers() {
        return READERS;
      }

      @Override
      public Object read(Viewer viewer, Map<String, String> query) {
        if (!viewer.in(Groups.AUDITORS) && !staff.isSupervisorOf(viewer.userId(), StaffDirectory.AFTER_SALES)) {
          throw ApiException.forbidden("投诉看板只给售后主管和审计 · The complaint page is for after-sales supervisors "
              + "and auditors");
        }
        return report.report();
      }
    };
  }
}
