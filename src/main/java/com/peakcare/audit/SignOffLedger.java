package com.peakcare.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The auditors' record: sign-offs, append-only, hash-chained per campaign and signed with Ed25519. A sign-off is
 * written inside the caller's transaction (the task completion that it attests), never on its own: a completion
 * that rolls back takes its sign-off with it, and a sign-off that fails rolls the completion back.
 */
@Service
public class SignOffLedger {

  private static final Logger log = LoggerFactory.getLogger(SignOffLedger.class);
  static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final JdbcTemplate jdbc;
  private final SigningKeys keys;

  SignOffLedger(JdbcTemplate jdbc, SigningKeys keys) {
    this.jdbc = jdbc;
    this.keys = keys;
  }

  /** Signs and appends; must run inside the transaction of the step it attests. */
  @Transactional(propagation = Propagation.MANDATORY)
  public SignOff sign(SignOffRequest r) {
    List<Object[]> head = jdbc.query(
        "select LAST_SEQ, LAST_HASH from PC_SIGNOFF_HEAD where CAMPAIGN_CODE = ? for update",
        (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2)}, r.campaign());
    int seq = head.isEmpty() ? 1 : (Integer) head.get(0)[0] + 1;
    String prev = head.isEmpty() ? GENESIS : (String) head.get(0)[1];
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    SignOff unsigned = new SignOff(UUID.randomUUID().toString(), r.campaign(), seq, r.stage(), r.meaning(),
        r.errorCount(), r.signerId(), r.signerName(), r.versionHash(), r.taskId(), now, prev, null, null, keys.keyId());
    byte[] content = canonical(unsigned);
    String recordHash = sha256(content);
    String signature = Base64.getEncoder().encodeToString(keys.sign(content));
    SignOff s = new SignOff(unsigned.id(), r.campaign(), seq, r.stage(), r.meaning(), r.errorCount(), r.signerId(),
        r.signerName(), r.versionHash(), r.taskId(), now, prev, recordHash, signature, keys.keyId());
    jdbc.update("insert into PC_SIGNOFF (ID, CAMPAIGN_CODE, SEQ, STAGE, MEANING, ERROR_COUNT, SIGNER_ID, SIGNER_NAME, "
            + "VERSION_HASH, TASK_ID, SIGNED_AT, PREV_HASH, RECORD_HASH, SIGNATURE, KEY_ID) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(), s.campaign(), s.seq(), s.stage(), s.meaning(), s.errorCount(), s.signerId(), s.signerName(),
        s.versionHash(), s.taskId(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), s.prevHash(), s.recordHash(),
        s.signature(), s.keyId());
    if (head.isEmpty()) {
      jdbc.update("insert into PC_SIGNOFF_HEAD (CAMPAIGN_CODE, LAST_SEQ, LAST_HASH) values (?, ?, ?)",
          r.campaign(), seq, recordHash);
    } else {
      jdbc.update("update PC_SIGNOFF_HEAD set LAST_SEQ = ?, LAST_HASH = ? where CAMPAIGN_CODE = ?",
          seq, recordHash, r.campaign());
    }
    log.info("campaign {} sign-off #{} {} by {}: {}", r.campaign(), seq, r.stage(), r.signerId(), r.meaning());
    return s;
  }

  /** A campaign's sign-offs in chain order. */
  public List<SignOff> forCampaign(String campaign) {
    return jdbc.query("select * from PC_SIGNOFF where CAMPAIGN_CODE = ? order by SEQ", SignOffLedger::row, campaign);
  }

  /** Sign-offs by filter (any may be null), in campaign then chain order, one page. */
  public List<SignOff> find(String campaign, String signer, com.peakcare.web.ListPage.Bounds page) {
    StringBuilder sql = new StringBuilder("select * from PC_SIGNOFF where 1 = 1");
    List<Object> args = new java.util.ArrayList<>();
    if (campaign != null) {
      sql.append(" and CAMPAIGN_CODE = ?");
      args.add(campaign);
    }
    if (signer != null) {
      sql.append(" and SIGNER_ID = ?");
      args.add(signer);
    }
    sql.append(" order by CAMPAIGN_CODE, SEQ").append(com.peakcare.web.ListPage.Bounds.SQL);
    args.add(page.limit());
    args.add(page.offset());
    return jdbc.query(sql.toString(), SignOffLedger::row, args.toArray());
  }

  /** The newest sign-off of a stage for one version of a campaign. */
  public Optional<SignOff> latest(String campaign, String stage, String versionHash) {
    return jdbc.query("select * from PC_SIGNOFF where CAMPAIGN_CODE = ? and STAGE = ? and VERSION_HASH = ? "
            + "order by SEQ desc", SignOffLedger::row, campaign, stage, versionHash)
        .stream().findFirst();
  }

  /** Checks every record's content hash, chain link, sequence and signature, and the chain's recorded end. */
  @Transactional(readOnly = true)
  public Verification verify(String campaign) {
    List<SignOff> all = forCampaign(campaign);
    String expectedPrev = GENESIS;
    int expectedSeq = 1;
    int checked = 0;
    for (SignOff s : all) {
      String reason = problem(s, expectedSeq, expectedPrev);
      if (reason != null) {
        log.warn("campaign {} sign-off #{} ({}) fails verification: {}", campaign, s.seq(), s.id(), reason);
        return new Verification(false, checked, keys.keyId(),
            new Verification.Failure(s.seq(), s.id(), s.stage(), s.signerId(), s.signedAt(), reason));
      }
      checked++;
      expectedSeq = s.seq() + 1;
      expectedPrev = s.recordHash();
    }
    List<Object[]> head = jdbc.query("select LAST_SEQ, LAST_HASH from PC_SIGNOFF_HEAD where CAMPAIGN_CODE = ?",
        (rs, i) -> new Object[] {rs.getInt(1), rs.getString(2)}, campaign);
    int lastSeq = head.isEmpty() ? 0 : (Integer) head.get(0)[0];
    String lastHash = head.isEmpty() ? GENESIS : (String) head.get(0)[1];
    if (lastSeq != expectedSeq - 1 || !lastHash.equals(expectedPrev)) {
      String reason = "the chain ends at #" + (expectedSeq - 1) + " but " + lastSeq
          + " sign-offs were recorded: the newest ones are missing or replaced";
      return new Verification(false, checked, keys.keyId(),
          new Verification.Failure(lastSeq, null, null, null, null, reason));
    }
    return new Verification(true, checked, keys.keyId(), null);
  }

  private String problem(SignOff s, int expectedSeq, String expectedPrev) {
    byte[] content = canonical(s);
    if (!sha256(content).equals(s.recordHash())) {
      return "content (position in the chain included) does not match its recorded hash: the record was altered or moved";
    }
    if (s.seq() != expectedSeq) {
      return s.seq() > expectedSeq
          ? "sign-off #" + expectedSeq + (s.seq() - expectedSeq > 1 ? " to #" + (s.seq() - 1) : "")
              + " before this one is missing"
          : "sequence number repeats or goes back: records were reordered";
    }
    if (!expectedPrev.equals(s.prevHash())) {
      return "chain link broken: the previous record's hash is not the one this record was chained to "
          + "(a record before it was removed, altered or reordered)";
    }
    if (!keys.keyId().equals(s.keyId())) {
      return "signed with key " + s.keyId() + ", not with the ledger's key " + keys.keyId();
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(s.signature());
    } catch (IllegalArgumentException e) {
      return "signature is not base64";
    }
    if (!keys.verify(content, signature)) {
      return "signature does not verify";
    }
    return null;
  }

  /** The signed content: every field but the hash and signature themselves, as JSON with sorted keys. */
  static byte[] canonical(SignOff s) {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", s.id());
    m.put("campaign", s.campaign());
    m.put("seq", s.seq());
    m.put("stage", s.stage());
    m.put("meaning", s.meaning());
    m.put("errorCount", s.errorCount());
    m.put("signerId", s.signerId());
    m.put("signerName", s.signerName());
    m.put("versionHash", s.versionHash());
    m.put("taskId", s.taskId());
    m.put("signedAt", s.signedAt().toString());
    m.put("prevHash", s.prevHash());
    m.put("keyId", s.keyId());
    try {
      return CANONICAL.writeValueAsBytes(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static SignOff row(ResultSet rs, int i) throws SQLException {
    return new SignOff(rs.getString("ID"), rs.getString("CAMPAIGN_CODE"), rs.getInt("SEQ"), rs.getString("STAGE"),
        rs.getString("MEANING"), rs.getInt("ERROR_COUNT"), rs.getString("SIGNER_ID"), rs.getString("SIGNER_NAME"),
        rs.getString("VERSION_HASH"), rs.getString("TASK_ID"),
        rs.getObject("SIGNED_AT", OffsetDateTime.class).toInstant(), rs.getString("PREV_HASH"),
        rs.getString("RECORD_HASH"), rs.getString("SIGNATURE"), rs.getString("KEY_ID"));
  }
}
