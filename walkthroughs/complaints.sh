#!/usr/bin/env bash
# Complaints (投诉处理): the shop's system registers the order and opens a complaint for the customer (shop1); the
# customer gets a promise at once (the agent's name, a first answer and a resolution by concrete times); agent1 asks
# the customer for a photo (the clock pauses), the shop's system records the answer (the clock runs again), agent1
# resolves with an apology; the customer's confirmation, recorded by the shop's system, closes the complaint.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/complaints.sh
set -euo pipefail
WALK=complaints
. "$(dirname "$0")/lib.sh"

ORDER=O-C$RUN_ID
NO=C-$RUN_ID

# 1. the shop's system registers the order, then opens the complaint on it, handled by agent1
order "$ORDER" "$(paid_order "buyer-c$RUN_ID" VIP 李娜 13900002222 zh-CN 江苏 199.00 ALIPAY \
  '[{"sku":"CUP-01","name":"保温杯","category":"HOME","productType":"PHYSICAL","quantity":1,"unitPrice":199.00}]')"
OPEN='{"complaintNo":"'"$NO"'","orderNo":"'"$ORDER"'","channel":"IM","category":"PRODUCT","severity":"HIGH",
  "demand":"杯子漏水，烫到手了，要求退货并赔偿","agent":"agent1"}'
call shop1 POST /api/complaints 201 "$OPEN"
say "complaint $NO opened: $(str status), handled by $(str handler), promise: resolution by $(str resolutionBy)"
[[ $BODY == *COMPLAINT_PROMISE* ]] || fail "the customer got no promise: $BODY"
call shop1 POST /api/complaints 200 "$OPEN"   # the same request again is the same complaint
say "the same request again: the same complaint (200)"

# 2. agent1 asks the customer for a photo: the clock pauses
TASK=$(task_id agent1 "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_HandleComplaint")
complete agent1 "$TASK" '{"action":{"value":"ASK_CUSTOMER"},"note":{"value":"我明白您的意思。请发一张漏水处的照片。"}}'
call agent1 GET "/api/complaints/$NO" 200
[[ $(str status) == WAITING_FOR_CUSTOMER ]] || fail "expected WAITING_FOR_CUSTOMER: $BODY"
say "agent1 asked for a photo: $(str status), clock paused: $(num paused)"

# 3. the customer sends it; the shop's system records the answer: the clock runs again with the time that was left
call shop1 POST "/api/complaints/$NO/customer-answer" 200 '{"text":"照片已发，杯盖密封圈是坏的"}'
say "the customer answered: $(str status), clock paused: $(num paused)"

# 4. agent1 resolves it with an apology
TASK=$(task_id agent1 "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_HandleComplaint")
complete agent1 "$TASK" '{"action":{"value":"RESOLVE"},"resolutionKind":{"value":"APOLOGY"},
  "note":{"value":"造成这种情况，我们非常抱歉。已安排补发新的密封圈。"}}'
call agent1 GET "/api/complaints/$NO" 200
say "agent1 resolved it: $(str status)"

# 5. the customer agrees; the shop's system records their reply: the complaint closes
call shop1 POST "/api/complaints/$NO/customer-confirmation" 200 '{"text":"收到了，谢谢"}'
[[ $(str status) == CLOSED ]] || fail "expected CLOSED: $BODY"
KEPT=$(num kept)
say "complaint $NO CLOSED: promise kept $KEPT, confirmed by the customer"
