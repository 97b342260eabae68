-- The benchmark's data (issue 25's scale by default): :closed closed cases and :open open ones over 60 days, a tenth
-- of them opened on the sale's day (2026-11-11, Asia/Shanghai); :tasks open tasks; a refund, a promise and a notice
-- per case; the sale's orders. psql -v closed=1000000 -v open=300000 -v tasks=300000 -f seed.sql
\set total (:closed + :open)
insert into pc_return_case
select 'R' || i, (array['REFUND_ONLY','RETURN_AND_REFUND','EXCHANGE','PRICE_DIFFERENCE','REPAIR'])[1 + i % 5],
  99.00, case when i % 3 = 0 then 80.00 end,
  case when i <= :closed then (array['CLOSED','REJECTED','CANCELLED'])[1 + i % 3]
       else (array['OPEN','UNDER_REVIEW','AWAITING_PARCEL','INSPECTING','AWAITING_SECOND_APPROVAL','REFUNDING',
                   'REFUNDED','EXCHANGE_SHIPPED'])[1 + i % 8] end,
  (array['AUTO_APPROVE','MANUAL_REVIEW','REJECT'])[1 + i % 3], 'agent' || (i % 200),
  case when i % 10 = 0 then timestamptz '2026-11-11 00:00+08' + ((i::bigint * 7919) % 86400) * interval '1 second'
       else timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second' end
from generate_series(1, :total) i;
insert into act_ru_task
select 'T' || i, 1, case when i % 10 < 6 then 'Task_ReviewReturnRequest' when i % 10 < 8 then 'Task_InspectReturnedItem'
  else 'Task_Work' end, timestamp '2026-11-11 15:30' + ((i % 7200) - 3600) * interval '1 minute', 'P' || i,
  timestamp '2026-11-10 00:00'
from generate_series(1, :tasks) i;
insert into act_ru_incident select 'I' || i, case when i % 2 = 0 then 'Task_IssueRefund' else 'Task_Deliver' end
from generate_series(1, 200) i;
insert into pc_refund
select 'R' || i, 50.00 + i % 100, timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second'
from generate_series(1, :total, 2) i;
insert into pc_refund_change
select 'C' || i, 'R' || i, case when i % 2 = 0 then 'bank:' || i end,
  timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second',
  (array['PENDING','APPROVED','REFUSED'])[1 + i % 3]
from generate_series(1, :total, 20) i;
insert into pc_order
select 'O' || i, case when i % 4 = 0 then timestamptz '2026-11-11 00:00+08' + ((i::bigint * 7919) % 86400) * interval '1 second'
  else timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second' end, 199.00,
  case when i % 10 = 0 then 99.00 else 0 end
from generate_series(1, :total) i;
insert into pc_order_refusal (code, at)
select (array['CEILING_REFUSED','LINE_QUANTITY'])[1 + i % 2],
  timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second'
from generate_series(1, :total / 20) i;
insert into pc_notice
select 'N' || i, (array['REFUND_CARE','RETURN_INSTRUCTIONS','SHIPPING','REFUND_DONE'])[1 + i % 4],
  timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second'
from generate_series(1, :total) i;
insert into pc_notice_delivery
select 'N' || i, c, case when i % 200 = 0 then 'FAILED' when i % 97 = 0 then 'PENDING' else 'SENT' end,
  timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second'
from generate_series(1, :total) i, (values ('SMS'), ('EMAIL')) ch(c) where c = 'SMS' or i % 3 = 0;
insert into pc_refund_promise
select 'R' || i, timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400)) * interval '1 second',
  case when i % 5 = 0 then null else timestamptz '2026-09-13 00:00+08' + ((i::bigint * 3989) % (60 * 86400) + 3600 - i % 7200)
    * interval '1 second' end, case when i % 5 = 0 then null else i % 7200 >= 3600 end,
  case when i % 11 = 0 then timestamptz '2026-11-20 00:00+08' end
from generate_series(1, :total, 2) i;
vacuum analyze;
