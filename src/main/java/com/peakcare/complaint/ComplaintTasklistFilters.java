package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Elements;
import com.peakcare.engine.tasklist.TasklistFilter;
import com.peakcare.identity.Groups;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The complaints' Tasklist filters (issue 24 point 8): my complaints, escalated to me, waiting for the customer, and
 * promise at risk (the resolution target within four hours or past). Each card's name says the complaint number,
 * severity, level and the customer's demand ({@link ComplaintTaskPolicy#title}); no variable columns.
 */
@Configuration(proxyBeanMethods = false)
class ComplaintTasklistFilters {

  private static final List<String> STAFF = List.of(Groups.AFTER_SALES, Groups.SUPERVISORS);

  @Bean
  TasklistFilter myComplaintsFilter() {
    return new TasklistFilter("我的投诉 · My complaints", 30, "我处理的投诉", "Complaints I handle",
        tasks -> tasks.createTaskQuery().processDefinitionKey(ComplaintProcess.KEY)
            .taskDefinitionKeyIn(Elements.TASK_HANDLE, Elements.TASK_WAIT_FOR_CUSTOMER, Elements.TASK_FOLLOW_UP)
            .taskAssigneeExpression("${currentUser()}"),
        List.of(), STAFF);
  }

  @Bean
  TasklistFilter complaintsEscalatedToMeFilter() {
    return new TasklistFilter("升级给我的投诉 · Escalated to me", 31, "超时升级给我的投诉",
        "Complaints the ladder gave to me", tasks -> tasks.createTaskQuery().processDefinitionKey(ComplaintProcess.KEY)
            .taskDefinitionKeyIn(Elements.TASK_SUPERIOR_REVIEWS, Elements.TASK_SECOND_LEVEL_REVIEWS)
            .taskAssigneeExpression("${currentUser()}"),
        List.of(), STAFF);
  }

  @Bean
  TasklistFilter complaintsWaitingForCustomerFilter() {
    return new TasklistFilter("等待客户的投诉 · Waiting for the customer", 32, "等待客户回复的投诉（计时暂停）",
        "Complaints waiting for the customer (clock paused)",
        tasks -> tasks.createTaskQuery().processDefinitionKey(ComplaintProcess.KEY)
            .taskDefinitionKey(Elements.TASK_WAIT_FOR_CUSTOMER),
        List.of(), STAFF);
  }

  @Bean
  TasklistFilter complaintsPromiseAtRiskFilter() {
    return new TasklistFilter("承诺有风险的投诉 · Promise at risk", 33, "四小时内到期或已超时的投诉",
        "Complaints due within four hours or overdue",
        tasks -> tasks.createTaskQuery().processDefinitionKey(ComplaintProcess.KEY)
            .taskDefinitionKey(Elements.TASK_HANDLE).dueBeforeExpression("${dateTime().plusHours(4).toDate()}"),
        List.of(), STAFF);
  }
}
