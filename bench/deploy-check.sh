#!/usr/bin/env bash
# bench/run deploy-check: follows docs/deploying.md as written and checks what it promises.
#
# The ```bash blocks of docs/deploying.md are read out of the file and run as they stand, so the doc cannot drift
# from what is checked. Each block carries a label (<!-- deploy-check: NAME --> on the line before it); a block
# without one, or a label this script does not know, fails the check. The labels:
#   values    not run: the reader's own values. The check gives the same variables values of its own (below) and
#             fails when the doc's block names other variables.
#   database  creates the role and the database; "psql" is a superuser's session (here: the postgres OS user
#             through runuser or sudo, or DEPLOYCHECK_PSQL, e.g. "psql -h 127.0.0.1 -U postgres").
#   domain    start-domain, heap, connection settings, restart-domain.
#   deploy    deploy, wait for /health/ready, one admin API call.
#   redeploy  restart-domain and deploy again after a failed deploy.
#   bind      binds the listeners to BIND_ADDRESS (127.0.0.1 here) and restarts; run last, then every port it
#             names must listen on 127.0.0.1 only; other sockets of the process are listed (other_listeners).
#
# Where the check deviates from a reader following the doc, and why:
#   - Payara: a fresh copy of the zip the build uses (fish.payara.distributions:payara:${payara.version}, from the
#     local Maven repository) unzipped into a temp dir. Its domain1 is deleted and made again with
#     "asadmin create-domain --portbase" (DEPLOYCHECK_PORT_BASE, default 29000, apart from the test server's 28000: HTTP base+80, admin base+48), so
#     it does not clash with an Attune on 8080/4848 or the benchmarks' 18000; it is still the only domain, so the
#     doc's bare "asadmin start-domain"/"restart-domain" pick it. AS_ADMIN_HOST/AS_ADMIN_PORT point the doc's
#     remote asadmin commands at it.
#   - Before its first start the domain is bound to 127.0.0.1 (listeners, IIOP, JMX, Hazelcast) and its embedded
#     JMS disabled, as ./attune does: the doc's last step ("bind the listeners as your network requires").
#   - PostgreSQL: the local one (DEPLOYCHECK_DB_PORT, default 5432), started with pg_ctlcluster if it is down
#     and left running. The role and database attune_deploycheck are dropped first if present, and at the end.
#   - ATTUNE_* variables of the caller's environment are unset, so the domain reads only what the doc sets.
#   - Every block runs under bash -euo pipefail with a timeout: a human would notice a failed command or a wait
#     that never ends; the check stops there.
# After the doc's blocks the check creates a site, sends one event with its secret key, finds it in
# feedback.event and checks /demo/ answers 404. Then it undeploys and gives the domain two bad attune.db.url values
# (backslashes before the colons; a port nothing listens on): the redeploy block must fail each time, with a
# server log line naming attune.db.url and the problem. With the URL fixed and attune.demo.enabled=true the
# redeploy block must succeed and /demo/ answer 200. Last, it stops the domain, drops the database and the temp dir
# (DEPLOYCHECK_KEEP=1 keeps the dir) and prints one line "deploy-check: key=value ...".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
began=$SECONDS

doc=docs/deploying.md
ear=app-ear/ear/target/attune.ear
port_base=${DEPLOYCHECK_PORT_BASE:-29000}
db_port=${DEPLOYCHECK_DB_PORT:-5432}
name=attune_deploycheck
bad_port=1
m2=${M2_REPO:-$HOME/.m2/repository}
payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -1)
zip=$m2/fish/payara/distributions/payara/$payara_version/payara-$payara_version.zip

while read -r v; do unset "$v"; done < <(compgen -e | grep -E '^(ATTUNE_|AS_ADMIN_)' || true)

# results, "-" until measured
ready=- admin_api=- admin_api_bad_password=- event_stored=- demo_status=- bad_url_refused=- bad_url_message_names_property=-
redeploy_after_fix=- demo_enabled_status=- bound_to_loopback=- other_listeners=- failed_at=
step=setup

