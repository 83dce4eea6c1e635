#!/bin/sh
# Run every test: the cmocka unit tests, then the end-to-end scripts.
# Usage: tests/run.sh BUILD-DIR. Prints one line per test and a total;
# exits non-zero if anything failed.
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export MCWATCH="$top/$build/mcwatch" TOP="$top"
passed=0 failed=0 skipped=0

for t in "$top/$build"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -E '^\[ +(OK|FAILED) +\]|^\[  (PASSED|FAILED)  \]'
	n=$(printf '%s\n' "$out" | grep -c '^\[       OK \]')
	passed=$((passed + n))
	if [ $rc -ne 0 ]; then
		# cmocka exits with the number of failed tests, or 255 on a crash.
		failed=$((failed + (rc > 0 && rc < 255 ? rc : 1)))
		echo "unit $(basename "$t"): exit $rc"
	fi
done

# Every fuzz corpus (seeds and the crashes found once) through its target.
for r in "$top/$build"/tests/replay_*; do
	[ -x "$r" ] || continue
	name=${r##*/replay_}
	if out=$("$r" "$top"/tests/fuzz/corpus/"$name"/* 2>&1); then
		echo "ok - fuzz corpus $name: $out"
		passed=$((passed + 1))
	else
		echo "not ok - fuzz corpus $name"
		printf '%s\n' "$out" | tail -5 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done

for s in "$top"/tests/e2e/*.sh; do
	[ "$(basename "$s")" = lib.sh ] && continue
	res=$(mktemp)
	RESULTS=$res sh "$s"
	rc=$?
	read -r p f k < "$res" 2>/dev/null || { p=0; f=1; k=0; }
	rm -f "$res"
	[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${k:-0}))
done

echo "check: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
