#!/usr/bin/env bash
# Review analysis (评价分析): the shop's system sends a batch of reviews (shop1); a hidden negative (a good review with a
# complaint after 但是) is found and filed under its category, a serious one goes to the after-sales leads at once;
# the warehouse's lead opens a review cycle after the sale (whlead), gets the logistics problems as a task, records
# an action with an owner and a due date; the meeting page's JSON shows the figures.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/reviews.sh
set -euo pipefail
WALK=reviews
. "$(dirname "$0")/lib.sh"

O=O-$RUN_ID
AT=$(days_from_now 0)
review() {  # review SKU STARS TEXT
  printf '{"orderNo":"%s","sku":"%s","stars":%s,"text":"%s","reviewedAt":"%s"}' "$O" "$1" "$2" "$3" "$AT"
}

# 1. shop1 sends a batch: a hidden negative, a plain negative, a serious one and a good one
call shop1 POST /api/reviews 200 "{\"reviews\":[
  $(review TS-01 5 '衣服质量很好，但是物流太慢了，等了一个星期才到。'),
  $(review TS-02 2 '洗了一次就起球了，质量太差。'),
  $(review TS-03 1 '用了两天脸就过敏了，要去12315投诉。'),
  $(review TS-04 5 '好评，面料舒服，物流很快。')]}"
say "shop1 sent 4 reviews: $(num created) new, $(num seriousOpened) serious handed to after-sales"
[[ $(num hiddenNegative "${BODY#*\"sku\":\"TS-01\"}") == true ]] || fail "TS-01 should be a hidden negative: $BODY"
say "TS-01 (5 stars) is a hidden negative: $(str label "${BODY#*\"sku\":\"TS-01\"}") in \"$(str clause "${BODY#*\"sku\":\"TS-01\"}")\""

# the same batch again is the same reviews
call shop1 POST /api/reviews 200 "{\"reviews\":[$(review TS-04 5 '好评，面料舒服，物流很快。')]}"
[[ $(str outcome) == UNCHANGED ]] || fail "the same review sent again should be UNCHANGED: $BODY"

# 2. the serious review is a task for the after-sales leads (cslead) at once: 处理严重差评
has_task cslead "processDefinitionKey=serious-review&processInstanceBusinessKey=$O/TS-03" \
  || fail "cslead has no serious-review task for $O/TS-03"
say "cslead has 处理严重差评 · Handle serious review for $O/TS-03"

# 3. after the sale, whlead (the warehouse's lead) opens a review cycle; it gathers in the background
call whlead POST /api/review-cycles 201 '{"label":"大促后 '"$RUN_ID"'"}'
CYCLE=$(str id)
gathered() { call whlead GET "/api/review-cycles/$CYCLE" 200; [[ $(str status) != GATHERING ]]; }
poll 60 "cycle $CYCLE to gather" gathered
say "cycle $CYCLE: $(str status), $(num reviews) reviews, $(num negativeReviews) negative, $(num hiddenNegatives) hidden"

# 4. the logistics problems are whlead's task (processes/review-routing.dmn: LOGISTICS → warehouse)
poll 30 "whlead's meeting task" has_task whlead "processInstanceBusinessKey=$CYCLE&candidateUser=whlead"
call whlead GET "/engine-rest/task/$TASK" 200
say "whlead's task: $(str name)"
call whlead GET "/engine-rest/task/$TASK/form-variables?variableNames=topicSummary" 200
SUMMARY=$(str value)
SUMMARY=${SUMMARY#*\\n}
say "its form shows: ${SUMMARY%%\\n*}"

# 5. whlead claims it and records an action: an owner and a due date
call whlead POST "/engine-rest/task/$TASK/claim" 204 '{"userId":"whlead"}'
call whlead POST "/engine-rest/task/$TASK/submit-form" 204 '{"variables":{
  "actionText1":{"value":"与快递公司约定大促期间次日达，超时赔付"},"actionOwner1":{"value":"warehouse1"},
  "actionDue1":{"value":"'"$(days_from_now 7 | cut -c1-10)"'"}}}'
say "whlead recorded an action for warehouse1"

# 6. the meeting page's JSON (the page in Cockpit reads the same): LOGISTICS with its hidden negatives, the action
call whlead GET "/api/reviews/meeting?cycle=$CYCLE" 200
LOGISTICS=${BODY#*\"code\":\"LOGISTICS\"}
say "meeting: LOGISTICS $(num reviews "$LOGISTICS") reviews, $(num hidden "$LOGISTICS") hidden; decided: $(str text "${BODY#*\"decided\"}")"
say "cycle $CYCLE: LOGISTICS to whlead, action recorded"
