# End-to-end: every run records its outcome beside the repository, and
# 'mcwatch status' judges it as a monitoring plugin does: 0 OK, 1 WARNING,
# 2 CRITICAL, 3 UNKNOWN.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"

run "$MCWATCH" status --repo "$T/r"
expect "no repository: UNKNOWN" 3
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
run "$MCWATCH" status --repo "$T/r"
[ "$status" -eq 0 ] && grep -q "^MCWATCH OK" "$T/out" &&
    grep -q "last change: .*snapshot $(git -C "$T/r" rev-parse HEAD)" "$T/out" &&
    ok "after a good run: OK, with the last change" ||
    notok "after a good run: OK" "exit $status"
# The clock moved by the test build, not by sleeping.
FAULTY="$(dirname "$MCWATCH")/tests/mcwatch-oom"
c1=$(grep '"last_check"' "$T/r/.git/mcwatch-status.json")
MCWATCH_NOW=$(($(date +%s) + 60)) "$FAULTY" run -q --repo "$T/r" --url "$S" \
    > /dev/null 2>&1
c2=$(grep '"last_check"' "$T/r/.git/mcwatch-status.json")
[ "$c1" != "$c2" ] && grep -q '"last_result": "unchanged"' "$T/r/.git/mcwatch-status.json" &&
    [ -z "$(git -C "$T/r" status --porcelain)" ] &&
    ok "a 'no changes' run updates the last check (state outside the snapshot)" ||
    notok "a 'no changes' run updates the last check"
MCWATCH_NOW=$(($(date +%s) + 3 * 86400)) run "$FAULTY" status --repo "$T/r"
[ "$status" -eq 2 ] && grep -q "no successful check within" "$T/out" &&
    ok "three days without a check (the clock moved): CRITICAL" ||
    notok "an old last check" "exit $status" "$(head -2 "$T/out")"
echo "<p>Sign in</p>" > "$T/login.html"
"$MCWATCH" run -q --repo "$T/r" --url "$T/login.html" > /dev/null 2>&1
run "$MCWATCH" status --repo "$T/r" -f json
[ "$status" -eq 1 ] && grep -q '"status": "warning"' "$T/out" &&
    grep -q '"failure_result": "rejected"' "$T/out" &&
    ok "after a rejected page: WARNING, the reason kept" ||
    notok "after a rejected page: WARNING" "exit $status"
"$MCWATCH" run -q --repo "$T/r" --url "$T/missing.html" > /dev/null 2>&1
run "$MCWATCH" status --repo "$T/r"
[ "$status" -eq 1 ] && grep -q "fetch failed" "$T/out" &&
    ok "after a fetch failure: WARNING" || notok "after a fetch failure" "exit $status"
"$MCWATCH" run -q --repo "$T/r" --url "$T/missing.html" > /dev/null 2>&1
run "$MCWATCH" status --repo "$T/r"
[ "$status" -eq 2 ] && grep -q "3 failures in a row" "$T/out" &&
    ok "failing repeatedly: CRITICAL" || notok "failing repeatedly" "exit $status"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
run "$MCWATCH" status --repo "$T/r"
expect "recovered: OK again" 0
sed -i 's/"last_success": "[^"]*"/"last_success": "2020-01-01T00:00:00Z"/' \
    "$T/r/.git/mcwatch-status.json"
run "$MCWATCH" status --repo "$T/r" --max-age 24
[ "$status" -eq 2 ] && grep -q "no successful check within 24 hours" "$T/out" &&
    ok "a stale last check: CRITICAL" || notok "a stale last check" "exit $status"
run "$MCWATCH" status --repo "$T/r" --max-age soon
expect "status: a usage error is UNKNOWN" 3 "--max-age"
echo '{ not json' > "$T/r/.git/mcwatch-status.json"
run "$MCWATCH" status --repo "$T/r"
expect "a state that does not parse: CRITICAL, never OK" 2
# A FIFO put where the state goes is never waited on (a monitoring
# check must answer), and a run replaces it with the state.
rm -f "$T/r/.git/mcwatch-status.json" && mkfifo "$T/r/.git/mcwatch-status.json"
timeout 10 "$MCWATCH" status --repo "$T/r" > "$T/out" 2> "$T/err"
status=$?
[ "$status" -eq 3 ] && grep -q "not a regular file" "$T/out" &&
    ok "a FIFO for the state: UNKNOWN at once, never OK" ||
    notok "a FIFO for the state" "exit $status" "$(cat "$T/out")"
timeout 30 "$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
status=$?
[ "$status" -eq 0 ] && [ -f "$T/r/.git/mcwatch-status.json" ] &&
    [ ! -p "$T/r/.git/mcwatch-status.json" ] &&
    ok "a run replaces a FIFO for the state with the state" ||
    notok "a run over a FIFO for the state" "exit $status"

finish
