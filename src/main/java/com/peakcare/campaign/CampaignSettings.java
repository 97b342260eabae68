package com.peakcare.campaign;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code peakcare.campaign.*}: amounts of rewards and fines, and the durations the process's timers use
 * (read by the BPMN as {@code ${campaignSettings.stageSla}} and friends).
 */
@Component("campaignSettings")
public class CampaignSettings {

  private final BigDecimal reward;
  private final BigDecimal fine;
  private final BigDecimal superiorFine;
  private final String currency;
  private final Duration stageSla;
  private final Duration allHandsLead;
  private final Duration reportWindow;

  CampaignSettings(
      @Value("${peakcare.campaign.reward:50}") BigDecimal reward,
      @Value("${peakcare.campaign.fine:100}") BigDecimal fine,
      @Value("${peakcare.campaign.superior-fine:50}") BigDecimal superiorFine,
      @Value("${peakcare.campaign.currency:CNY}") String currency,
      @Value("${peakcare.campaign.stage-sla:PT4H}") Duration stageSla,
      @Value("${peakcare.campaign.all-hands-lead:PT2H}") Duration allHandsLead,
      @Value("${peakcare.campaign.report-window:P30D}") Duration reportWindow) {
    this.reward = reward;
    this.fine = fine;
    this.superiorFine = superiorFine;
    this.currency = currency;
    this.stageSla = stageSla;
    this.allHandsLead = allHandsLead;
    this.reportWindow = reportWindow;
  }

  public BigDecimal reward() {
    return reward;
  }

  public BigDecimal fine() {
    return fine;
  }

  public BigDecimal superiorFine() {
    return superiorFine;
  }

  public String currency() {
    return currency;
  }

  /** How long a single check may stay open before supervisors get a follow-up task (ISO-8601, BPMN timer). */
  public String getStageSla() {
    return stageSla.toString();
  }

  /** A check's due date as Tasklist shows it: created now, due within the stage SLA (the escalation timer's). */
  public Date stageDue() {
    return Date.from(java.time.Instant.now().plus(stageSla));
  }

  /** The default all-hands deadline's distance before go-live. */
  public Duration allHandsLead() {
    return allHandsLead;
  }

  /** Until when customers' error reports are taken after go-live (BPMN timer). */
  public Date reportWindowEnd(Date goLiveAt) {
    return Date.from(goLiveAt.toInstant().plus(reportWindow));
  }
}
