package com.peakcare.notice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.peakcare.notice.NoticeTestData.aCaseRef;
import static com.peakcare.notice.NoticeTestData.aChineseCustomer;
import static com.peakcare.notice.NoticeTestData.anEnglishCustomer;
import static com.peakcare.notice.NoticeTestData.deliveryOf;
import static com.peakcare.notice.NoticePeers.onlyEmailTo;
import static com.peakcare.notice.NoticePeers.onlySmsTo;
import static com.peakcare.notice.NoticePeers.smsAttempts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.peakcare.PeakCareTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Notices as the customer receives them, over a real SMTP server and a real HTTP SMS gateway. */
@PeakCareTest
class NoticeDeliveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Autowired NoticeService notices;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired NoticeOutboxPoller poller;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  final GreenMail mail = NoticePeers.mail();
  final WireMockServer sms = NoticePeers.sms();

  @Test
  void refundCareReachesTheCustomerBySmsAndEmailInChinese() throws Exception {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();

    Notice notice = notices.send(caseRef, NoticeType.REFUND_CARE, customer, Map.of(
        NoticeVariables.RETURN_NO, caseRef, NoticeVariables.AMOUNT, 259.5,
        NoticeVariables.PROMISED_BY, Date.from(Instant.parse("2026-11-23T10:00:00Z"))));
    assertThat(notice.key()).isEqualTo(caseRef + ":REFUND_CARE:1");
    assertThat(notice.delivery("IN_APP")).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo("SENT"));
    assertThat(notice.delivery("SMS")).hasValueSatisfying(d -> assertThat(d.status()).isEqualTo("PENDING"));

    deliver(notice.key());

    String expected = "王小明，您好！我们已收到您的退款申请（售后单 " + caseRef + "，金额 ¥259.50），将在 2026年11月23日 18:00（北京时间）前";
    MimeMessage email = onlyEmailTo(customer.email());
    assertThat(email.getSubject()).contains("退款申请已受理").contains(caseRef);
    assertThat(GreenMailUtil.getBody(email)).isNotBlank();
    assertThat(email.getContent().toString()).contains(expected).contains("400-820-1111");
    JsonNode smsBody = onlySmsTo(customer.phone(), notice.key());
    assertThat(smsBody.path("text").asText()).contains(expected);
    assertThat(notices.noticesOf(caseRef)).singleElement().satisfies(n -> assertThat(n.deliveries())
        .extracting(NoticeDelivery::status).containsOnly("SENT"));
    assertThat(deliveryOf(runtimeService, notice.key())).as("no process instance per notice").isNull();
  }

  @Test
  void shippingNoticeInEnglishNamesWaybillCourierAndArrivalByProvince() throws Exception {
    String caseRef = aCaseRef();
    NoticeCustomer customer = anEnglishCustomer(); // 新疆维吾尔自治区: 6 days

    Notice notice = notices.send(caseRef, NoticeType.SHIPPING, customer, Map.of(
        NoticeVariables.ORDER_NO, "O-88001", NoticeVariables.REPLACEMENT_COURIER, "SF Express",
        NoticeVariables.REPLACEMENT_WAYBILL_NO, "SF1234567890"));
    deliver(notice.key());

    String arrival = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH)
        .format(LocalDate.now(SHANGHAI).plusDays(6));
    String text = onlySmsTo(customer.phone(), notice.key()).path("text").asText();
    assertThat(text).startsWith("Dear Alice Smith, the replacement for your order O-88001 has been shipped with "
        + "SF Express, waybill number SF1234567890. It should arrive within 6 days (around " + arrival + ").");
    assertThat(onlyEmailTo(customer.email()).getContent().toString()).isEqualTo(text);
  }

  @Test
  void shippingNoticeInChineseUsesTheProvinceTable() throws Exception {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer(); // 广东省: 2 days

    Notice notice = notices.send(caseRef, NoticeType.SHIPPING, customer, Map.of(
        NoticeVariables.ORDER_NO, "O-88002", NoticeVariables.REPLACEMENT_COURIER, "中通快递",
        NoticeVariables.REPLACEMENT_WAYBILL_NO, "ZT7788990011"));
    deliver(notice.key());

    String arrival = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA).format(LocalDate.now(SHANGHAI).plusDays(2));
    assertThat(onlySmsTo(customer.phone(), notice.key()).path("text").asText())
        .startsWith("王小明，您好！您订单 O-88002 的换货商品已由中通快递发出，运单号 ZT7788990011，预计 2 天内送达（约 "
            + arrival + "）");
  }

  @Test
  void aNoticeIsRecordedInTheCallersTransactionAndGoneWithItsRollback() {
    String caseRef = aCaseRef();
    new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
      notices.send(caseRef, NoticeType.SURVEY, aChineseCustomer(), Map.of(NoticeVariables.RETURN_NO, caseRef));
      assertThat(notices.noticesOf(caseRef)).hasSize(1);
      tx.setRollbackOnly();
    });

    assertThat(notices.noticesOf(caseRef)).isEmpty();
    assertThat(deliveryOf(runtimeService, caseRef + ":SURVEY:1")).as("no delivery scheduled").isNull();
  }

  @Test
  void theSequenceCountsPerTypeAndSendOnceRecordsABroadcastOnce() {
    String caseRef = aCaseRef();
    NoticeCustomer customer = aChineseCustomer();
    Map<String, Object> reminder = Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-1");
    Map<String, Object> delay = Map.of(NoticeVariables.COURIER, "韵达快递", NoticeVariables.WAYBILL_NO, "YD001",
        NoticeVariables.EXPECTED_DELAY_DAYS, 3, NoticeVariables.DELAY_REASON, "暴雪");

    Notice first = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer, reminder);
    Notice second = notices.send(caseRef, NoticeType.PARCEL_REMINDER, customer, reminder);
    Notice broadcast = notices.sendOnce(caseRef, NoticeType.LOGISTICS_DELAY, "YD-2026-11-22", customer, delay);
    Notice repeated = notices.sendOnce(caseRef, NoticeType.LOGISTICS_DELAY, "YD-2026-11-22", customer, delay);

    assertThat(first.key()).isEqualTo(caseRef + ":PARCEL_REMINDER:1");
    assertThat(second.key()).isEqualTo(caseRef + ":PARCEL_REMINDER:2");
    assertThat(repeated.key()).isEqualTo(broadcast.key()).isEqualTo(caseRef + ":LOGISTICS_DELAY:1");
    assertThat(notices.noticesOf(caseRef)).extracting(Notice::key)
        .containsExactly(first.key(), second.key(), broadcast.key());
    assertThat(broadcast.text()).contains("王小明").contains("韵达快递").contains("YD001").contains("3 天");
    // PARCEL_REMINDER and LOGISTICS_DELAY are configured for SMS and in-app only
    assertThat(first.deliveries()).extracting(NoticeDelivery::channel).containsExactlyInAnyOrder("SMS", "IN_APP");
  }

  @Test
  void aMissingValueIsRefusedWithItsNameAndRecordsNothing() {
    String caseRef = aCaseRef();
    assertThatThrownBy(() -> notices.send(caseRef, NoticeType.REJECTED, aChineseCustomer(),
        Map.of(NoticeVariables.RETURN_NO, caseRef, NoticeVariables.ORDER_NO, "O-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("REJECTED")
        .hasMessageContaining(caseRef)
        .hasMessageContaining("rejectionReason");
    assertThat(notices.noticesOf(caseRef)).isEmpty();
  }

  @Test
  void aCustomerWithoutEmailGetsSmsAndTheInAppNoticeOnly() {
    String caseRef = aCaseRef();
    NoticeCustomer noEmail = new NoticeCustomer("李雷", NoticeTestData.aPhone(), null, null, "上海");

    Notice notice = notices.send(caseRef, NoticeType.REFUND_DONE, noEmail, Map.of(NoticeVariables.RETURN_NO, caseRef,
        NoticeVariables.AMOUNT, 88.0, NoticeVariables.REFUND_TO, "支付宝"));

    assertThat(notice.locale()).isEqualTo("zh-CN");
    assertThat(notice.text()).startsWith("李雷，您好！您的退款（售后单 " + caseRef + "）¥88.00 已原路退回至支付宝");
    assertThat(notice.deliveries()).extracting(NoticeDelivery::channel).containsExactlyInAnyOrder("SMS", "IN_APP");
  }

  /** What every node's poller does (off in tests): sends everything due, this notice included. */
  private void deliver(String noticeKey) {
    poller.runOnce();
    assertThat(notices.noticesOf(noticeKey.substring(0, noticeKey.indexOf(':')))).filteredOn(n -> n.key()
        .equals(noticeKey)).singleElement().satisfies(n -> assertThat(n.deliveries()).extracting(
            NoticeDelivery::status).as("every channel out").containsOnly("SENT"));
  }

  private String statusOf(String caseRef, String channel) {
    return notices.noticesOf(caseRef).get(0).delivery(channel).orElseThrow().status();
  }
}
