#!/usr/bin/env bash
# The logistics-delay broadcast (物流异常通知): a courier's backlog in some provinces reaches every open case whose
# parcel travels with that courier there, once. The POST answers 202 at once; the notices are recorded in batches in
# the background and the GET shows how far it got. shop1 (integrators) opens two cases, cslead (an after-sales
# supervisor: issue 20, agents no longer broadcast) posts; the reason is a code of the shop's list, never text.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/broadcast.sh
set -euo pipefail
WALK=broadcast
. "$(dirname "$0")/lib.sh"

COURIER=YTO-$RUN_ID     # a courier name of this run only, so that earlier runs' cases are not matched

# a VIP's order; its return up to 500 CNY is approved at once; the parcel goes back with $COURIER from the province
open_travelling_case() {
  local no=$1 province=$2
  order "O-$no" "$(paid_order "buyer-$no" VIP 王小明 13800002222 zh-CN "$province" 199.00 ALIPAY \
    '[{"sku":"SH-01","name":"跑鞋","category":"SHOES","productType":"PHYSICAL","quantity":1,"unitPrice":199.00}]')"
  call shop1 POST /api/returns 201 '{"returnNo":"'"$no"'","orderNo":"O-'"$no"'","type":"RETURN_AND_REFUND",
    "reason":"WRONG_SIZE","lines":[{"sku":"SH-01","quantity":1}],"deliveredAt":"'"$(days_from_now -2)"'"}'
  call shop1 POST "/api/returns/$no/parcel" 200 '{"courier":"'"$COURIER"'","waybillNo":"WB-'"$no"'"}'
  say "shop1 opened $no ($province), parcel WB-$no with $COURIER: $(str status)"
}
open_travelling_case "R-$RUN_ID-1" 浙江
open_travelling_case "R-$RUN_ID-2" 广东

# 1. cslead announces the delay in 浙江 and 上海: 202 at once, with the broadcast's id. The reason is a code of the
#    shop's list (COURIER_BACKLOG 快递爆仓, WEATHER, ROAD_CLOSURE, HOLIDAY); free text or a link is refused
BROADCAST='{"courier":"'"$COURIER"'","provinces":["浙江","上海"],"expectedDelayDays":3,"reason":"COURIER_BACKLOG"}'
call cslead POST /api/notices/logistics-delay 400 "${BROADCAST/COURIER_BACKLOG/双十一爆仓，详情见 https://example.com}"
FIELD=$(str field)
call agent1 POST /api/notices/logistics-delay 403 "$BROADCAST"
say "free text as the reason: 400 ($FIELD); agent1 may not broadcast: 403"
call cslead POST /api/notices/logistics-delay 202 "$BROADCAST"
ID=$(str id)
say "cslead posted broadcast $ID: $(str status), matched $(num matched)"
[[ $(num matched) == 1 ]] || fail "expected exactly the case in 浙江 to be matched: $BODY"

# 2. its batches run on the job executor: follow it until it is done
done_() { call cslead GET "/api/notices/logistics-delay/$ID" 200; [[ $(str status) != RUNNING ]]; }
poll 60 "broadcast $ID" done_
[[ $(str status) == DONE && $(num queued) == 1 ]] || fail "expected DONE with 1 notice: $BODY"
say "broadcast $ID: $(str status), queued $(num queued), remaining $(num remaining), sent $(num sent), failed $(num failed)"

call agent1 GET "/api/notices/R-$RUN_ID-1" 200
say "the customer in 浙江 read: $(str text "${BODY#*\"type\":\"LOGISTICS_DELAY\"}")"

# 3. the same broadcast again tells nobody twice: done at once, already notified
call cslead POST /api/notices/logistics-delay 202 "$BROADCAST"
[[ $(str status) == DONE && $(num alreadyNotified) == 1 && $(num queued) == 0 ]] || fail "repeat told someone: $BODY"
say "the same broadcast again: $(str status) at once, repeat of $(str repeatOf), already notified $(num alreadyNotified)"
say "broadcast $ID done: 1 customer told once"
