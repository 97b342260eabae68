package com.peakcare.returns;

import static com.peakcare.engine.TasklistFilter.variable;

import com.peakcare.engine.TasklistFilter;
import com.peakcare.identity.Groups;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The return cases' Tasklist filter: their tasks, with return no., customer, tier, amount and type. */
@Configuration(proxyBeanMethods = false)
class ReturnTasklistFilters {

  static final String RETURNS = "退换货 · Returns";

  @Bean
  TasklistFilter returnCasesFilter() {
    return new TasklistFilter(RETURNS, 20, "退换货事务的任务", "Tasks of return cases",
        tasks -> tasks.createTaskQuery().processDefinitionKey(ReturnCaseProcess.KEY),
        List.of(variable(Vars.RETURN_NO, "退货单号 · Return no."), variable(Vars.CUSTOMER_NAME, "客户 · Customer"),
            variable(Vars.MEMBER_TIER, "会员 · Tier"), variable(Vars.AMOUNT, "金额 · Amount"),
            variable(Vars.TYPE, "类型 · Type")),
        List.of(Groups.AFTER_SALES, Groups.WAREHOUSE, Groups.SUPERVISORS));
  }
}
