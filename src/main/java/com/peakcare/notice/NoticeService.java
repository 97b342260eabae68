package com.peakcare.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends notices: renders the template in the customer's language, records the notice in the caller's
 * transaction (the outbox) and schedules its delivery, which runs later, asynchronously, with retries: by the
 * outbox poller ({@link NoticeOutboxPoller}, woken when the caller commits) or, with
 * {@code peakcare.notice.delivery=process}, by a notice-delivery process instance.
 */
@Service
public class NoticeService {

  private static final Logger log = LoggerFactory.getLogger(NoticeService.class);

  private final NoticeTemplates templates;
  private final NoticeOutbox outbox;
  private final NoticeProperties properties;
  private final ShippingTimes shippingTimes;
  private final List<NoticeChannel> channels;
  private final RuntimeService runtimeService;
  private final List<NoticeGuard> guards;
  private final NoticeOutboxPoller poller;
  private final RetryCycle retryCycle;

  NoticeService(NoticeTemplates templates, NoticeOutbox outbox, NoticeProperties properties,
      ShippingTimes shippingTimes, List<NoticeChannel> channels, RuntimeService runtimeService,
      List<NoticeGuard> guards, NoticeOutboxPoller poller) {
    this.guards = guards;
    this.poller = poller;
    this.retryCycle = RetryCycle.parse(properties.getRetryCycle());
    this.templates = templates;
    this.outbox = outbox;
    this.properties = properties;
    this.shippingTimes = shippingTimes;
    this.channels = channels;
    this.runtimeService = runtimeService;
  }

  /**
   * Renders and records the notice in the CALLER'S transaction with key caseRef:type:sequence (sequence = 1 +
   * number of notices of that type already recorded for the case) and schedules asynchronous delivery; returns it.
   */
  @Transactional
  public Notice send(String caseRef, NoticeType type, NoticeCustomer customer, Map<String, Object> values) {
    return record(caseRef, type, null, customer, values, null);
  }

