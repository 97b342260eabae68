package com.peakcare.notice;

import static com.peakcare.notice.NoticeTestData.aCaseRef;
import static com.peakcare.notice.NoticeTestData.aPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.peakcare.PeakCareTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notice delegates as the return case wires them (test process notice-delegates-test.bpmn): filled from the
 * process variables of {@link NoticeVariables}, recorded in the step's transaction.
 */
@PeakCareTest
class NoticeDelegatesTest {

  @Autowired RuntimeService runtimeService;
  @Autowired NoticeService notices;

  @Test
  void everyDelegateSendsItsNoticeFromTheProcessVariables() {
    String returnNo = aCaseRef();

    runtimeService.startProcessInstanceByKey("notice-delegates-test", returnNo, caseVariables(returnNo));

    List<Notice> sent = notices.noticesOf(returnNo);
    assertThat(sent).extracting(Notice::type).containsExactlyInAnyOrder(NoticeType.RETURN_INSTRUCTIONS,
        NoticeType.PARCEL_REMINDER, NoticeType.REJECTED, NoticeType.SHIPPING, NoticeType.LOGISTICS_DELAY,
        NoticeType.DELIVERY_CARE, NoticeType.SURVEY);
    assertThat(sent).allSatisfy(n -> assertThat(n.text()).contains("Bob Lee").doesNotContain("{"));
    assertThat(textOf(sent, NoticeType.RETURN_INSTRUCTIONS)).contains("O-5501").contains(returnNo)
        .contains("PeakCare 退货仓");
    assertThat(textOf(sent, NoticeType.REJECTED)).contains("Reason: Item used.");
    assertThat(textOf(sent, NoticeType.SHIPPING)).contains("YTO Express").contains("YT9988").contains("within 3 days");
    assertThat(textOf(sent, NoticeType.LOGISTICS_DELAY)).contains("ZTO Express").contains("ZT1234")
        .contains("about 2 days late").contains("snow storms");
    assertThat(textOf(sent, NoticeType.SURVEY)).contains("https://peakcare.example/survey");
  }

  @Test
  void aStepWhoseNoticeLacksAValueFailsWithItsNameAndRecordsNothing() {
    String returnNo = aCaseRef();
    Map<String, Object> vars = caseVariables(returnNo);
    vars.remove(NoticeVariables.REPLACEMENT_WAYBILL_NO);

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("notice-delegates-test", returnNo, vars))
        .hasMessageContaining("notice SHIPPING for case " + returnNo)
        .hasMessageContaining("replacementWaybillNo");
    assertThat(notices.noticesOf(returnNo)).as("the earlier notices rolled back with the step").isEmpty();
  }

  private static Map<String, Object> caseVariables(String returnNo) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(NoticeVariables.RETURN_NO, returnNo);
    vars.put(NoticeVariables.ORDER_NO, "O-5501");
    vars.put(NoticeVariables.CUSTOMER_NAME, "Bob Lee");
    vars.put(NoticeVariables.CUSTOMER_PHONE, aPhone());
    vars.put(NoticeVariables.CUSTOMER_EMAIL, null);
    vars.put(NoticeVariables.CUSTOMER_LOCALE, "en");
    vars.put(NoticeVariables.CUSTOMER_PROVINCE, "Hainan"); // not in the table: the default 3 days
    vars.put(NoticeVariables.REJECTION_REASON, "Item used.");
    vars.put(NoticeVariables.COURIER, "ZTO Express");
    vars.put(NoticeVariables.WAYBILL_NO, "ZT1234");
    vars.put(NoticeVariables.REPLACEMENT_COURIER, "YTO Express");
    vars.put(NoticeVariables.REPLACEMENT_WAYBILL_NO, "YT9988");
    vars.put(NoticeVariables.EXPECTED_DELAY_DAYS, 2);
    vars.put(NoticeVariables.DELAY_REASON, "snow storms");
    return vars;
  }

  private static String textOf(List<Notice> notices, NoticeType type) {
    return notices.stream().filter(n -> n.type() == type).findFirst().orElseThrow().text();
  }
}
