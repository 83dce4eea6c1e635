# End-to-end: operations as shipped. The configuration's repo.path counts
# for every command, "~/" as git reads it; monitoring reads what the timer
# writes (another user's repository, Nagios performance data, the
# node_exporter textfile format); messages name the lock file.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
FAULTY="$(dirname "$MCWATCH")/tests/mcwatch-oom"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
export HOME="$T/home"
mkdir -p "$HOME"
printf '[repo]\n\tpath = ~/data\n' > "$T/conf"
cd "$T"
run "$MCWATCH" run -q --config "$T/conf" --url "$S"
[ "$status" -eq 0 ] && [ -d "$HOME/data/.git" ] && [ ! -e "$T/~" ] &&
    ok "repo.path = ~/data: the home directory, not a directory named '~'" ||
    notok "repo.path ~/" "exit $status"
"$MCWATCH" run -q --config "$T/conf" --url "$N" > /dev/null 2>&1
bad=0
for c in "log" "show" "diff" "status" "export -f merged" "history 170.10.158.0/24" \
    "lookup 170.10.158.1" "publish --out $T/site"; do
	MCWATCH_CONFIG="$T/conf" "$MCWATCH" $c > "$T/o1" 2> "$T/e1"; s1=$?
	"$MCWATCH" $c --config "$T/conf" > "$T/o2" 2> "$T/e2"; s2=$?
	if [ "$s1" -ne 0 ] || [ "$s2" -ne 0 ] || grep -q "no repository" "$T/e1" "$T/e2"; then
		bad=$((bad + 1)); echo "    $c: exits $s1 $s2: $(head -1 "$T/e1")"
	fi
	rm -rf "$T/site"
done
[ "$bad" -eq 0 ] && ok "every command reads repo.path from \$MCWATCH_CONFIG and --config" ||
    notok "repo.path for every command" "$bad failed"
R="$HOME/data"

# Each command reads the keys of its own options, from one table per
# command, and leaves another command's keys alone.
printf '[repo]\n\tpath = ~/data\n[status]\n\twarn-age = 40\n[email]\n\tto = ops@example.com\n[publish]\n\tout = ~/site\n' > "$T/conf2"
MCWATCH_NOW=$(($(date +%s) + 30 * 3600)) run "$FAULTY" status --config "$T/conf2"
[ "$status" -eq 0 ] && grep -q "^MCWATCH OK" "$T/out" &&
    ok "status.warn-age = 40 in the configuration: OK at 30 hours; run's email.to left alone" ||
    notok "status.warn-age from the configuration" "exit $status: $(head -1 "$T/out") $(head -1 "$T/err")"
MCWATCH_NOW=$(($(date +%s) + 30 * 3600)) run "$FAULTY" status --config "$T/conf2" --warn-age 26
[ "$status" -eq 1 ] && ok "--warn-age on the command line wins over status.warn-age" ||
    notok "--warn-age over the key" "exit $status"
run "$MCWATCH" publish --config "$T/conf2"
[ "$status" -eq 0 ] && [ -f "$HOME/site/index.html" ] &&
    ok "publish.out = ~/site: publish needs no --out" ||
    notok "publish.out" "exit $status: $(head -2 "$T/err")"
printf '[status]\n\twarn_age = 40\n' > "$T/conf3"
run "$MCWATCH" status --config "$T/conf3" --repo "$R"
[ "$status" -eq 3 ] && grep -q "conf3:2: 'status.warn_age' is no key.*(did you mean status.warn-age?)" "$T/err" &&
    ok "a misspelt key is refused with file, line and the key meant" ||
    notok "misspelt key" "exit $status: $(head -1 "$T/err")"
printf '[repo]\n\tpath = %s\n[status]\n\twarnage = 40\n' "$R" > "$T/conf3"
run "$MCWATCH" log --config "$T/conf3"
[ "$status" -eq 2 ] && grep -q "conf3:4: unknown key 'status.warnage'" "$T/err" &&
    ok "a key no command reads is refused by every command (log), with file and line" ||
    notok "unknown key" "exit $status: $(head -1 "$T/err")"
printf '[fetch]\n\tmax-size = 1k\n' > "$T/conf4"
run "$MCWATCH" parse --config "$T/conf4" "$S"
[ "$status" -ne 0 ] && grep -q "1024" "$T/err" &&
    ok "parse --config: fetch.max-size counts for parse too" ||
    notok "parse reads fetch.max-size" "exit $status: $(head -1 "$T/err")"
printf '[status]\n\tmax-age = soon\n' > "$T/conf5"
run "$MCWATCH" status --config "$T/conf5" --repo "$R"
[ "$status" -eq 3 ] && grep -q "conf5:2: status.max-age: want hours" "$T/err" &&
    ok "a bad value is told of the key, not the option" ||
    notok "bad value of status.max-age" "exit $status: $(head -1 "$T/err")"

