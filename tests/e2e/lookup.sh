# End-to-end: mcwatch lookup, against grepcidr on the same addresses.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
R="--repo $T/r"

run "$MCWATCH" lookup $R 207.211.30.45 198.18.0.1 2001:db8:de::1
if [ "$status" -eq 0 ] &&
    grep -qx "207.211.30.45  us non-SPF range 207.211.30.40 - 207.211.30.49; us gateway network 207.211.30.0/24" "$T/out" &&
    grep -qx "198.18.0.1  not Mimecast" "$T/out" &&
    grep -qx "2001:db8:de::1  de gateway network 2001:db8:de::/48" "$T/out"; then
	ok "lookup: region, list and record; every record an address is in"
else
	notok "lookup" "exit $status" "$(head -3 "$T/out")"
fi
printf 'Nov 28 13:29:50 mx smtpd[1]: connect from x[207.211.31.5]: at 10.0.0.1.\nno address here\n' |
    "$MCWATCH" lookup $R > "$T/out"
[ "$(cat "$T/out")" = "$(printf '207.211.31.5  us gateway network 207.211.31.0/25\n10.0.0.1  not Mimecast')" ] &&
    ok "lookup: addresses picked out of log lines on stdin" ||
    notok "lookup: log lines" "$(cat "$T/out")"
run "$MCWATCH" lookup -q $R 207.211.31.5 146.101.202.134
[ "$status" -eq 0 ] && [ ! -s "$T/out" ] && ok "lookup -q: all Mimecast's, exit 0" ||
    notok "lookup -q: exit 0" "exit $status"
run "$MCWATCH" lookup -q $R 207.211.31.5 10.9.9.9
expect "lookup -q: one is not, exit 1" 1
run "$MCWATCH" lookup $R 300.1.1.1
expect "lookup: an argument that is no address" 2 "not an address: '300.1.1.1'"

# The same answers as grepcidr over 20,000 addresses in and around the
# lists (every address the records hold, the neighbours of their ends).
if command -v grepcidr > /dev/null; then
	awk 'BEGIN { srand(11); for (i = 0; i < 20000; i++) {
	    if (i % 2) printf "%d.%d.%d.%d\n", 170 + int(rand() * 50),
		int(rand() * 256), int(rand() * 256), int(rand() * 256)
	    else printf "%s.%d\n", (i % 4 ? "207.211.31" : "170.10.157"),
		int(rand() * 256) } }' > "$T/addrs"
	cat "$T/r/cidr/all-v4.txt" > "$T/list"
	grepcidr -f "$T/list" "$T/addrs" | sort > "$T/want"
	"$MCWATCH" lookup $R < "$T/addrs" | grep -v "not Mimecast$" |
	    cut -d' ' -f1 | sort > "$T/got"
	[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" &&
	    ok "lookup agrees with grepcidr on 20,000 addresses ($(wc -l < "$T/got") Mimecast's)" ||
	    notok "lookup agrees with grepcidr" "$(diff "$T/want" "$T/got" | head -3)"
else
	skip "lookup agrees with grepcidr" "no grepcidr"
fi

finish
