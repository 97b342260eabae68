package com.peakcare.campaign;

import com.peakcare.campaign.CampaignRecords.Finding;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What other features may read about a campaign, read-only: its setter, go-live, stage, and the items of each version
 * (with the setter's justifications of pre-check findings). The campaign's tables and services stay the campaign's
 * own; this facade is the one public door into them (the campaign briefing reads the approved items here).
 */
@Component
public class CampaignFacts {

  /** Message a live campaign's correction sends to whatever waits on it by business key (the campaign's briefing). */
  public static final String MESSAGE_CORRECTED = "CampaignCorrected";
  /** The stage a correction after launch signs for. */
  public static final String CORRECTION_STAGE = "CORRECTION";

  /** The pre-check's four traps ({@code PreCheck}), by the codes its findings carry. */
  public static final String FIRST_N_UNVERIFIABLE = PreCheck.FIRST_N_UNVERIFIABLE;
  public static final String THRESHOLD_NOT_PER_ORDER = PreCheck.THRESHOLD_NOT_PER_ORDER;
  public static final String GIFT_EXCEEDS_THRESHOLD = PreCheck.GIFT_EXCEEDS_THRESHOLD;
  public static final String BANNER_PRICE_MISMATCH = PreCheck.BANNER_PRICE_MISMATCH;

  /** A campaign as the record holds it; {@code closesAt}: when its customer-report window (and its stage LIVE) ends. */
  public record Campaign(String code, String name, String setter, Instant goLiveAt, Stage stage, int currentVersion,
      Instant launchedAt, Instant closesAt) {}

  /**
   * One version's items (normalised, sorted by id) and hash; {@code justifications}: the setter's justification of each
   * pre-check finding of this version, keyed {@code itemId + ":" + code}.
   */
  public record Version(String campaign, int version, String hash, List<CampaignItem> items, String createdBy,
      Instant createdAt, Map<String, String> justifications) {

    public String justification(String itemId, String findingCode) {
      return justifications.get(itemId + ":" + findingCode);
    }
  }

  private final CampaignService campaigns;
  private final CampaignSettings settings;

  CampaignFacts(CampaignService campaigns, CampaignSettings settings) {
    this.campaigns = campaigns;
    this.settings = settings;
  }

  public Optional<Campaign> find(String code) {
    return campaigns.find(code).map(c -> new Campaign(c.code(), c.name(), c.setter(), c.goLiveAt(), c.stage(),
        c.currentVersion(), c.launchedAt(), settings.reportWindowEnd(Date.from(c.goLiveAt())).toInstant()));
  }

  public Version version(String code, int no) {
    CampaignRecords.Version v = campaigns.version(code, no);
    Map<String, String> justified = new LinkedHashMap<>();
    for (Finding f : campaigns.findings(code, no)) {
      if (f.justification() != null) {
        justified.put(f.itemId() + ":" + f.code(), f.justification());
      }
    }
    return new Version(code, v.version(), v.hash(), v.items(), v.createdBy(), v.createdAt(), Map.copyOf(justified));
  }

  public Version currentVersion(String code) {
    return version(code, campaigns.require(code).currentVersion());
  }

  /** SHA-256 of an item's canonical JSON: the same item in two versions has the same hash. */
  public static String itemHash(CampaignItem item) {
    return CampaignService.itemHash(item);
  }

  /** How staff read an item type ({@code gift} → 赠品 · Gift); an unknown type as it is. */
  public static String typeLabel(String type) {
    return ItemRows.TYPES.getOrDefault(type, type);
  }
}
