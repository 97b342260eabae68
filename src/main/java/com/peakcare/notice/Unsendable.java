package com.peakcare.notice;

/**
 * A notice a channel will not send as it is (issue 26): a text too long or holding control characters, an address
 * nobody can deliver to. The channel's last check before the message leaves; the dispatcher records it as that
 * channel's failure, and the delivery fails as for a gateway error: retried, then an incident naming the reason.
 */
class Unsendable extends IllegalStateException {

  Unsendable(String why) {
    super("not sent: " + why);
  }

  /** Refuses a control or invisible formatting character (bidi overrides, zero-width) other than a line break or tab. */
  static void refuseControlCharacters(String what, String text) {
    if (text == null) {
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c == '\n' || c == '\r' || c == '\t';
      if (!allowed && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
        throw new Unsendable(what + " holds the control character U+" + String.format("%04X", (int) c)
            + " at position " + i);
      }
    }
  }
}
