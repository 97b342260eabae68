package com.peakcare.dashboard;

import com.peakcare.returns.RefundCareProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Promises kept (issue 25, point 3): per kind of promise ({@link PromiseSource}: refund care now, complaints when they
 * exist), those due today, kept on time, late (and of those, apologised for with a new time), and the on-time share
 * per day over the last {@value #DAYS} days in the shop's time zone (kept over kept plus late, with n and interval).
 */
@Component
class PromisesTile extends DashboardTile {

  static final int DAYS = 7;

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardKindToday")
  record KindToday(String kind, String label, long due, long kept, long late, long apologised, long open,
      Share onTime) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardDay")
  record Day(String day, String kind, long due, long kept, long late, Share onTime) {}

  @io.swagger.v3.oas.annotations.media.Schema(name = "DashboardPromisesView")
  record PromisesView(Instant asOf, String timeZone, List<KindToday> today, List<Day> perDay,
      List<DashboardLinks.Link> links) {}

  private final List<PromiseSource> sources;
  private final DashboardLinks links;

  PromisesTile(DashboardAccess access, ShopTime time, List<PromiseSource> sources, DashboardLinks links) {
    super(Tile.PROMISES, access, time);
    this.sources = sources;
    this.links = links;
  }

  @Override
  PromisesView figures(ShopTime.Window w) {
    List<KindToday> today = new ArrayList<>();
    List<Day> perDay = new ArrayList<>();
    LocalDate first = LocalDate.ofInstant(w.now(), w.zone()).minusDays(DAYS - 1);
    for (PromiseSource source : sources) {
      PromiseSource.Figures f = source.due(w.todayFrom(), w.todayTo(), w.now());
      today.add(new KindToday(source.kind(), source.label(), f.due(), f.kept(), f.late(), f.apologised(), f.open(),
          Share.of(f.kept(), f.kept() + f.late())));
      for (int i = 0; i < DAYS; i++) {
        LocalDate day = first.plusDays(i);
        PromiseSource.Figures d = source.due(day.atStartOfDay(w.zone()).toInstant(),
            day.plusDays(1).atStartOfDay(w.zone()).toInstant(), w.now());
        perDay.add(new Day(day.toString(), source.kind(), d.due(), d.kept(), d.late(),
            Share.of(d.kept(), d.kept() + d.late())));
      }
    }
    return new PromisesView(w.now(), w.zone().getId(), today, perDay,
        List.of(links.cockpit("退款关怀实例 · Refund care in Cockpit", RefundCareProcess.KEY, false)));
  }

  @Override
  List<List<Object>> rows(Object figures) {
    PromisesView v = (PromisesView) figures;
    List<List<Object>> rows = new ArrayList<>();
    rows.add(List.of("日期 · Day", "承诺 · Promise", "到期 · Due", "按时 · Kept", "逾期 · Late",
        "按时率 · On-time share"));
    v.perDay().forEach(d -> rows.add(List.of(d.day(), d.kind(), d.due(), d.kept(), d.late(),
        d.onTime().rate() == null ? "" : d.onTime().rate())));
    rows.add(List.of());
    rows.add(List.of("今日 · Today", "承诺 · Promise", "到期 · Due", "按时 · Kept", "逾期 · Late",
        "已致歉 · Apologised", "未到期 · Open"));
    v.today().forEach(t -> rows.add(List.of("", t.kind(), t.due(), t.kept(), t.late(), t.apologised(), t.open())));
    return rows;
  }
}
