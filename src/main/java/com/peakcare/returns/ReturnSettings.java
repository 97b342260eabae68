package com.peakcare.returns;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Times of the return case that the business tunes (application.yaml, {@code peakcare.returns.*}). Review SLA hours
 * come from the policy decision; these cover the rest.
 *
 * @param inspectionSla how long the warehouse has to inspect a parcel that arrived
 * @param parcelReminderAfter when the customer is reminded to send the parcel (ISO-8601 duration)
 * @param parcelLimit when a case whose parcel never came is cancelled
 * @param surveyWait how long the case waits for a survey answer before it closes
 * @param refundTo where refunds go unless an approved change says otherwise (ORIGINAL_PAYMENT: 原路退回)
 * @param secondApprovalThreshold a refund above this (CNY) needs a second approval by another after-sales supervisor
 */
@ConfigurationProperties("peakcare.returns")
record ReturnSettings(
    Duration inspectionSla, String parcelReminderAfter, String parcelLimit, String surveyWait, String refundTo,
    java.math.BigDecimal secondApprovalThreshold) {

  ReturnSettings {
    inspectionSla = inspectionSla == null ? Duration.ofHours(24) : inspectionSla;
    parcelReminderAfter = parcelReminderAfter == null ? "P3D" : parcelReminderAfter;
    parcelLimit = parcelLimit == null ? "P14D" : parcelLimit;
    surveyWait = surveyWait == null ? "P3D" : surveyWait;
    refundTo = refundTo == null ? RefundDestination.ORIGINAL : RefundDestination.parse(refundTo).code();
    secondApprovalThreshold = secondApprovalThreshold == null ? new java.math.BigDecimal("1000.00")
        : secondApprovalThreshold;
  }
}
