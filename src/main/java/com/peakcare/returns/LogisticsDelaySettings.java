package com.peakcare.returns;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code peakcare.logistics-delay.*}: how many cases one batch of a broadcast tells (one transaction each), and the
 * retry cycle of a failed batch (read by processes/logistics-delay-broadcast.bpmn as
 * {@code ${logisticsDelaySettings.retryCycle}}).
 */
@Component("logisticsDelaySettings")
public class LogisticsDelaySettings {

  private final int batchSize;
  private final String retryCycle;

  LogisticsDelaySettings(@Value("${peakcare.logistics-delay.batch-size:200}") int batchSize,
      @Value("${peakcare.logistics-delay.retry-cycle:R5/PT1M}") String retryCycle) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("peakcare.logistics-delay.batch-size must be at least 1, not " + batchSize);
    }
    this.batchSize = batchSize;
    this.retryCycle = retryCycle;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public String getRetryCycle() {
    return retryCycle;
  }
}
