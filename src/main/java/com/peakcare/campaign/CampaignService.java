package com.peakcare.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.peakcare.campaign.CampaignRecords.AllHandsEntry;
import com.peakcare.campaign.CampaignRecords.Campaign;
import com.peakcare.campaign.CampaignRecords.ErrorReport;
import com.peakcare.campaign.CampaignRecords.Finding;
import com.peakcare.campaign.CampaignRecords.Version;
import com.peakcare.web.ApiException;
import com.peakcare.web.ApiProblems.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The campaign's records: registration, versions (items and their hash), pre-check findings and their
 * justifications, the all-hands roll and the error reports. The process's delegates and listeners and the
 * controller all go through here; the SQL is {@link CampaignRepository}'s.
 */
@Service
class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);

  /** Canonical JSON of the items: keys sorted, no nulls, numbers plain and without trailing zeros. */
  static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();
  private static final ObjectMapper PRETTY = CANONICAL.copy().enable(SerializationFeature.INDENT_OUTPUT);

  /** Items per campaign version: a promotion's rules, not a catalogue (every form and check shows all of them). */
  static final int MAX_ITEMS = 200;

  private final CampaignRepository records;
  private final PreCheck preCheck;
  private final Validator validator;

  CampaignService(CampaignRepository records, PreCheck preCheck, Validator validator) {
    this.records = records;
    this.preCheck = preCheck;
    this.validator = validator;
  }

  // ---- registration and versions ---------------------------------------------------------------------------

  /** Registers a new campaign with version 1 and its pre-check findings. A known code is a conflict. */
  @Transactional
  Campaign register(String code, String name, Instant goLiveAt, Instant allHandsDeadline, List<CampaignItem> items,
      String setter) {
    if (find(code).isPresent()) {
      throw ApiException.conflict("campaign " + code + " already exists");
    }
    Instant now = Instant.now();
    records.insertCampaign(code, name, setter, goLiveAt, allHandsDeadline, Stage.PRE_CHECK, now);
    insertVersion(code, 1, normalise(items), setter);
    log.info("campaign {} registered by {}", code, setter);
    return find(code).orElseThrow();
  }

  /**
   * Saves edited items: a different hash makes a new version (with its own pre-check), the same hash keeps the
   * current one. Returns the current version afterwards.
   */
  @Transactional
  Version saveItems(String code, List<CampaignItem> items, String by) {
    Campaign c = require(code);
    List<CampaignItem> normalised = normalise(items);
    Version current = version(code, c.currentVersion());
    if (current.hash().equals(hash(normalised))) {
      return current;
    }
    int next = c.currentVersion() + 1;
    insertVersion(code, next, normalised, by);
    records.setCurrentVersion(code, next);
    log.info("campaign {} version {} saved by {}", code, next, by);
    return version(code, next);
  }

  /**
   * The setter corrects a live campaign: the items become a new version, pre-checked like any other; a finding it
   * opens must be justified in the same request, or nothing is saved (the caller's transaction rolls back).
   */
  @Transactional
  Version correct(String code, List<CampaignItem> items, String justification, String by) {
    Campaign c = require(code);
    if (!c.setter().equals(by)) {
      throw ApiException.forbidden("only the setter " + c.setter() + " corrects " + code);
    }
    if (c.stage() != Stage.LIVE) {
      throw ApiException.conflict("campaign " + code + " is not live (stage " + c.stage().name() + "): before "
          + "launch the set-up task fixes it, after the report window nothing does");
    }
    validateItems(items, "items");
    Version v = saveItems(code, items, by);
    if (v.version() == c.currentVersion()) {
      throw ApiException.conflict("the items are those of version " + v.version() + ": nothing to correct");
    }
    if (justification != null && !justification.isBlank()) {
      justifyOpenFindings(code, justification.trim(), by);
    }
    List<Finding> open = openFindings(code);
    if (!open.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: items", open.stream()
          .map(f -> new FieldProblem("items", f.code() + " (" + f.itemId() + "): " + f.message() + " " + f.fix()
              + " Or give a justification.")).toList());
    }
    log.info("campaign {} corrected after launch by {}: version {}", code, by, v.version());
    return v;
  }

  private void insertVersion(String code, int no, List<CampaignItem> items, String by) {
    Instant now = Instant.now();
    records.insertVersion(code, no, hash(items), canonical(items), by, now);
    // a justification stays with an unchanged item; any change to the item asks for a new one
    for (PreCheck.Result r : preCheck.check(items)) {
      CampaignItem item = items.stream().filter(i -> i.id().equals(r.itemId())).findFirst().orElseThrow();
      String itemHash = itemHash(item);
      Optional<CampaignRepository.Justification> carried = records.justification(code, no - 1, r.code(), r.itemId(),
          itemHash);
      records.insertFinding(UUID.randomUUID().toString(), code, no, r.code(), r.itemId(), itemHash, r.message(),
          r.fix(), carried, now);
    }
  }

  /** Records the setter's justification on every open finding of the current version. */
  @Transactional
  int justifyOpenFindings(String code, String justification, String by) {
    Campaign c = require(code);
    int n = records.justifyOpenFindings(code, c.currentVersion(), justification, by);
    if (n > 0) {
      log.info("campaign {}: {} finding(s) justified by {}", code, n, by);
    }
    return n;
  }

  /** Records a justification on one open finding of the current version. */
  @Transactional
  Finding justify(String code, String findingId, String justification, String by) {
    Campaign c = require(code);
    Finding f = findings(code, c.currentVersion()).stream().filter(x -> x.id().equals(findingId)).findFirst()
        .orElseThrow(() -> ApiException.notFound("finding " + findingId + " of the current version of " + code));
    if (!f.open()) {
      throw ApiException.conflict("finding " + findingId + " is already justified");
    }
    records.justifyFinding(findingId, justification, by);
    return findings(code, c.currentVersion()).stream().filter(x -> x.id().equals(findingId)).findFirst().orElseThrow();
  }

  /** Task_RunPreCheck: the process attaches itself to the campaign's record; a process without one stops here. */
  void attachProcess(String code, String processInstanceId) {
    if (code == null || !records.attachProcess(code, processInstanceId)) {
      throw new IllegalStateException("campaign " + code + " is not registered, or already has its process: campaign"
          + " checks are started through POST /api/campaigns or Tasklist's start form");
    }
  }

  void setStage(String code, Stage stage) {
    records.setStage(code, stage);
  }

  void block(String code, String reason) {
    records.setBlockedReason(code, reason);
    log.info("campaign {} launch blocked: {}", code, reason);
  }

  void launch(String code) {
    records.launched(code, Instant.now());
    log.info("campaign {} approved for launch", code);
  }

  // ---- all-hands roll and error reports --------------------------------------------------------------------

  /** Opens an all-hands round for the current version: one row per participant. Returns the round number. */
  int openAllHandsRound(String code, int version, List<String> participants) {
    int round = records.lastAllHandsRound(code) + 1;
    for (String user : participants) {
      records.insertAllHands(code, round, user, version);
    }
    return round;
  }

  void recordAllHandsSignOff(String code, String user, int errorCount) {
    records.signAllHands(code, user, errorCount, Instant.now());
  }

  /** Closes the latest round: whoever has not signed is listed as closed without a sign-off. */
  int closeAllHandsRound(String code) {
    int n = records.closeAllHandsUnsigned(code, Instant.now());
    if (n > 0) {
      log.info("campaign {} all-hands check closed: {} participant(s) did not sign", code, n);
    }
    return n;
  }

  List<AllHandsEntry> allHands(String code) {
    return records.allHands(code);
  }

  ErrorReport report(String code, int version, String source, String reportedBy, int errorCount, String notes) {
    String id = UUID.randomUUID().toString();
    records.insertErrorReport(id, code, version, source, reportedBy, errorCount, notes, Instant.now());
    return errorReport(id).orElseThrow();
  }

  void confirm(String reportId, int confirmedCount, String by) {
    records.confirm(reportId, confirmedCount, by);
  }

  List<String> unconfirmedReports(String code, int version, String source) {
    return records.unconfirmedReports(code, version, source);
  }

  Optional<ErrorReport> errorReport(String id) {
    return records.errorReport(id);
  }

  List<ErrorReport> errorReports(String code) {
    return records.errorReports(code);
  }

  // ---- reading ---------------------------------------------------------------------------------------------

  Optional<Campaign> find(String code) {
    return records.find(code);
  }

  Campaign require(String code) {
    return find(code).orElseThrow(() -> ApiException.notFound("campaign " + code));
  }

  Version version(String code, int no) {
    return records.version(code, no).orElseThrow();
  }

  Version currentVersion(String code) {
    return version(code, require(code).currentVersion());
  }

  List<Version> versions(String code) {
    return records.versions(code);
  }

  List<Finding> findings(String code, int version) {
    return records.findings(code, version);
  }

  List<Finding> openFindings(String code) {
    return findings(code, require(code).currentVersion()).stream().filter(Finding::open).toList();
  }

  /** The findings as the set-up form shows them. */
  String describeFindings(String code) {
    Campaign c = require(code);
    List<Finding> all = findings(code, c.currentVersion());
    StringBuilder sb = new StringBuilder();
    if (c.blockedReason() != null) {
      sb.append("上线被阻止 · Launch blocked: ").append(c.blockedReason()).append("\n\n");
    }
    if (all.isEmpty()) {
      sb.append("预检未发现问题 · The pre-check found nothing.");
    }
    for (Finding f : all) {
      sb.append(f.open() ? "[OPEN] " : "[JUSTIFIED] ").append(f.code()).append(" · item ").append(f.itemId())
          .append("\n  ").append(f.message()).append("\n  ").append(f.fix());
      if (!f.open()) {
        sb.append("\n  justification (").append(f.justifiedBy()).append("): ").append(f.justification());
      }
      sb.append("\n");
    }
    return sb.toString().trim();
  }

  // ---- items: validation, canonical form, hash --------------------------------------------------------------

  /** Parses items as a form or a client sends them; problems name the field ({@code items[1].text}). */
  List<CampaignItem> parseItems(String json, String field) {
    if (json == null || json.isBlank()) {
      throw ApiException.invalid(field, "required: a JSON array of items");
    }
    List<CampaignItem> items;
    try {
      items = CANONICAL.readValue(json, new TypeReference<List<CampaignItem>>() {});
    } catch (JsonProcessingException e) {
      throw ApiException.invalid(field, "not a JSON array of items: " + e.getOriginalMessage());
    }
    validateItems(items, field);
    return items;
  }

  /**
   * Parses the item rows of a Tasklist form ({@link ItemRows}): mapped to the items' JSON, then parsed and validated
   * as any items' JSON; a problem names the row and field ({@code itemRows[1].threshold}) and says it in words.
   */
  List<CampaignItem> parseItemRows(Object rows, String field) {
    String json = ItemRows.toItemsJson(rows, field);
    try {
      return parseItems(json, field);
    } catch (ApiException e) {
      throw new ApiException(e.status(), e.title(), e.getMessage(),
          e.errors().stream().map(p -> ItemRows.explain(p, field)).toList());
    }
  }

  void validateItems(List<CampaignItem> items, String field) {
    List<FieldProblem> problems = new ArrayList<>();
    if (items == null || items.isEmpty()) {
      problems.add(new FieldProblem(field, "at least one item"));
    } else if (items.size() > MAX_ITEMS) {
      problems.add(new FieldProblem(field, "at most " + MAX_ITEMS + " items per campaign, not " + items.size()));
    } else {
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < items.size(); i++) {
        CampaignItem item = items.get(i);
        if (item == null) {
          problems.add(new FieldProblem(field + "[" + i + "]", "must not be null"));
          continue;
        }
        for (ConstraintViolation<CampaignItem> v : validator.validate(item)) {
          problems.add(new FieldProblem(field + "[" + i + "]." + v.getPropertyPath(), v.getMessage()));
        }
        if (item.type() != null && !ItemRows.TYPES.containsKey(item.type().trim())) {
          problems.add(new FieldProblem(field + "[" + i + "].type", "one of " + ItemRows.TYPES.keySet()));
        }
        if (item.id() != null && !ids.add(item.id())) {
          problems.add(new FieldProblem(field + "[" + i + "].id", "duplicate item id " + item.id()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: " + field, problems);
    }
  }

  static List<CampaignItem> normalise(List<CampaignItem> items) {
    return items.stream()
        .map(i -> new CampaignItem(i.id().trim(), i.type().trim(), i.text().trim(), strip(i.threshold()),
            strip(i.giftValue()), i.firstN(), strip(i.bannerPrice()), strip(i.itemPrice()),
            i.sku() == null || i.sku().isBlank() ? null : i.sku().trim()))
        .sorted(Comparator.comparing(CampaignItem::id))
        .toList();
  }

  private static BigDecimal strip(BigDecimal v) {
    return v == null ? null : v.stripTrailingZeros();
  }

  static String canonical(Object value) {
    try {
      return CANONICAL.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pretty(List<CampaignItem> items) {
    try {
      return PRETTY.writeValueAsString(items);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 (hex) of the canonical JSON of the normalised items: the version's identity. */
  static String hash(List<CampaignItem> normalisedItems) {
    return sha256(canonical(normalisedItems));
  }

  static String itemHash(CampaignItem item) {
    return sha256(canonical(item));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
