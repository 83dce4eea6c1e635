# End-to-end: a range the page retires. Struck through, it is reported at
# once as live -> retiring and leaves every allow list that night; deleted
# weeks later, its removal is reported as that of a retiring record and is
# not counted by the anomaly guard; history tells all three steps.
. "$TOP/tests/e2e/lib.sh"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
R="--repo $T/r"

page() {
	{
		echo '<h2>Germany</h2><h3>IP Addresses and Network Ranges</h3>'
		echo '<table><tr><th>Network</th><th>Netmask</th></tr>'
		echo '<tr><td>192.0.2.0/24</td><td>255.255.255.0</td></tr>'
		[ "$1" = live ] &&
		    echo '<tr><td>198.51.100.0/24</td><td>255.255.255.0</td></tr>'
		[ "$1" = struck ] &&
		    echo '<tr><td><del>198.51.100.0/24</del></td><td>255.255.255.0</td></tr>'
		echo '</table>'
	} > "$T/page.html"
}

page live
run "$MCWATCH" run -q $R --url "$T/page.html"
expect "retire: baseline" 0
page struck
run "$MCWATCH" run -q $R --url "$T/page.html" --exit-code
expect "retire: struck through: a change" 1
grep -q "~ gateway network 198.51.100.0/24 (retiring: struck through on the page)" "$T/out" &&
    grep -q "status: live -> retiring" "$T/out" &&
    ok "retire: struck through: reported at once as live -> retiring" ||
    notok "retire: live -> retiring reported" "$(cat "$T/out")"
same_list() {
	printf '%s\n' $2 > "$T/want"
	if cmp -s "$T/want" "$1"; then
		ok "retire: $3"
	else
		notok "retire: $3" "$(diff "$T/want" "$1" | head -5)"
	fi
}
same_list "$T/r/cidr/all-v4.txt" "192.0.2.0/24" \
    "the snapshot's cidr/all-v4.txt leaves the retiring network out"
same_list "$T/r/merged/de/gateway-v4.txt" "192.0.2.0/24" \
    "merged/de/gateway-v4.txt too"
"$MCWATCH" export $R -f cidr > "$T/x"
same_list "$T/x" "192.0.2.0/24" "export leaves it out"
"$MCWATCH" export $R -f cidr --retiring > "$T/x"
same_list "$T/x" "192.0.2.0/24 198.51.100.0/24" "export --retiring keeps it"
"$MCWATCH" export $R -f csv --retiring > "$T/x"
grep -q '^network,Germany,de,.*,198.51.100.0/24,.*,retiring,struck through on the page$' "$T/x" &&
    ok "retire: csv: status and note columns" ||
    notok "retire: csv status" "$(cat "$T/x")"
run "$MCWATCH" lookup $R 198.51.100.7
grep -q "198.51.100.0/24 (retiring: struck through on the page)" "$T/out" &&
    ok "retire: lookup still finds it, and says it is retiring" ||
    notok "retire: lookup" "$(cat "$T/out")"
if command -v ipset > /dev/null && [ "$(id -u)" = 0 ] &&
    unshare -n true 2> /dev/null; then
	"$MCWATCH" export $R -f ipset --family 4 --name mcw4 > "$T/set"
	unshare -n sh -c "ipset restore < '$T/set' && ipset list mcw4" \
	    > "$T/ipset" 2>&1
	grep -q "^192.0.2.0/24" "$T/ipset" && ! grep -q "198.51.100" "$T/ipset" &&
	    ok "retire: ipset restore holds only the live network" ||
	    notok "retire: ipset" "$(cat "$T/ipset")"
else
	skip "retire: ipset restore of the export" "needs root, ipset and unshare -n"
fi

# Deleted: the removal of a retiring record, 1 of 2 records, yet no guard.
page gone
run "$MCWATCH" run -q $R --url "$T/page.html" --max-removal 10
expect "retire: deleted: recorded (a retiring record's removal is no anomaly)" 0
grep -q "^    - gateway network 198.51.100.0/24 (retiring: struck through on the page)" "$T/out" &&
    ok "retire: deleted: reported as the removal of a retiring record" ||
    notok "retire: removal of a retiring record" "$(cat "$T/out")"
run "$MCWATCH" history $R 198.51.100.0/24
[ "$(grep -c '198.51.100.0/24' "$T/out")" -eq 3 ] &&
    grep -q '  + de gateway network 198.51.100.0/24' "$T/out" &&
    grep -q '  ~ de gateway network .*status: live -> retiring' "$T/out" &&
    grep -q '  - de gateway network 198.51.100.0/24 (retiring' "$T/out" &&
    ok "retire: history: added, retiring, removed" ||
    notok "retire: history" "$(cat "$T/out")"

# A live record removed is still an anomaly past the limit.
page live
"$MCWATCH" run -q $R --url "$T/page.html" > /dev/null 2>&1
page gone
run "$MCWATCH" run -q $R --url "$T/page.html" --max-removal 10
expect "retire: a live record's removal still counts for the guard" 4 \
    "over the 10.0% limit"
finish
