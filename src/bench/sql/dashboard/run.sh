#!/usr/bin/env bash
# The dashboard's SQL benchmark on PostgreSQL (issue 25, docs/dashboard.md). Creates peakcare_dashboard_bench_<n>,
# seeds it (CLOSED, OPEN, TASKS: by default the issue's 1,000,000 closed cases, 300,000 open ones and 300,000 open
# tasks), prints EXPLAIN (ANALYZE, BUFFERS) of every statement of a refresh, then CLIENTS (8) supervisors refreshing the
# whole dashboard in a loop for DURATION seconds (45) with pgbench, and the p50/p99 of one refresh; drops the database.
#   src/bench/sql/dashboard/run.sh            (run it alone: /work/wt/bin/quiet-run on the shared machine)
set -euo pipefail
cd "$(dirname "$0")"
CLOSED=${CLOSED:-1000000} OPEN=${OPEN:-300000} TASKS=${TASKS:-300000} CLIENTS=${CLIENTS:-8} DURATION=${DURATION:-45}
PG="-h ${PGHOST:-127.0.0.1} -U ${PGUSER:-postgres}"
DB=peakcare_dashboard_bench_$$
OUT=${OUT:-../../../../target/bench/dashboard}
mkdir -p "$OUT"
psql $PG -q -c "create database $DB"
trap 'psql $PG -q -c "drop database if exists $DB" >/dev/null' EXIT
psql $PG -d $DB -q -f schema.sql
start=$(date +%s)
psql $PG -d $DB -q -v closed=$CLOSED -v open=$OPEN -v tasks=$TASKS -f seed.sql
echo "seeded $CLOSED closed + $OPEN open cases, $TASKS open tasks in $(( $(date +%s) - start )) s"
psql $PG -d $DB -Atc "select 'rows: cases ' || (select count(*) from pc_return_case) || ', tasks ' || (select count(*) from act_ru_task) || ', refunds ' || (select count(*) from pc_refund) || ', orders ' || (select count(*) from pc_order) || ', notices ' || (select count(*) from pc_notice) || ', deliveries ' || (select count(*) from pc_notice_delivery) || ', promises ' || (select count(*) from pc_refund_promise)"
grep -v '^--' refresh.sql | grep -v '^$' | while read -r sql; do
  echo "== $sql"
  psql $PG -d $DB -Atc "explain (analyze, buffers, costs off) $sql"
done > "$OUT/explain.txt"
echo "EXPLAIN of each statement: $OUT/explain.txt"
grep -E '^==|Index Only Scan|Index Scan|Seq Scan|Bitmap|Execution Time' "$OUT/explain.txt" | sed 's/^ *//' | cut -c1-160
rm -f "$OUT"/pgbench_log.*
(cd "$OUT" && pgbench $PG -n -c "$CLIENTS" -j 2 -T "$DURATION" -f "$OLDPWD/refresh.sql" -l --log-prefix=pgbench_log $DB \
  | grep -E 'transactions|latency|tps')
cat "$OUT"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "refreshes: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms (one refresh = every tile, %d clients)\n", NR, a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000, '"$CLIENTS"'}'
