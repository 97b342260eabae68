package com.peakcare.order;

/** Units of one order line that a case returns (the line by its SKU). */
public record LineClaim(String sku, int quantity) {}
