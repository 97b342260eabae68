-- An open's transaction with ONE counter row per figure (the design not taken): the row stays locked from the update
-- to the commit; pg_sleep stands for the rest of the open's transaction (record, process, notice).
begin;
update pc_bench_counter set n = n + 1 where k = 'OPEN';
select pg_sleep(0.02);
commit;
