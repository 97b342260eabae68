package com.peakcare.retention;

import java.util.List;
import java.util.Map;

/**
 * A feature that holds a customer's personal data (issue 27): the registration point for a person's rights, beside
 * {@link RetentionRule} for ageing. The feature contributes a bean, in its own package and on its own tables, and
 * orders it ({@code @Order}) after the holders whose keys it needs: orders (10) find a person's orders and buyer ids,
 * return cases (20) their cases by order, notices (30) and reviews (40) use those.
 */
public interface PersonalDataHolder {

  /** Its part of the export file: {@code orders}, {@code returns}, … */
  String name();

  /** Adds the keys this feature knows the person by (orders, buyer ids, cases). */
  default void identify(DataSubject subject) {}

  /** Why the person's data cannot be erased now (a case still in flight needs the contact), or null. */
  default String stillNeeded(DataSubject subject) {
    return null;
  }

  /** Everything this feature holds about the person, one map per record. */
  List<Map<String, Object>> export(DataSubject subject);

  /**
   * Erases the person's data, or replaces it with {@link DataSubject#pseudonym()} where a money or audit record must
   * stay; returns how many records changed.
   */
  int erase(DataSubject subject);
}