  /**
   * Same, with an explicit idempotency discriminator instead of the running sequence: a second call with the
   * same (caseRef, type, dedupKey) records nothing and returns the existing notice (used by broadcasts).
   */
  @Transactional
  public Notice sendOnce(String caseRef, NoticeType type, String dedupKey, NoticeCustomer customer,
      Map<String, Object> values) {
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new IllegalArgumentException("sendOnce needs a dedupKey");
    }
    return outbox.keyOfDedup(caseRef, type, dedupKey)
        .flatMap(outbox::find)
        .map(NoticeOutbox.Stored::notice)
        .orElseGet(() -> record(caseRef, type, dedupKey, customer, values, null));
  }

  /**
   * {@link #sendOnce} over the given channels only (issue 22: a reminder step names its channel) instead of the
   * type's configured ones; IN_APP, the notice's own record, is always written. Refused ({@link NoticeWithheld})
   * when a {@link NoticeGuard} withholds it.
   */
  @Transactional
  public Notice sendOnceOver(String caseRef, NoticeType type, String dedupKey, NoticeCustomer customer,
      Map<String, Object> values, List<String> channels) {
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new IllegalArgumentException("sendOnceOver needs a dedupKey");
    }
    return outbox.keyOfDedup(caseRef, type, dedupKey)
        .flatMap(outbox::find)
        .map(NoticeOutbox.Stored::notice)
        .orElseGet(() -> record(caseRef, type, dedupKey, customer, values, channels));
  }

  /** The notice {@link #sendOnce} recorded for this case, type and dedup key, if any: who heard a broadcast before. */
  @Transactional(readOnly = true)
  public Optional<Notice> sentOnce(String caseRef, NoticeType type, String dedupKey) {
    return outbox.keyOfDedup(caseRef, type, dedupKey).flatMap(outbox::find).map(NoticeOutbox.Stored::notice);
  }

  /** How far the delivery of these notices got (a broadcast's progress); unknown keys are not counted. */
  @Transactional(readOnly = true)
  public DeliveryTally deliveryOf(Collection<String> noticeKeys) {
    return outbox.tally(noticeKeys);
  }

  /** Every notice of the case, oldest first, with its text and each channel's delivery status. */
  @Transactional(readOnly = true)
  public List<Notice> noticesOf(String caseRef) {
    return outbox.ofCase(caseRef);
  }

  private Notice record(String caseRef, NoticeType type, String dedupKey, NoticeCustomer customer,
      Map<String, Object> values, List<String> only) {
    if (caseRef == null || caseRef.isBlank()) {
      throw new IllegalArgumentException("notice " + type + ": no case reference");
    }
    java.util.Optional<String> withheld = NoticeGuard.first(guards, caseRef, type);
    if (withheld.isPresent()) {
      log.info("notice {} for {} withheld: {}", type, caseRef, withheld.get());
      throw new NoticeWithheld(caseRef, type, withheld.get());
    }
    if (customer == null || customer.name() == null || customer.name().isBlank()) {
      throw new IllegalArgumentException("notice " + type + " for case " + caseRef
          + ": the customer's name is missing (notices address the customer by name)");
    }
    Set<String> missing = new TreeSet<>();
    for (String name : type.required()) {
      if (values == null || values.get(name) == null) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("notice " + type + " for case " + caseRef + " cannot be sent: missing "
          + "value(s) " + missing + " (the caller's records lack them, see NoticeType and NoticeVariables)");
    }
    String locale = customer.noticeLocale();
    Instant now = Instant.now();
    Map<String, Object> all = new HashMap<>(serviceValues(type, customer, now));
    if (values != null) {
      values.forEach((k, v) -> {
        if (v != null && !NoticeType.SERVICE_VALUES.contains(k)) {
          all.put(k, v); // the shop's values and the customer's name are never the caller's to change
        }
      });
    }
    NoticeTemplates.Rendered rendered = templates.render(type, locale, all);

    int sequence = outbox.countOf(caseRef, type) + 1;
    String key = caseRef + ":" + type.name() + ":" + sequence;
    List<String> wanted = only == null ? properties.channelsOf(type)
        : java.util.stream.Stream.concat(only.stream(), java.util.stream.Stream.of(NoticeDelivery.IN_APP)).distinct()
            .toList();
    List<String> used = wanted.stream()
        .filter(c -> NoticeDelivery.IN_APP.equals(c) || channel(c) != null
            && channel(c).enabled() && channel(c).reaches(customer.phone(), customer.email()))
        .toList();
    boolean fromOutbox = properties.deliversFromOutbox();
    outbox.insert(key, caseRef, type, sequence, dedupKey, locale, rendered.subject(), rendered.text(),
        customer.phone(), customer.email(), now, used, fromOutbox ? retryCycle.attempts() : null);
    boolean external = used.stream().anyMatch(c -> !NoticeDelivery.IN_APP.equals(c));
    if (external && fromOutbox) {
      wakePollerAfterCommit();
    } else if (external) {
      runtimeService.startProcessInstanceByKey(NoticeDeliveryProcess.KEY, key);
    }
    log.info("notice {} recorded ({}), delivery over {}", key, locale, used);
    return outbox.find(key).orElseThrow().notice();
  }

  /** The poller sees the notice once the caller's transaction commits; it is woken then, not before. */
  private void wakePollerAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          poller.wake();
        }
      });
    } else {
      poller.wake();
    }
  }

  private Map<String, Object> serviceValues(NoticeType type, NoticeCustomer customer, Instant now) {
    NoticeProperties.Shop shop = properties.getShop();
    Map<String, Object> v = new HashMap<>();
    v.put(NoticeVariables.CUSTOMER_NAME, customer.name().strip());
    v.put(NoticeVariables.SHOP_NAME, shop.getName());
    v.put(NoticeVariables.HOTLINE, shop.getHotline());
    v.put(NoticeVariables.RETURN_ADDRESS, shop.getReturnAddress());
    v.put(NoticeVariables.TRACKING_URL, shop.getTrackingUrl());
    v.put(NoticeVariables.REVIEW_URL, shop.getReviewUrl());
    v.put(NoticeVariables.SURVEY_URL, shop.getSurveyUrl());
    if (type.computed().contains(NoticeVariables.EXPECTED_DAYS)) {
      int days = shippingTimes.daysTo(customer.province());
      v.put(NoticeVariables.EXPECTED_DAYS, days);
      v.put(NoticeVariables.EXPECTED_ARRIVAL, LocalDate.ofInstant(now, properties.getTimeZone()).plusDays(days));
    }
    return v;
  }

  private NoticeChannel channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
