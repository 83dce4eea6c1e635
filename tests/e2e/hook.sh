# End-to-end: hook.command, run after a change is recorded and reported,
# with what changed in its environment, bounded by hook.timeout, retried
# by the next run when it fails, its outcome in 'mcwatch status'.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
cat > "$T/hook.sh" <<'EOS'
#!/bin/sh
[ -e "$HOOK_FAIL" ] && { echo "reload failed"; exit 3; }
printf '%s|%s|%s|%s|%s|%s\n' "$MCWATCH_KIND" "$MCWATCH_FROM" "$MCWATCH_TO" \
    "$MCWATCH_REGIONS" "$MCWATCH_REPO" "$(pwd)" >> "$HOOK_OUT"
echo "reloaded"
EOS
chmod +x "$T/hook.sh"
export HOOK_OUT="$T/calls" HOOK_FAIL="$T/fail"
printf '[hook]\n\tcommand = %s\n\ttimeout = 5\n' "$T/hook.sh" > "$T/conf"

run "$MCWATCH" run -q --repo "$T/r" --url "$S" --config "$T/conf"
repo=$(cd "$T/r" && pwd -P)
to=$(git -C "$T/r" rev-parse HEAD)
[ "$status" -eq 0 ] && [ "$(cat "$T/calls")" = "baseline||$to|$(grep -o '"region_code":"[a-z0-9-]*"' "$T/r/mimecast.json" | cut -d'"' -f4 | uniq | tr '\n' ' ' | sed 's/ $//')|$repo|$repo" ] &&
    ok "the first snapshot: the hook runs once, kind baseline, in the repository" ||
    notok "hook on the baseline" "exit $status" "$(cat "$T/calls")"

run "$MCWATCH" run -q --repo "$T/r" --url "$N" --config "$T/conf"
from=$to
to=$(git -C "$T/r" rev-parse HEAD)
[ "$status" -eq 0 ] && [ "$(tail -1 "$T/calls")" = "change|$from|$to|jer us|$repo|$repo" ] &&
    [ "$(wc -l < "$T/calls")" = 2 ] &&
    ok "a change: the hook gets the snapshot ids and the changed region codes" ||
    notok "hook on a change" "exit $status" "$(tail -1 "$T/calls")"
run "$MCWATCH" run -q --repo "$T/r" --url "$N" --config "$T/conf"
[ "$status" -eq 0 ] && [ "$(wc -l < "$T/calls")" = 2 ] &&
    ok "no change: the hook does not run" || notok "hook without a change"
run "$MCWATCH" status --repo "$T/r"
grep -q "^last hook:     hook: exit status 0: reloaded$" "$T/out" &&
    ok "status: what the hook last did" || notok "status shows the hook" "$(cat "$T/out")"

# A failing hook: reported like a failed delivery, run again next time.
touch "$T/fail"
sed 's/<td>25<\/td>/<td>2525<\/td>/' "$N" > "$T/p2.html"
run "$MCWATCH" run -q --repo "$T/r" --url "$T/p2.html" --config "$T/conf"
st1=$status
grep -q "hook: exit status 3: reload failed" "$T/err"; said=$?
run "$MCWATCH" status --repo "$T/r"
st2=$status
rm "$T/fail"
run "$MCWATCH" run -q --repo "$T/r" --url "$T/p2.html" --config "$T/conf"
[ "$st1" -eq 8 ] && [ "$said" -eq 0 ] && [ "$st2" -eq 1 ] && [ "$status" -eq 0 ] &&
    [ "$(wc -l < "$T/calls")" = 3 ] && tail -1 "$T/calls" | grep -q "^change|$to|" &&
    ok "a failing hook: exit 8, WARNING in status, run again by the next run" ||
    notok "a failing hook" "exits $st1, $st2, $status"

# A hook that hangs is killed at hook.timeout, with what it started.
# Its processes are named by pid: a pattern would also match other
# programs on the machine ("sleep 300").
printf '#!/bin/sh\nsleep 30 &\necho $! >> "%s"\necho $$ >> "%s"\nsleep 30\n' \
    "$T/pids" "$T/pids" > "$T/slow.sh"
chmod +x "$T/slow.sh"
printf '[hook]\n\tcommand = %s\n\ttimeout = 1\n' "$T/slow.sh" > "$T/slow.conf"
sed 's/<td>2525<\/td>/<td>2526<\/td>/' "$T/p2.html" > "$T/p3.html"
run "$MCWATCH" run -q --repo "$T/r" --url "$T/p3.html" --config "$T/slow.conf"
sleep 0.2
# Killed is dead or a zombie not yet reaped by init; allow it a second.
for i in 1 2 3 4 5 6 7 8 9 10; do
	alive=0
	for p in $(cat "$T/pids" 2> /dev/null); do
		[ -r "/proc/$p/stat" ] &&
		    [ "$(cut -d' ' -f3 "/proc/$p/stat" 2> /dev/null)" != Z ] &&
		    alive=$((alive + 1))
	done
	[ "$alive" -eq 0 ] && break
	sleep 0.1
done
[ "$status" -eq 8 ] && [ "$secs" -le 4 ] && grep -q "killed after 1 s" "$T/err" &&
    [ -s "$T/pids" ] && [ "$alive" -eq 0 ] &&
    ok "a hook that hangs: killed after hook.timeout with its children (${secs}s)" ||
    notok "hook timeout" "exit $status after ${secs}s"

# Page text never reaches the hook: a region named with shell syntax.
printf '<h2>$(touch %s/pwned)`id`</h2><h3>Application URLs</h3><table><tr><th>Application</th><th>URL</th></tr><tr><td>X</td><td>https://x.example/</td></tr></table>' "$T" > "$T/evil.html"
cat "$N" "$T/evil.html" > "$T/evil2.html"
run "$MCWATCH" run -q --repo "$T/r" --url "$T/evil2.html" --config "$T/conf" --accept
[ "$status" -eq 0 ] && [ ! -e "$T/pwned" ] &&
    tail -1 "$T/calls" | grep -q '|[a-z0-9 -]*|' &&
    ok "page text never reaches the hook's command or environment" ||
    notok "hook and page text" "exit $status" "$(tail -1 "$T/calls")"

run "$MCWATCH" notify --test --config "$T/conf" --webhook http://127.0.0.1:1/x --retries 0
grep -q "hook.command: not run by a test" "$T/err" && [ "$(wc -l < "$T/calls")" -le 5 ] &&
    ok "notify --test does not run the hook" || notok "notify --test and the hook"
printf '[hook]\n\ttimeout = 0\n' > "$T/bad.conf"
run "$MCWATCH" run --config "$T/bad.conf" --repo "$T/x" --url "$S"
expect "hook.timeout 0: a usage error" 2 "hook.timeout"

finish
