#!/bin/sh
# make torture: kills, concurrent runs and a full disk, many times over.
#   ROUNDS      kill rounds (default 500; CI runs fewer)
#   DISK_MAX    full-disk points: 0 to DISK_MAX KiB free (default 64)
#   DISK_STEP   KiB between them (default 1)
#   OOM_POINTS  allocations the out-of-memory sweep fails (tests/e2e/oom.sh;
#               default 0: every one; "skip": no sweep)
# After each: 'git fsck --full --strict' is clean, the next run completes,
# and the latest snapshot holds the last page a run finished.
TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
MCWATCH=${MCWATCH:-$TOP/build/mcwatch}
. "$TOP/tests/e2e/lib.sh"
ROUNDS=${ROUNDS:-500}
DISK_MAX=${DISK_MAX:-64}
DISK_STEP=${DISK_STEP:-1}
export MCWATCH_AUTHOR="mcwatch torture <torture@example.com>"
S="$TOP/samples/mimecast-data-centers.html"
for p in 25 26 27; do
	sed "s/<td>25<\/td>/<td>$p<\/td>/" "$S" > "$T/p$p.html"
done
# The port the latest snapshot records for SMTP (25, 26 or 27).
port() {
	"$MCWATCH" show --repo "$1" --region global --kind port -f csv |
	    grep -oE ',(25|26|27),' | tr -d ,
}
fsck() { git -C "$1" fsck --full --strict --no-dangling > /dev/null 2>&1; }

# Kills at random moments, one round in ten during a first run; after
# each a run that is not killed must finish and record its page.
bad=0 kills=0 first=0
for i in $(seq 1 "$ROUNDS"); do
	p=$((25 + i % 3))
	if [ $((i % 10)) -eq 0 ]; then
		rm -rf "$T/k"
		first=$((first + 1))
	fi
	"$MCWATCH" run -q --accept --repo "$T/k" --url "$T/p$p.html" \
	    > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s); printf "%.3f", rand() * 0.05 }')"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	# 128 + SIGKILL: the kill landed before the run ended.
	[ $? -eq 137 ] && kills=$((kills + 1))
	q=$((25 + (i + 1) % 3))
	"$MCWATCH" run -q --accept --repo "$T/k" --url "$T/p$q.html" \
	    > /dev/null 2> "$T/err"
	st=$?
	why=""
	[ $st -le 1 ] || why="next run exit $st: $(head -1 "$T/err")"
	[ "$(port "$T/k")" = "$q" ] || why="$why; latest is not the last page"
	{ [ $((i % 5)) -ne 0 ] && [ $i -ne "$ROUNDS" ]; } || fsck "$T/k" ||
	    why="$why; fsck"
	[ -z "$(git -C "$T/k" status --porcelain 2> /dev/null)" ] ||
	    why="$why; work tree"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "    round $i: $why"
	fi
done
[ $bad -eq 0 ] &&
    ok "$ROUNDS rounds, $kills kills ($first during first runs): every next run recorded its page, fsck clean" ||
    notok "kill rounds" "$bad of $ROUNDS rounds went wrong"

# Concurrent runs on one repository: each finishes or is told busy.
bad=0
for i in $(seq 1 $((ROUNDS / 10 + 1))); do
	for p in 25 26 27; do
		"$MCWATCH" run -q --accept --lock-timeout 30 --repo "$T/c" \
		    --url "$T/p$p.html" > /dev/null 2>> "$T/cerr" &
	done
	wait
	"$MCWATCH" run -q --accept --repo "$T/c" --url "$T/p25.html" \
	    > /dev/null 2>&1 || bad=$((bad + 1))
	{ fsck "$T/c" && [ "$(port "$T/c")" = 25 ]; } || bad=$((bad + 1))
done
[ $bad -eq 0 ] && ok "$((ROUNDS / 10 + 1)) rounds of three concurrent runs: fsck clean, the next run records" ||
    notok "concurrent runs" "$bad failures; $(head -2 "$T/cerr")"

# Kills during delivery: a webhook receiver hears every run; runs are
# killed at random moments (some while posting), each followed by one
# that is not. No change may be lost (the receiver's last message names
# the latest snapshot, the state says it was delivered); a message sent
# again (a kill between the answer and the saved state) must carry the
# same idempotency key.
mkdir -p "$T/hook"
/usr/bin/python3 "$TOP/tests/servers/webhook.py" "$T/hook" "$T/hook.port" \
    > /dev/null 2>&1 &
