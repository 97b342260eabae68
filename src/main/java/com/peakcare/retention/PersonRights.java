package com.peakcare.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.peakcare.identity.StaffDirectory;
import com.peakcare.web.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's rights over what PeakCare holds about them (issue 27, PIPL: a copy, and deletion): an after-sales
 * supervisor exports it as a file, or asks for its erasure, which a second after-sales supervisor approves (like a
 * refund's second approval: never the one who asked). Erasure removes texts and contact, and puts a pseudonym where a
 * money record stays (the order's buyer, the case's customer key): refunds, reservations and the sign-off chain are not
 * touched. It waits while a case still needs the contact. Every act, and every refusal, is a line on the trail.
 */
@Service
public class PersonRights {

  private static final Logger LOG = LoggerFactory.getLogger(PersonRights.class);

  private final List<PersonalDataHolder> holders;
  private final PrivacyRepository repository;
  private final StaffDirectory staff;
  private final ObjectMapper json;
  private final TransactionTemplate own;

  PersonRights(List<PersonalDataHolder> holders, PrivacyRepository repository, StaffDirectory staff,
      ObjectMapper json, PlatformTransactionManager transactions) {
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.holders = holders;
    this.repository = repository;
    this.staff = staff;
    this.json = json;
  }

  /** The view of an erasure request (never the phone it was asked for). */
  public record Erasure(String id, String status, String subject, String reason, String requestedBy,
      Instant requestedAt, String decidedBy, Instant decidedAt, Map<String, Integer> erased) {}

  /** Everything held about the person, by feature: the file a supervisor hands over. */
  @Transactional(readOnly = true)
  public Map<String, Object> export(String buyerId, String phone, String actor) {
    DataSubject subject = subject(buyerId, phone, null, false);
    mayAct(actor, subject, "export");
    holders.forEach(h -> h.identify(subject));
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("subject", subject.reference());
    file.put("exportedAt", Instant.now().toString());
    file.put("exportedBy", actor);
    for (PersonalDataHolder holder : holders) {
      file.put(holder.name(), holder.export(subject));
    }
    repository.trail(actor, "EXPORTED", null, subject.reference(), "orders " + subject.orderNos().size()
        + ", cases " + subject.caseRefs().size(), Instant.now());
    LOG.info("personal data of {} exported by {}", subject.reference(), actor);
    return file;
  }

  /** Asks for the person's erasure: pending until a second after-sales supervisor approves it. */
  @Transactional
  public Erasure requestErasure(String buyerId, String phone, String reason, String actor) {
    DataSubject subject = subject(buyerId, phone, null, false);
    mayAct(actor, subject, "request erasure");
    if (reason == null || reason.isBlank()) {
      throw ApiException.invalid("reason", "须说明理由 · say why (the person's request, its date and channel)");
    }
    holders.forEach(h -> h.identify(subject));
    if (subject.orderNos().isEmpty() && subject.caseRefs().isEmpty()) {
      throw ApiException.notFound("no record of this person");
    }
    String id = UUID.randomUUID().toString();
    String pseudonym = "erased-" + id.substring(0, 8);
    Instant now = Instant.now();
    repository.insertErasure(id, buyerId, phone, reason.trim(), pseudonym, actor, now);
    repository.trail(actor, "ERASURE_REQUESTED", id, subject.reference(), reason.trim(), now);
    LOG.info("erasure {} of {} requested by {}", id, subject.reference(), actor);
    return view(repository.find(id).orElseThrow(), subject.reference());
  }

  /** The second supervisor approves: the erasure is carried out at once, in one transaction. */
  @Transactional
  public Erasure approveErasure(String id, String actor) {
    PrivacyRepository.ErasureRow row = pending(id, actor);
    DataSubject subject = subject(row.buyerId(), row.phone(), row.pseudonym());
    if (actor.equals(row.requestedBy())) {
      refuse(actor, id, subject, "the requester approving their own erasure");
      throw ApiException.forbidden("删除须由另一位售后主管批准 · An erasure is approved by another after-sales supervisor "
          + "than the one who asked");
    }
    for (PersonalDataHolder holder : holders) {
      String why = holder.stillNeeded(subject);
      if (why != null) {
        throw ApiException.conflict("个人信息仍在使用中，案件结束后再删除 · Still needed: " + why);
      }
    }
    Map<String, Integer> erased = new LinkedHashMap<>();
    for (PersonalDataHolder holder : holders) {
      erased.put(holder.name(), holder.erase(subject));
    }
    Instant now = Instant.now();
    String result = write(erased);
    if (!repository.decide(id, "DONE", actor, now, result)) {
      throw ApiException.conflict("this request was decided meanwhile");
    }
    repository.trail(actor, "ERASED", id, subject.reference(), result, now);
    LOG.info("erasure {} of {} approved by {} and carried out: {}", id, subject.reference(), actor, result);
    return view(repository.find(id).orElseThrow(), subject.reference());
  }

  /** The second supervisor refuses: nothing is erased. */
  @Transactional
  public Erasure rejectErasure(String id, String actor, String note) {
    PrivacyRepository.ErasureRow row = pending(id, actor);
    DataSubject subject = subject(row.buyerId(), row.phone(), row.pseudonym());
    Instant now = Instant.now();
    if (!repository.decide(id, "REJECTED", actor, now, null)) {
      throw ApiException.conflict("this request was decided meanwhile");
    }
    repository.trail(actor, "ERASURE_REJECTED", id, subject.reference(), note, now);
    return view(repository.find(id).orElseThrow(), subject.reference());
  }

  @Transactional(readOnly = true)
  public Erasure erasure(String id, String actor) {
    mayAct(actor, null, "read an erasure request");
    PrivacyRepository.ErasureRow row = repository.find(id).orElseThrow(() -> ApiException.notFound("erasure " + id));
    return view(row, subject(row.buyerId(), row.phone(), row.pseudonym(), false).reference());
  }

  /** The trail, newest first. */
  @Transactional(readOnly = true)
  public List<Map<String, Object>> trail(int limit, String actor) {
    mayAct(actor, null, "read the trail");
    return repository.trail(limit);
  }

  private PrivacyRepository.ErasureRow pending(String id, String actor) {
    mayAct(actor, null, "decide an erasure");
    PrivacyRepository.ErasureRow row = repository.find(id).orElseThrow(() -> ApiException.notFound("erasure " + id));
    if (!"PENDING".equals(row.status())) {
      throw ApiException.conflict("this request is " + row.status() + " already");
    }
    return row;
  }

  /** Rights are an after-sales supervisor's act (the department that holds the customers' cases). */
  private void mayAct(String actor, DataSubject subject, String what) {
    if (actor == null || !staff.isSupervisorOf(actor, StaffDirectory.AFTER_SALES)) {
      refuse(actor == null ? "?" : actor, null, subject, what + ": not an after-sales supervisor");
      throw ApiException.forbidden("个人信息的导出和删除由售后主管办理 · A person's data is exported or erased by an "
          + "after-sales supervisor");
    }
  }

  /** A refusal stays on the trail although the request's own transaction rolls back. */
  private void refuse(String actor, String id, DataSubject subject, String why) {
    own.executeWithoutResult(s -> repository.trail(actor, "REFUSED", id, subject == null ? "-" : subject.reference(),
        why, Instant.now()));
    LOG.info("rights act refused to {}: {}", actor, why);
  }

  private DataSubject subject(String buyerId, String phone, String pseudonym) {
    return subject(buyerId, phone, pseudonym, true);
  }

  private DataSubject subject(String buyerId, String phone, String pseudonym, boolean identify) {
    boolean byBuyer = buyerId != null && !buyerId.isBlank();
    boolean byPhone = phone != null && !phone.isBlank();
    if (byBuyer == byPhone) {
      throw ApiException.invalid(byBuyer ? "phone" : "buyerId",
          "买家编号或手机号，二选一 · either buyerId or phone, not both and not neither");
    }
    if (byPhone && !phone.matches("\\+?[0-9 -]{6,20}")) {
      throw ApiException.invalid("phone", "a phone number");
    }
    DataSubject subject = new DataSubject(byBuyer ? buyerId.trim() : null, byPhone ? phone.trim() : null,
        pseudonym == null ? "erased-pending" : pseudonym);
    if (identify) {
      holders.forEach(h -> h.identify(subject));
    }
    return subject;
  }

  private Erasure view(PrivacyRepository.ErasureRow row, String reference) {
    return new Erasure(row.id(), row.status(), reference, row.reason(), row.requestedBy(), row.requestedAt(),
        row.decidedBy(), row.decidedAt(), read(row.result()));
  }

  private String write(Map<String, Integer> counts) {
    try {
      return json.writeValueAsString(counts);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Integer> read(String result) {
    try {
      return result == null ? null : json.readValue(result, LinkedHashMap.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
