# End-to-end: mcwatch export. Each format against its golden file and fed
# to its real consumer where Debian has it (iprange, nft -c, ipset restore
# in a throw-away network namespace, postmap); merged and m365 proven to
# hold exactly the records' addresses.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
R="--repo $T/r"

for f in cidr merged m365 ipset nft postfix; do
	run "$MCWATCH" export $R -f $f
	[ "$status" -eq 0 ] || notok "export -f $f" "exit $status"
	same "export -f $f: golden" "$T/out" "$G/export.$f"
	cp "$T/out" "$T/$f.out"
done
run "$MCWATCH" export $R -f m365 --powershell --region us
same "export -f m365 --powershell: golden" "$T/out" "$G/export.m365.ps1"
run "$MCWATCH" export $R -f csv --section urls --region GLOBAL
same "export -f csv --section urls --region GLOBAL: golden" "$T/out" \
    "$G/export.urls.csv"

# The snapshot keeps the same lists ready-made: no mcwatch needed to read.
"$MCWATCH" export $R -f merged --region us --section gateway --family 4 > "$T/a"
"$MCWATCH" export $R -f merged --family 6 > "$T/b"
"$MCWATCH" export $R -f m365 --section gateway > "$T/c"
cmp -s "$T/a" "$T/r/merged/us/gateway-v4.txt" &&
    cmp -s "$T/b" "$T/r/merged/all-v6.txt" &&
    cmp -s "$T/m365.out" "$T/r/m365/all.txt" &&
    cmp -s "$T/c" "$T/r/m365/gateway.txt" &&
    ok "the snapshot's merged/ and m365/ files equal the exports" ||
    notok "the snapshot's merged/ and m365/ files"

# Exact: the same addresses as the records, by iprange's count of the
# union (|A| = |B| = |A u B| means A = B).
if command -v iprange > /dev/null; then
	"$MCWATCH" show $R -f csv | awk -F, '$1 == "network" && $5 !~ /:/ { print $5 }
	    $1 == "range" && $6 !~ /:/ { print $6 "-" $7 }' > "$T/records.v4"
	"$MCWATCH" export $R -f merged --family 4 > "$T/merged.v4"
	all=$(iprange -C "$T/records.v4" | cut -d, -f2)
	m=$(iprange -C "$T/merged.v4" | cut -d, -f2)
	m365=$(iprange -C "$T/m365.out" | cut -d, -f2)
	u=$(iprange -C "$T/records.v4" "$T/merged.v4" "$T/m365.out" | cut -d, -f2)
	[ "$all" = "$m" ] && [ "$m" = "$m365" ] && [ "$m" = "$u" ] &&
	    [ "$(wc -l < "$T/merged.v4")" -le "$(iprange "$T/records.v4" | wc -l)" ] &&
	    ok "merged and m365 hold exactly the records' $all IPv4 addresses, merged minimal" ||
	    notok "merged and m365 exact" "records $all, merged $m, m365 $m365, union $u"
else
	skip "merged and m365 exact (iprange)" "no iprange"
