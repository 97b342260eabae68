#!/usr/bin/env bash
# Money controls (issue 20): a refund above ¥1,000 needs a second after-sales supervisor, the order's refund ceiling
# refuses a second claim on the same goods, and a change of where the money goes is one supervisor's request that
# another approves, told to the customer before anything is paid. shop1 registers the order and opens the case, an
# agent reviews it, cslead asks to pay to the customer's Alipay instead, cslead2 approves the change and the refund.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/money.sh
set -euo pipefail
WALK=money
. "$(dirname "$0")/lib.sh"

NO=R-$RUN_ID
ORDER=O-M-$RUN_ID

# 1. the shop's system registers the order: noise-cancelling headphones, ¥1,299, paid by bank card
order "$ORDER" "$(paid_order "buyer-m-$RUN_ID" REGULAR 王强 13700003333 zh-CN 北京 1299.00 BANK_CARD \
  '[{"sku":"EL-01","name":"降噪耳机","category":"ELECTRONICS","productType":"PHYSICAL","quantity":1,"unitPrice":1299.00}]')"
say "shop1 registered order $ORDER: paid $(num paidAmount) by $(str paymentMethod)"

# 2. a refund-only case for it: above what the policy approves at once, so an agent reviews it
call shop1 POST /api/returns 201 '{"returnNo":"'"$NO"'","orderNo":"'"$ORDER"'","type":"REFUND_ONLY",
  "reason":"NOT_AS_DESCRIBED","lines":[{"sku":"EL-01","quantity":1}],"deliveredAt":"'"$(days_from_now -2)"'"}'
AGENT=$(str assignee)
say "shop1 opened $NO: $(str status), ¥$(num amount) to $(str refundTo), reviewed by $AGENT"

# the same headphones once more, under another return number: the order's ceiling holds only one (409)
call shop1 POST /api/returns 409 '{"returnNo":"'"$NO"'-2","orderNo":"'"$ORDER"'","type":"REFUND_ONLY",
  "reason":"NOT_AS_DESCRIBED","lines":[{"sku":"EL-01","quantity":1}],"deliveredAt":"'"$(days_from_now -2)"'"}'
say "a second case for the same headphones: 409, $(str field) refused by the order's refund ceiling"

# 3. the agent approves: above ¥1,000 the refund waits for a second approval (二次审批)
REVIEW=$(task_id "$AGENT" "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_ReviewReturnRequest")
complete "$AGENT" "$REVIEW" '{"approved":{"value":true},"approvalNote":{"value":"耳机左声道无声，照片为证"}}'
call shop1 GET "/api/returns/$NO" 200
[[ $(str status) == AWAITING_SECOND_APPROVAL ]] || fail "expected AWAITING_SECOND_APPROVAL: $BODY"
say "$AGENT approved the review: $(str status)"

# 4. the customer asks to be paid to their Alipay account: cslead asks for the change (a request, 202); a destination
#    is ORIGINAL_PAYMENT, ALIPAY:<mobile or e-mail> or BANK:<card number with its check digit, or IBAN>
call cslead PUT "/api/returns/$NO/refund" 400 '{"refundTo":"BANK:6222-0000-1234","reason":"customer asked"}'
say "a card number whose check digit is wrong: 400 ($(str field))"
call cslead PUT "/api/returns/$NO/refund" 202 '{"refundTo":"ALIPAY:13700003333","reason":"客户来电要求退到支付宝"}'
say "cslead asked to pay to ALIPAY:13700003333: change $(str status "${BODY#*\"refundChange\"}")"

# cslead may neither approve their own request nor give the second approval now
call cslead POST "/api/returns/$NO/refund/decision" 403 '{"approve":true}'
APPROVAL=$(task_id cslead2 "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_ApproveRefund")
call cslead POST "/engine-rest/task/$APPROVAL/claim" 403 '{"userId":"cslead"}'
say "cslead may not approve the change they asked for, nor the refund (403, four-eyes)"

# 5. cslead2 approves the change: the customer is told on the order's contact before any money moves
call cslead2 POST "/api/returns/$NO/refund/decision" 200 '{"approve":true,"note":"已电话核实"}'
[[ $(str refundTo) == ALIPAY:13700003333 ]] || fail "the destination did not change: $BODY"
[[ $BODY == *'"type":"REFUND_DESTINATION_CHANGED"'* ]] || fail "the customer was not told: $BODY"
say "cslead2 approved the change; the customer read: $(str text "${BODY#*\"type\":\"REFUND_DESTINATION_CHANGED\"}")"

# 6. cslead2 gives the second approval (they neither opened, reviewed nor asked for a change)
call cslead2 POST "/engine-rest/task/$APPROVAL/claim" 204 '{"userId":"cslead2"}'
complete cslead2 "$APPROVAL" '{"secondApproved":{"value":true}}'
say "cslead2 gave the second approval"

# 7. the refund runs by itself, to where the approved change says
refunded() { call shop1 GET "/api/returns/$NO" 200; [[ $BODY == *'"event":"REFUNDED"'* ]]; }
poll 60 "the refund of $NO" refunded
say "timeline: $(strs event "${BODY#*\"timeline\"}")"
say "case $NO REFUNDED: second approval by cslead2, destination change asked by cslead and approved by cslead2"
