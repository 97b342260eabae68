package com.peakcare.review;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** A review as the shop's system sends it (one row of a batch, or of a CSV export). */
@Schema(name = "Review", description = "One product review as the platform shows it: the order line it is about, its "
    + "stars, its text and its follow-up (追评). The order number and SKU are its key: sent again with the same content "
    + "it is the same review (UNCHANGED); with other content (a follow-up added, a review amended) it is the review's "
    + "new state (UPDATED), analysed again and counted again by the next cycle.")
record ReviewInput(
    @Schema(description = "The platform's order number", example = "2026111112345")
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' and '-' only")
    String orderNo,
    @Schema(description = "The reviewed item's SKU", example = "TS-01-M")
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' and '-' only")
    String sku,
    @Schema(description = "1 to 5", example = "5") @NotNull @Min(1) @Max(5) Integer stars,
    @Schema(description = "The review's text (may be empty)", example = "衣服质量很好，但是物流太慢了")
    @Size(max = 2000) String text,
    @Schema(description = "The follow-up review (追评), if any", example = "洗了两次就起球了")
    @Size(max = 2000) String followUp,
    @Schema(description = "When the buyer wrote it", example = "2026-11-14T10:15:00+08:00") @NotNull Instant reviewedAt,
    @Schema(description = "When the follow-up was written (with a follow-up only)") Instant followUpAt) {

  /** A batch of reviews: all accepted, or none (a bad row is a 400 naming {@code reviews[i].field}). */
  @Schema(name = "ReviewBatch")
  record Batch(@NotNull @Size(min = 1, max = 1000) @Valid List<@NotNull ReviewInput> reviews) {}
}
