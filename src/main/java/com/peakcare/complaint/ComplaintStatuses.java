package com.peakcare.complaint;

import com.peakcare.engine.status.ProcessStatuses;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A complaint's status, derived from where its process stands ({@link ComplaintProcess#STATUS_OF}). */
@Component
class ComplaintStatuses implements ProcessStatuses {

  private final ComplaintRepository repository;

  ComplaintStatuses(ComplaintRepository repository) {
    this.repository = repository;
  }

  @Override
  public String processKey() {
    return ComplaintProcess.KEY;
  }

  @Override
  public Map<String, String> statuses() {
    return ComplaintProcess.STATUS_OF;
  }

  @Override
  public Map<String, String> keepsStatus() {
    return ComplaintProcess.KEEPS_STATUS;
  }

  @Override
  public void apply(String complaintNo, String processInstanceId, String status) {
    repository.status(complaintNo, status);
  }
}
