package com.peakcare.returns;

import com.peakcare.returns.LogisticsDelayBroadcastProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 发送下一批 · Send next batch (Task_SendNextBatch of logistics-delay-broadcast): tells the broadcast's next batch of
 * customers in this job's transaction and says whether any are left.
 */
@Component("sendNextBatchDelegate")
class SendNextBatchDelegate implements JavaDelegate {

  private final LogisticsDelayBroadcasts broadcasts;

  SendNextBatchDelegate(LogisticsDelayBroadcasts broadcasts) {
    this.broadcasts = broadcasts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    boolean allSent = broadcasts.sendNextBatch(execution.getProcessBusinessKey());
    execution.setVariable(Vars.ALL_SENT, allSent);
  }
}
