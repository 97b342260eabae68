package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.MemberTier;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import com.peakcare.web.DeliverableEmail;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import com.peakcare.web.ApiProblems.FieldProblem;

/** What an integrator (or staff, through the Tasklist start form) sends to open a case. */
public record ReturnRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only")
        String returnNo,
    @NotBlank @Size(max = 64) String orderNo,
    @NotNull CaseType type,
    @NotNull Reason reason,
    @NotNull @DecimalMin(value = "0.00") @Digits(integer = 10, fraction = 2) BigDecimal amount,
    @Past Instant deliveredAt,
    @NotNull @Valid Customer customer,
    @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
    @Size(max = 64) String assignee) {

  @Schema(name = "ReturnCustomer")
  public record Customer(
      @NotBlank @Size(max = 64) String name,
      @NotBlank @Pattern(regexp = "\\+?[0-9 -]{6,20}", message = "a phone number") String phone,
      @DeliverableEmail @Size(max = 128) String email,
      @NotNull MemberTier memberTier,
      @NotBlank @Pattern(regexp = "zh-CN|en", message = "zh-CN or en") String locale,
      @NotBlank @Size(max = 32) String province) {}

  @Schema(name = ReturnApiDocs.ITEM_SCHEMA)
  public record Item(
      @NotBlank @Size(max = 64) String sku,
      @NotBlank @Size(max = 128) String name,
      // its allowed values are the shop's categories, put into the document by ReturnApiDocs
      @NotBlank @Size(max = 32) String category,
      @NotNull @Min(1) @Max(999) Integer quantity,
      @NotNull @DecimalMin(value = "0.00") @Digits(integer = 10, fraction = 2) BigDecimal unitPrice) {}

  /**
   * The rules across fields, the same for every door (API, Tasklist, engine API): the amount claimed never exceeds
   * what the items cost (for a price difference too: the difference claimed, at most the items' total).
   */
  public List<FieldProblem> crossFieldProblems() {
    List<FieldProblem> problems = new ArrayList<>();
    if (amount != null && items != null && !items.isEmpty()
        && items.stream().allMatch(i -> i != null && i.unitPrice() != null && i.quantity() != null)
        && amount.compareTo(itemsTotal()) > 0) {
      problems.add(new FieldProblem("amount", "申请金额不能超过商品总价 " + itemsTotal().toPlainString()
          + " 元（单价 × 数量之和）· may not exceed the items' total " + itemsTotal().toPlainString()
          + " (unit price × quantity, summed)"));
    }
    return problems;
  }

  public BigDecimal itemsTotal() {
    return items.stream().map(i -> i.unitPrice().multiply(BigDecimal.valueOf(i.quantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
