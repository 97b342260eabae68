package com.peakcare.complaint;

import com.peakcare.notice.Notice;
import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeService;
import com.peakcare.notice.NoticeType;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.order.Orders;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A complaint's notices say what its record says, to whom its order says: the agent's name and the promised times
 * from the record, the customer's contact from the registered order. Nothing from process variables. Complaint hands
 * notice's outbox what the notice says ({@link NoticeService#send}); notice never asks back (issue 23 item 4).
 */
@Component
class ComplaintNoticeFacts {

  /** One complaint's customer and its notice values, by the names of {@link NoticeVariables}. */
  record Facts(NoticeCustomer customer, Map<String, Object> values) {}

  private final ComplaintRepository repository;
  private final ComplaintPeople people;
  private final Orders orders;
  private final NoticeService notices;

  ComplaintNoticeFacts(ComplaintRepository repository, ComplaintPeople people, Orders orders,
      NoticeService notices) {
    this.repository = repository;
    this.people = people;
    this.orders = orders;
    this.notices = notices;
  }

  /** Sends {@code type} about the complaint, filled from its record; in the caller's transaction. */
  Notice send(String complaintNo, NoticeType type) {
    return send(complaintNo, type, of(complaintNo)
        .orElseThrow(() -> new IllegalStateException("notice " + type + ": no complaint " + complaintNo)));
  }

  /** Sends {@code type} about the complaint with the facts just read of it. */
  Notice send(String complaintNo, NoticeType type, Facts found) {
    return notices.send(complaintNo, type, found.customer(), found.values());
  }

  /** The complaint's customer and notice values; empty when there is no such complaint (or its order). */
  Optional<Facts> of(String caseRef) {
    return repository.find(caseRef).flatMap(row -> orders.find(row.orderNo()).map(order -> {
      NoticeCustomer customer = new NoticeCustomer(order.contact().name(), order.contact().phone(),
          order.contact().email(), order.contact().locale(), order.province());
      Map<String, Object> values = new HashMap<>();
      values.put(NoticeVariables.ORDER_NO, row.orderNo());
      values.put(NoticeVariables.COMPLAINT_NO, row.complaintNo());
      values.put(NoticeVariables.AGENT_NAME, people.nameOf(row.agent()));
      values.put(NoticeVariables.HANDLER_NAME, people.nameOf(row.handler()));
      values.put(NoticeVariables.FIRST_ANSWER_BY, ComplaintText.time(row.promisedFirstAnswerBy()));
      values.put(NoticeVariables.RESOLUTION_BY, ComplaintText.time(row.promisedResolutionBy()));
      return new Facts(customer, values);
    }));
  }
}
