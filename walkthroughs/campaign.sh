#!/usr/bin/env bash
# A campaign check (活动检核) driven to LIVE, then its briefing (宣贯答疑): every after-sales agent passes a quiz on the
# campaign's rules and the supervisor sees who is ready. Each step as the demo user whose job it is:
# setter1 (ops) sets it up, peer1 (ops) and ux1 (ux) check it, everyone else in all-staff signs the all-hands check;
# at launch approval setter1 publishes the briefing notes, agent1, agent2, cslead and cslead2 (after-sales) take the quiz,
# cslead (supervisors) reads the readiness.
# Usage: BASE_URL=http://localhost:8080 bash walkthroughs/campaign.sh
set -euo pipefail
WALK=campaign
. "$(dirname "$0")/lib.sh"

CODE=D11-$RUN_ID
GO_LIVE=$(days_from_now 3)
BK="processInstanceBusinessKey=$CODE"
CLEAN='{"errorCount":{"value":0}}'    # a check that found no error

# 1. setter1 starts the check: a gift worth more than its threshold (spend 118, get a 148 cup) is a pre-check finding
call setter1 POST /api/campaigns 201 '{"code":"'"$CODE"'","name":"双11 主会场","goLiveAt":"'"$GO_LIVE"'",
  "items":[{"id":"cup","type":"gift","text":"单笔实付满118元送148元保温杯","threshold":118,"giftValue":148},
           {"id":"b1","type":"banner","text":"主会场入口图 到手价99","bannerPrice":99,"itemPrice":99,"sku":"TEA-02"}]}'
say "setter1 started $CODE: stage $(str stage), pre-check finding $(strs code "${BODY#*\"findings\"}")"

# 2. setter1 fixes the item in 设置 / 修正活动 (a new version, a new hash) and re-checks the own set-up
ITEMS='[{\"id\":\"cup\",\"type\":\"gift\",\"text\":\"单笔实付满198元送148元保温杯\",\"threshold\":198,\"giftValue\":148},{\"id\":\"b1\",\"type\":\"banner\",\"text\":\"主会场入口图 到手价99\",\"bannerPrice\":99,\"itemPrice\":99,\"sku\":\"TEA-02\"}]'
complete setter1 "$(task_id setter1 "$BK&taskDefinitionKey=Task_SetUpCampaign")" '{"itemsJson":{"value":"'"$ITEMS"'"}}'
complete setter1 "$(task_id setter1 "$BK&taskDefinitionKey=Task_RecheckOwnSetup")" "$CLEAN"
call setter1 GET "/api/campaigns/$CODE" 200
[[ $BODY != *'"open":true'* ]] || fail "a pre-check finding is still open: $BODY"
say "setter1 fixed the gift (version $(num currentVersion), no open finding) and re-checked it: stage $(str stage)"

# 3. the peer check: never the setter (four-eyes), peer1 of the same department claims and signs it
PEER=$(task_id peer1 "$BK&taskDefinitionKey=Task_PeerCheck")
call setter1 POST "/engine-rest/task/$PEER/complete" 403 "{\"variables\":$CLEAN}"
call peer1 POST "/engine-rest/task/$PEER/claim" 204 '{"userId":"peer1"}'
complete peer1 "$PEER" "$CLEAN"
say "setter1 may not sign the peer check (403); peer1 claimed and signed it"

# 4. the UX check: ux1 claims and signs it
UX=$(task_id ux1 "$BK&taskDefinitionKey=Task_UxCheck")
call ux1 POST "/engine-rest/task/$UX/claim" 204 '{"userId":"ux1"}'
complete ux1 "$UX" "$CLEAN"
call setter1 GET "/api/campaigns/$CODE" 200
say "ux1 signed the UX check: stage $(str stage)"

# 5. the all-hands check: one task per member of all-staff but this version's setter and checkers
RE='"id":"([^"]+)","taskDefinitionKey":"Task_AllHandsCheck","name":"[^"]*","assignee":"([^"]+)"'
REST=$BODY
SIGNED=""
while [[ $REST =~ $RE ]]; do
  REST=${REST#*"${BASH_REMATCH[0]}"}
  complete "${BASH_REMATCH[2]}" "${BASH_REMATCH[1]}" "$CLEAN"
  SIGNED+="${SIGNED:+ }${BASH_REMATCH[2]}"
done
[[ -n $SIGNED ]] || fail "no all-hands task in: $BODY"
call setter1 GET "/api/campaigns/$CODE" 200
[[ $(str stage) == LIVE ]] || fail "expected LIVE: $BODY"
say "all hands signed ($SIGNED): launch approved, stage $(str stage)"

# the auditor re-checks every signature of the sign-off chain
call auditor1 GET "/api/audit/campaigns/$CODE/verify" 200
[[ $(num valid) == true ]] || fail "sign-off chain not valid: $BODY"
say "auditor1: $(num checked) sign-offs, chain valid"

# 6. the briefing starts at launch approval (its first step is asynchronous): setter1 gets 发布宣贯说明
poll 60 "the briefing notes task of $CODE" has_task setter1 "$BK&taskDefinitionKey=Task_PublishBriefingNotes"
call setter1 POST "/engine-rest/task/$TASK/submit-form" 204 '{"variables":{
  "briefingNotes":{"value":"赠品按单笔实付满198元计算，不能合单；入口图价就是到手价99元。"}}}'
