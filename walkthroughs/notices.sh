#!/usr/bin/env bash
# Customer notices and refund care (退款关怀): a small refund-only case, which the policy approves at once. The customer
# is promised a concrete time (REFUND_CARE), the refund runs by itself and the customer is told (REFUND_DONE);
# agent1 (after-sales) reads what the customer was sent and whether the promise was kept.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/notices.sh
set -euo pipefail
WALK=notices
. "$(dirname "$0")/lib.sh"

NO=R-$RUN_ID

# 1. shop1 registers the order, then opens a refund-only case of its 79 CNY mug for an English-speaking customer:
#    approved at once (up to 100 CNY, opened by the shop's system)
order "O-$RUN_ID" "$(paid_order "buyer-$RUN_ID" REGULAR "Alice Smith" 13900003333 en 上海 79.00 WECHAT_PAY \
  '[{"sku":"MUG-01","name":"Mug","category":"HOME","productType":"PHYSICAL","quantity":1,"unitPrice":79.00}]')"
call shop1 POST /api/returns 201 '{"returnNo":"'"$NO"'","orderNo":"O-'"$RUN_ID"'","type":"REFUND_ONLY",
  "reason":"DAMAGED","lines":[{"sku":"MUG-01","quantity":1}],"deliveredAt":"'"$(days_from_now -1)"'"}'
say "shop1 opened $NO: policy $(str policyOutcome), refund promised by $(str promisedBy "${BODY#*\"refund\"}")"

# 2. the refund care notice was recorded with the step that made the promise (in-app; SMS and e-mail when enabled)
call agent1 GET "/api/notices/$NO" 200
[[ $(str type) == REFUND_CARE ]] || fail "expected REFUND_CARE first: $BODY"
say "REFUND_CARE to the customer: $(str text)"

# 3. the refund is asynchronous (the job executor, with retries): when it is done the promise is kept or not
refund_done() { call agent1 GET "/api/refund-care/$NO" 200; [[ $BODY == *'"doneAt"'* ]]; }
poll 60 "the refund of $NO" refund_done
[[ $(num onTime) == true ]] || fail "refund not on time: $BODY"
say "refund care: promised by $(str promisedBy), done at $(str doneAt), on time"

# 4. the customer was told, once per notice
call agent1 GET "/api/notices/$NO" 200
[[ $BODY == *'"type":"REFUND_DONE"'* ]] || fail "no REFUND_DONE notice: $BODY"
say "REFUND_DONE to the customer: $(str text "${BODY#*\"type\":\"REFUND_DONE\"}")"
say "case $NO: notices $(strs type) delivered ($(strs status))"