# Nagios: performance data; a warning age apart from the critical one.
run "$MCWATCH" status --repo "$R"
head -1 "$T/out" | grep -Eq '^MCWATCH OK - healthy \| age=[0-9]+s;93600;172800;0 failures=0;;3;0 pending=0;1;;0$' &&
    ok "status: Nagios performance data (age, failures, pending)" ||
    notok "status perfdata" "$(head -1 "$T/out")"
MCWATCH_NOW=$(($(date +%s) + 30 * 3600)) run "$FAULTY" status --repo "$R"
[ "$status" -eq 1 ] && grep -q "no successful check within 26 hours" "$T/out" &&
    ok "30 hours without a check: WARNING (--warn-age 26), not yet CRITICAL" ||
    notok "--warn-age" "exit $status" "$(head -1 "$T/out")"
MCWATCH_NOW=$(($(date +%s) + 30 * 3600)) run "$FAULTY" status --repo "$R" --warn-age 40
[ "$status" -eq 0 ] && ok "--warn-age 40: still OK at 30 hours" ||
    notok "--warn-age 40" "exit $status"

# Prometheus: node_exporter's textfile format, every sample parsed.
run "$MCWATCH" status --repo "$R" -f prometheus
if [ "$status" -eq 0 ] && "$PY" - "$T/out" <<'EOP'
import re, sys
seen, types = {}, {}
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if line.startswith("# HELP "):
        continue
    m = re.fullmatch(r"# TYPE ([a-z_]+) (gauge|counter)", line)
    if m:
        types[m.group(1)] = m.group(2)
        continue
    m = re.fullmatch(r'([a-z_]+)(\{region="[a-z0-9-]+"\})? ([0-9.e+]+)', line)
    assert m, line
    assert m.group(1) in types, m.group(1)
    seen.setdefault(m.group(1), []).append(float(m.group(3)))
for k in ("mcwatch_last_check_timestamp_seconds", "mcwatch_last_success_timestamp_seconds",
          "mcwatch_last_change_timestamp_seconds", "mcwatch_consecutive_failures",
          "mcwatch_pending_notifications", "mcwatch_status"):
    assert k in seen, k
assert sum(seen["mcwatch_records"]) == 70, seen["mcwatch_records"]
EOP
then
	ok "status -f prometheus: the textfile format, records per region"
else
	notok "status -f prometheus" "exit $status"
fi

# A state that does not parse says so.
cp "$R/.git/mcwatch-status.json" "$T/state.keep"
echo "{ not json" > "$R/.git/mcwatch-status.json"
run "$MCWATCH" status --repo "$R"
[ "$status" -eq 2 ] && grep -q "mcwatch-status.json does not parse" "$T/out" &&
    ! grep -q "last check:    never ()" "$T/out" &&
    ok "a state that does not parse: CRITICAL, and says so" ||
    notok "an unparsable state" "$(head -2 "$T/out")"
cp "$T/state.keep" "$R/.git/mcwatch-status.json"

# Busy: the lock file is named.
exec 9> "$R/.git/mcwatch.lock"
flock 9 2> /dev/null
cp "$R/.git/mcwatch-status.json" "$T/state.before"
run "$MCWATCH" run -q --repo "$R" --url "$S" --lock-timeout 0
exec 9>&-
[ "$status" -eq 5 ] && grep -q "mcwatch.lock" "$T/err" &&
    cmp -s "$R/.git/mcwatch-status.json" "$T/state.before" &&
    ok "a busy repository: the lock file named; the state, the other run's, untouched" ||
    notok "busy names the lock" "exit $status" "$(cat "$R/.git/mcwatch-status.json" | head -4)"

# Another user's repository: every reading command opens it; run says why not.
if [ "$(id -u)" = 0 ] && id nobody > /dev/null 2>&1; then
	cp -a "$R" "$T/other"
	chown -R nobody "$T/other"
	bad=0
	for c in "log" "show" "status" "export -f merged" "lookup 1.2.3.4"; do
		"$MCWATCH" $c --repo "$T/other" > "$T/o1" 2> "$T/e1" ||
		    { bad=$((bad + 1)); echo "    $c: $(head -1 "$T/e1") $(head -1 "$T/o1")"; }
	done
	run "$MCWATCH" run -q --repo "$T/other" --url "$S"
	[ "$bad" -eq 0 ] && [ "$status" -eq 5 ] && grep -q "owned by another user" "$T/err" &&
	    ok "another user's repository: read by every reading command; run says who may write" ||
	    notok "another user's repository" "$bad readers failed; run exit $status"
else
	skip "another user's repository" "not root, or no user nobody"
fi

finish
