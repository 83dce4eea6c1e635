# End-to-end: mcwatch history, the per-record view of the snapshots.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
"$MCWATCH" run -q --repo "$T/r" --url "$N" > /dev/null 2>&1
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
first=$(git -C "$T/r" rev-parse --short=7 HEAD~2)
second=$(git -C "$T/r" rev-parse --short=7 HEAD~1)
third=$(git -C "$T/r" rev-parse --short=7 HEAD)
R="--repo $T/r"

run "$MCWATCH" history $R 207.211.30.45
if [ "$status" -eq 0 ] && [ "$(grep -c . "$T/out")" = 4 ] &&
    grep -q "  $first  + us non-SPF range 207.211.30.40 - 207.211.30.49  " "$T/out" &&
    grep -q "  $second  ~ us non-SPF range 207.211.30.40 - 207.211.30.50  last: 207.211.30.49 -> 207.211.30.50$" "$T/out" &&
    grep -q "  $third  ~ us non-SPF range 207.211.30.40 - 207.211.30.49  last: 207.211.30.50 -> 207.211.30.49$" "$T/out"; then
	ok "history of an address: added, changed, changed back"
else
	notok "history of an address" "exit $status" "$(head -4 "$T/out")"
fi
run "$MCWATCH" history $R 203.0.113.224/28
grep -q "  $second  - jer gateway network 203.0.113.224/28" "$T/out" &&
    grep -q "  $third  + jer gateway network 203.0.113.224/28" "$T/out" &&
    ok "history of a prefix: removed, then added again" ||
    notok "history of a prefix" "$(cat "$T/out")"
run "$MCWATCH" history $R "mimecast api" -f json
[ "$status" -eq 0 ] && [ "$(grep -c "\"snapshot\"" "$T/out")" = 11 ] &&
    grep -q '"change": "changed"' "$T/out" &&
    grep -q '"url": "https://us-api.mimecast.com/v2"' "$T/out" &&
    ok "history of an application, as JSON: 9 added, 2 changed" ||
    notok "history of an application" "exit $status"
run "$MCWATCH" history $R nothing-like-this
[ "$status" -eq 0 ] && grep -q "no record matching 'nothing-like-this'" "$T/out" &&
    ok "history: nothing matching is said, exit 0" || notok "history: nothing matching"
run "$MCWATCH" history $R
expect "history: no QUERY" 2 "want one QUERY"

# A broken snapshot (its mimecast.json no dataset: anyone with push access
# can commit one) is named in a warning by history and publish, never read
# as "every record removed", and the next snapshot is compared with the
# one before it.
git clone -q "$T/r" "$T/b"
g() { git -C "$T/b" -c user.name=t -c user.email=t@example.com "$@"; }
cp "$T/b/mimecast.json" "$T/good.json"
echo '<html>login</html>' > "$T/b/mimecast.json"
g commit -qam broken
broken=$(git -C "$T/b" rev-parse HEAD)
cp "$T/good.json" "$T/b/mimecast.json"
g commit -qam whole-again
run "$MCWATCH" history --repo "$T/b" 207.211.30.45
[ "$status" -eq 0 ] && grep -q "warning: snapshot $(echo "$broken" | cut -c1-12): its mimecast.json is missing or not one mcwatch writes" "$T/err" &&
    [ "$(grep -c . "$T/out")" = 4 ] && ! grep -q "$(echo "$broken" | cut -c1-7)" "$T/out" &&
    ok "history: a broken snapshot is named in a warning, no record removed or re-added at it" ||
    notok "history at a broken snapshot" "exit $status" "$(head -2 "$T/err")" "$(cat "$T/out")"
run "$MCWATCH" publish --repo "$T/b" --out "$T/site"
[ "$status" -eq 0 ] && grep -q "publish: warning: snapshot $(echo "$broken" | cut -c1-12): its mimecast.json is missing" "$T/err" &&
    /usr/bin/python3 -c '
import json, sys
c = {e["to"]: e for e in json.load(open(sys.argv[1]))}
e = c[sys.argv[2]]
assert not e["added"] and not e["removed"] and not e["changed"], e
assert len(c) == 5
' "$T/site/changes.json" "$broken" &&
    ok "publish: a broken snapshot named in a warning, published with no change" ||
    notok "publish at a broken snapshot" "exit $status" "$(head -3 "$T/err")"
# Again, from the memo of the first: told again, the same site.
run "$MCWATCH" publish --repo "$T/b" --out "$T/site2"
[ "$status" -eq 0 ] && grep -q "publish: warning: snapshot $(echo "$broken" | cut -c1-12): its mimecast.json is missing" "$T/err" &&
    diff -r "$T/site" "$T/site2" > /dev/null &&
    ok "publish again (from its memo): the broken snapshot named again, the same site" ||
    notok "publish again at a broken snapshot" "exit $status" "$(head -3 "$T/err")"
finish
