#!/usr/bin/env bash
# A return case (退货退款) from open to closed, through the API as the least-privileged demo users:
# shop1 (integrators) registers the order and opens the case on it, agent1 (after-sales) reviews it, the customer's
# parcel is reported, warehouse1
# (warehouse) inspects it, the refund runs by itself and the case closes (its 回访 survey: walkthroughs/survey.sh).
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/returns.sh
set -euo pipefail
WALK=returns
. "$(dirname "$0")/lib.sh"

NO=R-$RUN_ID                       # the shop's return number: the case's key
DELIVERED=$(days_from_now -2)      # delivered two days ago: inside the 7-day no-reason window

# 1. the shop's system registers the order first: buyer, member tier, contact, what was paid, and how
ORDER=O-$RUN_ID
order "$ORDER" "$(paid_order "buyer-$RUN_ID" REGULAR 张伟 13800001111 zh-CN 浙江 698.00 ALIPAY \
  '[{"sku":"TS-01","name":"纯棉T恤","category":"APPAREL","productType":"PHYSICAL","quantity":1,"unitPrice":299.00},
    {"sku":"SH-01","name":"跑步鞋","category":"SHOES","productType":"PHYSICAL","quantity":1,"unitPrice":399.00}]')"
say "shop1 registered order $ORDER: $(str status), paid $(num paidAmount), refundable $(num refundable)"

# 2. then the case: it names the order and the line it returns; customer, tier, price and the refund's destination
#    come from the order. 299 CNY is above what the policy approves at once, so an agent reviews it
CASE='{"returnNo":"'"$NO"'","orderNo":"'"$ORDER"'","type":"RETURN_AND_REFUND","reason":"NO_REASON",
  "lines":[{"sku":"TS-01","quantity":1}],"deliveredAt":"'"$DELIVERED"'","assignee":"agent1"}'
call shop1 POST /api/returns 201 "$CASE"
[[ $(str status) == UNDER_REVIEW ]] || fail "expected UNDER_REVIEW: $BODY"
AGENT=$(str assignee)
say "shop1 opened $NO: $(str status), policy $(str policyOutcome), assigned to $AGENT, refund care notice $(str type "${BODY#*\"notices\"}")"

# the same request again (a retry after a timeout): the same case, 200, nothing new
call shop1 POST /api/returns 200 "$CASE"
say "an identical retry answers 200 with the same case"

# the same T-shirt in another case: the order has no second one to give back (its refund ceiling, 409)
call shop1 POST /api/returns 409 "${CASE/$NO/$NO-AGAIN}"
say "a second case for the same T-shirt: 409, $(str field) refused by the order's refund ceiling"

# 3. the assignee approves the review (审核退货申请), as in Tasklist; nobody else may complete it
REVIEW=$(task_id "$AGENT" "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_ReviewReturnRequest")
call agent2 POST "/engine-rest/task/$REVIEW/complete" 403 '{"variables":{"approved":{"value":true}}}'
complete "$AGENT" "$REVIEW" '{"approved":{"value":true},"approvalNote":{"value":"七天无理由退货"}}'
call shop1 GET "/api/returns/$NO" 200
[[ $(str status) == AWAITING_PARCEL ]] || fail "expected AWAITING_PARCEL: $BODY"
say "agent2 may not complete agent1's review (403); $AGENT approved it: $(str status), return instructions sent"

# 4. the customer shipped the parcel back
call shop1 POST "/api/returns/$NO/parcel" 200 '{"courier":"SF","waybillNo":"SF'"$RUN_ID"'"}'
[[ $(str status) == INSPECTING ]] || fail "expected INSPECTING: $BODY"
say "parcel SF$RUN_ID reported: $(str status)"

# 5. the warehouse claims the inspection (仓库验货) and passes it
INSPECT=$(task_id warehouse1 "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_InspectReturnedItem")
call warehouse1 POST "/engine-rest/task/$INSPECT/claim" 204 '{"userId":"warehouse1"}'
complete warehouse1 "$INSPECT" '{"inspectionPassed":{"value":true},"inspectionNote":{"value":"吊牌完好，未穿着"}}'
say "warehouse1 claimed and passed the inspection"

# 6. the refund is an asynchronous step (the job executor runs it, with retries); a regular customer needs no
#    follow-up call, so the case closes with it (the 回访 survey follows three days later: walkthroughs/survey.sh)
closed() { call shop1 GET "/api/returns/$NO" 200; [[ $(str status) == CLOSED ]]; }
poll 60 "the refund and close of $NO" closed
say "refund done at $(str doneAt "${BODY#*\"refund\"}") (promised by $(str promisedBy "${BODY#*\"refund\"}"))"
say "notices sent: $(strs type "${BODY#*\"notices\"}")"
say "case $NO closed"
