#!/usr/bin/env bash
# The dashboard's SQL benchmark on PostgreSQL (issue 25, docs/dashboard.md). Creates peakcare_dashboard_bench_<n>,
# seeds it (CLOSED, OPEN, TASKS: by default the issue's 1,000,000 closed cases, 300,000 open ones and 300,000 open
# tasks), then on the same data:
#   before: EXPLAIN (ANALYZE, BUFFERS) of every statement of refresh-before.sql (the tiles before the kept figures),
#           then CLIENTS (8) supervisors refreshing the whole dashboard in a loop for DURATION seconds (45) with pgbench,
#           and the p50/p99 of one refresh;
#   after.sql: the kept figures (the recount, timed), a minute of unfolded +1/-1 rows, the fold (timed), the indexes
#           of changelog 095;
#   after:  the same for refresh.sql (what the tiles send now);
#   contention (CONTENTION=1): 8 concurrent opens adding 1 to one counter row vs inserting a +1 row (why append-only).
# Drops the database at the end.
#   src/bench/sql/dashboard/run.sh            (run it alone: /work/wt/bin/quiet-run on the shared machine)
set -euo pipefail
cd "$(dirname "$0")"
CLOSED=${CLOSED:-1000000} OPEN=${OPEN:-300000} TASKS=${TASKS:-300000} CLIENTS=${CLIENTS:-8} DURATION=${DURATION:-45}
CONTENTION=${CONTENTION:-1}
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

# one phase: the plan of each statement of $1 into $OUT/explain-$2.txt, then CLIENTS refreshing in a loop
phase() {
  local script=$1 name=$2 clients=${3:-$CLIENTS}
  [ "$clients" = "$CLIENTS" ] && grep -v '^--' "$script" | grep -v '^$' | while read -r sql; do
    echo "== $sql"
    psql $PG -d $DB -Atc "explain (analyze, buffers, costs off) $sql"
  done > "$OUT/explain-$name.txt"
  echo "--- $name ($clients clients): EXPLAIN of each statement in $OUT/explain-$name.txt"
  [ "$clients" = "$CLIENTS" ] && grep -E '^==|Index Only Scan|Index Scan|Seq Scan|Bitmap|Execution Time' "$OUT/explain-$name.txt" | sed 's/^ *//' \
    | cut -c1-150
  [ "$clients" = "$CLIENTS" ] && awk '/Execution Time/ {s += $3} END {printf "%s: one refresh alone, sum of execution times %.1f ms\n", "'"$name"'", s}' \
    "$OUT/explain-$name.txt"
  rm -f "$OUT"/pgbench_log.*
  (cd "$OUT" && pgbench $PG -n -c "$clients" -j $(( clients < 2 ? 1 : 2 )) -T "$DURATION" -f "$OLDPWD/$script" -l --log-prefix=pgbench_log $DB \
    | grep -E 'transactions|latency|tps')
  cat "$OUT"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%s: refreshes: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms (one refresh = every tile, %d clients, closed loop)\n", "'"$name"'", NR, a[int(NR*0.5)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000, '"$clients"'}'
}

phase refresh-before.sql before
echo "--- after.sql: kept figures, fold, indexes of changelog 095"
psql $PG -d $DB -q -f after.sql | grep -v '^$' | sed 's/^ *//'
phase refresh.sql after
# with the application's tile cache (TileCache, single flight) 8 supervisors refreshing at once share one computation
# of each tile: the database sees one refresh at a time, which is what this measures
phase refresh.sql after-single-flight 1

if [ "$CONTENTION" = 1 ]; then
  echo "--- contention: $CLIENTS opens at once, each transaction holding its figure write 20 ms (10 s each)"
  psql $PG -d $DB -q -c "create table pc_bench_counter (k varchar(64) primary key, n bigint not null);
    insert into pc_bench_counter values ('OPEN', 0);
    create table pc_bench_delta (id bigserial primary key, k varchar(64) not null, n bigint not null)"
  for design in counter delta; do
    echo -n "$design: "
    pgbench $PG -n -c "$CLIENTS" -j 2 -T 10 -f contention-$design.sql $DB | grep -E '^tps|latency average' | tr '\n' ' '
    echo
  done
fi
