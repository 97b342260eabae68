package com.peakcare.notice;

import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/** Small factories for notice tests: unique cases and customers, and the delivery job of a notice. */
final class NoticeTestData {

  static String aCaseRef() {
    return "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  /** A unique phone number, so a test can stub an outage for its own customer only. */
  static String aPhone() {
    return "+86139" + String.format("%08d", (long) (Math.random() * 100_000_000L));
  }

  static NoticeCustomer aChineseCustomer() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new NoticeCustomer("王小明", aPhone(), "wang." + id + "@example.cn", "zh-CN", "广东省");
  }

  static NoticeCustomer anEnglishCustomer() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new NoticeCustomer("Alice Smith", aPhone(), "alice." + id + "@example.com", "en", "新疆维吾尔自治区");
  }

  static ProcessInstance deliveryOf(RuntimeService runtime, String noticeKey) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(NoticeDeliveryProcess.KEY)
        .processInstanceBusinessKey(noticeKey).singleResult();
  }

  static Job deliveryJobOf(RuntimeService runtime, ManagementService management, String noticeKey) {
    ProcessInstance pi = deliveryOf(runtime, noticeKey);
    return management.createJobQuery().processInstanceId(pi.getId()).singleResult();
  }

  private NoticeTestData() {}
}
