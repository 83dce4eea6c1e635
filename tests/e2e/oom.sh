# End-to-end: out of memory at every allocation. mcwatch-oom is mcwatch
# with each allocation of its own code through tests/oom/failalloc.c;
# MCWATCH_FAIL_ALLOC=N fails the Nth. Over a whole 'parse' and a whole
# 'run' (a page from a file, parsed, compared, committed), at each N the
# program either does its job exactly or exits 6 saying "out of memory",
# leaks nothing (under 'make sanitize', LeakSanitizer fails the exit
# status), and a run leaves the repository as it was.
# OOM_POINTS: how many N to try, spread over all (default 60; 0: every N).
. "$TOP/tests/e2e/lib.sh"
OOM="$(dirname "$MCWATCH")/tests/mcwatch-oom"
POINTS=${OOM_POINTS:-60}
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
if [ ! -x "$OOM" ]; then
	skip "out-of-memory sweep" "no $OOM (make check builds it)"
	finish
	exit $?
fi
count() { MCWATCH_COUNT_ALLOC=1 "$@" 2>&1 > /dev/null |
    sed -n 's/^allocations: //p' | tail -1; }
# The Ns to try: every one, or POINTS spread evenly (the first few always).
points() {
	if [ "$POINTS" -eq 0 ] || [ "$1" -le "$POINTS" ]; then
		seq 1 "$1"
	elif [ "$POINTS" -le 40 ]; then
		seq 1 $(( $1 / POINTS + 1 )) "$1"
	else
		{ seq 1 20; seq 21 $(( ($1 - 20) / (POINTS - 20) + 1 )) "$1"; } |
		    sort -nu
	fi
}
# verdict N STATUS: "" when STATUS is the job done (0, or 1 for a run's
# change) or a clear out-of-memory exit; else what went wrong.
verdict() {
	if grep -q "Sanitizer\|runtime error" "$T/err"; then
		echo "sanitizer: $(grep -m1 'Sanitizer\|runtime error' "$T/err")"
	elif [ "$2" -eq 6 ]; then
		grep -q "out of memory" "$T/err" ||
		    echo "exit 6 without 'out of memory': $(head -1 "$T/err")"
	elif [ "$2" -eq 7 ]; then
		grep -q "out of memory; the next run repairs" "$T/err" ||
		    echo "exit 7 without the cause: $(head -1 "$T/err")"
	elif [ "$2" -gt 1 ]; then
		echo "exit $2: $(head -1 "$T/err")"
	fi
}

"$OOM" parse -q -f json "$S" > "$T/want"
total=$(count "$OOM" parse -q -f json "$S")
bad=0 tried=0
for n in $(points "$total"); do
	MCWATCH_FAIL_ALLOC=$n "$OOM" parse -q -f json "$S" > "$T/out" 2> "$T/err"
	st=$?
	tried=$((tried + 1))
	why=$(verdict "$n" $st)
	[ $st -eq 0 ] && ! cmp -s "$T/out" "$T/want" && why="exit 0, other records"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		[ $bad -le 5 ] && echo "    parse, allocation $n: $why"
	fi
done
[ $bad -eq 0 ] && ok "parse: out of memory at $tried of its $total allocations: the records, or exit 6 and why" ||
    notok "parse: out of memory" "$bad of $tried allocations went wrong"

"$MCWATCH" run -q --repo "$T/base" --url "$S" > /dev/null 2>&1
head0=$(git -C "$T/base" rev-parse HEAD)
"$MCWATCH" parse -q -f csv "$N" > "$T/wantn"
cp -a "$T/base" "$T/r0"
total=$(count "$OOM" run -q --repo "$T/r0" --url "$N")
bad=0 tried=0
for n in $(points "$total"); do
	rm -rf "$T/r" && cp -a "$T/base" "$T/r"
	MCWATCH_FAIL_ALLOC=$n "$OOM" run -q --repo "$T/r" --url "$N" \
	    > "$T/out" 2> "$T/err"
	st=$?
	tried=$((tried + 1))
	why=$(verdict "$n" $st)
	if [ $st -eq 0 ] || [ $st -eq 1 ]; then
		"$MCWATCH" show --repo "$T/r" -f csv > "$T/got" 2> /dev/null
		cmp -s "$T/got" "$T/wantn" || why="$why; exit $st, not recorded"
	elif [ "$(git -C "$T/r" rev-parse HEAD)" != "$head0" ]; then
		# A change recorded before the failure must have been reported.
		grep -q "170.10.158.0/24" "$T/out" "$T/err" ||
		    why="$why; recorded, exit $st, not reported"
	fi
	git -C "$T/r" fsck --strict --no-dangling > /dev/null 2>&1 ||
	    why="$why; fsck"
	# Exit 7: recorded and reported, the work tree left for the next run.
	[ $st -eq 7 ] && "$MCWATCH" run -q --repo "$T/r" --url "$N" \
	    > /dev/null 2>&1
	[ -z "$(git -C "$T/r" status --porcelain)" ] ||
	    why="$why; work tree: $(git -C "$T/r" status --porcelain | head -1)"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		[ $bad -le ${OOM_SHOW:-5} ] && echo "    run, allocation $n: $why"
	fi
