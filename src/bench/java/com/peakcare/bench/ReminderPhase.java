package com.peakcare.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Issue 22's scale figures on one node with PostgreSQL: {@code bench.reminderOrders} (50,000) unpaid orders
 * registered by 8 clients ({@code PUT /api/orders/{no}}, one order a request, each joining the running campaign:
 * hold-out 10 %, its steps planned); then the plan's first step made due for all of them at once, and the time until
 * the SMS stub has every reminded buyer's message (the poller, the notice outbox, the job executor: end to end), with
 * the hold-out's and duplicates counted; then the report over {@code bench.reminderReportOrders} (1,000,000) orders
 * of a campaign seeded in SQL. Quiet hours are off (the benchmark may run at night in shop time).
 */
final class ReminderPhase {

  static final List<String> APP_ARGS = List.of("--peakcare.reminders.quiet-from=00:00",
      "--peakcare.reminders.quiet-until=00:00");

  private static final int ORDERS = Integer.getInteger("bench.reminderOrders", 50_000);
  private static final int REPORT_ORDERS = Integer.getInteger("bench.reminderReportOrders", 1_000_000);
  private static final int CLIENTS = 8;
  private static final int DELIVER_SECONDS = Integer.getInteger("bench.reminderDeliverSeconds", 900);

  private final BenchDatabase db;
  private final Client client;
  private final SmsStub sms;
  private final Consumer<String> row;
  private final Map<String, Object> results;
  private final List<String> notes;

  ReminderPhase(BenchDatabase db, Client client, SmsStub sms, Consumer<String> row, Map<String, Object> results,
      List<String> notes) {
    this.db = db;
    this.client = client;
    this.sms = sms;
    this.row = row;
    this.results = results;
    this.notes = notes;
  }

