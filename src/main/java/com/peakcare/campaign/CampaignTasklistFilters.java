package com.peakcare.campaign;

import static com.peakcare.engine.tasklist.TasklistFilter.variable;

import com.peakcare.engine.tasklist.TasklistFilter;
import com.peakcare.identity.Groups;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The campaign check's Tasklist filter: every stage, with campaign, setter and go-live. */
@Configuration(proxyBeanMethods = false)
class CampaignTasklistFilters {

  static final String CAMPAIGNS = "活动检核 · Campaign checks";

  @Bean
  TasklistFilter campaignChecksFilter() {
    return new TasklistFilter(CAMPAIGNS, 10, "活动检核的各阶段任务", "Every stage of the campaign checks",
        tasks -> tasks.createTaskQuery().processDefinitionKey(CampaignCheckProcess.KEY),
        List.of(variable(CampaignCheckProcess.Vars.CAMPAIGN_CODE, "活动编号 · Campaign"),
            variable(CampaignCheckProcess.Vars.SETTER, "设置人 · Setter"),
            variable(CampaignCheckProcess.Vars.GO_LIVE_AT, "上线时间 · Go-live")),
        List.of(Groups.OPS, Groups.UX, Groups.ALL_STAFF, Groups.SUPERVISORS));
  }
}
