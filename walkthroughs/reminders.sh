#!/usr/bin/env bash
# Payment reminders (催付) on a compressed clock: opslead starts a campaign with a 50 % hold-out; the shop's system
# (shop1) registers a wave of unpaid orders placed 40 minutes ago (so the plan's first step, 30 minutes after the order,
# is due now) of a traffic-driver item (引流款: the plan reminds in the app, which quiet hours do not hold back); a few
# buyers pay on their own; PeakCare's poller sends the due reminders (every 2 s); the hold-out is shown untouched, on
# its orders and in the notices; a few reminded buyers pay; the report shows both groups with their intervals, the
# naive rate beside them, and no verdict yet (too few orders; the campaign runs).
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/reminders.sh
set -euo pipefail
WALK=reminders
. "$(dirname "$0")/lib.sh"

N=16
minutes_from_now() {
  date -u -d "$1 minutes" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v"$([[ $1 == -* ]] && echo "$1" || echo "+$1")"M +%Y-%m-%dT%H:%M:%SZ
}
ORDERED=$(minutes_from_now -40)
CLOSES=$(minutes_from_now 180)
snapshot() {  # snapshot I STATUS
  local paid=''
  if [[ $2 == PAID ]]; then
    paid='"paidAt":"'"$(minutes_from_now 0)"'","paidAmount":59.00,"paymentMethod":"ALIPAY",'
  fi
  printf '{"buyerId":"b-%s-%s","memberTier":"REGULAR","status":"%s","orderedAt":"%s",%s"autoCloseAt":"%s",
    "contact":{"name":"买家%s","phone":"1380000%04d","locale":"zh-CN"},"province":"浙江","lines":[{"sku":"SOCK-01",
    "name":"纯棉袜子 5 双装","category":"APPAREL","productType":"PHYSICAL","quantity":1,"unitPrice":59.00,
    "itemRole":"TRAFFIC"}]}' "$RUN_ID" "$1" "$2" "$ORDERED" "$paid" "$CLOSES" "$1" "$1"
}
no() { printf 'RM-%s-%s' "$RUN_ID" "$1"; }

# 1. opslead ends whatever campaign runs and starts one with a 50 % hold-out (a small wave shows both groups)
call opslead GET /api/reminders/campaigns 200
for c in $(printf '%s' "$BODY" | grep -o '"campaignId":"[^"]*","name":"[^"]*","status":"RUNNING"' \
    | sed 's/"campaignId":"\([^"]*\)".*/\1/'); do
  call opslead POST "/api/reminders/campaigns/$c/end" 200 '{}'
  say "opslead ended campaign $c"
done
CAMPAIGN=RW-$RUN_ID
call opslead POST /api/reminders/campaigns 201 '{"campaignId":"'"$CAMPAIGN"'","name":"双11 催付 '"$RUN_ID"'","holdoutShare":0.5}'
say "opslead started campaign $CAMPAIGN, hold-out share $(num holdoutShare)"

# 2. shop1 registers the wave in one batch: $N unpaid orders, placed 40 minutes ago, closing in 3 hours
ENTRIES=''
for ((i = 1; i <= N; i++)); do
  ENTRIES+="${ENTRIES:+,}{\"orderNo\":\"$(no "$i")\",\"order\":$(snapshot "$i" UNPAID)}"
done
call shop1 POST /api/orders/batch 200 "{\"orders\":[$ENTRIES]}"
say "shop1 registered $N unpaid orders in one batch"

# 3. three buyers pay on their own, before any reminder is due to them
for i in 1 2 3; do
  call shop1 PUT "/api/orders/$(no "$i")" 200 "$(snapshot "$i" PAID)"
done
say "buyers 1 to 3 paid on their own: their reminders stopped"

# 4. the poller sends the due reminders (the plan's first step, in the app); the hold-out's are never sent
HELD=() REMINDED=()
for ((i = 1; i <= N; i++)); do
  call opslead GET "/api/reminders/orders/$(no "$i")" 200
  if [[ $(str group) == HOLDOUT ]]; then HELD+=("$i"); else REMINDED+=("$i"); fi
done
say "groups: ${#REMINDED[@]} reminded, ${#HELD[@]} held out (stored per buyer, never changed)"
all_sent() {
  local i
  for i in "${REMINDED[@]}"; do
    ((i > 3)) || continue
    call opslead GET "/api/reminders/orders/$(no "$i")" 200
    [[ $(num messagesSent) -ge 1 ]] || return 1
  done
}
poll 60 "the reminders of the reminded group's unpaid orders" all_sent
say "every unpaid order of the reminded group got its first reminder"

# 5. the hold-out untouched: no step sent, no notice at all (not even in the app)
for i in "${HELD[@]}"; do
  call opslead GET "/api/reminders/orders/$(no "$i")" 200
  [[ $(num messagesSent) == 0 ]] || fail "held-out order $(no "$i") was reminded: $BODY"
  [[ $(strs state) =~ ^(WITHHELD|CANCELLED|PAID|ACTIVE)(,(WITHHELD|CANCELLED))*$ ]] \
    || fail "held-out order $(no "$i") has a step that is not withheld: $BODY"
  call cslead GET "/api/notices/$(no "$i")" 200
  [[ $BODY == '[]' ]] || fail "held-out order $(no "$i") has notices: $BODY"
done
say "hold-out untouched: ${#HELD[@]} orders, 0 reminders, 0 notices"
if ((${#REMINDED[@]} > 0)); then
  call cslead GET "/api/notices/$(no "${REMINDED[-1]}")" 200
  TEXT=$(str text)
  say "a reminded buyer read: ${TEXT:0:60}…"
fi

# 6. two reminded buyers pay after their reminder
PAID_AFTER=0
for i in "${REMINDED[@]}"; do
  ((i > 3 && PAID_AFTER < 2)) || continue
  call shop1 PUT "/api/orders/$(no "$i")" 200 "$(snapshot "$i" PAID)"
  PAID_AFTER=$((PAID_AFTER + 1))
done
say "$PAID_AFTER reminded buyers paid after their reminder"

# 7. the report (opslead; the page 催付效果 in Cockpit shows the same): both groups with their intervals
call opslead GET "/api/reminders/campaigns/$CAMPAIGN/report" 200
REPORT=$BODY
OVERALL=${REPORT#*\"overall\":}
say "reminded: $(num paid "${OVERALL#*\"reminded\":}")/$(num orders "${OVERALL#*\"reminded\":}") paid, 95 % $(num lower "${OVERALL#*\"reminded\":}")–$(num upper "${OVERALL#*\"reminded\":}")"
say "hold-out: $(num paid "${OVERALL#*\"holdout\":}")/$(num orders "${OVERALL#*\"holdout\":}") paid, 95 % $(num lower "${OVERALL#*\"holdout\":}")–$(num upper "${OVERALL#*\"holdout\":}")"
say "naive 'paid after a reminder' (labelled, not what reminders add): $(num rate "${REPORT#*\"naive\":}")"
VERDICT=$(str verdict "${REPORT#*\"sampleRatio\":}")
FINAL=$(num isFinal "$REPORT")
[[ $FINAL == false ]] || fail "a running campaign's report should not be final: $REPORT"
say "campaign $CAMPAIGN: ${#HELD[@]} held out got nothing, ${#REMINDED[@]} in the reminded group; verdict $VERDICT (not final)"
