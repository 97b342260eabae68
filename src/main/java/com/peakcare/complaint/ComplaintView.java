package com.peakcare.complaint;

import com.peakcare.complaint.ComplaintProcess.Status;
import com.peakcare.complaint.ComplaintRepository.Event;
import com.peakcare.complaint.ComplaintRepository.Row;
import com.peakcare.notice.Notice;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.task.Task;

/**
 * A complaint as staff and the shop's system see it: where it stands, who handles it at which level of the ladder, the
 * promise made to the customer and whether it was kept, the clock, the resolution, the timeline and the notices.
 */
@Schema(name = "Complaint")
public record ComplaintView(String complaintNo, String orderNo, String channel, String category, String severity,
    String memberTier, String demand, List<String> linkedReturns, Status status, String openedBy, Instant openedAt,
    String agent, String handler, int escalationLevel, Promise promise, Clock clock, Resolution resolution,
    int reopenCount, int followUpAttempts, Instant closedAt, String closeReason, List<OpenTask> openTasks,
    List<TimelineStep> timeline, List<Notice> notices) {

  /**
   * What the customer was told, and whether PeakCare kept it.
   *
   * @param kept true when resolved by the promised time, false once missed, null while it can still be kept
   */
  @Schema(name = "ComplaintPromise")
  public record Promise(String agentName, Instant firstAnswerBy, Instant resolutionBy, Instant firstAnsweredAt,
      Instant resolvedAt, Boolean kept) {}

  /** The internal resolution target, moved on by the time PeakCare waited for the customer. */
  @Schema(name = "ComplaintClock")
  public record Clock(Instant targetDue, boolean paused, Instant pausedAt, Long remainingSeconds, long pausedSeconds) {}

  @Schema(name = "ComplaintResolutionRecord")
  public record Resolution(String kind, String note, BigDecimal couponAmount, String returnNo) {}

  @Schema(name = "ComplaintOpenTask")
  public record OpenTask(String id, String taskDefinitionKey, String name, String assignee, Instant due) {}

  /** A step of the timeline; for the ladder: from whom, to whom, at which level, why. */
  @Schema(name = "ComplaintTimelineStep")
  public record TimelineStep(Instant at, String actor, String event, String from, String to, Integer level,
      String detail) {}

  static ComplaintView of(Row r, String agentName, List<Task> tasks, List<Event> events, List<Notice> notices) {
    return new ComplaintView(r.complaintNo(), r.orderNo(), r.channel(), r.category(), r.severity(), r.memberTier(),
        r.demand(), r.linkedReturns() == null || r.linkedReturns().isBlank() ? List.of()
            : List.of(r.linkedReturns().split(",")), Status.valueOf(r.status()), r.openedBy(), r.openedAt(),
        r.agent(), r.handler(), r.escalationLevel(),
        new Promise(agentName, r.promisedFirstAnswerBy(), r.promisedResolutionBy(), r.firstAnsweredAt(),
            r.resolvedAt(), r.promiseKept()),
        new Clock(r.targetDue(), r.pausedAt() != null, r.pausedAt(), r.remainingSeconds(), r.pausedSeconds()),
        r.resolutionKind() == null ? null
            : new Resolution(r.resolutionKind(), r.resolutionNote(), r.couponAmount(), r.returnNo()),
        r.reopenCount(), r.followUpAttempts(), r.closedAt(), r.closeReason(),
        tasks.stream().map(t -> new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
            t.getDueDate() == null ? null : t.getDueDate().toInstant())).toList(),
        events.stream().map(e -> new TimelineStep(e.at(), e.actor(), e.event(), e.from(), e.to(), e.level(),
            e.detail())).toList(),
        notices);
  }
}
