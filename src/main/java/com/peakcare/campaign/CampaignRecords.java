package com.peakcare.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The campaign's own records, as the service and the API show them. */
final class CampaignRecords {

  record Campaign(String code, String name, String setter, Instant goLiveAt, Instant allHandsDeadline,
      int currentVersion, Stage stage, String blockedReason, String processInstanceId, Instant createdAt,
      Instant launchedAt) {}

  @Schema(name = "CampaignVersion")
  record Version(int version, String hash, List<CampaignItem> items, String createdBy, Instant createdAt) {}

  record Finding(String id, int version, String code, String itemId, String message, String fix,
      String justification, String justifiedBy) {
    @com.fasterxml.jackson.annotation.JsonProperty("open")
    public boolean open() {
      return justification == null;
    }
  }

  record AllHandsEntry(int round, String userId, int version, String status, Integer errorCount, Instant closedAt) {}

  record ErrorReport(String id, String campaign, int version, String source, String reportedBy, int errorCount,
      String notes, String status, Integer confirmedCount, String confirmedBy, Instant createdAt) {}

  record LedgerEntry(String id, String campaign, int version, String person, String kind, BigDecimal amount,
      String currency, int errorCount, String reportId, String onBehalfOf, String reason, Instant createdAt) {}

  private CampaignRecords() {}
}
