package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.web.ApiProblems.FieldProblem;
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
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an integrator (or staff, through the Tasklist start form) sends to open a case (issue 20): the registered order
 * it is about, the lines and units it returns, what kind of case and why. The customer, the member tier, the prices and
 * where the refund goes come from the order, never from the request: a field that used to carry them ({@code customer},
 * {@code items}, {@code memberTier}) is refused by name.
 *
 * @param amount for a PRICE_DIFFERENCE only: the difference claimed, at most the lines' price; every other type
 *     refunds (or exchanges) the lines at the order's unit prices
 * @param assignee the after-sales agent the case should go to (optional; never the person opening it)
 */
@RefuseUnknownFields
public record ReturnRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "letters, digits, '-' and '_' only")
        String returnNo,
    @NotBlank @Size(max = 64) String orderNo,
    @NotNull CaseType type,
    @NotNull Reason reason,
    @NotEmpty @Size(max = 50) List<@NotNull @Valid Line> lines,
    @Past Instant deliveredAt,
    @DecimalMin(value = "0.01") @Digits(integer = 10, fraction = 2) BigDecimal amount,
    @Size(max = 64) String assignee) {

  /** Units of one line of the order (by its SKU) that the case returns or is about. */
  @Schema(name = "ReturnLine")
  @RefuseUnknownFields
  public record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(9999) Integer quantity) {}

  /**
   * The rules across fields, the same for every door (API, Tasklist, engine API): a price difference says the amount
   * it claims and nothing else does; each line once.
   */
  public List<FieldProblem> crossFieldProblems() {
    List<FieldProblem> problems = new ArrayList<>();
    if (type == CaseType.PRICE_DIFFERENCE && amount == null) {
      problems.add(new FieldProblem("amount", "退差价须填写申请金额 · required for a PRICE_DIFFERENCE: the difference "
          + "claimed"));
    }
    if (type != null && type != CaseType.PRICE_DIFFERENCE && amount != null) {
      problems.add(new FieldProblem("amount", "只有退差价填写金额，其他类型按订单单价退款 · only a PRICE_DIFFERENCE claims "
          + "an amount: the other types refund the lines at the order's unit prices"));
    }
    Set<String> skus = new HashSet<>();
    for (int i = 0; lines != null && i < lines.size(); i++) {
      Line line = lines.get(i);
      if (line != null && line.sku() != null && !skus.add(line.sku())) {
        problems.add(new FieldProblem("lines[" + i + "].sku", "同一 SKU 只能出现一行 · each SKU once"));
      }
    }
    return problems;
  }
}
