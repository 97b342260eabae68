package com.peakcare.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.PeakCareTest;
import com.peakcare.support.Http;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;

/** The auditors' record on H2: signatures that verify, tampering that is caught, and who may read it. */
@PeakCareTest
class SignOffAuditTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired SignOffLedger ledger;
  @Autowired PlatformTransactionManager txm;
  Http http;
  TamperScenario scenario;

  @BeforeEach
  void setUp() {
    http = new Http(port);
    scenario = new TamperScenario(jdbc, ledger, txm);
  }

  @Test
  void verificationFailsAndNamesTheRecordWhenASignOffIsAlteredDeletedOrReorderedInTheDatabase() {
    scenario.run();
  }

  @Test
  void everySignatureVerifiesWithThePublishedPublicKey() throws Exception {
    String campaign = scenario.aSignedCampaign();
    JsonNode key = JSON.readTree(http.get("/api/audit/public-key", "staff1").body());
    assertThat(key.path("algorithm").asText()).isEqualTo("Ed25519");
    PublicKey publicKey = SigningKeys.decodePublic(key.path("key").asText());

    JsonNode signoffs = JSON.readTree(http.get("/api/audit/signoffs?campaign=" + campaign, "auditor1").body());
    assertThat(signoffs).hasSize(4);
    List<SignOff> stored = ledger.forCampaign(campaign);
    for (int i = 0; i < stored.size(); i++) {
      SignOff s = stored.get(i);
      assertThat(signoffs.get(i).path("recordHash").asText()).isEqualTo(s.recordHash());
      assertThat(signoffs.get(i).path("signerName").asText()).isNotBlank();
      assertThat(signoffs.get(i).path("signedAt").asText()).endsWith("Z");
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(SignOffLedger.canonical(s));
      assertThat(verifier.verify(Base64.getDecoder().decode(signoffs.get(i).path("signature").asText())))
          .as("signature of #%d", s.seq()).isTrue();
      assertThat(s.prevHash()).isEqualTo(i == 0 ? SignOffLedger.GENESIS : stored.get(i - 1).recordHash());
    }
    JsonNode verify = JSON.readTree(http.get("/api/audit/campaigns/" + campaign + "/verify", "auditor1").body());
    assertThat(verify.path("valid").asBoolean()).isTrue();
    assertThat(verify.path("checked").asInt()).isEqualTo(4);
    assertThat(verify.has("firstInvalid")).isTrue();
  }

  @Test
  void verifyOverHttpNamesTheAlteredRecord() throws Exception {
    String campaign = scenario.aSignedCampaign();
    SignOff third = ledger.forCampaign(campaign).get(2);
    jdbc.update("update PC_SIGNOFF set SIGNER_NAME = 'Somebody Else' where ID = ?", third.id());
    HttpResponse<String> res = http.get("/api/audit/campaigns/" + campaign + "/verify", "auditor1");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode verify = JSON.readTree(res.body());
    assertThat(verify.path("valid").asBoolean()).isFalse();
    assertThat(verify.path("checked").asInt()).isEqualTo(2);
    assertThat(verify.path("firstInvalid").path("id").asText()).isEqualTo(third.id());
    assertThat(verify.path("firstInvalid").path("seq").asInt()).isEqualTo(3);
    assertThat(verify.path("firstInvalid").path("stage").asText()).isEqualTo("UX_CHECK");
  }

  @Test
  void signOffsExportAsCsv() {
    String campaign = scenario.aSignedCampaign();
    HttpResponse<String> res = http.send(http.request("/api/audit/signoffs?campaign=" + campaign, "auditor1")
        .header("Accept", "text/csv").GET().build());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/csv"));
    String[] lines = res.body().split("\r\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("campaign,seq,stage,meaning");
    assertThat(lines[2]).startsWith(campaign + ",2,PEER_CHECK,\"checked, no errors\",0,peer1,Zhao Min,");
    assertThat(lines[2]).contains(",\"" + ledger.forCampaign(campaign).get(1).signature() + "\",");
    assertThat(http.get("/api/audit/signoffs?format=csv&campaign=" + campaign, "auditor1").body())
        .isEqualTo(res.body());
  }

  @Test
  void onlyAuditorsReadTheRecordAndNobodyChangesIt() {
    String campaign = scenario.aSignedCampaign();
    for (String user : List.of("setter1", "staff1", "ux1", "shop1")) {
      assertThat(http.get("/api/audit/signoffs?campaign=" + campaign, user).statusCode()).as(user).isEqualTo(403);
      assertThat(http.get("/api/audit/campaigns/" + campaign + "/verify", user).statusCode()).as(user).isEqualTo(403);
    }
    assertThat(http.get("/api/audit/signoffs?campaign=" + campaign, "auditor1").statusCode()).isEqualTo(200);
    assertThat(http.post("/api/audit/signoffs", "auditor1", "{}").statusCode()).isIn(403, 405);
    assertThat(http.send(http.request("/api/audit/signoffs?campaign=" + campaign, "auditor1").DELETE().build())
        .statusCode()).isIn(403, 405);
    assertThat(ledger.forCampaign(campaign)).hasSize(4);
  }

  @Test
  void aSignOffIsNeverWrittenOutsideTheTransactionOfWhatItAttests() {
    assertThatThrownBy(() -> ledger.sign(new SignOffRequest("AUDIT-NO-TX", "RECHECK", "set up and re-checked", 0,
        "setter1", "Lin Wei", "00".repeat(32), null))).isInstanceOf(IllegalTransactionStateException.class);
    assertThat(ledger.forCampaign("AUDIT-NO-TX")).isEmpty();
  }
}
