package com.peakcare.audit;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.peakcare.web.ListPage;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditors' view: read-only. Sign-offs (JSON or CSV), per-campaign verification, the public key. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "Signed sign-offs: list, export, verify")
class AuditController {

  /** A CSV export is one page of at most this many rows (page and size as in JSON). */
  static final int CSV_ROWS = 5_000;
  private static final String AUDITORS = "hasAnyAuthority('GROUP_auditors', 'GROUP_camunda-admin')";

  private final SignOffLedger ledger;
  private final SigningKeys keys;

  AuditController(SignOffLedger ledger, SigningKeys keys) {
    this.ledger = ledger;
    this.keys = keys;
  }

  @GetMapping(value = "/signoffs", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize(AUDITORS)
  @Operation(operationId = "listSignOffs", summary = "Sign-offs, filtered by campaign and/or signer (auditors)",
      description = "The same sign-offs as CSV with `Accept: text/csv` (or the query parameter `format=csv`), "
          + "one row per sign-off with every signed field, for a spreadsheet or an external check of the signatures. "
          + "JSON pages hold up to 200 sign-offs (`size`), a CSV page up to 5,000 (its default).")
  @ApiResponse(responseCode = "200", description = "One page of the sign-offs, oldest first per campaign", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          array = @ArraySchema(schema = @Schema(implementation = SignOff.class))),
      @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
  List<SignOff> signoffs(@RequestParam(required = false) String campaign, @RequestParam(required = false) String signer,
      ListPage page) {
    return ledger.find(campaign, signer, page.checked());
  }

  // documented with listSignOffs: one operation whose answer is JSON or CSV, as the client asks
  @GetMapping(value = "/signoffs", produces = "text/csv")
  @PreAuthorize(AUDITORS)
  @Hidden
  ResponseEntity<String> signoffsCsv(@RequestParam(required = false) String campaign,
      @RequestParam(required = false) String signer, ListPage page) {
    return csv(campaign, signer, page);
  }

  @GetMapping(value = "/signoffs", params = "format=csv")
  @PreAuthorize(AUDITORS)
  @Hidden
  ResponseEntity<String> signoffsCsvByParameter(@RequestParam(required = false) String campaign,
      @RequestParam(required = false) String signer, ListPage page) {
    return csv(campaign, signer, page);
  }

  @GetMapping("/campaigns/{code}/verify")
  @PreAuthorize(AUDITORS)
  @Operation(operationId = "verifyCampaignSignOffs", summary = "Checks every signature and chain link of a campaign's "
      + "sign-offs; names the first that fails (a campaign without sign-offs is valid, 0 checked)")
  @ApiResponse(responseCode = "200", description = "The verification: valid, or the first record that fails and why")
  Verification verify(@PathVariable String code) {
    return ledger.verify(code);
  }

  /** The key that verifies the sign-offs. */
  record PublicKey(String algorithm, String format, String keyId, String key) {}

  @GetMapping("/public-key")
  @Operation(operationId = "getPublicKey", summary = "The Ed25519 public key (X.509, base64) that verifies the "
      + "sign-offs (any user)")
  @ApiResponse(responseCode = "200", description = "The key, its id (as the sign-offs name it) and its encoding")
  PublicKey publicKey() {
    return new PublicKey(SigningKeys.ALGORITHM, "X.509", keys.keyId(), SigningKeys.b64(keys.publicKey().getEncoded()));
  }

  private ResponseEntity<String> csv(String campaign, String signer, ListPage page) {
    String header = "campaign,seq,stage,meaning,errorCount,signerId,signerName,versionHash,signedAt,taskId,"
        + "prevHash,recordHash,signature,keyId,id";
    String body = ledger.find(campaign, signer, page.checked(CSV_ROWS, CSV_ROWS)).stream()
        .map(s -> String.join(",", cell(s.campaign()), String.valueOf(s.seq()), cell(s.stage()),
            cell(s.meaning()), String.valueOf(s.errorCount()), cell(s.signerId()), cell(s.signerName()),
            s.versionHash(), s.signedAt().toString(), cell(s.taskId()), s.prevHash(), s.recordHash(),
            quoted(s.signature()), s.keyId(), s.id()))
        .collect(Collectors.joining("\r\n", header + "\r\n", "\r\n"));
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Disposition", "attachment; filename=\"signoffs" + (campaign == null ? "" : "-" + campaign)
            .replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv\"")
        .body(body);
  }

  /** Base64 as it is (it may start with '+' or '/'), quoted so no spreadsheet reads it as a formula. */
  static String quoted(String base64) {
    return "\"" + base64 + "\"";
  }

  /**
   * RFC 4180 quoting for text people wrote or chose (names, meanings, codes); a leading formula character is
   * neutralised so a spreadsheet never evaluates a cell.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}
