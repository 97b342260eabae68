package com.peakcare.order;

/**
 * Published on every registration that changes an order (synchronously, inside the registering transaction): what
 * it was ({@code previous}, null for a new order) and what it is now. A feature that cares (payment reminders: stop
 * when the order is PAID, CANCELLED or CLOSED) listens without {@code order} knowing it; an identical snapshot
 * publishes nothing.
 */
public record OrderRegistered(Order previous, Order current) {

  public boolean statusChanged() {
    return previous == null || previous.status() != current.status();
  }
}