done
[ $bad -eq 0 ] && ok "run: out of memory at $tried of its $total allocations: recorded, or exit 6 and the repository as it was" ||
    notok "run: out of memory" "$bad of $tried allocations went wrong"

# run --spf: the page unchanged, the SPF answers of us (one range short)
# and de from dnsmasq on 127.0.0.1: a snapshot of the second source, or
# exit 6 and the repository as it was.
if ! command -v dnsmasq > /dev/null; then
	skip "run --spf: out of memory" "no dnsmasq (Debian: dnsmasq-base)"
	finish
	exit $?
fi
nets() { sed "s/^/ip$2:/" "$T/base/cidr/$1/gateway-v$2.txt" | tr '\n' ' '; }
{
	printf -- '--txt-record=us._netblocks.mimecast.com,"v=spf1 %s%s~all"\n' \
	    "$(nets us 4 | sed 's/ip4:216.205.24.0\/24 //')" "$(nets us 6)"
	printf -- '--txt-record=de._netblocks.mimecast.com,"v=spf1 %s%s~all"\n' \
	    "$(nets de 4)" "$(nets de 6)"
} > "$T/zone"
dport=$("$PY" -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
xargs dnsmasq -k --port="$dport" --listen-address=127.0.0.1 --bind-interfaces \
    --no-resolv --no-hosts --conf-file=/dev/null --pid-file= \
    --user="$(id -un)" --local=/mimecast.com/ --log-facility=- \
    < "$T/zone" > "$T/dnsmasq.log" 2>&1 &
pids="$pids $!"
sleep 0.5
# Only us and de answer: the other regions' names are NXDOMAIN, their
# failure told. The first answer recorded is a snapshot of its own.
spf="--spf --dns 127.0.0.1:$dport --spf-timeout 2"
rm -rf "$T/r1" && cp -a "$T/base" "$T/r1"
total=$(count "$OOM" run -q --repo "$T/r1" --url "$S" $spf)
git -C "$T/r1" cat-file -e HEAD:spf.json 2> /dev/null || total=0
bad=0 tried=0
for n in $(points "$total"); do
	rm -rf "$T/r" && cp -a "$T/base" "$T/r"
	MCWATCH_FAIL_ALLOC=$n "$OOM" run -q --repo "$T/r" --url "$S" $spf \
	    > "$T/out" 2> "$T/err"
	st=$?
	tried=$((tried + 1))
	why=$(verdict "$n" $st)
	[ $st -eq 0 ] && ! git -C "$T/r" cat-file -e HEAD:spf.json 2> /dev/null &&
	    why="exit 0, no spf.json"
	if [ $st -eq 6 ] && [ "$(git -C "$T/r" rev-parse HEAD)" != "$head0" ]; then
		why="$why; exit 6, yet a snapshot"
	fi
	git -C "$T/r" fsck --strict --no-dangling > /dev/null 2>&1 ||
	    why="$why; fsck"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		[ $bad -le ${OOM_SHOW:-5} ] && echo "    run --spf, allocation $n: $why"
	fi
done
[ "$total" -gt 0 ] && [ $bad -eq 0 ] && ok "run --spf: out of memory at $tried of its $total allocations: recorded, or exit 6 and the repository as it was" ||
    notok "run --spf: out of memory" "$bad of $tried allocations went wrong (of ${total:-none})"
finish
