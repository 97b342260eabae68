package com.peakcare.order;

import com.peakcare.web.DeliverableEmail;
import com.peakcare.web.RefuseUnknownFields;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the shop's system sees it now (PUT /api/orders/{orderNo}): who bought, the member tier its CRM gives
 * the buyer, the status, when it was ordered and paid, how much and how, the customer's contact, and the lines. A
 * later snapshot of the same order replaces it, within the rules of {@link Orders#register}.
 *
 * @param paidAmount what the buyer paid (goods, shipping, after discounts): the most the order ever refunds
 * @param lines each line's unit price is the price actually paid per unit (after discounts): what returning one
 *     unit refunds
 */
@Schema(name = "OrderSnapshot")
@RefuseUnknownFields
public record OrderSnapshot(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.@-]+", message = "letters, digits and . _ - @ only")
        String buyerId,
    @NotNull MemberTier memberTier,
    @NotNull OrderStatus status,
    @NotNull Instant orderedAt,
    Instant paidAt,
    @DecimalMin(value = "0.00") @Digits(integer = 10, fraction = 2) BigDecimal paidAmount,
    PaymentMethod paymentMethod,
    @NotNull @Valid Contact contact,
    @NotBlank @Size(max = 32) String province,
    @NotEmpty @Size(max = 200) List<@NotNull @Valid Line> lines,
    @Schema(description = "When the shop closes the order if it is still unpaid (自动关闭时间; issue 22). Optional: "
        + "without it payment reminders assume the shop's default (peakcare.reminders.default-close-after)")
        Instant autoCloseAt) {

  /** A snapshot without an auto-close time (issue 20's fields). */
  public OrderSnapshot(String buyerId, MemberTier memberTier, OrderStatus status, Instant orderedAt, Instant paidAt,
      BigDecimal paidAmount, PaymentMethod paymentMethod, Contact contact, String province, List<Line> lines) {
    this(buyerId, memberTier, status, orderedAt, paidAt, paidAmount, paymentMethod, contact, province, lines, null);
  }

  /** Who the notices of the order's cases reach. */
  @Schema(name = "OrderContact")
  @RefuseUnknownFields
  public record Contact(
      @NotBlank @Size(max = 64) String name,
      @NotBlank @Pattern(regexp = "\\+?[0-9 -]{6,20}", message = "a phone number") String phone,
      @DeliverableEmail @Size(max = 128) String email,
      @NotBlank @Pattern(regexp = "zh-CN|en", message = "zh-CN or en") String locale) {}

  @Schema(name = "OrderLine")
  @RefuseUnknownFields
  public record Line(
      @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "letters, digits and . _ - only")
          String sku,
      @NotBlank @Size(max = 128) String name,
      // its allowed values are the shop's categories, put into the API document by the returns feature
      @NotBlank @Size(max = 32) String category,
      @NotNull ProductType productType,
      @NotNull @Min(1) @Max(9999) Integer quantity,
      @NotNull @DecimalMin(value = "0.00") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice,
      @Schema(description = "What the item is for in the shop's range (issue 22); none reads as PROFIT")
          ItemRole itemRole) {

    /** A line without its item role (issue 20's fields). */
    public Line(String sku, String name, String category, ProductType productType, Integer quantity,
        BigDecimal unitPrice) {
      this(sku, name, category, productType, quantity, unitPrice, null);
    }
  }
}
