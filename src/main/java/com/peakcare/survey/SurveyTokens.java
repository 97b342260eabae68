package com.peakcare.survey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The token in a survey link: {@code base64url(surveyId "." expiresEpochSeconds) "." base64url(HMAC-SHA256)} with
 * the server secret. It names the survey (a random id, nothing about the case) and when it expires; the signature
 * makes it unguessable and untamperable; PeakCare keeps only its SHA-256, so the link works once the customer has it
 * and nowhere else.
 */
@Component
class SurveyTokens {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  /** Two base64url parts: what a token looks like at all (before anything else is tried). */
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{10,120}\\.[A-Za-z0-9_-]{43}");

  /** What a valid signature says. */
  record Claims(String surveyId, Instant expiresAt) {}

  private final SurveySettings settings;

  SurveyTokens(SurveySettings settings) {
    this.settings = settings;
  }

  String issue(String surveyId, Instant expiresAt) {
    String payload = B64.encodeToString((surveyId + "." + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8));
    return payload + "." + B64.encodeToString(mac(payload));
  }

  /** The claims of a token whose signature is the server's; empty for anything else. Expiry is the caller's. */
  Optional<Claims> verify(String token) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    String payload = token.substring(0, dot);
    byte[] given;
    try {
      given = B64D.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(mac(payload), given)) {
      return Optional.empty();
    }
    String[] parts = new String(B64D.decode(payload), StandardCharsets.UTF_8).split("\\.");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Claims(parts[0], Instant.ofEpochSecond(Long.parseLong(parts[1]))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** What PeakCare stores of a token. */
  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(settings.secret(), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
