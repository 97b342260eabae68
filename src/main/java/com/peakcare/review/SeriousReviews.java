package com.peakcare.review;

import com.peakcare.review.ReviewRepository.Key;
import com.peakcare.review.ReviewRepository.Serious;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Serious reviews as their supervisors' task reads and records them (serious-review.bpmn's steps). */
@Service
class SeriousReviews {

  private static final Logger log = LoggerFactory.getLogger(SeriousReviews.class);

  private final ReviewRepository repository;

  SeriousReviews(ReviewRepository repository) {
    this.repository = repository;
  }

  /** The serious review a process runs for (business key {@code orderNo/sku}). */
  Optional<Serious> find(String businessKey) {
    int slash = businessKey == null ? -1 : businessKey.indexOf('/');
    return slash < 0 ? Optional.empty()
        : repository.serious(new Key(businessKey.substring(0, slash), businessKey.substring(slash + 1)));
  }

  /** Records how it was handled, once; false when it was handled already. */
  boolean handled(Serious serious, String by, boolean contacted, String note) {
    boolean first = repository.handled(serious.key(), by, contacted, note, Instant.now());
    if (first) {
      log.info("serious review {}/{} handled by {} (customer contacted: {})", serious.key().orderNo(),
          serious.key().sku(), by, contacted);
    }
    return first;
  }
}