say() { echo "deploy-check: $*" >&2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/attune-deploy-check.XXXXXX")
chmod 711 "$work" # the postgres user's psql starts in it (it cannot list it)
payara=$work/payara6
domain_dir=$payara/glassfish/domains/domain1

superuser_psql() {
  if [ -n "${DEPLOYCHECK_PSQL:-}" ]; then
    command $DEPLOYCHECK_PSQL "$@"
  elif [ "$(id -un)" = postgres ]; then
    command psql "$@"
  elif [ "$(id -u)" = 0 ] && command -v runuser >/dev/null; then
    runuser -u postgres -- psql "$@"
  else
    sudo -u postgres psql "$@"
  fi
}

drop_database() {
  superuser_psql -p "$db_port" -v ON_ERROR_STOP=1 -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" \
    -c "DROP ROLE IF EXISTS $name" >>"$work/steps.log" 2>&1
}

finish() {
  local rc=$?
  set +e
  if [ -n "$failed_at" ] || [ "$rc" != 0 ]; then
    failed_at=${failed_at:-$step}
    say "FAILED at $failed_at; the last lines of what ran, then the server log's SEVERE lines:"
    tail -n 40 "$work/steps.log" >&2 2>/dev/null
    grep -h -A3 'SEVERE' "$domain_dir"/logs/server.log* 2>/dev/null | cut -c1-400 | tail -n 30 >&2
  fi
  if [ -f "$domain_dir/config/pid" ] && kill -0 "$(cat "$domain_dir/config/pid")" 2>/dev/null; then
    AS_ADMIN_HOST=127.0.0.1 AS_ADMIN_PORT=$((port_base + 48)) "$payara/bin/asadmin" stop-domain >>"$work/steps.log" 2>&1 \
      || kill "$(cat "$domain_dir/config/pid")"
  fi
  [ -f "$work/created-db" ] && drop_database
  if [ "${DEPLOYCHECK_KEEP:-}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
  local result="ready=$ready admin_api=$admin_api admin_api_bad_password=$admin_api_bad_password event_stored=$event_stored"
  result+=" demo_status=$demo_status bad_url_refused=$bad_url_refused bad_url_message_names_property=$bad_url_message_names_property"
  result+=" redeploy_after_fix=$redeploy_after_fix demo_enabled_status=$demo_enabled_status bound_to_loopback=$bound_to_loopback"
  result+=" other_listeners=$other_listeners"
  [ -n "$failed_at" ] && result+=" failed_at=$failed_at"
  echo "deploy-check: $result seconds=$((SECONDS - began))"
  [ -z "$failed_at" ] || exit 1
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT TERM

fail() { failed_at=$step; say "$*"; exit 1; }

# --- the doc's blocks --------------------------------------------------------------------------------------------
mkdir -p "$work/blocks"
awk -v dir="$work/blocks" '
  match($0, /^[ \t]*<!-- deploy-check: [a-z-]+ -->[ \t]*$/) { label = $0; sub(/.*deploy-check: /, "", label); sub(/ -->.*/, "", label); next }
  !inblock && match($0, /^ *```bash[ \t]*$/) {
    if (label == "") { print "unlabelled bash block at line " NR > "/dev/stderr"; bad = 1 }
    indent = index($0, "`") - 1
    if (seen[label]++) { print "label " label " used twice" > "/dev/stderr"; bad = 1 }
    file = dir "/" label ".sh"; printf "" > file; inblock = 1; next
  }
  inblock && /^ *```[ \t]*$/ { inblock = 0; close(file); label = ""; next }
  inblock { line = $0; if (substr(line, 1, indent) ~ /^ *$/) line = substr(line, indent + 1); print line >> file; next }
  { if ($0 !~ /^[ \t]*$/) label = "" }
  END { exit bad }' "$doc" || fail "$doc: every \`\`\`bash block needs a <!-- deploy-check: NAME --> line before it"
blocks=$(cd "$work/blocks" && ls | sed 's/\.sh$//' | sort | tr '\n' ' ')
[ "$blocks" = "bind database deploy domain redeploy values " ] \
  || fail "$doc has the blocks [$blocks]; this check knows bind, database, deploy, domain, redeploy, values"
doc_vars=$(sed -n 's/^\([A-Z_][A-Z0-9_]*\)=.*/\1/p' "$work/blocks/values.sh" | sort | tr '\n' ' ')
[ "$doc_vars" = "ADMIN_PASSWORD ATTUNE_URL BIND_ADDRESS DB_HOST DB_NAME DB_PASSWORD DB_PORT DB_USER " ] \
  || fail "the values block of $doc sets [$doc_vars]; give this check a value for each"

# --- what the doc leaves to the reader -----------------------------------------------------------------------------
step=build
if [ ! -f "$ear" ] || [ ! -f "$zip" ] || [ "${BENCH_REBUILD:-}" = 1 ]; then
  say "building the EAR (and fetching Payara $payara_version)"
  ./mvnw -B -q -DskipTests package -pl app-ear/ear,app-ear/launcher -am >>"$work/steps.log" 2>&1
fi
cp "$ear" "$work/attune.ear"

step=postgresql
if ! pg_isready -q -h 127.0.0.1 -p "$db_port"; then
  cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$db_port" '$3 == p { print $1 " " $2; exit }')
  [ -n "$cluster" ] || fail "no PostgreSQL on 127.0.0.1:$db_port and no cluster of that port to start"
  say "starting PostgreSQL cluster $cluster (left running)"
  pg_ctlcluster $cluster start
fi
drop_database
touch "$work/created-db"

step=payara
ports=(48 80 81 76 37 38 39 86 66 9 49 59)
for offset in "${ports[@]}"; do
  if ss -ltnH "sport = :$((port_base + offset))" | grep -q .; then
    fail "port $((port_base + offset)) is in use; choose another DEPLOYCHECK_PORT_BASE"
  fi
done
say "fresh Payara $payara_version in $work, port base $port_base"
unzip -q "$zip" -d "$work"
{
  "$payara/bin/asadmin" delete-domain domain1
  "$payara/bin/asadmin" create-domain --nopassword=true --portbase "$port_base" domain1
} >>"$work/steps.log" 2>&1
perl -0pi -e '
  s/address="0\.0\.0\.0"/address="127.0.0.1"/g;
  s/<network-listener (?![^>]*address=)/<network-listener address="127.0.0.1" /g;
  s/<hazelcast-runtime-configuration (?![^>]*interface=)/<hazelcast-runtime-configuration interface="127.0.0.1" /;
  s/(<jms-service\b[^>]*?)type="EMBEDDED"/$1type="DISABLED"/g;
  s{(<jvm-options>-Xmx512m</jvm-options>)}{$1\n                <jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>};
' "$domain_dir/config/domain.xml"

attune_url=http://127.0.0.1:$((port_base + 80))
db_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
admin_password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
(umask 077; : >"$work/values.sh")
{
  printf 'export PATH=%q AS_ADMIN_HOST=127.0.0.1 AS_ADMIN_PORT=%q\n' "$payara/bin:$PATH" "$((port_base + 48))"
  printf 'cd %q\n' "$work"
  printf 'ATTUNE_URL=%q\nBIND_ADDRESS=127.0.0.1\nDB_HOST=127.0.0.1\nDB_PORT=%q\nDB_NAME=%q\nDB_USER=%q\nDB_PASSWORD=%q\nADMIN_PASSWORD=%q\n' \
    "$attune_url" "$db_port" "$name" "$name" "$db_password" "$admin_password"
  declare -f superuser_psql
  printf 'DEPLOYCHECK_PSQL=%q\n' "${DEPLOYCHECK_PSQL:-}"
  printf 'psql() { superuser_psql -p %q "$@"; }\n' "$db_port"
} >"$work/values.sh"

# Runs a block of the doc (or the check's own commands) with the values above; output goes to steps.log and $work/last.log.
run() { # NAME [COMMANDS...]: a block when no commands are given
  local label=$1; shift
  { cat "$work/values.sh"; if [ $# -eq 0 ]; then cat "$work/blocks/$label.sh"; else printf '%s\n' "$@"; fi; } >"$work/run.sh"
  say "$label"
  echo "### $label" >>"$work/steps.log"
  local rc=0
  timeout 900 bash -euo pipefail "$work/run.sh" >"$work/last.log" 2>&1 || rc=$?
  cat "$work/last.log" >>"$work/steps.log"
  return $rc
}
http() { curl -s -o "$work/body" -w '%{http_code}' "$@" || true; }
sql() { superuser_psql -p "$db_port" -d "$name" -Atc "$1"; }

# --- the recipe -----------------------------------------------------------------------------------------------
step=database; run database
step=domain; run domain
step=deploy; run deploy

step=checks
[ "$(http "$attune_url/health/ready")" = 200 ] && grep -q '"status":"UP"' "$work/body" && ready=UP || ready=DOWN
admin_api=$(http -u "admin:$admin_password" "$attune_url/api/v1/admin/sites")
admin_api_bad_password=$(http -u "admin:not-$admin_password" "$attune_url/api/v1/admin/sites")
site_status=$(http -u "admin:$admin_password" -H 'Content-Type: application/json' \
  -d '{"name":"Deploy check","allowedOrigins":["https://shop.example.com"],"consentMode":"implied"}' "$attune_url/api/v1/admin/sites")
[ "$site_status" = 201 ] || fail "creating a site answered $site_status: $(cat "$work/body")"
secret_key=$(jq -r .secretKey "$work/body")
event_id=$(cat /proc/sys/kernel/random/uuid)
event_status=$(http -H "Authorization: Bearer $secret_key" -H 'Content-Type: application/json' \
  -d "{\"id\":\"$event_id\",\"type\":\"rating\",\"subjectId\":\"deploy-check-visitor\",\"itemId\":\"item-1\",\"value\":5}" \
  "$attune_url/api/v1/events")
[ "$event_status" = 202 ] || fail "posting an event answered $event_status: $(cat "$work/body")"
event_stored=$(sql "SELECT count(*) FROM feedback.event WHERE event_id = '$event_id'")
demo_status=$(http "$attune_url/demo/")
say "ready=$ready admin_api=$admin_api admin_api_bad_password=$admin_api_bad_password event_stored=$event_stored demo_status=$demo_status"
[ "$ready" = UP ] && [ "$admin_api" = 200 ] && [ "$admin_api_bad_password" = 401 ] && [ "$event_stored" = 1 ] \
  && [ "$demo_status" = 404 ] || fail "the deployment does not do what the doc promises"

# --- bad URLs: the redeploy block must fail, naming the setting and the problem -----------------------------------
step=undeploy; run undeploy 'asadmin undeploy attune'
bad_url_refused=true bad_url_message_names_property=true
check_bad_url() { # URL EXPECTED-LOG-TEXT
  step="bad url $1"
  run set-bad-url "asadmin set-config-property --source=domain --propertyName=attune.db.url --propertyValue='$1'"
  if run redeploy; then
    bad_url_refused=false
    say "deploying with attune.db.url $1 succeeded"
  elif ! grep -q 'Command deploy failed' "$work/last.log"; then
    bad_url_refused=false
    say "the redeploy block failed before the deploy: $(tail -n 3 "$work/last.log")"
  fi
  local line
  line=$(grep -h -F "Attune cannot use its database: $2" "$domain_dir"/logs/server.log* | head -1 || true)
  if [ -n "$line" ]; then say "server log:${line}"; else bad_url_message_names_property=false; say "no server log line '$2'"; fi
}
check_bad_url "jdbc\\:postgresql\\://127.0.0.1\\:$db_port/$name" \
  "attune.db.url 'jdbc\\:postgresql\\://127.0.0.1\\:$db_port/$name' contains backslashes"
check_bad_url "jdbc:postgresql://127.0.0.1:$bad_port/$name" \
  "attune.db.url 'jdbc:postgresql://127.0.0.1:$bad_port/$name': connection refused by 127.0.0.1:$bad_port/$name"
[ "$bad_url_refused" = true ] && [ "$bad_url_message_names_property" = true ] || fail "a bad attune.db.url was not refused as the doc says"

# --- fixed, with the demo asked for: the redeploy block must succeed ----------------------------------------------
step="redeploy after fix"
run fix-url 'asadmin set-config-property --source=domain --propertyName=attune.db.url --propertyValue="jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME"' \
  'asadmin set-config-property --source=domain --propertyName=attune.demo.enabled --propertyValue=true'
run redeploy
run wait-ready 'until curl -fs "$ATTUNE_URL/health/ready"; do sleep 5; done'
redeploy_after_fix=ok
demo_enabled_status=$(http "$attune_url/demo/")
[ "$demo_enabled_status" = 200 ] || fail "/demo/ with attune.demo.enabled=true answered $demo_enabled_status"
[ "$(sql "SELECT count(*) FROM feedback.event WHERE event_id = '$event_id'")" = 1 ] || fail "the event is gone after the redeploy"

step=bind
# the check bound the domain to loopback itself before its first start (above); the doc's step adds this option
# as a reader's fresh domain needs it, so the check's own copy goes first
run drop-own-bind-option 'asadmin delete-jvm-options -Dhazelcast.socket.bind.any=false'
run bind
domain_pid=$(cat "$domain_dir/config/pid")
listening=$(ss -Hltnp | grep "pid=$domain_pid," | awk '{print $4}' | sort -u)
[ -n "$listening" ] || fail "found no listening sockets of the domain (pid $domain_pid)"
# the ports step 7 names (IIOP and its SSL ports, admin, data grid, HTTP and HTTPS, JMX) must be on loopback;
# anything else the process listens on is reported, not judged (see other_listeners in the summary)
named=" $((port_base + 37)) $((port_base + 38)) $((port_base + 39)) $((port_base + 48)) $((port_base + 49)) $((port_base + 80)) $((port_base + 81)) $((port_base + 86)) "
exposed=() others=()
for address in $listening; do
  port=${address##*:}
  if [[ "$named" == *" $port "* ]]; then
    [[ "$address" =~ ^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]): ]] || exposed+=("$address")
  elif ! [[ "$address" =~ ^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]): ]]; then
    others+=("$address")
  fi
done
[ ${#exposed[@]} -eq 0 ] || fail "after the bind block these listeners are still on other addresses: ${exposed[*]}"
other_listeners=$(IFS=,; echo "${others[*]:-none}")
bound_to_loopback=true
step=done
