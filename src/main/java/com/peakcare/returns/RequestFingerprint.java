package com.peakcare.returns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.web.Fingerprints;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;

/**
 * The canonical JSON of a request and its SHA-256: an identical retry has the same fingerprint whatever the
 * order of its fields or the scale of its amounts; a different request with the same return number does not.
 */
final class RequestFingerprint {

  static final ObjectMapper JSON = Fingerprints.JSON;

  static ReturnRequest canonical(ReturnRequest r) {
    return new ReturnRequest(r.returnNo(), r.orderNo(), r.type(), r.reason(),
        r.lines().stream().map(l -> new ReturnRequest.Line(l.sku(), l.quantity())).toList(),
        r.deliveredAt() == null ? null : r.deliveredAt().truncatedTo(ChronoUnit.MILLIS), money(r.amount()),
        r.assignee() == null || r.assignee().isBlank() ? null : r.assignee());
  }

  static String json(ReturnRequest r) {
    return Fingerprints.json(canonical(r));
  }

  static ReturnRequest parse(String json) {
    return Fingerprints.parse(json, ReturnRequest.class);
  }

  static String hash(ReturnRequest r) {
    return sha256(json(r));
  }

  static String sha256(String text) {
    return Fingerprints.sha256(text);
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
  }

  private RequestFingerprint() {}
}