pids="$pids $!"
for i in $(seq 50); do [ -s "$T/hook.port" ] && break; sleep 0.1; done
HOOK="--webhook http://127.0.0.1:$(cat "$T/hook.port")/hook --retries 0"
"$MCWATCH" run -q --accept --repo "$T/n" --url "$T/p25.html" $HOOK \
    > /dev/null 2>&1
bad=0 dkills=0
for i in $(seq 1 $((ROUNDS / 5 + 1))); do
	p=$((25 + i % 3))
	"$MCWATCH" run -q --accept --repo "$T/n" --url "$T/p$p.html" $HOOK \
	    > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s + 7); printf "%.3f", rand() * 0.08 }')"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	[ $? -eq 137 ] && dkills=$((dkills + 1))
	q=$((25 + (i + 1) % 3))
	"$MCWATCH" run -q --accept --repo "$T/n" --url "$T/p$q.html" $HOOK \
	    > /dev/null 2> "$T/err" || bad=$((bad + 1))
done
head=$(git -C "$T/n" rev-parse HEAD)
last=$(ls "$T/hook" | grep -c '\.json$')
if [ $bad -eq 0 ] && grep -q "\"snapshot\":\"$head\"" "$T/hook/$last.json" &&
    grep -q "$head" "$T/n/.git/mcwatch-notify.json"; then
	ok "$((ROUNDS / 5 + 1)) delivery rounds, $dkills kills: no change lost (the last message and the state name the latest snapshot)"
else
	notok "kills during delivery" "$bad runs failed; last message $last"
fi
# A repeat is allowed (at least once), but always with the same key.
set -- $(cat "$T"/hook/*.json | /usr/bin/python3 -c '
import json, sys
keys, seen, twice = {}, {}, 0
for line in sys.stdin.read().replace("}{", "}\n{").splitlines():
    d = json.loads(line)
    keys.setdefault(d.get("snapshot"), set()).add(d["idempotency_key"])
    seen[d["idempotency_key"]] = seen.get(d["idempotency_key"], 0) + 1
print(sum(1 for n in seen.values() if n > 1),
      sum(1 for k in keys.values() if len(k) > 1))')
twice=$1 mixed=$2
posted=$(ls "$T/hook" | grep -c '\.json$')
echo "    delivery: $posted messages, $twice sent again (same key)"
[ "$mixed" -eq 0 ] && ok "kills during delivery: every repeat carries the same idempotency key" ||
    notok "kills during delivery: $mixed snapshots told under two keys"

# A full disk at every DISK_STEP KiB from 0 to DISK_MAX free.
D="$T/disk"
mkdir -p "$D"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m,mode=0755 tmpfs "$D" \
    2> /dev/null; then
	trap 'umount "$D" 2> /dev/null; for p in $pids; do kill $p 2> /dev/null;
	    done; rm -rf "$T"' EXIT
	"$MCWATCH" run -q --repo "$T/base" --url "$T/p25.html" > /dev/null
	bad=0 points=0
	k=0
	while [ $k -le "$DISK_MAX" ]; do
		rm -rf "$D/r" "$D/fill"
		cp -a "$T/base" "$D/r"
		dd if=/dev/zero of="$D/fill" bs=4k 2> /dev/null
		truncate -s "-${k}K" "$D/fill"
		"$MCWATCH" run -q --repo "$D/r" --url "$T/p26.html" \
		    > "$T/out" 2> "$T/err"
		st=$?
		rm -f "$D/fill"
		why=""
		grep -q "unknown error\|moved under us" "$T/err" &&
		    why="misleading: $(head -1 "$T/err")"
		"$MCWATCH" run -q --repo "$D/r" --url "$T/p26.html" \
		    > /dev/null 2> "$T/err2" || why="$why; next run failed"
		fsck "$D/r" || why="$why; fsck"
		[ "$(port "$D/r")" = 26 ] || why="$why; the change is lost"
		[ -z "$(git -C "$D/r" status --porcelain)" ] ||
		    why="$why; work tree"
		points=$((points + 1))
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			echo "    $k KiB free (exit $st): $why"
		fi
		k=$((k + DISK_STEP))
	done
	umount "$D"
	[ $bad -eq 0 ] && ok "full disk at $points points (0 to $DISK_MAX KiB free): fsck clean, the next run records" ||
	    notok "full disk" "$bad of $points points went wrong"
else
	skip "full disk at every KiB" "needs root and a tmpfs mount"
fi
finish
rc=$?
# The out-of-memory sweep, at every allocation unless told otherwise.
if [ "${OOM_POINTS:-0}" != skip ]; then
	OOM_POINTS=${OOM_POINTS:-0} RESULTS= sh "$TOP/tests/e2e/oom.sh" || rc=1
fi
exit $rc
