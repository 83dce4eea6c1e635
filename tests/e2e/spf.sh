# End-to-end: mcwatch spf, the SPF netblocks against the page, asking a
# real DNS server (dnsmasq) on 127.0.0.1 at a port picked here, and test
# servers that answer SERVFAIL or nothing at all.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
if ! command -v dnsmasq > /dev/null; then
	skip "mcwatch spf against dnsmasq" "no dnsmasq (Debian: dnsmasq-base)"
	finish
	exit
fi
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
R="--repo $T/r"

# spf_of CODE: "ip4:A ip4:B ... ip6:C" of the region's gateway lists.
spf_of() {
	for f in "$T/r/cidr/$1/gateway-v4.txt" "$T/r/cidr/$1/gateway-v6.txt"; do
		[ -f "$f" ] || continue
		case $f in *v4.txt) k=ip4 ;; *) k=ip6 ;; esac
		sed "s/^/$k:/" "$f"
	done | tr '\n' ' ' | sed 's/ $//'
}
N=_netblocks.mimecast.com
us=$(spf_of us)
# us: split into two strings of one record (joined as RFC 7208 3.3 says).
us1=${us%% ip4:205*}
us2=${us#"$us1"}
: > "$T/zone"
txt() { printf -- '--txt-record=%s\n' "$1" >> "$T/zone"; }
txt "us.$N,\"v=spf1 $us1\",\"$us2 ~all\""
# uk: nested includes, a redirect.
uk=$(spf_of uk)
txt "eu.$N,\"v=spf1 include:eu1.test.example ~all\""
txt "eu1.test.example,\"v=spf1 ${uk%% *} include:eu2.test.example\""
txt "eu2.test.example,\"v=spf1 redirect=eu3.test.example\""
txt "eu3.test.example,\"v=spf1 ${uk#* } -all\""
for c in de ca za au usb; do
	txt "$c.$N,\"v=spf1 $(spf_of "$c") ~all\""
done
# global: every region's networks (no gateway network of its own), in
# strings of 200 bytes at most, joined without a space (RFC 7208 3.3).
txt "$N,$(echo "v=spf1 a:relay.example $(spf_of '') ~all" | fold -w 200 | sed 's/.*/"&"/' | paste -sd, -)"
# Disagreements, loops, too many lookups, under names of their own.
txt "us-missing.test.example,\"v=spf1 ${us#* } ~all\""
txt "za-extra.test.example,\"v=spf1 $(spf_of za) ip4:192.0.2.0/24 ~all\""
txt "loop1.test.example,\"v=spf1 include:loop2.test.example\""
txt "loop2.test.example,\"v=spf1 include:loop1.test.example\""
for i in $(seq 0 11); do
	txt "deep$i.test.example,\"v=spf1 include:deep$((i + 1)).test.example\""
done
txt "deep12.test.example,\"v=spf1 $(spf_of ca)\""
txt "jer.test.example,\"v=spf1 $(spf_of jer) ~all\""
# A hostile record: 21 KB of terms, over the answer's cap (TCP, then cut).
big=$("$PY" -c 'print(" ".join("ip4:10.%d.%d.0/24" % (i // 256, i % 256) for i in range(1200)))')
txt "huge.test.example,\"v=spf1 $big ~all\""

# dnsmasq on a free port: a few tries, in case another took it.
for try in 1 2 3 4 5; do
	dport=$("$PY" -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	xargs dnsmasq -k --port="$dport" --listen-address=127.0.0.1 \
	    --bind-interfaces --no-resolv --no-hosts --conf-file=/dev/null \
	    --pid-file= --user="$(id -un)" --local=/mimecast.com/ \
	    --local=/test.example/ --log-facility=- < "$T/zone" \
	    > "$T/dnsmasq.log" 2>&1 &
	dpid=$!
	pids="$pids $dpid"
	sleep 0.5
	kill -0 "$dpid" 2> /dev/null && break
done
D="--dns 127.0.0.1:$dport"

run "$MCWATCH" spf $R $D
[ "$status" -eq 0 ] && grep -q "^us  United States of America: us.$N, 14 ranges, 0 lookups: agrees" "$T/out" &&
    grep -q "^uk  .*: eu.$N, 2 ranges, 3 lookups: agrees" "$T/out" &&
    grep -q "^jer  no SPF name" "$T/out" && [ "$(grep -c agrees "$T/out")" -eq 8 ] &&
    ok "agreement: split strings, nested includes and a redirect, IPv6 terms; a region with no SPF name said" ||
    notok "agreement" "exit $status" "$(head -12 "$T/out")" "$(head -3 "$T/err")"
grep -q "^    not understood: a:relay.example (in $N)" "$T/out" &&
    ok "a mechanism it does not read (a:) is told, not dropped" ||
    notok "not understood" "$(grep global "$T/out")"
n6=0
for c in us uk de ca za au usb; do
	[ -s "$T/r/cidr/$c/gateway-v6.txt" ] || continue
	n6=$(wc -l < "$T/r/cidr/$c/gateway-v6.txt")
	n=$(($(wc -l < "$T/r/cidr/$c/gateway-v4.txt") + n6))
	break
done
if [ "$n6" -gt 0 ]; then
	grep -q "^$c  .*, $n ranges, .*agrees" "$T/out" &&
	    ok "IPv6 terms read and compared ($c: $n6 of $n ranges)" ||
	    notok "IPv6 terms ($c, $n ranges)" "$(grep "^$c " "$T/out")"
else
	skip "IPv6 terms" "the sample has no IPv6 gateway network"
fi

run "$MCWATCH" spf $R $D --spf-name us=us-missing.test.example --region us
first=$(echo "$us" | cut -d' ' -f1 | cut -d: -f2)
[ "$status" -eq 1 ] && [ "$(grep -c . "$T/out")" -eq 2 ] &&
    grep -q "^    page only: $first (a gateway network of us that no SPF range covers)" "$T/out" &&
    ok "a page network missing from SPF: exit 1, named with its region" ||
    notok "page network missing" "exit $status" "$(cat "$T/out")"
run "$MCWATCH" spf $R $D --spf-name za=za-extra.test.example --region za -f json
[ "$status" -eq 1 ] && "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["agree"] is False
[r] = d["regions"]
assert r["region_code"] == "za" and r["spf_only"] == ["192.0.2.0/24"], r
assert r["page_only"] == [] and r["name"] == "za-extra.test.example", r
' "$T/out" && ok "an extra SPF range: exit 1, in JSON" ||
    notok "extra SPF range" "exit $status" "$(head -5 "$T/out")"

run "$MCWATCH" spf $R $D --spf-name au=loop1.test.example --region au
[ "$status" -eq 3 ] && grep -q "region au: spf loop2.test.example: an include loop: loop1.test.example is read already" "$T/err" &&
    ok "an include loop: exit 3, a clear error" || notok "include loop" "exit $status" "$(cat "$T/err")"
run "$MCWATCH" spf $R $D --spf-name ca=deep0.test.example --region ca
[ "$status" -eq 3 ] && grep -q "more than 10 DNS lookups (RFC 7208 4.6.4)" "$T/err" &&
    ok "more than 10 lookups: exit 3" || notok "more than 10 lookups" "exit $status" "$(cat "$T/err")"
run "$MCWATCH" spf $R $D --spf-name us=huge.test.example --region us
[ "$status" -eq 3 ] && grep -q "dns huge.test.example from 127.0.0.1:$dport: an answer over 16384 bytes" "$T/err" &&
    ok "a 21 KB TXT record: exit 3, the cap named" || notok "a huge record" "exit $status" "$(cat "$T/err")"
run "$MCWATCH" spf $R $D --spf-name usb=nowhere.test.example --region usb
[ "$status" -eq 3 ] && grep -q "dns nowhere.test.example from 127.0.0.1:$dport: no such name (NXDOMAIN)" "$T/err" &&
    ok "NXDOMAIN of a name the mapping needs: exit 3" || notok "NXDOMAIN" "exit $status" "$(cat "$T/err")"

# The configuration: spf.name.CODE and spf.dns.
printf '[spf]\n\tdns = 127.0.0.1:%s\n[spf "name"]\n\tjer = jer.test.example\n' "$dport" > "$T/conf"
run "$MCWATCH" spf $R --config "$T/conf" --region jer
[ "$status" -eq 0 ] && grep -q "^jer  .*: jer.test.example, .*agrees" "$T/out" &&
    ok "spf.name.jer and spf.dns from the configuration" ||
    notok "spf keys" "exit $status" "$(cat "$T/out" "$T/err")"

start_py fail dnsfail.py servfail
run "$MCWATCH" spf $R --dns "127.0.0.1:$port" --region us
[ "$status" -eq 3 ] && grep -q "dns us.$N from 127.0.0.1:$port: the server failed (SERVFAIL)" "$T/err" &&
    ok "SERVFAIL: exit 3, said" || notok "SERVFAIL" "exit $status" "$(cat "$T/err")"
start_py silent dnsfail.py silent
run "$MCWATCH" spf $R --dns "127.0.0.1:$port" --region us --timeout 1
[ "$status" -eq 3 ] && grep -q "no answer within 1000 ms" "$T/err" && [ "$secs" -le 3 ] &&
    ok "a server that does not answer: exit 3 within the timeout (${secs}s)" ||
    notok "timeout" "exit $status, ${secs}s" "$(cat "$T/err")"

run "$MCWATCH" spf $R $D --region zz
expect "a region the snapshot lacks: usage" 2 "--region zz: no such region"
run "$MCWATCH" spf $R --dns dns.example.com
expect "--dns must be an address" 2 "--dns dns.example.com: want an address"
run "$MCWATCH" spf $R $D --spf-name 'us=evil.example
Bcc: x'
expect "--spf-name: a name that is no domain name is a usage error" 2 "--spf-name: want CODE=NAME"
run "$MCWATCH" spf $R $D --spf-name 'U S=us.example'
expect "--spf-name: a code that is no region code is a usage error" 2 "--spf-name: want CODE=NAME"
run "$MCWATCH" spf --repo "$T/none" $D
expect "no repository: exit 5" 5
finish
