package com.peakcare.returns;

import com.peakcare.engine.tasklist.TasklistFilter;
import com.peakcare.identity.Groups;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The return cases' Tasklist filter: their tasks. It shows no variable columns: a case's facts are in its record, not
 * in process variables (issue 15), and each card's name already says return no., customer, amount and VIP
 * ({@link ReturnTaskPolicy#title}), for every person who sees the task.
 */
@Configuration(proxyBeanMethods = false)
class ReturnTasklistFilters {

  static final String RETURNS = "退换货 · Returns";

  @Bean
  TasklistFilter returnCasesFilter() {
    return new TasklistFilter(RETURNS, 20, "退换货事务的任务", "Tasks of return cases",
        tasks -> tasks.createTaskQuery().processDefinitionKey(ReturnCaseProcess.KEY),
        List.of(),
        List.of(Groups.AFTER_SALES, Groups.WAREHOUSE, Groups.SUPERVISORS));
  }
}
