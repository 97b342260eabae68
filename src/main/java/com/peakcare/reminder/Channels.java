package com.peakcare.reminder;

import java.util.Set;

/** The channels a plan's step may use: the notice channels, and a phone call by a person (a task in Tasklist). */
final class Channels {

  static final String SMS = "SMS";
  static final String EMAIL = "EMAIL";
  static final String IN_APP = "IN_APP";
  static final String PHONE = "PHONE";
  /** An order whose plan has no step. */
  static final String NONE = "NONE";

  static final Set<String> ALL = Set.of(SMS, EMAIL, IN_APP, PHONE);

  /** The channels that stay silent in quiet hours: nobody's phone rings or buzzes at night. */
  static boolean quietAtNight(String channel) {
    return SMS.equals(channel) || PHONE.equals(channel);
  }

  private Channels() {}
}
