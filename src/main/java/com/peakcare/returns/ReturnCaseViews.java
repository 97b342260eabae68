package com.peakcare.returns;

import com.peakcare.notice.NoticeService;
import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import com.peakcare.web.ApiException;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

/**
 * How a return case is shown (issue 23, split from {@link ReturnCases}): its record with its open tasks, timeline,
 * notices, refund promise and latest refund change; and the lists.
 */
@Service
class ReturnCaseViews {

  private final ReturnCaseRepository repository;
  private final TaskService taskService;
  private final NoticeService notices;
  private final RefundCare refundCare;
  private final RefundChangeRepository changes;

  ReturnCaseViews(ReturnCaseRepository repository, TaskService taskService, NoticeService notices,
      RefundCare refundCare, RefundChangeRepository changes) {
    this.repository = repository;
    this.taskService = taskService;
    this.notices = notices;
    this.refundCare = refundCare;
    this.changes = changes;
  }

  ReturnCaseView view(String returnNo) {
    CaseRow row = repository.find(returnNo).orElseThrow(() -> ApiException.notFound("return " + returnNo));
    List<Task> tasks = row.status().isFinal() || row.processInstanceId() == null ? List.of()
        : taskService.createTaskQuery().processInstanceBusinessKey(returnNo).active().list();
    // a case this transaction opened has no refund change: a change is asked of a case that exists (return numbers
    // never recur: cases are anonymised, never deleted)
    return ReturnCaseView.of(row, tasks, repository.events(returnNo), notices.noticesOf(returnNo),
        refundCare.promiseOf(returnNo).orElse(null),
        LoadedCases.inserted(returnNo) ? null : changes.latest(returnNo).orElse(null));
  }

  List<ReturnCaseView.Summary> list(Status status, String assignee, String openedBy,
      com.peakcare.web.ListPage.Bounds page) {
    return repository.list(status, assignee, openedBy, page).stream().map(ReturnCaseView.Summary::of).toList();
  }
}
