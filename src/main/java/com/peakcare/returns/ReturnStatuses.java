package com.peakcare.returns;

import com.peakcare.engine.status.ProcessStatuses;
import com.peakcare.returns.ReturnCaseProcess.Status;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A return case's status, derived from where its process stands (see {@link ReturnCaseProcess#STATUS_OF}). */
@Component
class ReturnStatuses implements ProcessStatuses {

  private final CaseSteps cases;

  ReturnStatuses(CaseSteps cases) {
    this.cases = cases;
  }

  @Override
  public String processKey() {
    return ReturnCaseProcess.KEY;
  }

  @Override
  public Map<String, String> statuses() {
    return ReturnCaseProcess.STATUS_OF;
  }

  @Override
  public Map<String, String> keepsStatus() {
    return ReturnCaseProcess.KEEPS_STATUS;
  }

  @Override
  public void apply(String businessKey, String processInstanceId, String status) {
    cases.status(businessKey, Status.valueOf(status));
  }
}