fi
# The same proof on every page of the test suite that holds networks.
if command -v iprange > /dev/null; then
	bad=""
	for page in "$F"/*.html "$TOP"/samples/*.html; do
		rm -rf "$T/p"
		"$MCWATCH" run -q --repo "$T/p" --url "$page" --accept \
		    > /dev/null 2>&1 || continue
		"$MCWATCH" show --repo "$T/p" -f csv 2> /dev/null | awk -F, '
		    $1 == "network" && $5 !~ /:/ { print $5 }
		    $1 == "range" && $6 !~ /:/ { print $6 "-" $7 }' > "$T/rec"
		[ -s "$T/rec" ] || continue
		"$MCWATCH" export --repo "$T/p" -f merged --family 4 > "$T/m"
		"$MCWATCH" export --repo "$T/p" -f m365 > "$T/m3" || continue
		a=$(iprange -C "$T/rec" | cut -d, -f2)
		b=$(iprange -C "$T/m" | cut -d, -f2)
		c=$(iprange -C "$T/m3" | cut -d, -f2)
		u=$(iprange -C "$T/rec" "$T/m" "$T/m3" | cut -d, -f2)
		[ "$a" = "$b" ] && [ "$b" = "$c" ] && [ "$c" = "$u" ] ||
		    bad="$bad $(basename "$page")"
	done
	[ -z "$bad" ] && ok "merged and m365 exact on every page of the test suite" ||
	    notok "merged and m365 exact on every page" "$bad"
fi
awk -F/ '$2 < 24 { bad = 1 } END { exit bad }' "$T/m365.out" &&
    ok "m365: /24 to /32 only" || notok "m365: /24 to /32 only"
grep -q ':' "$T/m365.out" && notok "m365: IPv4 only" || ok "m365: IPv4 only"

# Real consumers.
if command -v nft > /dev/null; then
	nft -c -f "$T/nft.out" 2> "$T/err" && ok "nft -c -f loads the set" ||
	    notok "nft -c -f loads the set" "$(head -3 "$T/err")"
else
	skip "nft -c -f loads the set" "no nft"
fi
if command -v ipset > /dev/null && unshare -n true 2> /dev/null; then
	unshare -n sh -c "ipset restore < '$T/ipset.out' &&
	    ipset restore < '$T/ipset.out' && ipset list mimecast4" > "$T/sets" 2>&1
	st=$?
	n=$(sed -n 's/^Number of entries: //p' "$T/sets")
	[ "$st" -eq 0 ] && [ "$n" = "$(grep -c '^add mimecast4-new ' "$T/ipset.out")" ] &&
	    ok "ipset restore, twice (swap): mimecast4 holds $n entries" ||
	    notok "ipset restore" "exit $st" "$(head -3 "$T/sets")"
else
	skip "ipset restore" "no ipset, or no network namespace"
fi
if command -v postmap > /dev/null; then
	cp "$T/postfix.out" "$T/access.cidr"
	mkdir -p "$T/pf" && : > "$T/pf/main.cf"
	pm() { postmap -c "$T/pf" -q "$1" "cidr:$T/access.cidr"; }
	[ "$(pm 207.211.31.5)" = OK ] && [ "$(pm 2001:db8:de::1)" = OK ] &&
	    ! pm 198.18.0.1 > /dev/null &&
	    ok "postmap -q reads the cidr: table (IPv4 and IPv6)" ||
	    notok "postmap -q reads the cidr: table"
else
	skip "postmap reads the cidr: table" "no postfix"
fi

# --output: whole or not at all, never through a symlink (converge.sh).
echo old > "$T/list.txt"
run "$MCWATCH" export $R -f merged --output "$T/list.txt"
[ "$status" -eq 0 ] && cmp -s "$T/list.txt" "$T/merged.out" &&
    [ -z "$(ls -a "$T" | grep '\.tmp$')" ] &&
    ok "--output: a regular file replaced whole" ||
    notok "--output" "exit $status"

# Selection errors are usage errors.
run "$MCWATCH" export $R -f merged --region xx
expect "an unknown region" 2 "no region 'xx'"
run "$MCWATCH" export $R -f merged --section hosts
expect "an unknown section" 2 "unknown section 'hosts'"
run "$MCWATCH" export $R -f m365 --family 6
expect "m365 --family 6" 2 "m365 takes IPv4 only"
run "$MCWATCH" export $R
expect "no format" 2 "no format"
run "$MCWATCH" export $R -f yaml
expect "an unknown format" 2 "unknown format 'yaml'"

# Over 1273 entries, m365 refuses rather than write a list too long.
{ echo "<h2>Germany</h2><h3>IP Addresses and Network Ranges</h3><table>"
  echo "<tr><th>Network</th><th>Netmask</th></tr>"
  echo "<tr><td>10.0.0.0/13</td><td>255.248.0.0</td></tr>"
  echo "<tr><td>192.0.2.0/24</td><td>255.255.255.0</td></tr></table>"
  echo "<h3>Application URLs</h3><table><tr><th>Application</th><th>URL</th></tr>"
  echo "<tr><td>API</td><td>https://de.example/</td></tr></table>"; } > "$T/wide.html"
"$MCWATCH" run -q --repo "$T/w" --url "$T/wide.html" > /dev/null 2>&1
run "$MCWATCH" export --repo "$T/w" -f m365
expect "m365 over 1273 entries: refused, exit 2" 2 "more entries than the 1273"
run "$MCWATCH" export --repo "$T/w" -f m365 --section gateway
[ "$status" -eq 2 ] && [ ! -s "$T/out" ] && ok "nothing written when refused" ||
    notok "nothing written when refused"
# One rule past the limit, wherever the lists are kept: no file.
"$MCWATCH" publish --repo "$T/w" --out "$T/wsite" > /dev/null 2>&1
[ ! -e "$T/w/m365/all.txt" ] && [ ! -e "$T/wsite/lists/m365/all.txt" ] &&
    [ -s "$T/w/merged/all-v4.txt" ] &&
    cmp -s "$T/w/merged/all-v4.txt" "$T/wsite/lists/merged/all-v4.txt" &&
    ok "past 1273 entries: no m365 file in the snapshot nor in the site; the same other lists" ||
    notok "one rule past the m365 limit"

finish
