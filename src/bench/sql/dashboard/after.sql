-- What issue 25's scale work adds to the benchmark's database, as changelog 095 and the running application do:
-- the kept figures (PC_RETURN_FIGURE and PC_ORDER_FIGURE, built by the keepers' recount statements), a minute of a busy
-- night's rows not folded yet, and the covering indexes for the money and promise statements.
\timing on
create table pc_return_figure (id bigserial primary key, kind char(1) not null, hr bigint not null default 0,
  k1 varchar(64) not null, k2 varchar(64) not null default '', n bigint not null);
create index pc_idx_return_figure on pc_return_figure (kind, hr, k1, k2, n);
-- the recount (ReturnFigureKeeper.recount), timed: what the nightly repair costs at this size
\echo recount of the case figures (4 statements: by status, type, agent, hour):
begin;
insert into pc_return_figure (kind, hr, k1, k2, n) select 'S', 0, status, '', count(*) from pc_return_case
  where status in ('OPEN','UNDER_REVIEW','AWAITING_PARCEL','INSPECTING','AWAITING_SECOND_APPROVAL','REFUNDING',
  'REFUNDED','EXCHANGE_SHIPPED') group by status;
insert into pc_return_figure (kind, hr, k1, k2, n) select 'T', 0, case_type, '', count(*) from pc_return_case
  where status in ('OPEN','UNDER_REVIEW','AWAITING_PARCEL','INSPECTING','AWAITING_SECOND_APPROVAL','REFUNDING',
  'REFUNDED','EXCHANGE_SHIPPED') group by case_type;
insert into pc_return_figure (kind, hr, k1, k2, n) select 'A', 0, coalesce(assignee, ''), status, count(*)
  from pc_return_case where status in ('OPEN','UNDER_REVIEW','AWAITING_PARCEL','INSPECTING',
  'AWAITING_SECOND_APPROVAL','REFUNDING','REFUNDED','EXCHANGE_SHIPPED') group by coalesce(assignee, ''), status;
insert into pc_return_figure (kind, hr, k1, k2, n) select 'H', h, o, '', count(*) from
  (select cast(floor(extract(epoch from created_at) / 3600) as bigint) as h, coalesce(policy_outcome, '') as o
   from pc_return_case) c group by h, o;
commit;
-- a minute of a busy night (2,000 cases opened and 3,000 status changes, about 20,000 rows) not folded yet: each
-- open adds 4 rows (status, type, agent, hour), each change 4 (-1/+1 for status and agent and status)
insert into pc_return_figure (kind, hr, k1, k2, n)
select k.kind, k.hr, k.k1, k.k2, k.n from generate_series(1, 2000) i, lateral (values
  ('S', 0::bigint, 'OPEN', '', 1::bigint), ('T', 0, (array['REFUND_ONLY','EXCHANGE','REPAIR'])[1 + i % 3], '', 1),
  ('A', 0, '', 'OPEN', 1), ('H', 498447, 'AUTO_APPROVE', '', 1)) k(kind, hr, k1, k2, n);
insert into pc_return_figure (kind, hr, k1, k2, n)
select k.kind, 0, k.k1, k.k2, k.n from generate_series(1, 3000) i, lateral (values
  ('S', 'OPEN', '', -1::bigint), ('S', 'UNDER_REVIEW', '', 1::bigint), ('A', 'agent' || (i % 200), 'OPEN', -1),
  ('A', 'agent' || (i % 200), 'UNDER_REVIEW', 1)) k(kind, k1, k2, n);
-- the fold (ReturnFigureKeeper.fold) of those rows, timed, on a copy (the refreshes read the unfolded table)
\echo fold of a busy minute of rows (copy, insert of the sums, delete):
create table pc_return_figure_copy as select * from pc_return_figure;
begin isolation level repeatable read;
insert into pc_return_figure_copy (id, kind, hr, k1, k2, n) select 100000000 + row_number() over (), kind, hr, k1, k2,
  s from (select kind, hr, k1, k2, sum(n) as s from pc_return_figure_copy group by kind, hr, k1, k2
  having sum(n) <> 0) f;
delete from pc_return_figure_copy where id < 100000000;
commit;
drop table pc_return_figure_copy;
-- the orders' kept figures (OrderFigureKeeper.recount), timed, and a minute of registrations and refunds not folded
create table pc_order_figure (id bigserial primary key, hr bigint not null, orders bigint not null,
  refunded_orders bigint not null, paid decimal(18,2) not null, refunded decimal(18,2) not null);
create index pc_idx_order_figure on pc_order_figure (hr, orders, refunded_orders, paid, refunded);
\echo recount of the order figures:
insert into pc_order_figure (hr, orders, refunded_orders, paid, refunded) select h, count(*),
  sum(case when refunded > 0 then 1 else 0 end), sum(paid_amount), sum(refunded) from
  (select cast(floor(extract(epoch from paid_at) / 3600) as bigint) as h, paid_amount, refunded from pc_order
   where paid_at is not null) o group by h;
insert into pc_order_figure (hr, orders, refunded_orders, paid, refunded)
select 498447, 1, 0, 199.00, 0 from generate_series(1, 3000) i
union all select 498440 + i % 7, 0, 1, 0, 99.00 from generate_series(1, 1000) i;
\echo indexes of changelog 095 and vacuum analyze:
-- changelog 095: the money statements by status read the amounts from the index; the promise statements too
create index pc_idx_return_status_money on pc_return_case (status, refund_amount, amount);
create index pc_idx_refund_promise_figures on pc_refund_promise (promised_by, done_at, on_time, new_promised_by);
vacuum analyze;
select 'kept figures: ' || (select count(*) from pc_return_figure) || ' case rows, ' || (select count(*) from pc_order_figure) || ' order rows';