  void run() throws Exception {
    String campaign = "BENCH-" + System.currentTimeMillis();
    Client.expect(client.post("/api/reminders/campaigns", "opslead", "{\"campaignId\":\"" + campaign
        + "\",\"name\":\"双11 催付 bench\",\"holdoutShare\":0.10}"), 201);
    Instant ordered = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String run = Long.toString(System.nanoTime() % 1_000_000, 36);

    // 1. registration: PUT /api/orders/{no} at 8 clients, each an unpaid order of its own buyer joining the campaign
    Load.run("warm-up orders", CLIENTS, 1000, 120, i -> Client.expect(client.put("/api/orders/RW-" + run + "-" + i,
        "shop1", order("bw-" + run + "-" + i, ordered)), 200, 201));
    db.quiesce(60);
    Map<String, long[]> before = db.tableStats();
    Machine.Cpu cpu0 = Machine.Cpu.now();
    Load.Stats reg = Load.run("register PUT /api/orders", CLIENTS, ORDERS, 1800, i -> Client.expect(client.put(
        "/api/orders/R-" + run + "-" + i, "shop1", order("b-" + run + "-" + i, ordered)), 200, 201));
    Machine.Cpu cpu1 = Machine.Cpu.now();
    row.accept(reg.line());
    results.put("reminder_register_per_s", round(reg.perSecond()));
    results.put("reminder_register_p99_ms", round(reg.p99()));
    results.put("reminder_register_errors", reg.errors());
    double regUs = (cpu1.jvm() - cpu0.jvm()) * 1e6 / Math.max(1, reg.ok());
    row.accept(String.format("%-34s %,d orders at %d clients: %,.0f orders/s (target ≥ 400); %.0f µs JVM CPU per "
        + "order (load generator included); %s", "reminders: register", reg.ok(), CLIENTS, reg.perSecond(), regUs,
        cpu1.since(cpu0)));
    Thread.sleep(11_000); // PostgreSQL's statistics are flushed every 10 s
    Map<String, long[]> afterReg = db.tableStats();
    notes.add(String.format("reminders, registration: %.2f rows inserted per order (order, its lines, the reminder "
        + "order, its steps, the buyer's group); sequential scans: %s", BenchDatabase.sum(afterReg, before, 3)
        / (double) reg.ok(), BenchDatabase.seqScans(afterReg, before, 3)));

    // 2. delivery: the first step due for every order of the campaign now; until the SMS stub has all of them
    long heldOut = db.count("select count(*) from pc_reminder_order where campaign_id = '" + campaign
        + "' and grp = 'HOLDOUT'");
    long expected;
    long received0 = sms.received();
    long dup0 = sms.duplicates();
    Machine.Cpu cpu2;
    long t0;
    try (Connection c = DriverManager.getConnection(db.url(), BenchDatabase.USER, "");
        Statement s = c.createStatement()) {
      expected = db.count("select count(*) from pc_reminder_step s join pc_reminder_order o on o.order_no ="
          + " s.order_no where o.campaign_id = '" + campaign + "' and s.step_no = 1 and s.state = 'PENDING'"
          + " and s.channel = 'SMS'");
      cpu2 = Machine.Cpu.now();
      t0 = System.nanoTime();
      s.executeUpdate("update pc_reminder_step set due_at = now() where step_no = 1 and state = 'PENDING' and"
          + " order_no in (select order_no from pc_reminder_order where campaign_id = '" + campaign + "')");
    }
    long deadline = t0 + Duration.ofSeconds(DELIVER_SECONDS).toNanos();
    while (sms.received() - received0 < expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Machine.Cpu cpu3 = Machine.Cpu.now();
    long delivered = sms.received() - received0;
    Thread.sleep(5_000); // anything sent twice arrives in this time
    long late = sms.received() - received0 - delivered;
    long duplicates = sms.duplicates() - dup0;
    long heldOutNotices = db.count("select count(*) from pc_notice n join pc_reminder_order o on o.order_no ="
        + " n.case_ref where o.campaign_id = '" + campaign + "' and o.grp = 'HOLDOUT'");
    double perSecond = delivered / seconds;
    double cpuMs = (cpu3.jvm() - cpu2.jvm()) * 1e3 / Math.max(1, delivered);
    results.put("reminder_deliver_per_s", round(perSecond));
    results.put("reminder_deliver_expected", expected);
    results.put("reminder_deliver_delivered", delivered);
    results.put("reminder_deliver_holdout_notices", heldOutNotices);
    results.put("reminder_deliver_duplicates", duplicates);
    results.put("reminder_deliver_jvm_cpu_ms", round(cpuMs));
    row.accept(String.format("%-34s %,d of %,d reminded buyers' SMS at the stub in %.1f s: %,.0f /s (target ≥ 300);"
        + " hold-out (%,d orders): %d notices; duplicates %d, more after the last %d; %.2f ms JVM CPU per reminder;"
        + " %s", "reminders: deliver first step", delivered, expected, seconds, perSecond, heldOut, heldOutNotices,
        duplicates, late, cpuMs, cpu3.since(cpu2)));
    Thread.sleep(11_000);
    Map<String, long[]> afterDelivery = db.tableStats();
    notes.add(String.format("reminders, delivery: %.2f rows inserted and %.2f updated per reminder sent "
        + "(PC_NOTICE, PC_NOTICE_DELIVERY, the delivery's process instance, job and history; the step, the order, the "
        + "buyer's cap); sequential scans: %s", BenchDatabase.sum(afterDelivery, afterReg, 3) / (double) delivered,
        BenchDatabase.sum(afterDelivery, afterReg, 4) / (double) delivered,
        BenchDatabase.seqScans(afterDelivery, afterReg, 3)));
    // issue 23: what the notice's delivery costs, the engine's tables apart from PeakCare's (inserted + updated +
    // deleted rows per reminder sent): peakcare.notice.delivery=process writes a process instance, its job and history
    notes.add(String.format("reminders, delivery (peakcare.notice.delivery=%s): rows written per reminder sent: "
        + "ACT_* %.2f, PC_NOTICE* %.2f, other PC_* %.2f", String.valueOf(results.getOrDefault("app_args",
        "")).contains("delivery=process") ? "process" : "outbox",
        written(afterDelivery, afterReg, "act_") / (double) delivered,
        written(afterDelivery, afterReg, "pc_notice") / (double) delivered,
        (written(afterDelivery, afterReg, "pc_") - written(afterDelivery, afterReg, "pc_notice")) / (double) delivered));
    results.put("reminder_deliver_act_rows", round(written(afterDelivery, afterReg, "act_") / (double) delivered));
    results.put("reminder_deliver_pc_notice_rows",
        round(written(afterDelivery, afterReg, "pc_notice") / (double) delivered));

    // 3. the report over REPORT_ORDERS orders of one campaign (seeded in SQL: both groups, every stratum)
    String big = "BENCH-REPORT-" + run;
    long s0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(db.url(), BenchDatabase.USER, "");
        Statement s = c.createStatement()) {
      s.executeUpdate("insert into pc_reminder_campaign (campaign_id, name, salt, holdout_share, status, created_by,"
          + " started_at, ended_at) values ('" + big + "', '报表 bench', 'salt', 0.1, 'ENDED', 'opslead',"
          + " now() - interval '3 days', now() - interval '1 day')");
      s.executeUpdate("insert into pc_reminder_order (order_no, campaign_id, buyer_id, grp, tier, item_role,"
          + " category, amount, plan_channel, plan_steps, ordered_at, close_at, state, paid_at, paid_amount,"
          + " first_reminded_at, messages_sent, sms_sent, calls_made)"
          + " select '" + big + "-' || g, '" + big + "', 'rb-' || g, case when h < 0.1 then 'HOLDOUT' else"
          + " 'REMINDED' end, (array['NON_MEMBER','REGULAR','SILVER','GOLD','VIP','SVIP'])[1 + g % 6],"
          + " (array['PROFIT','TRAFFIC','CAMPAIGN','EXCLUSIVE'])[1 + (g / 6) % 4], 'HOME', 199.00,"
          + " case when g % 50 = 0 then 'PHONE' else 'SMS' end, 1 + g % 3, now() - interval '2 days',"
          + " now() - interval '1 day', case when p < (case when h < 0.1 then 0.30 else 0.34 end) then 'PAID'"
          + " else 'CLOSED' end, case when p < 0.34 then now() - interval '36 hours' end,"
          + " case when p < 0.34 then 199.00 end, case when h >= 0.1 then now() - interval '47 hours' end,"
          + " case when h >= 0.1 then 1 else 0 end, case when h >= 0.1 and g % 50 <> 0 then 1 else 0 end,"
          + " case when h >= 0.1 and g % 50 = 0 then 1 else 0 end"
          + " from (select g, random() h, random() p from generate_series(1, " + REPORT_ORDERS + ") g) x");
      s.execute("vacuum analyze pc_reminder_order");
    }
    double seedSeconds = (System.nanoTime() - s0) / 1e9;
    String path = "/api/reminders/campaigns/" + big + "/report";
    for (int i = 0; i < 2; i++) {
      Client.expect(client.get(path, "opslead"), 200);
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long s = System.nanoTime();
      Client.expect(client.get(path, "opslead"), 200);
      ms.add((System.nanoTime() - s) / 1e6);
    }
    ms.sort(Double::compare);
    results.put("reminder_report_orders", REPORT_ORDERS);
    results.put("reminder_report_p50_ms", round(ms.get(5)));
    results.put("reminder_report_max_ms", round(ms.get(9)));
    row.accept(String.format("%-34s over %,d orders (seeded in %.0f s): p50 %.0f ms, max %.0f ms of 10 (target ≤ "
        + "2,000 ms)", "reminders: GET report", REPORT_ORDERS, seedSeconds, ms.get(5), ms.get(9)));

    row.accept("");
    row.accept(String.format("%-34s %-22s %s", "issue 22 figure", "measured", "target"));
    row.accept(String.format("%-34s %-22s %s", "register orders, 8 clients", String.format("%,.0f /s",
        reg.perSecond()), "≥ 400 /s"));
    row.accept(String.format("%-34s %-22s %s", "deliver to the SMS stub", String.format("%,.0f /s", perSecond),
        "≥ 300 /s, 0 hold-out (" + heldOutNotices + "), 0 duplicates (" + duplicates + ")"));
    row.accept(String.format("%-34s %-22s %s", "report over " + String.format("%,d", REPORT_ORDERS) + " orders",
        String.format("%,.0f ms (max)", ms.get(9)), "≤ 2,000 ms"));
  }

