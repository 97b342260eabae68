package com.peakcare.complaint;

import com.peakcare.notice.NoticeType;
import com.peakcare.returns.ReturnNotices;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code ${sendNoticeDelegate}}, the one notice step of the models before issue 23 item 4 (return-case.bpmn version 4,
 * refund-care.bpmn version 2, complaint.bpmn version 1.0). Their instances still running reach it; it hands the step
 * to the feature that owns the case: a complaint to complaint's own step, a return case to returns' public
 * {@link ReturnNotices}. It lives in complaint because complaint may use returns (ArchitectureTest.MAY_USE) and
 * returns may not use complaint. The current models call {@code ${returnNoticeDelegate}} and
 * {@code ${complaintNoticeDelegate}}. Remove after one release, once no instance of those versions is left (Cockpit:
 * process definitions, older versions).
 */
@Component("sendNoticeDelegate")
class SendNoticeDelegate implements JavaDelegate {

  private final ComplaintNoticeFacts complaints;
  private final ReturnNotices returns;

  SendNoticeDelegate(ComplaintNoticeFacts complaints, ReturnNotices returns) {
    this.complaints = complaints;
    this.returns = returns;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String caseRef = execution.getProcessBusinessKey();
    NoticeType notice = NoticeType.ofStep(execution);
    java.util.Optional<ComplaintNoticeFacts.Facts> complaint = complaints.of(caseRef);
    if (complaint.isPresent()) {
      complaints.send(caseRef, notice, complaint.get());
    } else {
      returns.send(caseRef, notice);
    }
  }
}
