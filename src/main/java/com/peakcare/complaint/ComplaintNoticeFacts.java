package com.peakcare.complaint;

import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.NoticeFacts;
import com.peakcare.notice.NoticeVariables;
import com.peakcare.order.Orders;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A complaint's notices say what its record says, to whom its order says: the agent's name and the promised times
 * from the record, the customer's contact from the registered order. Nothing from process variables.
 */
@Component
class ComplaintNoticeFacts implements NoticeFacts {

  private final ComplaintRepository repository;
  private final ComplaintPeople people;
  private final Orders orders;

  ComplaintNoticeFacts(ComplaintRepository repository, ComplaintPeople people, Orders orders) {
    this.repository = repository;
    this.people = people;
    this.orders = orders;
  }

  @Override
  public Optional<Facts> of(String caseRef) {
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
