# Helpers for the end-to-end tests: sourced, not run.
# Each test runs the built binary ($MCWATCH) in a scratch directory and
# checks its exit status, its output and how long it took.
set -u
pass=0
fail=0
skipped=0
T=$(mktemp -d "${TMPDIR:-/tmp}/mcwatch-e2e.XXXXXX")
trap 'rm -rf "$T"' EXIT
F="$TOP/tests/fixtures"
G="$TOP/tests/golden"

ok() { pass=$((pass + 1)); echo "ok - $1"; }
# skip NAME WHY: a test that cannot run here; never counted as passed.
skip() { skipped=$((skipped + 1)); echo "skipped - $1: $2"; }
notok() {
	fail=$((fail + 1))
	echo "not ok - $1"
	shift
	for m in "$@"; do echo "    $m"; done
	[ -s "$T/err" ] && sed 's/^/    stderr: /' "$T/err" | head -5
	return 0
}

# run CMD...: stdout to $T/out, stderr to $T/err, exit in $status,
# seconds in $secs; nothing may take more than a minute.
run() {
	s0=$(date +%s)
	timeout 60 "$@" > "$T/out" 2> "$T/err"
	status=$?
	secs=$(($(date +%s) - s0))
}

# expect NAME STATUS [GREP-STDERR]: the last run exited STATUS, and
# its stderr mentions the text given.
expect() {
	if [ "$status" -ne "$2" ]; then
		notok "$1" "exit $status, want $2"
	elif [ $# -ge 3 ] && ! grep -qF -- "$3" "$T/err"; then
		notok "$1" "stderr lacks: $3"
	else
		ok "$1"
	fi
}

# same NAME FILE-A FILE-B: the two are byte-identical.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		notok "$1" "$2 and $3 differ:"
		diff "$2" "$3" | head -10 | sed 's/^/    /'
	fi
}

finish() {
	echo "$(basename "$0" .sh): $pass passed, $fail failed, $skipped skipped"
	[ -n "${RESULTS:-}" ] && echo "$pass $fail $skipped" > "$RESULTS"
	[ "$fail" -eq 0 ]
}
