package com.peakcare.order;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a feature that listens to orders hears (payment reminders will): every {@link OrderRegistered}, as published.
 * (Scanned into every test application.)
 */
@Component
class RecordedOrderEvents {

  final List<OrderRegistered> heard = new CopyOnWriteArrayList<>();

  @EventListener
  void registered(OrderRegistered event) {
    heard.add(event);
  }

  List<OrderRegistered> of(String orderNo) {
    return heard.stream().filter(e -> e.current().orderNo().equals(orderNo)).toList();
  }
}
