package com.peakcare.returns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical JSON of a request and its SHA-256: an identical retry has the same fingerprint whatever the
 * order of its fields or the scale of its amounts; a different request with the same return number does not.
 */
final class RequestFingerprint {

  static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
      .build();

  static ReturnRequest canonical(ReturnRequest r) {
    return new ReturnRequest(r.returnNo(), r.orderNo(), r.type(), r.reason(), money(r.amount()),
        r.deliveredAt() == null ? null : r.deliveredAt().truncatedTo(ChronoUnit.MILLIS),
        r.customer(),
        r.items().stream().map(i -> new ReturnRequest.Item(i.sku(), i.name(), i.category(), i.quantity(),
            money(i.unitPrice()))).toList(),
        r.assignee() == null || r.assignee().isBlank() ? null : r.assignee());
  }

  static String json(ReturnRequest r) {
    try {
      return JSON.writeValueAsString(canonical(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static ReturnRequest parse(String json) {
    try {
      return JSON.readValue(json, ReturnRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored return request is unreadable", e);
    }
  }

  static String hash(ReturnRequest r) {
    return sha256(json(r));
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
  }

  private RequestFingerprint() {}
}
