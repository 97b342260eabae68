package com.peakcare.dashboard;

import com.peakcare.notice.NoticeDeliveryProcess;
import com.peakcare.notice.NoticeFigures;
import com.peakcare.returns.LogisticsDelayBroadcastProcess;
import com.peakcare.returns.ReturnFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Customers told (issue 25, point 4): the notices of the last hour per type and channel (recorded, delivered to the
 * channel, failed, still waiting), the outbox's backlog and its oldest waiting delivery, and the logistics-delay
 * broadcasts still running. "Delivered" is what PeakCare knows: the channel (SMS gateway, mail server, in-app) took
 * it; no handset receipts come back.
 */
@Component
class NoticesTile extends DashboardTile {

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardRow")
  record Row(String type, String channel, long sent, long delivered, long failed, long waiting) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardBacklog")
  record Backlog(long waiting, long failed, Instant oldestWaitingSince, Long oldestWaitingSeconds) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardNoticesView")
  record NoticesView(Instant asOf, String timeZone, Instant from, List<Row> lastHour, List<Row> byChannel,
      Backlog backlog, List<ReturnFigures.RunningBroadcast> broadcasts, List<DashboardLinks.Link> links) {}

  private final NoticeFigures notices;
  private final ReturnFigures returns;
  private final DashboardLinks links;

  NoticesTile(DashboardAccess access, ShopTime time, NoticeFigures notices, ReturnFigures returns,
      DashboardLinks links) {
    super(Tile.NOTICES, access, time);
    this.notices = notices;
    this.returns = returns;
    this.links = links;
  }

  @Override
  NoticesView figures(ShopTime.Window w) {
    Instant from = w.now().minus(Duration.ofHours(1));
    Map<String, long[]> byTypeChannel = new LinkedHashMap<>();
    Map<String, long[]> byChannel = new LinkedHashMap<>();
    for (NoticeFigures.Deliveries d : notices.deliveries(from, w.now().plusMillis(1))) {
      add(byTypeChannel.computeIfAbsent(d.type() + "|" + d.channel(), k -> new long[4]), d);
      add(byChannel.computeIfAbsent("|" + d.channel(), k -> new long[4]), d);
    }
    NoticeFigures.Backlog b = notices.backlog();
    return new NoticesView(w.now(), w.zone().getId(), from, rows(byTypeChannel), rows(byChannel),
        new Backlog(b.waiting(), b.failed(), b.oldestWaitingSince(), b.oldestWaitingSince() == null ? null
            : Math.max(0, Duration.between(b.oldestWaitingSince(), w.now()).toSeconds())),
        returns.runningBroadcasts(),
        List.of(links.api("投递失败的通知 · Failed notice deliveries", "/api/notice-deliveries/failed"),
            links.cockpit("通知投递事故 · Delivery incidents in Cockpit", NoticeDeliveryProcess.KEY, true),
            links.cockpit("物流异常群发 · Logistics-delay broadcasts in Cockpit", LogisticsDelayBroadcastProcess.KEY,
                false)));
  }

  private static void add(long[] c, NoticeFigures.Deliveries d) {
    c[0] += d.count();
    switch (d.status()) {
      case "SENT" -> c[1] += d.count();
      case "FAILED" -> c[2] += d.count();
      default -> c[3] += d.count();
    }
  }

  private static List<Row> rows(Map<String, long[]> counts) {
    List<Row> rows = new ArrayList<>();
    counts.forEach((key, c) -> {
      String[] k = key.split("\\|", -1);
      rows.add(new Row(k[0].isEmpty() ? null : k[0], k[1], c[0], c[1], c[2], c[3]));
    });
    return rows;
  }

  @Override
  List<List<Object>> rows(Object figures) {
    NoticesView v = (NoticesView) figures;
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("类型 · Type", "渠道 · Channel", "发出 · Sent", "已送达渠道 · Delivered", "失败 · Failed",
        "等待 · Waiting"));
    v.lastHour().forEach(r -> rows.add(List.of(r.type(), r.channel(), r.sent(), r.delivered(), r.failed(),
        r.waiting())));
    rows.add(List.of());
    rows.add(List.of("待发 · Outbox waiting", v.backlog().waiting(), "其中失败重试 · of them failed",
        v.backlog().failed(), "最早 · Oldest since", v.backlog().oldestWaitingSince() == null ? ""
            : v.backlog().oldestWaitingSince().toString()));
    rows.add(List.of());
    rows.add(List.of("群发 · Broadcast", "快递 · Courier", "省份 · Provinces", "匹配 · Matched", "已完成 · Done",
        "开始 · Started"));
    v.broadcasts().forEach(b -> rows.add(List.of(b.id(), b.courier(), b.provinces(), b.matched(), b.done(),
        b.startedAt().toString())));
    return rows;
  }
}
