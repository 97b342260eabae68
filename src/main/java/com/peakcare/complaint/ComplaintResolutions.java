package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.ResolutionKind;
import com.peakcare.complaint.ComplaintProcess.Vars;
import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.engine.gate.FormValues;
import com.peakcare.engine.gate.Refusal;
import com.peakcare.returns.ReturnCaseProcess.CaseType;
import com.peakcare.returns.ReturnCaseProcess.Reason;
import com.peakcare.returns.ReturnCases;
import com.peakcare.returns.ReturnRequest;
import com.peakcare.web.ApiException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The rules of each resolution (issue 24 point 5). Words (an explanation, an apology) cost nothing. A coupon is
 * within the limit the shop's table gives the customer's tier. A return, exchange or price difference, and a goodwill
 * refund, are never paid from here: each opens a return case through the return door ({@link ReturnCases#open}) as
 * the handler, with everything that door checks (the registered order, its refund ceiling) and everything the case
 * then needs (a colleague reviews a case staff opened; above the threshold a second after-sales supervisor approves).
 */
@Component
class ComplaintResolutions {

  /** Where the return door's fields land in the handling form. */
  private static final Map<String, String> FIELDS = Map.of("amount", Vars.REFUND_AMOUNT, "lines[0].sku", Vars.ITEM_SKU,
      "lines[0].quantity", Vars.ITEM_QUANTITY, "type", Vars.RETURN_TYPE, "orderNo", Vars.RESOLUTION_KIND);

  private final ReturnCases returns;

  ComplaintResolutions(ReturnCases returns) {
    this.returns = returns;
  }

  /** What the resolution gave: a coupon's amount, or the return case it opened. */
  record Outcome(BigDecimal coupon, String returnNo) {}

  Outcome resolve(Row row, ResolutionKind kind, FormValues form, String by) {
    return switch (kind) {
      case EXPLANATION, APOLOGY -> new Outcome(null, null);
      case COUPON -> {
        BigDecimal limit = row.targets().couponLimit();
        yield new Outcome(form.money(Vars.COUPON_AMOUNT, limit), null);
      }
      case RETURN_CASE -> {
        CaseType type = ComplaintTaskPolicy.choice(form, Vars.RETURN_TYPE, CaseType.class);
        String sku = form.text(Vars.ITEM_SKU, 64, true, "必填：哪件商品（SKU） · required: the order's SKU");
        int quantity = form.whole(Vars.ITEM_QUANTITY, 1, 9999, "必填：件数 · required: how many units");
        BigDecimal amount = type == CaseType.PRICE_DIFFERENCE
            ? form.money(Vars.REFUND_AMOUNT, new BigDecimal("99999999.99")) : null;
        yield new Outcome(null, open(row, type, type == CaseType.PRICE_DIFFERENCE ? Reason.PRICE_DIFFERENCE
            : Reason.NOT_AS_DESCRIBED, sku, quantity, amount, by));
      }
      case GOODWILL_REFUND -> {
        String sku = form.text(Vars.ITEM_SKU, 64, true, "必填：补偿针对哪件商品（SKU） · required: the order's SKU the "
            + "goodwill refund is for");
        BigDecimal amount = form.money(Vars.REFUND_AMOUNT, new BigDecimal("99999999.99"));
        yield new Outcome(null, open(row, CaseType.PRICE_DIFFERENCE, Reason.OTHER, sku, 1, amount, by));
      }
    };
  }

  /** Opens the return case through the return door; its refusals name the handling form's fields. */
  private String open(Row row, CaseType type, Reason reason, String sku, int quantity, BigDecimal amount, String by) {
    String returnNo = row.complaintNo() + "-R" + (row.reopenCount() + 1);
    ReturnRequest request = new ReturnRequest(returnNo, row.orderNo(), type, reason,
        List.of(new ReturnRequest.Line(sku, quantity)), null, amount, null);
    try {
      returns.open(request, by);
    } catch (ApiException e) {
      String field = e.errors() == null || e.errors().isEmpty() ? Vars.RESOLUTION_KIND
          : FIELDS.getOrDefault(e.errors().get(0).field(), Vars.RESOLUTION_KIND);
      String message = e.errors() == null || e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
      throw Refusal.invalid(field, "退换货单无法创建 · The return case cannot be opened: " + message);
    }
    return returnNo;
  }
}
