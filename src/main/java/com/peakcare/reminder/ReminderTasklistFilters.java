package com.peakcare.reminder;

import com.peakcare.engine.tasklist.TasklistFilter;
import com.peakcare.identity.Groups;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment-reminder calls' Tasklist filters (issue 22): the calls nobody has taken yet, earliest close first in
 * the shared order, and the calls I hold. Shared with after-sales only (its agents make the calls; its supervisors are
 * members); each card's name says the order, the buyer, the amount and the tier ({@link ReminderCallTaskPolicy#title}),
 * so no variable columns.
 */
@Configuration(proxyBeanMethods = false)
class ReminderTasklistFilters {

  static final String CALLS_TO_MAKE = "待拨打的催付电话 · Payment calls to make";
  static final String MY_CALLS = "我的催付电话 · My payment calls";
  private static final List<String> CALLERS = List.of(Groups.AFTER_SALES);

  @Bean
  TasklistFilter paymentCallsToMakeFilter() {
    return new TasklistFilter(CALLS_TO_MAKE, 40, "还没人认领的催付电话（订单关闭前要打）",
        "Payment reminder calls nobody has claimed (to make before the order closes)",
        tasks -> tasks.createTaskQuery().processDefinitionKey(PaymentReminderCallProcess.KEY)
            .taskDefinitionKey(PaymentReminderCallProcess.Elements.TASK_CALL).taskUnassigned(),
        List.of(), CALLERS);
  }

  @Bean
  TasklistFilter myPaymentCallsFilter() {
    return new TasklistFilter(MY_CALLS, 41, "我认领的催付电话", "Payment reminder calls I hold",
        tasks -> tasks.createTaskQuery().processDefinitionKey(PaymentReminderCallProcess.KEY)
            .taskDefinitionKey(PaymentReminderCallProcess.Elements.TASK_CALL)
            .taskAssigneeExpression("${currentUser()}"),
        List.of(), CALLERS);
  }
}
