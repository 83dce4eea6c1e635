# End-to-end: run --spf, the second source recorded beside the page: a
# real DNS server (dnsmasq) on 127.0.0.1 at a port picked here, restarted
# with another zone to change the answer, a real SMTP server for the
# mail, and a server that answers SERVFAIL for a failure.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
if ! command -v dnsmasq > /dev/null; then
	skip "run --spf against dnsmasq" "no dnsmasq (Debian: dnsmasq-base)"
	finish
	exit
fi
if ! "$PY" -c "import aiosmtpd" 2> /dev/null; then
	skip "run --spf with mail" "no python3-aiosmtpd"
	finish
	exit
fi
# The page's gateway networks, read from a repository made without --spf.
"$MCWATCH" run -q --repo "$T/plain" --url "$S" > /dev/null 2>&1
spf_of() {
	for f in "$T/plain/cidr/$1/gateway-v4.txt" \
	    "$T/plain/cidr/$1/gateway-v6.txt"; do
		[ -f "$f" ] || continue
		case $f in *v4.txt) k=ip4 ;; *) k=ip6 ;; esac
		sed "s/^/$k:/" "$f"
	done | tr '\n' ' ' | sed 's/ $//'
}
N=_netblocks.mimecast.com
# zone FILE: the SPF records that agree with the page, region by region.
zone() {
	: > "$1"
	for c in us de ca za au usb; do
		printf -- '--txt-record=%s.%s,"v=spf1 %s ~all"\n' "$c" "$N" \
		    "$(spf_of "$c")" >> "$1"
	done
	printf -- '--txt-record=eu.%s,"v=spf1 %s ~all"\n' "$N" \
	    "$(spf_of uk)" >> "$1"
	# global: every region's networks, in strings of 200 bytes at most.
	all="v=spf1 $(spf_of '') ~all"
	printf -- '--txt-record=%s,%s\n' "$N" "$(echo "$all" | fold -w 200 |
	    sed 's/.*/"&"/' | paste -sd, -)" >> "$1"
}
# dns_start ZONE: dnsmasq serving ZONE (the last one stopped), in $D.
dpid=""
dns_start() {
	[ -n "$dpid" ] && kill "$dpid" 2> /dev/null && wait "$dpid" 2> /dev/null
	for try in 1 2 3 4 5; do
		dport=$("$PY" -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		xargs dnsmasq -k --port="$dport" --listen-address=127.0.0.1 \
		    --bind-interfaces --no-resolv --no-hosts \
		    --conf-file=/dev/null --pid-file= --user="$(id -un)" \
		    --local=/mimecast.com/ --log-facility=- < "$1" \
		    > "$T/dnsmasq.log" 2>&1 &
		dpid=$!
		pids="$pids $dpid"
		sleep 0.5
		kill -0 "$dpid" 2> /dev/null && break
	done
	D="--dns 127.0.0.1:$dport"
}
commits() { git -C "$T/r" rev-list --count HEAD 2> /dev/null || echo 0; }

zone "$T/agree"
dns_start "$T/agree"
start_py smtp smtpd.py
SMTP="--smtp-url smtp://127.0.0.1:$port --smtp-tls none --mail-from mcwatch@example.com --mail-to ops@example.com"
R="--repo $T/r --url $S"

# 1. The baseline records the answers and their lists; they agree.
run "$MCWATCH" run $R --spf $D $SMTP
if [ "$status" -eq 0 ] && [ -f "$T/r/spf.json" ] &&
    grep -q "^SPF netblocks recorded (the second source): .* ranges, the first answer recorded (" "$T/out" &&
    ! grep -q "^Warning: the SPF" "$T/out" &&
    cmp -s "$T/r/cidr/us/spf-v4.txt" "$T/plain/cidr/us/gateway-v4.txt" &&
    cmp -s "$T/r/cidr/ca/spf-v6.txt" "$T/plain/cidr/ca/gateway-v6.txt" &&
    [ "$(cat "$T/r/cidr/spf-v4.txt")" = "$(cat "$T"/r/cidr/*/spf-v4.txt | sort -u | sort -t . -k1,1n -k2,2n -k3,3n -k4,4n)" ] &&
    [ ! -e "$T/r/cidr/jer/spf-v4.txt" ]; then
	ok "the baseline records spf.json and its lists under cidr/, said once in the report"
else
	notok "baseline" "exit $status" "$(head -20 "$T/out")"
fi
"$PY" - "$T/r/spf.json" > "$T/check" 2>&1 <<'EOP'
import json, sys
d = json.load(open(sys.argv[1]))
assert sorted(d) == ["regions", "schema"] and d["schema"] == 1
codes = [r["region_code"] for r in d["regions"]]
assert codes == sorted(codes) and "jer" not in codes, codes
us = [r for r in d["regions"] if r["region_code"] == "us"][0]
assert us["name"] == "us._netblocks.mimecast.com" and len(us["ranges"]) == 14
print("fine")
EOP
grep -q fine "$T/check" && ok "spf.json: schema 1, regions in code order, each name and its ranges" ||
    notok "spf.json" "$(cat "$T/check")"
git -C "$T/r" ls-files --error-unmatch spf.json cidr/spf-v4.txt > /dev/null 2>&1 &&
    ok "spf.json and the SPF lists are in the snapshot's tree" || notok "tree" "$(git -C "$T/r" ls-files | head)"

mime "$T/smtp/1.eml" 'plain' | grep -q "^SPF netblocks recorded (the second source): .* ranges, the first answer recorded" &&
    ok "the baseline mail tells the first SPF answer" ||
    notok "baseline mail" "$(mime "$T/smtp/1.eml" 'plain' | tail -5)"

# 2. The same page, the same answers: nothing new.
c0=$(commits)
run "$MCWATCH" run $R --spf $D $SMTP
[ "$status" -eq 0 ] && grep -qx "no changes" "$T/out" && [ "$(commits)" = "$c0" ] &&
    [ "$(mails smtp)" = 1 ] && ok "the same answers: no changes, no snapshot, no mail" ||
    notok "unchanged" "exit $status, $(commits) commits, $(mails smtp) mails" "$(cat "$T/out")"
run "$MCWATCH" status --repo "$T/r"
[ "$status" -eq 0 ] && grep -q "^MCWATCH OK" "$T/out" && ok "status OK while they agree" ||
    notok "status OK" "exit $status" "$(head -3 "$T/out")"

# 3. The answer changes: a range gone from us, one more in za.
us=$(spf_of us)
gone=${us##* ip4:}; gone=${gone%% *}
sed "/^--txt-record=us\./s| ip4:$gone||; s|^\(--txt-record=za\.[^\"]*\"v=spf1 \)|\1ip4:192.0.2.0/24 |" "$T/agree" > "$T/changed"
dns_start "$T/changed"
smtp_port=$port
start_py wh webhook.py
WH="http://127.0.0.1:$port/hook"
port=$smtp_port
run "$MCWATCH" run $R --spf $D $SMTP --webhook "$WH"
f="$T/smtp/2.eml"
if [ "$status" -eq 0 ] && [ "$(commits)" = "$((c0 + 1))" ] &&
    [ "$(git -C "$T/r" rev-parse HEAD:mimecast.json)" = "$(git -C "$T/r" rev-parse HEAD~1:mimecast.json)" ] &&
    [ "$(git -C "$T/r" rev-parse HEAD:page.html)" = "$(git -C "$T/r" rev-parse HEAD~1:page.html)" ] &&
    grep -q "^Mimecast changed: SPF +1 -1 (us, za)" "$T/out" &&
    grep -q "^the page's data: no changes" "$T/out" &&
    grep -q "^    - us: $gone (an SPF range removed)" "$T/out" &&
    grep -q "^    + za: 192.0.2.0/24 (an SPF range added)" "$T/out" &&
    grep -q "^    ! us: $gone (a gateway network on the page that no SPF range covers)" "$T/out" &&
    grep -q "^    ! za: 192.0.2.0/24 (an SPF range that no gateway network on the page covers)" "$T/out"; then
	ok "an SPF change alone: a snapshot with the page's files as they were, its own section and the disagreement"
else
	notok "SPF change" "exit $status, $(commits) commits" "$(head -24 "$T/out")"
fi
[ "$(mails smtp)" = 2 ] &&
    mime "$f" 'm["Subject"]' | grep -q "^\[mcwatch\] Mimecast changed: +0 -0 ~0, SPF +1 -1 (US, ZA)$" &&
    mime "$f" 'plain' | grep -q "^    - us: $gone (an SPF range removed)" &&
    mime "$f" 'plain' | grep -q "^Warning: the SPF netblocks and the page disagree" &&
    mime "$f" 'html' | grep -q "SPF netblocks (the second source)" &&
    mime "$f" 'html' | grep -q "$gone" &&
    ok "the mail: subject, text and HTML carry the SPF change and the warning" ||
    notok "SPF mail" "$(mails smtp) mails" "$(mime "$f" 'm["Subject"]')"
"$PY" - "$T/wh/1.json" "$gone" > "$T/check" 2>&1 <<'EOP'
import json, sys
m = json.load(open(sys.argv[1]))
assert m["kind"] == "change", m["kind"]
assert {"region_code": "us", "range": sys.argv[2]} in m["diff"]["spf"]["removed"]
assert "SPF netblocks changed (the second source)" in m["text"]
assert m["summary"].startswith("[mcwatch] Mimecast changed: +0 -0 ~0, SPF +1 -1")
print("fine")
EOP
grep -q fine "$T/check" && ok "the webhook: its diff's spf and its text carry the SPF change" ||
    notok "SPF webhook" "$(tail -3 "$T/check")"
git -C "$T/r" log -1 --format=%B > "$T/msg"
grep -q "^Mimecast: SPF +1 -1 (us, za)" "$T/msg" && grep -q "^    - us: $gone" "$T/msg" &&
    ok "the commit message tells the SPF change" || notok "commit message" "$(head -5 "$T/msg")"
run "$MCWATCH" status --repo "$T/r"
[ "$status" -eq 1 ] && grep -q "^MCWATCH WARNING - SPF: 2 ranges disagree with the page (us, za)" "$T/out" &&
    grep -q "^SPF warning: " "$T/out" &&
    ok "status: WARNING while SPF and the page disagree" ||
    notok "status WARNING" "exit $status" "$(head -3 "$T/out")"
run "$MCWATCH" run $R --spf $D -q
[ "$status" -eq 0 ] && [ ! -s "$T/out" ] && [ "$(commits)" = "$((c0 + 1))" ] &&
    ! grep -q "disagree" "$T/err" && ok "a disagreement is no change: -q prints nothing of it, status keeps it" ||
    notok "disagreement quiet" "exit $status" "$(cat "$T/out")"

# 4. A server that fails: never "every SPF range removed".
start_py fail dnsfail.py servfail
c1=$(commits)
cp "$T/r/spf.json" "$T/spf.before"
run "$MCWATCH" run $R --spf --dns "127.0.0.1:$port" --spf-timeout 2 $SMTP
if [ "$status" -eq 3 ] && [ "$(commits)" = "$c1" ] && cmp -s "$T/r/spf.json" "$T/spf.before" &&
    grep -q "^    ! us: no SPF answer; the last one recorded is kept: dns us.$N from 127.0.0.1:$port: the server failed (SERVFAIL)" "$T/err" &&
    grep -q "run: SPF netblocks: 8 regions without an answer; the last answer recorded is kept" "$T/err" &&
    ! grep -q "removed" "$T/out" "$T/err" && [ "$(mails smtp)" = 2 ]; then
	ok "SERVFAIL: exit 3, the last answers kept, no snapshot, no mail, nothing removed"
else
	notok "SERVFAIL" "exit $status, $(commits) commits, $(mails smtp) mails" "$(head -4 "$T/err")"
fi
run "$MCWATCH" status --repo "$T/r"
grep -q "^MCWATCH WARNING - SPF: 2 ranges disagree with the page, 8 regions without an answer" "$T/out" &&
    ok "status names the regions without an answer" || notok "status failure" "$(head -2 "$T/out")"

# 5. An empty answer for one region is that region's failure.
sed 's|^\(--txt-record=de\.[^,]*\),.*|\1,"v=spf1 ~all"|' "$T/changed" > "$T/empty"
dns_start "$T/empty"
run "$MCWATCH" run $R --spf $D
[ "$status" -eq 3 ] && [ "$(commits)" = "$c1" ] &&
    grep -q "^    ! de: no SPF answer; the last one recorded is kept: spf de.$N: no ip4: or ip6: range at all" "$T/err" &&
    [ "$(grep -c "no SPF answer" "$T/err")" = 1 ] &&
    ok "an empty answer: a failure of its region alone, the last answer kept" ||
    notok "empty answer" "exit $status, $(commits) commits" "$(head -4 "$T/err")"

# 6. A delivery that fails is sent later, rebuilt from the repository; the
# page's bytes another (a cosmetic edit): read, the same data, the latest
# snapshot's page files kept.
dns_start "$T/agree"
sed 's|</body>| </body>|' "$S" > "$T/cosmetic.html"
run "$MCWATCH" run --repo "$T/r" --url "$T/cosmetic.html" --spf $D --smtp-url smtp://127.0.0.1:1 --smtp-tls none \
    --mail-from mcwatch@example.com --mail-to ops@example.com --retries 0
p1=$status
run "$MCWATCH" run $R --spf $D $SMTP
f="$T/smtp/3.eml"
if [ "$p1" -eq 8 ] && [ "$status" -eq 0 ] && [ "$(mails smtp)" = 3 ] &&
    [ "$(git -C "$T/r" rev-parse HEAD:page.html)" = "$(git -C "$T/r" rev-parse HEAD~1:page.html)" ] &&
    mime "$f" 'm["Subject"]' | grep -q "^\[mcwatch\] Mimecast changed (delayed): +0 -0 ~0, SPF +1 -1 (US, ZA)$" &&
    mime "$f" 'plain' | grep -q "^    + us: $gone (an SPF range added)" &&
    mime "$f" 'plain' | grep -q "^    - za: 192.0.2.0/24 (an SPF range removed)"; then
	ok "a pending SPF change is mailed by the next run, read back from both snapshots"
else
	notok "pending SPF mail" "exit $p1 then $status, $(mails smtp) mails" "$(mime "$f" 'm["Subject"]')"
fi
run "$MCWATCH" status --repo "$T/r"
grep -q "^MCWATCH OK" "$T/out" && ok "status OK again once they agree" || notok "status OK again" "$(head -1 "$T/out")"

# 7. A forged spf.json on the data branch is read as what it is.
printf '{"schema": 1, "regions": [{"region_code": "us", "name": "us.%s", "ranges": ["10.0.0.1/8"], "not_understood": []}]}' "$N" > "$T/r/spf.json"
git -C "$T/r" -c user.name=x -c user.email=x@example.com commit -qam forged
c2=$(commits)
run "$MCWATCH" run $R --spf $D
[ "$status" -eq 0 ] && grep -q "warning: .*spf.json.*range 1 is not a canonical network" "$T/err" &&
    [ "$(commits)" = "$((c2 + 1))" ] && ! grep -q "10.0.0" "$T/r/spf.json" &&
    ok "a forged spf.json does not read: told, the answers recorded afresh" ||
    notok "forged spf.json" "exit $status, $(commits) commits" "$(head -3 "$T/err")"

# 8. The configuration key, and a dry run.
printf '[spf]\ncheck = true\ndns = 127.0.0.1:%s\n' "$dport" > "$T/config"
dns_start "$T/changed"
sed -i "s|^dns = .*|dns = 127.0.0.1:$dport|" "$T/config"
c3=$(commits)
run "$MCWATCH" run $R --config "$T/config" --dry-run
[ "$status" -eq 0 ] && grep -q "SPF +1 -1 (us, za)" "$T/out" && [ "$(commits)" = "$c3" ] &&
    ok "spf.check = true in the configuration; --dry-run records nothing" ||
    notok "config, dry run" "exit $status, $(commits) commits" "$(head -3 "$T/out")"
run "$MCWATCH" run $R --config "$T/config" -f json
[ "$status" -eq 0 ] && "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))["spf"]
assert [x["region_code"] for x in d["removed"]] == ["us"], d
assert d["added"] == [{"region_code": "za", "range": "192.0.2.0/24"}], d
assert len(d["page_only"]) == 1 and len(d["spf_only"]) == 1 and d["failed"] == []
' "$T/out" 2> "$T/check" && ok "-f json: the spf object, each item with its region code" ||
    notok "json" "exit $status" "$(cat "$T/check")"

# 10 (before 9, whose site it shows). Hostile text in a TXT record: a term
# the walk does not read, with markup, a Markdown link and an escape byte,
# is told as text in the report, the Markdown, the mail and spf.json.
bad="exists:<script>alert(1)</script>.x [y](javascript:alert(2)) *z*$(printf '\033')[2J"
sed "/^--txt-record=de\./s|\"v=spf1 |\"v=spf1 $bad |" "$T/changed" > "$T/hostile"
dns_start "$T/hostile"
run "$MCWATCH" run $R --spf $D $SMTP -f markdown
f="$T/smtp/$(mails smtp).eml"
if [ "$status" -eq 0 ] &&
    grep -qF 'a term now not understood: exists:\<script\>alert(1)\</script\>.x' "$T/out" &&
    grep -qF 'a term now not understood: \[y\](javascript:alert(2))' "$T/out" &&
    grep -qF 'a term now not understood: \*z\*?\[2J' "$T/out" &&
    ! grep -q "$(printf '\033')" "$T/out" "$T/r/spf.json" &&
    ! mime "$f" 'html' | grep -q "<script>" &&
    mime "$f" 'html' | grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" &&
    ! mime "$f" 'plain' | grep -q "$(printf '\033')" &&
    "$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
n = [t for r in d["regions"] for t in r["not_understood"]]
assert len(n) == 3 and all(0x20 <= ord(c) < 0x7f for t in n for c in t), n
' "$T/r/spf.json"; then
	ok "hostile TXT text: escaped in Markdown and HTML, no control byte in the report, the mail or spf.json"
else
	notok "hostile TXT text" "exit $status" "$(grep -i 'not understood' "$T/out" | head -3)"
fi
dns_start "$T/changed"
run "$MCWATCH" run $R --spf $D -q

# 9. The site: the latest answers, each SPF change, the lists.
run "$MCWATCH" publish --repo "$T/r" --out "$T/site"
W="$T/site"
if [ "$status" -eq 0 ] && cmp -s "$W/lists/cidr/us/spf-v4.txt" "$T/r/cidr/us/spf-v4.txt" &&
    cmp -s "$W/lists/cidr/spf-v6.txt" "$T/r/cidr/spf-v6.txt" &&
    grep -q '<section id="spf"><h2>SPF netblocks (the second source)</h2>' "$W/index.html" &&
    grep -q "Warning: where they and the page disagree" "$W/index.html" &&
    grep -q 'href="lists/cidr/us/spf-v4.txt"' "$W/index.html"; then
	ok "publish: index.html's SPF section with its warning, the lists under lists/cidr/"
else
	notok "publish index" "exit $status" "$(grep -o 'id="spf".\{0,200\}' "$W/index.html" | head -2)"
fi
"$PY" - "$W" "$gone" > "$T/check" 2>&1 <<'EOP'
import json, sys, xml.etree.ElementTree as ET
w, gone = sys.argv[1], sys.argv[2]
ch = json.load(open(w + "/changes.json"))
spf = [c for c in ch if "spf" in c and c["spf"]["removed"]]
assert any(r == {"region_code": "us", "range": gone}
           for c in spf for r in c["spf"]["removed"]), spf[:1]
assert all(c["added"] == [] and c["removed"] == [] for c in spf)
ns = {"a": "http://www.w3.org/2005/Atom"}
titles = [e.findtext("a:title", namespaces=ns)
          for e in ET.parse(w + "/feed.atom").getroot().findall("a:entry", ns)]
assert "SPF +1 -1 (us, za)" in titles, titles
html = open(w + "/changes.html").read()
assert "0 added, 0 removed, 0 changed; SPF +1 -1 (us, za)" in html
assert gone in html
print("fine")
EOP
grep -q fine "$T/check" && ok "publish: changes.html, changes.json and feed.atom tell each SPF change" ||
    notok "publish changes" "$(tail -3 "$T/check")"
bad=0 n=0
for id in $(git -C "$T/r" rev-list --first-parent --min-parents=1 HEAD); do
	# A file source is not published: "source" is null on the site.
	"$MCWATCH" diff --repo "$T/r" "$id~1" "$id" -f json 2> /dev/null |
	    sed 's|^  "source": ".*",$|  "source": null,|' > "$T/d.json"
	cmp -s "$T/d.json" "$W/changes/$id.json" || bad=$((bad + 1))
	n=$((n + 1))
done
first=$(git -C "$T/r" rev-list --max-parents=0 HEAD)
[ $bad -eq 0 ] && [ $n -ge 5 ] && grep -q '"spf"' "$W/changes/$(git -C "$T/r" rev-parse HEAD).json" &&
    "$MCWATCH" diff --repo "$T/r" "$first" HEAD 2> /dev/null | grep -q "^SPF netblocks changed (the second source)" &&
    ok "changes/ID.json is 'mcwatch diff PARENT ID -f json' byte for byte (but the file source), the SPF change in both ($n files)" ||
    notok "changes/ID.json and diff" "$bad of $n differ"
if command -v chromium > /dev/null; then
	sed 's|@media (max-width:40em)|@media all|; s|</head>|<style>html{width:390px}</style></head>|; s|</body>|<script>var w=document.documentElement.getBoundingClientRect().width,m=0;document.querySelectorAll("body *").forEach(function(e){var r=e.getBoundingClientRect().right;if(r>m)m=r});document.title="overflow="+(m>w+0.5);</script></body>|' \
	    "$W/index.html" > "$W/check.html"
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" --window-size=390,1600 --dump-dom \
	    "file://$W/check.html" > "$T/dom" 2> /dev/null
	grep -q "<title>overflow=false</title>" "$T/dom" &&
	    ok "chromium: index.html with its SPF section at 390 px: no sideways scroll" ||
	    notok "chromium: SPF section at 390 px" "$(grep -o '<title>[^<]*' "$T/dom")"
else
	skip "chromium: the SPF section at 390 px" "chromium is not installed"
fi
finish
