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
 * The one notice step ({@code ${sendNoticeDelegate}} with the input parameter {@code noticeType}) as any process
 * wires it (test process notice-delegates-test.bpmn, whose last step still uses its version-1 bean name): filled from
 * the case's records ({@link NoticeFacts}), never from process variables, recorded in the step's transaction.
 */
@PeakCareTest
class NoticeDelegatesTest {

  @Autowired RuntimeService runtimeService;
  @Autowired NoticeService notices;
  @Autowired ShopCases shop;

  @Test
  void everyStepSendsItsNoticeFromTheCaseRecordsAndIgnoresProcessVariables() {
    String returnNo = aCaseRef();
    shop.add(returnNo, new NoticeCustomer("Bob Lee", aPhone(), null, "en", "Hainan"), caseValues());
    // a colleague's variables where facts were expected: none of them reaches a notice
    Map<String, Object> forged = Map.of(NoticeVariables.CUSTOMER_NAME, "Mallory",
        NoticeVariables.REJECTION_REASON, "call 400-FAKE", NoticeVariables.REPLACEMENT_WAYBILL_NO, "FAKE-1");

    runtimeService.startProcessInstanceByKey("notice-delegates-test", returnNo, forged);

    List<Notice> sent = notices.noticesOf(returnNo);
    assertThat(sent).extracting(Notice::type).containsExactlyInAnyOrder(NoticeType.RETURN_INSTRUCTIONS,
        NoticeType.PARCEL_REMINDER, NoticeType.REJECTED, NoticeType.SHIPPING, NoticeType.LOGISTICS_DELAY,
        NoticeType.DELIVERY_CARE, NoticeType.SURVEY);
    assertThat(sent).allSatisfy(n -> assertThat(n.text()).contains("Bob Lee").doesNotContain("{")
        .doesNotContain("Mallory").doesNotContain("FAKE"));
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
    Map<String, Object> values = caseValues();
    values.remove(NoticeVariables.REPLACEMENT_WAYBILL_NO);
    shop.add(returnNo, new NoticeCustomer("Bob Lee", aPhone(), null, "en", "Hainan"), values);

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("notice-delegates-test", returnNo,
        Map.of(NoticeVariables.REPLACEMENT_WAYBILL_NO, "YT9988")))
        .hasMessageContaining("notice SHIPPING for case " + returnNo)
        .hasMessageContaining("replacementWaybillNo");
    assertThat(notices.noticesOf(returnNo)).as("the earlier notices rolled back with the step").isEmpty();
  }

  @Test
  void aCaseNoFeatureKnowsGetsNoNotice() {
    String returnNo = aCaseRef();

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("notice-delegates-test", returnNo))
        .hasMessageContaining("no feature knows case " + returnNo);
    assertThat(notices.noticesOf(returnNo)).isEmpty();
  }

  private static Map<String, Object> caseValues() {
    Map<String, Object> values = new HashMap<>();
    values.put(NoticeVariables.ORDER_NO, "O-5501");
    values.put(NoticeVariables.REJECTION_REASON, "Item used.");
    values.put(NoticeVariables.COURIER, "ZTO Express");
    values.put(NoticeVariables.WAYBILL_NO, "ZT1234");
    values.put(NoticeVariables.REPLACEMENT_COURIER, "YTO Express");
    values.put(NoticeVariables.REPLACEMENT_WAYBILL_NO, "YT9988");
    values.put(NoticeVariables.EXPECTED_DELAY_DAYS, 2);
    values.put(NoticeVariables.DELAY_REASON, "snow storms");
    return values;
  }

  private static String textOf(List<Notice> notices, NoticeType type) {
    return notices.stream().filter(n -> n.type() == type).findFirst().orElseThrow().text();
  }
}
