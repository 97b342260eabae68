-- An open's transaction with the append-only +1 rows (ReturnFigureLedger): a new row, nothing to wait for.
begin;
insert into pc_bench_delta (k, n) values ('OPEN', 1);
select pg_sleep(0.02);
commit;
