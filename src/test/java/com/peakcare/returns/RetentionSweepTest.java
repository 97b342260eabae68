package com.peakcare.returns;

import static com.peakcare.returns.ReturnRequests.aReturnForReview;
import static com.peakcare.returns.ReturnRequests.aSmallRefund;
import static org.assertj.core.api.Assertions.assertThat;

import com.peakcare.PeakCareTest;
import com.peakcare.notice.NoticePeers;
import com.peakcare.retention.RetentionSweep;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PeakCare's own records age out by the retention table (issue 27): a closed case's notice texts after 30 days, its
 * notices, its order's contact and its request after 180; a running case keeps everything it needs; the money stays.
 */
@PeakCareTest
class RetentionSweepTest {

  @Autowired com.peakcare.notice.NoticeOutboxPoller noticePoller;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ReturnCases cases;
  @Autowired ShopOrders shop;
  @Autowired RetentionSweep sweep;
  @Autowired JdbcTemplate jdbc;

  @Test
  void everyFeatureContributedItsRule() {
    assertThat(sweep.ruleNames()).containsExactly("complaint-text", "notice-record", "notice-text", "order-contact", "return-request",
        "review-text", "survey-text");
  }

  @Test
  void aClosedCaseLosesItsTextsThenItsContactWhileARunningCaseKeepsItsAndTheMoneyStays() {
    NoticePeers.sms();
    NoticePeers.mail();
    ReturnRequest closed = aSmallRefund();
    ProcessInstance pi = shop.openFromForm(closed, "shop1");
    managementService.executeJob(managementService.createJobQuery().processInstanceId(pi.getId()).singleResult()
        .getId());
    deliverNoticesOf(closed.returnNo());
    assertThat(status(closed)).isEqualTo("CLOSED");
    ReturnRequest running = aReturnForReview();
    shop.openFromForm(running, "shop1");
    deliverNoticesOf(running.returnNo());
    BigDecimal refunded = refunded(closed);
    assertThat(refunded).isEqualByComparingTo("80.00");

    // 31 days on: the texts of every notice sent are gone, everything else is there
    Instant now = Instant.now();
    sweep.sweep(now.plus(Duration.ofDays(31)));
    assertThat(noticeTexts(closed)).as("notices with text or address").isZero();
    assertThat(notices(closed)).isPositive();
    assertThat(phone(closed)).isNotBlank();

    // 181 days on: the closed case's notices, its order's contact and its request are gone; the running case keeps its
    sweep.sweep(now.plus(Duration.ofDays(181)));
    assertThat(notices(closed)).isZero();
    assertThat(phone(closed)).isEmpty();
    assertThat(jdbc.queryForMap("select CONTACT_NAME, CONTACT_EMAIL from PC_ORDER where ORDER_NO = ?",
        closed.orderNo())).containsEntry("CONTACT_NAME", "").containsEntry("CONTACT_EMAIL", null);
    assertThat(jdbc.queryForObject("select REQUEST_JSON from PC_RETURN_CASE where RETURN_NO = ?", String.class,
        closed.returnNo())).isEqualTo("{}");
    assertThat(phone(running)).as("a case under review still calls its customer").isNotBlank();
    assertThat(jdbc.queryForObject("select REQUEST_JSON from PC_RETURN_CASE where RETURN_NO = ?", String.class,
        running.returnNo())).contains(running.orderNo());

    // the money: the refund with its order no. and amount, the order's refunded sum
    assertThat(refunded(closed)).isEqualByComparingTo(refunded);
    assertThat(jdbc.queryForObject("select r.AMOUNT from PC_REFUND r join PC_RETURN_CASE c on c.RETURN_NO = "
        + "r.RETURN_NO where c.ORDER_NO = ?", BigDecimal.class, closed.orderNo())).isEqualByComparingTo("80.00");

    // a second sweep at the same time has nothing left to do for these cases
    Map<String, Integer> again = sweep.sweep(now.plus(Duration.ofDays(181)));
    assertThat(again.values()).allSatisfy(n -> assertThat(n).isNotNegative());
    assertThat(phone(closed)).isEmpty();
  }

  /** What every node's outbox poller does (off in tests): the case's notices, and whatever else is due, go out. */
  private void deliverNoticesOf(String returnNo) {
    noticePoller.runOnce();
    assertThat(jdbc.queryForObject("select count(*) from PC_NOTICE_DELIVERY where NOTICE_KEY like ? and STATUS <> 'SENT'",
        Integer.class, returnNo + ":%")).as("every notice of " + returnNo + " delivered").isZero();
  }

  private String status(ReturnRequest r) {
    return jdbc.queryForObject("select STATUS from PC_RETURN_CASE where RETURN_NO = ?", String.class, r.returnNo());
  }

  private BigDecimal refunded(ReturnRequest r) {
    return jdbc.queryForObject("select REFUNDED from PC_ORDER where ORDER_NO = ?", BigDecimal.class, r.orderNo());
  }

  private String phone(ReturnRequest r) {
    return jdbc.queryForObject("select CONTACT_PHONE from PC_ORDER where ORDER_NO = ?", String.class, r.orderNo());
  }

  private int notices(ReturnRequest r) {
    return jdbc.queryForObject("select count(*) from PC_NOTICE where CASE_REF = ?", Integer.class, r.returnNo());
  }

  private int noticeTexts(ReturnRequest r) {
    return jdbc.queryForObject("select count(*) from PC_NOTICE where CASE_REF = ? and (BODY <> '' or CUSTOMER_PHONE "
        + "is not null or CUSTOMER_EMAIL is not null)", Integer.class, r.returnNo());
  }
}
