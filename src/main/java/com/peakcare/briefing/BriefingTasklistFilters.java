package com.peakcare.briefing;

import static com.peakcare.engine.tasklist.TasklistFilter.variable;

import com.peakcare.briefing.CampaignBriefingProcess.Vars;
import com.peakcare.engine.tasklist.TasklistFilter;
import com.peakcare.identity.Groups;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The briefings' Tasklist filter: each open quiz is an agent not yet ready (its card shows the attempt and how many
 * failed: 2 is "failed twice"), each answer task an open question, each follow-up a missed deadline. Supervisors see
 * them all; agents and ops see their own. Who has passed has no task left: the follow-up form and
 * {@code GET /api/campaigns/{code}/briefing} list them.
 */
@Configuration(proxyBeanMethods = false)
class BriefingTasklistFilters {

  static final String BRIEFINGS = "活动宣贯 · Campaign briefings";

  @Bean
  TasklistFilter campaignBriefingsFilter() {
    return new TasklistFilter(BRIEFINGS, 15, "活动宣贯：未通过的测验、待答疑、未就绪跟进",
        "Campaign briefings: quizzes not yet passed, open questions, readiness follow-ups",
        tasks -> tasks.createTaskQuery().processDefinitionKey(CampaignBriefingProcess.KEY),
        List.of(variable(Vars.CAMPAIGN_CODE, "活动编号 · Campaign"),
            variable(Vars.QUIZ_ATTEMPT, "第几次 · Attempt"),
            variable(Vars.FAILED_ATTEMPTS, "已答错次数 · Failed"),
            variable(Vars.READY_BY, "就绪截止 · Ready by")),
        List.of(Groups.AFTER_SALES, Groups.OPS, Groups.SUPERVISORS));
  }
}
