package com.peakcare.order;

import java.util.List;

/**
 * The shop's item categories, which an order line's category must be one of. The feature that owns the shop's
 * category table implements it (returns: processes/return-categories.dmn), so that {@code order} needs no edge to it.
 */
public interface ProductCategories {

  /** Every category code, in the table's order. */
  List<String> codes();
}
