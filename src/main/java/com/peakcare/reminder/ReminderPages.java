package com.peakcare.reminder;

import com.peakcare.identity.Groups;
import com.peakcare.pages.PageData;
import com.peakcare.pages.PageFile;
import com.peakcare.pages.Viewer;
import com.peakcare.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reminder report page in Cockpit (催付效果 · Reminders, {@code #/peakcare/reminders}): the campaigns to choose from
 * and one campaign's report ({@code reminders/report}, the JSON of {@code GET /api/reminders/campaigns/{id}/report}),
 * and its CSV ({@code reminders/report.csv}); for the operations department and auditors, as the API
 * ({@link ReminderAuthority}).
 */
@Configuration(proxyBeanMethods = false)
class ReminderPages {

  /** The groups the page lets in before the department is looked at ({@link ReminderAuthority}). */
  static final Set<String> READERS = Set.of(Groups.SUPERVISORS, Groups.OPS, Groups.AUDITORS);

  /** The page's data: the campaigns, and the chosen one's report (the latest campaign's by default). */
  record PageView(List<ReminderController.CampaignView> campaigns, ReminderReport.Report report) {}

  @Bean
  PageData reminderReportPage(ReminderCampaigns campaigns, ReminderReport report, ReminderAuthority authority) {
    return new PageData() {
      @Override
      public String path() {
        return "reminders/report";
      }

      @Override
      public Set<String> readers() {
        return READERS;
      }

      @Override
      public Object read(Viewer viewer, Map<String, String> query) {
        authority.requireRead(viewer);
        List<ReminderController.CampaignView> all = campaigns.all().stream()
            .map(ReminderController.CampaignView::of).toList();
        String id = chosen(query, all);
        return new PageView(all, id == null ? null : report.of(id));
      }
    };
  }

  @Bean
  PageData reminderReportCsvPage(ReminderCampaigns campaigns, ReminderReport report,
      ReminderAuthority authority) {
    return new PageData() {
      @Override
      public String path() {
        return "reminders/report.csv";
      }

      @Override
      public Set<String> readers() {
        return READERS;
      }

      @Override
      public Object read(Viewer viewer, Map<String, String> query) {
        authority.requireRead(viewer);
        String id = query.get("campaign");
        if (id == null || id.isBlank()) {
          throw ApiException.invalid("campaign", "必填：催付活动 · required: the campaign");
        }
        return new PageFile("reminder-report-" + id + ".csv", "text/csv;charset=UTF-8",
            ReminderCsv.of(report.of(id)).getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  private static String chosen(Map<String, String> query, List<ReminderController.CampaignView> all) {
    String id = query.get("campaign");
    if (id != null && !id.isBlank()) {
      return id;
    }
    return all.isEmpty() ? null : all.get(0).campaignId();
  }
}