  private static String order(String buyer, Instant ordered) {
    String phone = "139" + String.format("%08d", Math.abs(buyer.hashCode()) % 100_000_000);
    return "{\"buyerId\":\"" + buyer + "\",\"memberTier\":\"REGULAR\",\"status\":\"UNPAID\",\"orderedAt\":\""
        + ordered + "\",\"autoCloseAt\":\"" + ordered.plus(Duration.ofHours(72)) + "\","
        + "\"contact\":{\"name\":\"陈静\",\"phone\":\"" + phone + "\",\"locale\":\"zh-CN\"},\"province\":\"浙江\","
        + "\"lines\":[{\"sku\":\"DJ-01\",\"name\":\"轻薄羽绒服\",\"category\":\"HOME\",\"productType\":\"PHYSICAL\","
        + "\"quantity\":1,\"unitPrice\":199.00,\"itemRole\":\"PROFIT\"}]}";
  }

  /** Rows inserted, updated and deleted in the tables whose name starts with {@code prefix}. */
  private static long written(Map<String, long[]> after, Map<String, long[]> before, String prefix) {
    long total = 0;
    for (Map.Entry<String, long[]> e : after.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        long[] b = before.get(e.getKey());
        for (int column = 3; column <= 5; column++) {
          total += e.getValue()[column] - (b == null ? 0 : b[column]);
        }
      }
    }
    return total;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
