package com.peakcare.notice;

import java.util.Map;
import java.util.Optional;

/**
 * What the records of the feature that owns a case say about it, for the notices its processes send: the customer
 * and the values the notice types require (see {@link NoticeVariables}). The notice service never reads them from
 * process variables; the feature that owns the case implements this (returns: the return case record), so notices
 * always say what the record says, however a process variable was written.
 */
public interface NoticeFacts {

  /** The customer and the notice values of this case; empty when the case is not this feature's. */
  Optional<Facts> of(String caseRef);

  /** The facts of this case from whichever feature knows it. */
  static Optional<Facts> find(java.util.List<NoticeFacts> all, String caseRef) {
    return all.stream().map(f -> f.of(caseRef)).flatMap(Optional::stream).findFirst();
  }

  /** One case's customer and its values, by the names of {@link NoticeVariables}. */
  record Facts(NoticeCustomer customer, Map<String, Object> values) {}
}
