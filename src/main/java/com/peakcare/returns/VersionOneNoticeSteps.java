package com.peakcare.returns;

import com.peakcare.notice.NoticeType;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bean names the first versions of return-case.bpmn and refund-care.bpmn gave their notice steps, one per type.
 * Instances of those versions still running in a database (a case waiting for its parcel since before the upgrade)
 * reach them; each sends its one type through {@link ReturnNotices}, as the current versions' {@code
 * ${returnNoticeDelegate}} does. Remove once no instance of a version-1 model is left (Cockpit: process definitions,
 * version 1).
 */
@Configuration(proxyBeanMethods = false)
class VersionOneNoticeSteps {

  static final Map<String, NoticeType> BEANS = Map.of(
      "sendRefundCareNoticeDelegate", NoticeType.REFUND_CARE,
      "sendRefundDelayedNoticeDelegate", NoticeType.REFUND_DELAYED,
      "sendRefundDoneNoticeDelegate", NoticeType.REFUND_DONE,
      "sendReturnInstructionsNoticeDelegate", NoticeType.RETURN_INSTRUCTIONS,
      "sendParcelReminderNoticeDelegate", NoticeType.PARCEL_REMINDER,
      "sendRejectedNoticeDelegate", NoticeType.REJECTED,
      "sendShippingNoticeDelegate", NoticeType.SHIPPING,
      "sendDeliveryCareNoticeDelegate", NoticeType.DELIVERY_CARE,
      "sendSurveyNoticeDelegate", NoticeType.SURVEY);

  @Bean
  static BeanDefinitionRegistryPostProcessor versionOneNoticeStepBeans() {
    return registry -> BEANS.forEach((name, type) -> registry.registerBeanDefinition(name,
        BeanDefinitionBuilder.genericBeanDefinition(Step.class)
            .addConstructorArgReference("returnNotices")
            .addConstructorArgValue(type)
            .getBeanDefinition()));
  }

  /** A version-1 notice step: its one type, sent about the process's case. */
  static final class Step implements JavaDelegate {

    private final ReturnNotices send;
    private final NoticeType type;

    Step(ReturnNotices send, NoticeType type) {
      this.send = send;
      this.type = type;
    }

    @Override
    public void execute(DelegateExecution execution) {
      send.send(execution.getProcessBusinessKey(), type);
    }
  }
}
