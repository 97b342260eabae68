package com.peakcare.notice;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bean names the first versions of the models gave their notice steps, one per type. Instances of those versions
 * still running in a database (a case waiting for its parcel since before the upgrade) reach them; each sends its
 * one type through {@link SendNoticeDelegate}. New versions use {@code ${sendNoticeDelegate}} with the input parameter
 * {@code noticeType}. Remove once no instance of a version-1 model is left (Cockpit: process definitions, version 1).
 */
@Configuration(proxyBeanMethods = false)
class VersionOneNoticeSteps {

  @Bean
  JavaDelegate sendRefundCareNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.REFUND_CARE);
  }

  @Bean
  JavaDelegate sendRefundDelayedNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.REFUND_DELAYED);
  }

  @Bean
  JavaDelegate sendRefundDoneNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.REFUND_DONE);
  }

  @Bean
  JavaDelegate sendReturnInstructionsNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.RETURN_INSTRUCTIONS);
  }

  @Bean
  JavaDelegate sendParcelReminderNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.PARCEL_REMINDER);
  }

  @Bean
  JavaDelegate sendRejectedNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.REJECTED);
  }

  @Bean
  JavaDelegate sendShippingNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.SHIPPING);
  }

  @Bean
  JavaDelegate sendDeliveryCareNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.DELIVERY_CARE);
  }

  @Bean
  JavaDelegate sendSurveyNoticeDelegate(SendNoticeDelegate send) {
    return e -> send.send(e.getProcessBusinessKey(), NoticeType.SURVEY);
  }
}
