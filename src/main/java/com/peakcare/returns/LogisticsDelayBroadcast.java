package com.peakcare.returns;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A logistics-delay broadcast and how far it got (GET /api/notices/logistics-delay/{id}).
 *
 * @param matched the cases it reaches, fixed when it started
 * @param queued notices this broadcast recorded (each delivered later, asynchronously, with retries)
 * @param alreadyNotified matched customers told before by the same broadcast (same courier, provinces, days and
 *     reason, same waybill): nothing recorded for them again
 * @param remaining matched cases whose batch has not run yet
 * @param sent of the notices of queued and alreadyNotified: delivered on every channel
 * @param failed of the same notices: some channel's last attempt failed (retried, then an incident of
 *     notice-delivery)
 * @param repeatOf the first broadcast with the same content, when this one repeats it
 * @param incident why the broadcast stopped, when its status is FAILED
 */
public record LogisticsDelayBroadcast(String id, Status status, String courier, List<String> provinces,
    int expectedDelayDays, String reason, String repeatOf, String startedBy, Instant startedAt, Instant finishedAt,
    int matched, int queued, int alreadyNotified, int remaining, int sent, int failed, String processInstanceId,
    String incident) {

  /** RUNNING while batches remain, DONE when every matched case was handled, FAILED while a batch is an incident. */
  @Schema(name = "BroadcastStatus", enumAsRef = true)
  public enum Status { RUNNING, DONE, FAILED }

  /** What happened to one matched case. */
  enum Outcome { NOTIFIED, ALREADY_NOTIFIED }
}
