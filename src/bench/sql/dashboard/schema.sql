-- The big-sale dashboard's benchmark on PostgreSQL (issue 25, docs/dashboard.md): the columns its queries read of
-- the tables they read, with the indexes the changelogs create (the stock ones and peakcare-092-*-dashboard.xml).
create table act_ru_task (id_ varchar(64) primary key, rev_ int, task_def_key_ varchar(255), due_date_ timestamp,
  proc_inst_id_ varchar(64), create_time_ timestamp);
create index pc_idx_task_def_due on act_ru_task (task_def_key_, due_date_);
create table act_ru_incident (id_ varchar(64) primary key, activity_id_ varchar(255));
create table pc_return_case (return_no varchar(64) primary key, case_type varchar(32) not null,
  amount decimal(12,2) not null, refund_amount decimal(12,2), status varchar(32) not null,
  policy_outcome varchar(32), assignee varchar(64), created_at timestamptz not null);
create index pc_idx_return_status on pc_return_case (status, assignee);
create index pc_idx_return_assignee on pc_return_case (assignee);
create index pc_idx_return_status_type on pc_return_case (status, case_type);
create index pc_idx_return_created_outcome on pc_return_case (created_at, policy_outcome);
create table pc_refund (return_no varchar(64) primary key, amount decimal(12,2) not null, done_at timestamptz not null);
create index pc_idx_refund_done on pc_refund (done_at, amount);
create table pc_refund_change (id varchar(36) primary key, return_no varchar(64) not null, refund_to varchar(96),
  requested_at timestamptz not null, status varchar(16) not null);
create index pc_idx_refund_change_case on pc_refund_change (return_no);
create index pc_idx_refund_change_requested on pc_refund_change (requested_at);
create table pc_order (order_no varchar(64) primary key, paid_at timestamptz, paid_amount decimal(14,2) not null,
  refunded decimal(14,2) not null);
create index pc_idx_order_paid on pc_order (paid_at, paid_amount, refunded);
create table pc_order_refusal (id bigserial primary key, code varchar(32) not null, at timestamptz not null);
create index pc_idx_order_refusal_code on pc_order_refusal (code, at);
create index pc_idx_order_refusal_at on pc_order_refusal (at, code);
create table pc_notice (notice_key varchar(255) primary key, notice_type varchar(40) not null,
  created_at timestamptz not null);
create index pc_idx_notice_created on pc_notice (created_at);
create table pc_notice_delivery (notice_key varchar(255) not null references pc_notice (notice_key),
  channel varchar(16) not null, status varchar(16) not null, updated_at timestamptz not null,
  primary key (notice_key, channel));
create index pc_idx_notice_delivery_status on pc_notice_delivery (status, updated_at);
create table pc_refund_promise (return_no varchar(128) primary key, promised_by timestamptz not null,
  done_at timestamptz, on_time boolean, new_promised_by timestamptz);
create index pc_idx_refund_promise_due on pc_refund_promise (promised_by);
