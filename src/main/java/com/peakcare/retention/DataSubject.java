package com.peakcare.retention;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The person a rights request is about (issue 27): asked for by buyer id or phone, and the keys PeakCare's records
 * know them by, which the {@link PersonalDataHolder}s add as they find them (the order feature their orders and buyer
 * ids, the return cases their case numbers). {@link #pseudonym()} is what replaces the buyer id where a money or audit
 * record must stay.
 */
public final class DataSubject {

  private final String buyerId;
  private final String phone;
  private final String pseudonym;
  private final Set<String> buyerIds = new LinkedHashSet<>();
  private final Set<String> orderNos = new LinkedHashSet<>();
  private final Set<String> caseRefs = new LinkedHashSet<>();

  public DataSubject(String buyerId, String phone, String pseudonym) {
    this.buyerId = buyerId;
    this.phone = phone;
    this.pseudonym = pseudonym;
    if (buyerId != null) {
      buyerIds.add(buyerId);
    }
  }

  /** As asked: a buyer id, or null. */
  public String buyerId() {
    return buyerId;
  }

  /** As asked: a phone number, or null. */
  public String phone() {
    return phone;
  }

  public String pseudonym() {
    return pseudonym;
  }

  public Set<String> buyerIds() {
    return buyerIds;
  }

  public Set<String> orderNos() {
    return orderNos;
  }

  public Set<String> caseRefs() {
    return caseRefs;
  }

  /** The person as the trail names them: a digest of what they were asked for by, never the phone itself. */
  public String reference() {
    return reference(buyerId != null ? "buyer:" + buyerId : "phone:" + phone);
  }

  static String reference(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "subject-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
