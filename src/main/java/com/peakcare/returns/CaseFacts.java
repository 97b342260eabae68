package com.peakcare.returns;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a case returns, as its registered order said when the case opened (issue 20): the lines with the order's names,
 * categories and unit prices, the buyer and how they paid. Kept with the case (PC_RETURN_CASE.FACTS_JSON) so that its
 * money and its forms never depend on a later snapshot of the order; the customer's contact is read from the order
 * when a notice goes out.
 */
record CaseFacts(String buyerId, String paymentMethod, List<Item> items) {

  /** A returned line: the units the case returns, at the price the order says each was paid. */
  record Item(String sku, String name, String category, String productType, int quantity, BigDecimal unitPrice) {

    BigDecimal total() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  /** The price of everything the case returns. */
  BigDecimal itemsTotal() {
    return items.stream().map(Item::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
