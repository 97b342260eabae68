package com.peakcare.review;

import static com.peakcare.engine.tasklist.TasklistFilter.variable;

import com.peakcare.engine.tasklist.TasklistFilter;
import com.peakcare.identity.Groups;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The review meeting's Tasklist filter: each open task is a category a lead has not discussed yet in its cycle, or a
 * serious review not handled yet. Shared with supervisors (the leads); each card names the category and its counts.
 */
@Configuration(proxyBeanMethods = false)
class ReviewTasklistFilters {

  static final String REVIEWS = "评价例会 · Review meeting";

  @Bean
  TasklistFilter reviewMeetingFilter() {
    return new TasklistFilter(REVIEWS, 16, "评价例会：各部门待讨论的问题、待处理的严重差评",
        "Review meeting: problems your department has to discuss, serious reviews to handle",
        tasks -> tasks.createTaskQuery().processDefinitionKeyIn(ReviewCycleProcess.KEY, SeriousReviewProcess.KEY),
        List.of(variable(ReviewCycleProcess.Vars.CATEGORY, "问题类别 · Category")),
        List.of(Groups.SUPERVISORS));
  }
}
