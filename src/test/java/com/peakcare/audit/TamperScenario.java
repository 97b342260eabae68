package com.peakcare.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The same tampering on any database: four signed sign-offs, then one altered, one deleted, two reordered and
 * the newest deleted, each directly with SQL, each caught by verification naming the record; after each the
 * tampering is undone and the chain verifies again.
 */
final class TamperScenario {

  private final JdbcTemplate jdbc;
  private final SignOffLedger ledger;
  private final TransactionTemplate tx;

  TamperScenario(JdbcTemplate jdbc, SignOffLedger ledger, PlatformTransactionManager txm) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.tx = new TransactionTemplate(txm);
  }

  /** Four sign-offs of a new campaign, as the campaign check writes them. */
  String aSignedCampaign() {
    String campaign = "AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
    String hash = "ab".repeat(32);
    tx.executeWithoutResult(s -> {
      ledger.sign(new SignOffRequest(campaign, "RECHECK", "set up and re-checked", 0, "setter1", "Lin Wei", hash, "t1"));
      ledger.sign(new SignOffRequest(campaign, "PEER_CHECK", "checked, no errors", 0, "peer1", "Zhao Min", hash, "t2"));
      ledger.sign(new SignOffRequest(campaign, "UX_CHECK", "checked, no errors", 0, "ux1", "Wang Fang", hash, "t3"));
      ledger.sign(new SignOffRequest(campaign, "ALL_HANDS", "checked, no errors", 0, "staff1", "Sun Li", hash, "t4"));
    });
    return campaign;
  }

  void run() {
    String campaign = aSignedCampaign();
    List<SignOff> original = ledger.forCampaign(campaign);
    assertThat(original).extracting(SignOff::seq).containsExactly(1, 2, 3, 4);
    assertThat(ledger.verify(campaign).valid()).isTrue();
    assertThat(ledger.verify(campaign).checked()).isEqualTo(4);
    SignOff second = original.get(1);
    SignOff third = original.get(2);

    // altered: the peer check now claims errors were found
    jdbc.update("update PC_SIGNOFF set MEANING = 'checked, 3 errors found', ERROR_COUNT = 3 where ID = ?", second.id());
    Verification altered = ledger.verify(campaign);
    assertThat(altered.valid()).isFalse();
    assertThat(altered.checked()).isEqualTo(1);
    assertThat(altered.firstInvalid().id()).isEqualTo(second.id());
    assertThat(altered.firstInvalid().seq()).isEqualTo(2);
    assertThat(altered.firstInvalid().signerId()).isEqualTo("peer1");
    assertThat(altered.firstInvalid().reason()).contains("altered");
    jdbc.update("update PC_SIGNOFF set MEANING = ?, ERROR_COUNT = 0 where ID = ?", second.meaning(), second.id());
    assertThat(ledger.verify(campaign).valid()).isTrue();

    // altered with its hash recomputed by the tamperer: the signature still gives it away
    SignOff forged = new SignOff(second.id(), campaign, 2, second.stage(), "checked, 3 errors found", 3,
        second.signerId(), second.signerName(), second.versionHash(), second.taskId(), second.signedAt(),
        second.prevHash(), null, null, second.keyId());
    jdbc.update("update PC_SIGNOFF set MEANING = ?, ERROR_COUNT = 3, RECORD_HASH = ? where ID = ?", forged.meaning(),
        SignOffLedger.sha256(SignOffLedger.canonical(forged)), second.id());
    Verification reHashed = ledger.verify(campaign);
    assertThat(reHashed.valid()).isFalse();
    assertThat(reHashed.firstInvalid().id()).isEqualTo(second.id());
    assertThat(reHashed.firstInvalid().reason()).contains("signature");
    jdbc.update("update PC_SIGNOFF set MEANING = ?, ERROR_COUNT = 0, RECORD_HASH = ? where ID = ?", second.meaning(),
        second.recordHash(), second.id());
    assertThat(ledger.verify(campaign).valid()).isTrue();

    // reordered: #2 and #3 swap places
    jdbc.update("update PC_SIGNOFF set SEQ = -1 where ID = ?", second.id());
    jdbc.update("update PC_SIGNOFF set SEQ = 2 where ID = ?", third.id());
    jdbc.update("update PC_SIGNOFF set SEQ = 3 where ID = ?", second.id());
    Verification reordered = ledger.verify(campaign);
    assertThat(reordered.valid()).isFalse();
    assertThat(reordered.firstInvalid().seq()).isEqualTo(2);
    assertThat(reordered.firstInvalid().id()).isEqualTo(third.id());
    assertThat(reordered.firstInvalid().signerId()).isEqualTo("ux1");
    jdbc.update("update PC_SIGNOFF set SEQ = -1 where ID = ?", second.id());
    jdbc.update("update PC_SIGNOFF set SEQ = 3 where ID = ?", third.id());
    jdbc.update("update PC_SIGNOFF set SEQ = 2 where ID = ?", second.id());
    assertThat(ledger.verify(campaign).valid()).isTrue();

    // deleted: #2 removed; the record after the gap is named
    jdbc.update("delete from PC_SIGNOFF where ID = ?", second.id());
    Verification deleted = ledger.verify(campaign);
    assertThat(deleted.valid()).isFalse();
    assertThat(deleted.checked()).isEqualTo(1);
    assertThat(deleted.firstInvalid().id()).isEqualTo(third.id());
    assertThat(deleted.firstInvalid().reason()).contains("#2").contains("missing");
    reinsert(second);
    assertThat(ledger.verify(campaign).valid()).isTrue();

    // deleted newest: no later record points at it, the chain's recorded end does
    SignOff fourth = original.get(3);
    jdbc.update("delete from PC_SIGNOFF where ID = ?", fourth.id());
    Verification truncated = ledger.verify(campaign);
    assertThat(truncated.valid()).isFalse();
    assertThat(truncated.checked()).isEqualTo(3);
    assertThat(truncated.firstInvalid().seq()).isEqualTo(4);
    assertThat(truncated.firstInvalid().reason()).contains("missing");
    reinsert(fourth);
    assertThat(ledger.verify(campaign).valid()).isTrue();
  }

  private void reinsert(SignOff s) {
    jdbc.update("insert into PC_SIGNOFF (ID, CAMPAIGN_CODE, SEQ, STAGE, MEANING, ERROR_COUNT, SIGNER_ID, SIGNER_NAME, "
            + "VERSION_HASH, TASK_ID, SIGNED_AT, PREV_HASH, RECORD_HASH, SIGNATURE, KEY_ID) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(), s.campaign(), s.seq(), s.stage(), s.meaning(), s.errorCount(), s.signerId(), s.signerName(),
        s.versionHash(), s.taskId(), java.time.OffsetDateTime.ofInstant(s.signedAt(), java.time.ZoneOffset.UTC),
        s.prevHash(), s.recordHash(), s.signature(), s.keyId());
  }
}
