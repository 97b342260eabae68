# Helpers shared by the walk-throughs (bash and curl only). Sourced, never run: see README.md.
#   BASE_URL  where PeakCare runs (default http://localhost:8080)
#   PASSWORD  the demo users' password (default demo)

BASE_URL=${BASE_URL:-http://localhost:8080}
BASE_URL=${BASE_URL%/}
PASSWORD=${PASSWORD:-demo}
J='Content-Type: application/json'

# a suffix no earlier run used: the scripts can run again and again on the same database
RUN_ID=$(date +%s)$((RANDOM % 1000))

say() { printf '%s: %s\n' "$WALK" "$*"; }
fail() { printf '%s: FAILED: %s\n' "$WALK" "$*" >&2; exit 1; }

# an ISO-8601 UTC time N days from now (negative: ago); GNU date, else BSD date (macOS)
days_from_now() {
  local n=$1
  if ((n < 0)); then
    date -u -d "$((-n)) days ago" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v-"$((-n))"d +%Y-%m-%dT%H:%M:%SZ
  else
    date -u -d "$n days" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u -v+"$n"d +%Y-%m-%dT%H:%M:%SZ
  fi
}

# call USER METHOD PATH EXPECTED_STATUS [JSON_BODY]: one HTTP request as USER (HTTP Basic); the answer's body lands in
# $BODY and its status in $STATUS; any other status than the expected one stops the walk-through, showing the body
call() {
  local user=$1 method=$2 path=$3 expected=$4 data=${5-} out
  local args=(-sS -u "$user:$PASSWORD" -X "$method" -w '\n%{http_code}')
  if [[ -n $data ]]; then
    args+=(-H "$J" --data-binary "$data")
  fi
  out=$(curl "${args[@]}" "$BASE_URL$path") || fail "$method $path as $user: no answer from $BASE_URL"
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
  [[ $STATUS == "$expected" ]] || fail "$method $path as $user: HTTP $STATUS, expected $expected: $BODY"
}

# str NAME [TEXT]: the first "NAME":"value" in TEXT (default $BODY); fails if there is none
str() {
  local re='"'"$1"'":"(([^"\\]|\\.)*)"' v
  [[ ${2-$BODY} =~ $re ]] || fail "no \"$1\" in: ${2-$BODY}"
  v=${BASH_REMATCH[1]}
  printf '%s' "${v//\\\"/\"}"
}

# strs NAME [TEXT]: every "NAME":"value" in TEXT (default $BODY), joined by commas (empty when none)
strs() {
  local re="\"$1\":\"([^\"]*)\"" rest=${2-$BODY} out=""
  while [[ $rest =~ $re ]]; do
    out+=${out:+,}${BASH_REMATCH[1]}
    rest=${rest#*"${BASH_REMATCH[0]}"}
  done
  printf '%s' "$out"
}

# list NAME [TEXT]: the first "NAME":["a","b"] in TEXT (default $BODY) as a,b
list() {
  local re="\"$1\":\\[([^]]*)\\]" v
  [[ ${2-$BODY} =~ $re ]] || fail "no list \"$1\" in: ${2-$BODY}"
  v=${BASH_REMATCH[1]}
  printf '%s' "${v//\"/}"
}

# num NAME [TEXT]: the first "NAME":number (or true/false) in TEXT (default $BODY)
num() {
  local re="\"$1\":([-0-9.]+|true|false)"
  [[ ${2-$BODY} =~ $re ]] || fail "no \"$1\" in: ${2-$BODY}"
  printf '%s' "${BASH_REMATCH[1]}"
}

# poll SECONDS WHAT COMMAND...: runs COMMAND once a second until it succeeds (asynchronous steps: the job executor)
poll() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds; i++)); do
    if "$@"; then
      return 0
    fi
    sleep 1
  done
  fail "gave up after ${seconds}s waiting for $what; last answer: $BODY"
}

# task_id USER QUERY: the id of the first task USER sees for an /engine-rest/task query string; fails if none
# (the engine's lists answer at most 1,000 a request and want maxResults: one page of 10 is plenty here)
task_id() {
  call "$1" GET "/engine-rest/task?$2&maxResults=10" 200
  str id
}

# has_task USER QUERY: true once USER sees a task for the query (sets TASK)
has_task() {
  call "$1" GET "/engine-rest/task?$2&maxResults=10" 200
  local re='"id":"([^"]+)"'
  [[ $BODY =~ $re ]] && TASK=${BASH_REMATCH[1]}
}

# complete USER TASK_ID VARIABLES_JSON: completes the task as USER (Camunda's REST API; 204)
complete() {
  call "$1" POST "/engine-rest/task/$2/complete" 204 "{\"variables\":$3}"
}

# order ORDER_NO JSON: the shop's system registers an order (issue 20: a case names a registered order); 201
order() {
  call shop1 PUT "/api/orders/$1" 201 "$2"
}

# paid_order BUYER TIER NAME PHONE LOCALE PROVINCE PAID METHOD LINES_JSON: an order's snapshot, paid a few days ago
paid_order() {
  printf '%s' '{"buyerId":"'"$1"'","memberTier":"'"$2"'","status":"PAID","orderedAt":"'"$(days_from_now -5)"'",
    "paidAt":"'"$(days_from_now -5)"'","paidAmount":'"$7"',"paymentMethod":"'"$8"'",
    "contact":{"name":"'"$3"'","phone":"'"$4"'","locale":"'"$5"'"},"province":"'"$6"'","lines":'"$9"'}'
}
