package com.peakcare.campaign;

/** Where a reported error came from. */
final class ErrorReportSource {
  static final String ALL_HANDS = "ALL_HANDS";
  static final String CUSTOMER = "CUSTOMER";

  private ErrorReportSource() {}
}
