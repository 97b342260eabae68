package com.peakcare.reminder;

import com.peakcare.order.OrderRegistered;
import com.peakcare.order.OrderStatus;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registered orders reach the reminder plan in the registering transaction ({@link OrderRegistered}): a new UNPAID
 * order is enrolled; one that leaves UNPAID stops its reminders at once, in the same commit as the payment.
 */
@Component
class OrderEvents {

  private final ReminderEnrolment enrolment;

  OrderEvents(ReminderEnrolment enrolment) {
    this.enrolment = enrolment;
  }

  @EventListener
  void registered(OrderRegistered event) {
    if (event.previous() == null) {
      enrolment.enrol(event.current(), Instant.now());
    } else if (event.statusChanged() && event.current().status() != OrderStatus.UNPAID) {
      enrolment.stop(event.current(), Instant.now());
    }
  }
}