say "setter1 published the briefing notes"

# 7. every after-sales agent has a quiz (宣贯测验); each reads the questions and options in the form and picks the
#    rule the notes explain. PeakCare scores it on the server.
RIGHT=("一笔订单实付满198元" "99元 · 99")   # what the notes teach: the gift needs one order paying 198; the price is 99
VALUE='\\"value\\":\\"([A-D])\\"'       # "value":"B" inside the form variable's JSON text
take_quiz() {
  local agent=$1 slot answers="" letters="" opts shown option re letter right
  poll 60 "the quiz of $agent" has_task "$agent" "$BK&taskDefinitionKey=Task_TakeQuiz&assignee=$agent"
  call "$agent" GET "/engine-rest/task/$TASK/form-variables" 200
  for slot in 1 2 3 4 5 6 7 8 9 10; do
    re="\"quizOptions$slot\":\\{[^{]*\"value\":\"(\\[[^]]*\\])\""
    [[ $BODY =~ $re ]] || continue
    opts=${BASH_REMATCH[1]}
    shown=$opts
    letter=""
    # each option is {"value":"A","label":"…"} (the keys in either order): pick the one whose label is a rule taught
    while [[ $opts =~ \{([^}]*)\} ]]; do
      option=${BASH_REMATCH[1]}
      opts=${opts#*"${BASH_REMATCH[0]}"}
      for right in "${RIGHT[@]}"; do
        if [[ $option == *"label\\\":\\\"$right"* && $option =~ $VALUE ]]; then
          letter=${BASH_REMATCH[1]}
        fi
      done
    done
    [[ -n $letter ]] || fail "$agent's question $slot has no option the notes explain: $shown"
    answers+="${answers:+,}\"quizAnswer$slot\":{\"value\":\"$letter\"}"
    letters+="${letters:+ }$slot:$letter"
  done
  [[ -n $answers ]] || fail "$agent's quiz shows no question: $BODY"
  call "$agent" POST "/engine-rest/task/$TASK/submit-form" 204 "{\"variables\":{$answers}}"
  say "$agent answered the quiz ($letters)"
}
take_quiz agent1
take_quiz agent2

# 8. readiness is for supervisors (and the campaign's ops, auditors), not for the agents
call agent1 GET "/api/campaigns/$CODE/briefing" 403
call cslead GET "/api/campaigns/$CODE/briefing" 200
say "cslead sees: briefing $(str status), ready: $(list passed), not yet: $(list notYet) (agent1 may not look: 403)"

# 9. the last agent passes; the round is over when every agent is ready
take_quiz cslead
take_quiz cslead2
ready() { call cslead GET "/api/campaigns/$CODE/briefing" 200; [[ $(num allReady) == true ]]; }
poll 30 "every agent of $CODE ready" ready
[[ -z $(list notYet) ]] || fail "agents not ready: $BODY"
say "$CODE LIVE, briefing $(str status): every agent ready ($(list passed))"
