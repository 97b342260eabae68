#!/usr/bin/env bash
# 回访 (issue 24 point 7): a return case that agent1 (after-sales) worked closes, and the customer gets one
# satisfaction survey with a signed, single-use link. The survey is due three days after the close
# (peakcare.survey.return-delay); here the operator (demo, camunda-admin) runs that timer's job now, as Cockpit allows.
# The link is read from the case's notices; the page opens without a login and records nothing; the answer is
# recorded once, and a second answer on the same link is refused.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/survey.sh
set -euo pipefail
WALK=survey
. "$(dirname "$0")/lib.sh"

NO=R-$RUN_ID

# 1. shop1 registers the order and opens a refund-only case of 260 CNY: above what the policy approves at once, so
#    agent1 reviews it (a case nobody worked gets no survey)
order "O-$RUN_ID" "$(paid_order "buyer-$RUN_ID" REGULAR 张伟 13800002222 zh-CN 浙江 260.00 ALIPAY \
  '[{"sku":"LAMP-01","name":"台灯","category":"HOME","productType":"PHYSICAL","quantity":1,"unitPrice":260.00}]')"
call shop1 POST /api/returns 201 '{"returnNo":"'"$NO"'","orderNo":"O-'"$RUN_ID"'","type":"REFUND_ONLY",
  "reason":"NOT_AS_DESCRIBED","lines":[{"sku":"LAMP-01","quantity":1}],"deliveredAt":"'"$(days_from_now -3)"'",
  "assignee":"agent1"}'
[[ $(str status) == UNDER_REVIEW ]] || fail "expected UNDER_REVIEW: $BODY"
say "shop1 opened $NO: $(str status), assigned to $(str assignee)"

# 2. agent1 approves; the refund runs by itself and the case closes (the return model asks no rating itself)
REVIEW=$(task_id agent1 "processInstanceBusinessKey=$NO&taskDefinitionKey=Task_ReviewReturnRequest")
complete agent1 "$REVIEW" '{"approved":{"value":true},"approvalNote":{"value":"商品与描述不符，同意退款"}}'
closed() { call shop1 GET "/api/returns/$NO" 200; [[ $(str status) == CLOSED ]]; }
poll 60 "the close of $NO" closed
say "agent1 approved; refunded and closed: $(str status)"
call shop1 POST "/api/returns/$NO/survey" 409 '{"rating":5}'
say "the integrator's rating call of older cases is refused for it (409): its 回访 is the signed link"

# 3. its 回访 waits three days; the operator runs the waiting timer's job now
call demo GET "/engine-rest/process-instance?processDefinitionKey=return-survey&businessKey=$NO&maxResults=10" 200
SURVEY_PI=$(str id)
call demo GET "/engine-rest/job?processInstanceId=$SURVEY_PI&maxResults=10" 200
call demo POST "/engine-rest/job/$(str id)/execute" 204
say "the operator ran the survey's timer (return-survey $SURVEY_PI)"

# 4. the customer's notice carries the signed link: agent1 reads it as sent
call agent1 GET "/api/notices/$NO" 200
[[ $BODY == *'"type":"CASE_SURVEY"'* ]] || fail "no CASE_SURVEY notice: $BODY"
TEXT=$(str text "${BODY#*\"type\":\"CASE_SURVEY\"}")
[[ $TEXT =~ /survey/([A-Za-z0-9_.-]+) ]] || fail "no survey link in: $TEXT"
LINK="/survey/${BASH_REMATCH[1]}"
say "CASE_SURVEY to the customer: $TEXT"

# 5. the page opens without a login and records nothing (mail scanners open links)
PAGE=$(curl -sS -w '\n%{http_code}' "$BASE_URL$LINK") || fail "GET $LINK: no answer"
[[ ${PAGE##*$'\n'} == 200 ]] || fail "GET $LINK: HTTP ${PAGE##*$'\n'}: ${PAGE%$'\n'*}"
[[ $PAGE == *"$NO"* ]] || fail "the page does not name the case: $PAGE"
say "GET $LINK: 200, the question about $NO, nothing recorded"

# 6. the customer confirms: a 5, solved; the same link again is refused
answer() {
  curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' \
    --data 'score=5&solved=yes&comment=%E5%BE%88%E5%BF%AB' "$BASE_URL$LINK" || fail "POST $LINK: no answer"
}
FIRST=$(answer)
[[ $FIRST == 200 ]] || fail "the answer: HTTP $FIRST"
SECOND=$(answer)
[[ $SECOND == 409 ]] || fail "a second answer on the same link: HTTP $SECOND, expected 409"
say "case $NO surveyed once: score 5 recorded, a second answer on the same link refused (409)"
