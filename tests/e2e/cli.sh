# End-to-end: what a new user meets on the command line. Typos are usage
# errors (exit 2) told in one line with a hint, never empty answers or
# repository errors; every command takes -h, --help, --version and, where
# it has one, -f; output that cannot be written is an error.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1

# usage NAME WANT-TEXT CMD...: exit 2, the text, a hint, no usage dump.
usage() {
	name=$1 text=$2
	shift 2
	run "$@"
	if [ "$status" -eq 2 ] && grep -qF -- "$text" "$T/err" &&
	    grep -q "^try 'mcwatch [a-z]* --help'$" "$T/err" &&
	    [ "$(wc -l < "$T/err")" -le 3 ] && [ ! -s "$T/out" ]; then
		ok "$name"
	else
		notok "$name" "exit $status, want 2 and: $text"
	fi
}

usage "getopt: unknown long option named with the program" \
    "mcwatch: run: unrecognized option '--rpeo'" "$MCWATCH" run --rpeo x
usage "getopt: unknown short option" "mcwatch: parse: unknown option '-x'" \
    "$MCWATCH" parse -x "$S"
usage "getopt: missing argument" "option '--repo' requires an argument" \
    "$MCWATCH" log --repo
usage "show --region xx: the snapshot's codes listed" \
    "no region 'xx' in snapshot" "$MCWATCH" show --repo "$T/r" --region xx
grep -q "its region codes: au, ca, de, global, jer, uk, us, usb, za" "$T/err" &&
    ok "show --region xx: lists au, ca, ... za" ||
    notok "show --region xx: lists the codes"
run "$MCWATCH" show --repo "$T/r" --region US --format csv
cp "$T/out" "$T/upper"
run "$MCWATCH" show --repo "$T/r" --region us --format csv
[ "$status" -eq 0 ] && [ "$(wc -l < "$T/out")" -gt 5 ] && cmp -s "$T/out" "$T/upper" &&
    ok "show --region US = --region us" || notok "show --region US = --region us"
for d in @2026-13-45 @2026-11-31 @2026-02-30 @2026-1-1 @2026-01-01x @20260101; do
	usage "date $d is a usage error" "'$d' is not a date" \
	    "$MCWATCH" show --repo "$T/r" "$d"
done
run "$MCWATCH" show --repo "$T/r" @2024-02-29 -f csv
expect "a real date before the first snapshot: exit 5" 5 \
    "no snapshot on or before 2024-02-29"
run "$MCWATCH" diff --repo "$T/r" @2099-12-31
expect "a date after the last snapshot: the latest" 0
usage "diff: a bad date" "'@2026-02-30' is not a date" \
    "$MCWATCH" diff --repo "$T/r" @2026-02-30 HEAD
for a in '' '<>' 'noemail' 'Name <a@example.com> trailing' \
    'Name <a b@example.com>' '<a@example.com>' 'Name <>'; do
	rm -rf "$T/new"
	usage "--author '$a' refused before any work" "--author '$a'" \
	    "$MCWATCH" run --repo "$T/new" --url "$S" --author "$a"
	[ ! -e "$T/new" ] || notok "--author '$a': nothing created"
done
MCWATCH_AUTHOR=noemail usage "\$MCWATCH_AUTHOR checked too" \
    "\$MCWATCH_AUTHOR 'noemail'" "$MCWATCH" run --repo "$T/new" --url "$S"
usage "parse with no PAGE" "parse: no PAGE given" "$MCWATCH" parse
usage "parse with two PAGEs" "parse: one PAGE only, not 2 ('a', 'b')" \
    "$MCWATCH" parse a b
usage "parse ''" "parse: PAGE is empty" "$MCWATCH" parse ""
usage "run --url ''" "run: --url is empty" "$MCWATCH" run --url ""
usage "diff a b c" "diff: at most two revisions, not 3" "$MCWATCH" diff a b c
usage "show A B" "show: at most one revision, not 2" "$MCWATCH" show A B
usage "log with an argument" "log: no arguments expected, not 'x'" \
    "$MCWATCH" log x
usage "run with an argument" "run: no arguments expected, not 'x'" \
    "$MCWATCH" run x
usage "--cacert naming a missing file, page from a file" \
    "--cacert $T/nope.pem: No such file or directory" \
    "$MCWATCH" parse --cacert "$T/nope.pem" "$S"
(cd "$T" && "$MCWATCH" log > out 2> err)
status=$?
[ "$status" -eq 5 ] && grep -q "no repository at mcwatch-data: give --repo DIR, or run 'mcwatch run' first" "$T/err" &&
    ok "log with no repository: says what to do" ||
    notok "log with no repository: says what to do" "exit $status"

# Every command takes -h, --help, --version; -f where it has --format.
bad=0
for c in run parse diff log show notify export status lookup history publish; do
	run "$MCWATCH" $c -h
	[ "$status" -eq 0 ] && grep -q "^usage: mcwatch $c" "$T/out" &&
	    grep -q "Exit status" "$T/out" ||
	    { bad=$((bad + 1)); echo "    $c -h: no usage or exit statuses"; }
	run "$MCWATCH" $c --version
	[ "$status" -eq 0 ] && grep -q "^mcwatch [0-9]" "$T/out" ||
	    { bad=$((bad + 1)); echo "    $c --version: exit $status"; }
done
[ "$bad" -eq 0 ] &&
    ok "-h and --version after every command name; every --help lists exit statuses" ||
    notok "-h and --version after every command" "$bad failures"
run "$MCWATCH" log --repo "$T/r" -f json
[ "$status" -eq 0 ] && grep -q '"id"' "$T/out" && ok "log -f json" ||
    notok "log -f json"
run "$MCWATCH" diff --repo "$T/r" -f json
[ "$status" -eq 0 ] && grep -q '"added"' "$T/out" && ok "diff -f json" ||
    notok "diff -f json"
run "$MCWATCH" show --repo "$T/r" -f csv
[ "$status" -eq 0 ] && grep -q '^kind,' "$T/out" && ok "show -f csv" ||
    notok "show -f csv"
run "$MCWATCH" run --repo "$T/r" --url "$S" -f json --dry-run
[ "$status" -eq 0 ] && ok "run -f json" || notok "run -f json" "exit $status"

# Output that cannot be written is an error that says why.
if [ -w /dev/full ]; then
	bad=0
	for c in "log --repo $T/r" "show --repo $T/r" "diff --repo $T/r" \
	    "--help" "--version" "log --help" "parse --help"; do
		run sh -c "'$MCWATCH' $c > /dev/full"
		[ "$status" -eq 6 ] && grep -q "No space left on device" \
		    "$T/err" || { bad=$((bad + 1)); echo "    $c: exit $status"; }
	done
	[ "$bad" -eq 0 ] && ok "output to a full device: exit 6, and why" ||
	    notok "output to a full device" "$bad commands"
else
	skip "output to a full device: exit 6, and why" "no /dev/full"
fi

finish
