# End-to-end: feeds that converge. Each export is loaded into its real
# consumer twice, an old snapshot then a newer one in which networks were
# removed (a whole region's among them), and the state the consumer is
# left in must be exactly the new list: nothing missing, nothing stale.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
# The newer page: the sample's next version, Jersey's networks gone.
grep -v '203\.0\.113\.22[4-9]' "$N" > "$T/new.html"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
"$MCWATCH" run -q --repo "$T/r" --url "$T/new.html" --accept > /dev/null 2>&1
R="--repo $T/r"
OLD=$(git -C "$T/r" rev-parse HEAD~1)
[ "$(git -C "$T/r" rev-list --count HEAD)" = 2 ] || notok "two snapshots"
"$MCWATCH" export $R -f merged --family 4 > "$T/want4"
"$MCWATCH" export $R -f merged --family 6 > "$T/want6"

# spans nft|list FILE: the addresses of FILE ('nft -j list set' output, or
# a prefix list) as merged intervals, one a line: auto-merge joins
# adjacent prefixes into ranges, so sets are compared by what they hold.
spans() {
	"$PY" -c '
import ipaddress, json, sys
def num(a):
    return int(ipaddress.ip_address(a))
iv = []
if sys.argv[1] == "list":
    for l in open(sys.argv[2]):
        if l.strip():
            n = ipaddress.ip_network(l.strip())
            iv.append((int(n[0]), int(n[-1])))
else:
    for o in json.load(open(sys.argv[2]))["nftables"]:
        for e in o.get("set", {}).get("elem", []):
            if isinstance(e, dict) and "prefix" in e:
                n = ipaddress.ip_network("%s/%d" % (e["prefix"]["addr"], e["prefix"]["len"]))
                iv.append((int(n[0]), int(n[-1])))
            elif isinstance(e, dict) and "range" in e:
                iv.append(tuple(num(a) for a in e["range"]))
            else:
                iv.append((num(e),) * 2)
out = []
for lo, hi in sorted(iv):
    if out and lo <= out[-1][1] + 1:
        out[-1][1] = max(out[-1][1], hi)
    else:
        out.append([lo, hi])
for lo, hi in out:
    print(lo, hi)' "$1" "$2"
}
elems() { spans nft "$1"; }
intervals() { spans list "$1"; }
intervals "$T/want4" > "$T/w4"
intervals "$T/want6" > "$T/w6"

if command -v nft > /dev/null && unshare -n true 2> /dev/null; then
	"$MCWATCH" export $R -f nft "$OLD" > "$T/old.nft"
	"$MCWATCH" export $R -f nft > "$T/new.nft"
	unshare -n sh -c "nft -f '$T/old.nft' && nft -f '$T/new.nft' &&
	    nft -j list set inet mimecast mimecast4 > '$T/s4.json' &&
	    nft -j list set inet mimecast mimecast6 > '$T/s6.json'" > "$T/nerr" 2>&1
	st=$?
	elems "$T/s4.json" > "$T/got4" 2> /dev/null
	elems "$T/s6.json" > "$T/got6" 2> /dev/null
	if [ "$st" -eq 0 ] && [ -s "$T/got4" ] && cmp -s "$T/got4" "$T/w4" &&
	    cmp -s "$T/got6" "$T/w6"; then
		ok "nft -f old, then new: the sets hold exactly the new lists"
	else
		notok "nft reload" "exit $st" "$(diff "$T/got4" "$T/w4" | head -5)" "$(head -3 "$T/nerr")"
	fi
	# A region whose every network went: its set is emptied, not kept.
	"$MCWATCH" run -q --repo "$T/j" --url "$S" > /dev/null 2>&1
	grep -v '203\.0\.113\.22[4-9]' "$S" > "$T/nojer.html"
	"$MCWATCH" run -q --repo "$T/j" --url "$T/nojer.html" --accept > /dev/null 2>&1
	"$MCWATCH" export --repo "$T/j" -f nft --region jer --name jer HEAD~1 \
	    > "$T/j1.nft"
	"$MCWATCH" export --repo "$T/j" -f nft --region jer --name jer \
	    > "$T/j2.nft" 2> "$T/j2.err"
	unshare -n sh -c "nft -f '$T/j1.nft' && nft -j list set inet mimecast jer4 > '$T/j1.json' &&
	    nft -f '$T/j2.nft' && nft -j list set inet mimecast jer4" > "$T/j.json" 2>&1
	st=$?
	[ "$st" -eq 0 ] && grep -q '"elem"' "$T/j1.json" && ! grep -q '"elem"' "$T/j.json" &&
	    ok "nft: a region whose networks all went: its set is emptied on reload" ||
	    notok "nft: an emptied set" "exit $st" "$(head -3 "$T/j.json")" "$(cat "$T/j2.err")"
	# In the admin's own table, used by a real rule, reloaded under it.
	"$MCWATCH" export $R -f nft --table 'inet filter' "$OLD" > "$T/fold.nft"
	"$MCWATCH" export $R -f nft --table 'inet filter' > "$T/fnew.nft"
	unshare -n sh -c "
	    nft 'add table inet filter' &&
	    nft 'add chain inet filter input { type filter hook input priority 0; policy accept; }' &&
	    nft -f '$T/fold.nft' &&
	    nft 'add rule inet filter input tcp dport 25 ip saddr @mimecast4 accept' &&
	    nft 'add rule inet filter input tcp dport 25 ip6 saddr @mimecast6 accept' &&
	    nft -f '$T/fnew.nft' &&
	    nft list chain inet filter input | grep -c '@mimecast[46] accept' &&
	    nft -j list set inet filter mimecast4" > "$T/f.out" 2>&1
	st=$?
	head -1 "$T/f.out" > "$T/rules"
	tail -n +2 "$T/f.out" > "$T/f.json"
	elems "$T/f.json" > "$T/fgot" 2> /dev/null
	[ "$st" -eq 0 ] && [ "$(cat "$T/rules")" = 2 ] && cmp -s "$T/fgot" "$T/w4" &&
	    ok "nft --table 'inet filter': rules there use @mimecast4; a reload keeps them and holds the new list" ||
	    notok "nft --table" "exit $st" "$(head -3 "$T/f.out")"
else
	skip "nft reloads" "no nft, or no network namespace"
fi

if command -v ipset > /dev/null && unshare -n true 2> /dev/null; then
	"$MCWATCH" export $R -f ipset "$OLD" > "$T/old.ipset"
	"$MCWATCH" export $R -f ipset > "$T/new.ipset"
	unshare -n sh -c "ipset restore < '$T/old.ipset' &&
	    ipset restore < '$T/new.ipset' && ipset list mimecast4 &&
	    ipset list mimecast6" > "$T/sets" 2>&1
	st=$?
	awk '/^Members:/ { m = 1; next } /^Name:/ { m = 0 } m && NF' "$T/sets" |
	    sed 's|/| |' | awk '{ print $1 "/" ($2 ? $2 : (index($1, ":") ? 128 : 32)) }' |
	    sort > "$T/igot"
	sort "$T/want4" "$T/want6" > "$T/iwant"
	[ "$st" -eq 0 ] && cmp -s "$T/igot" "$T/iwant" &&
	    ok "ipset restore old, then new: the sets hold exactly the new lists" ||
	    notok "ipset reload" "exit $st" "$(diff "$T/igot" "$T/iwant" | head -4)"
else
	skip "ipset reloads" "no ipset, or no network namespace"
fi

if command -v postmap > /dev/null; then
	mkdir -p "$T/pf" && : > "$T/pf/main.cf"
	"$MCWATCH" export $R -f postfix "$OLD" > "$T/access.cidr"
	pm() { postmap -c "$T/pf" -q "$1" "cidr:$T/access.cidr"; }
	before=$(pm 203.0.113.230)
	"$MCWATCH" export $R -f postfix --output "$T/access.cidr"
	[ "$before" = OK ] && ! pm 203.0.113.230 > /dev/null &&
	    [ "$(pm 170.10.158.9)" = OK ] &&
	    ok "postfix: after the new table, a removed network no longer matches, an added one does" ||
	    notok "postfix reload"
else
	skip "postfix reloads" "no postfix"
fi

# m365: applying the line to the list the old snapshot made gives the new.
"$MCWATCH" export $R -f m365 "$OLD" > "$T/m_old"
"$MCWATCH" export $R -f m365 > "$T/m_new"
run "$MCWATCH" export $R -f m365 --powershell
cp "$T/out" "$T/m.ps1"
run "$MCWATCH" export $R -f m365 --powershell --since "$OLD"
if cmp -s "$T/out" "$T/m.ps1" && "$PY" - "$T/m.ps1" "$T/m_old" "$T/m_new" <<'EOP'
import re, sys
line = open(sys.argv[1]).read()
m = re.fullmatch(r'Set-HostedConnectionFilterPolicy -Identity Default '
                 r'-IPAllowList @\{(Add=("[0-9./]+",?)+)?;? ?(Remove=("[0-9./]+",?)+)?\}\n',
                 line)
assert m, line
def items(s):
    return set(re.findall(r'"([0-9./]+)"', s or ""))
add, rem = items(m.group(1)), items(m.group(3))
old = set(open(sys.argv[2]).read().split())
new = set(open(sys.argv[3]).read().split())
assert rem, "something was removed"
assert (old - rem) | add == new, ((old - rem) | add) ^ new
EOP
then
	ok "m365 --powershell: Add and Remove since the previous snapshot turn the old list into the new"
else
	notok "m365 Add and Remove" "$(cat "$T/m.ps1")"
fi
run "$MCWATCH" export $R -f m365 --powershell --since HEAD
[ "$status" -eq 0 ] && grep -q "^# mcwatch: no change" "$T/out" &&
    ok "m365 --powershell --since the same snapshot: nothing to run" ||
    notok "m365 no change" "$(cat "$T/out")"

# --output: - is standard output, a character device is written through,
# a symlink or a directory refused and left as it was.
"$MCWATCH" export $R -f merged > "$T/m_std"
run "$MCWATCH" export $R -f merged --output -
[ "$status" -eq 0 ] && cmp -s "$T/out" "$T/m_std" && ok "--output - writes standard output" ||
    notok "--output -" "exit $status"
run "$MCWATCH" export $R -f merged --output /dev/stdout
[ "$status" -eq 2 ] && grep -q "is a symlink" "$T/err" && [ -L /dev/stdout ] &&
    ok "--output /dev/stdout: refused as a symlink (give - or its target), never replaced" ||
    notok "--output /dev/stdout" "exit $status"
run "$MCWATCH" export $R -f merged --output /dev/null
[ "$status" -eq 0 ] && [ -c /dev/null ] &&
    ok "--output /dev/null: a character device, written through" ||
    notok "--output /dev/null" "exit $status"
mkdir -p "$T/adir"
run "$MCWATCH" export $R -f merged --output "$T/adir"
expect "--output a directory: refused" 2 "not a regular file"
echo victim > "$T/victim"
ln -s "$T/victim" "$T/link.txt"
run "$MCWATCH" export $R -f merged --output "$T/link.txt"
[ "$status" -eq 2 ] && [ -L "$T/link.txt" ] && [ "$(cat "$T/victim")" = victim ] &&
    ok "--output a symlink: refused, the link and its target untouched" ||
    notok "--output a symlink" "exit $status"

# --name and --table that nft or ipset cannot parse: usage errors.
bad=0
for n in 4set -set "a b" "" "$(printf 'x\ny')"; do
	run "$MCWATCH" export $R -f nft --name "$n"
	[ "$status" -eq 2 ] || { bad=$((bad + 1)); echo "    --name '$n': exit $status"; }
done
for t in "inet 4x" "bridge filter" "4inet" "inet a-b" "inet filter x"; do
	run "$MCWATCH" export $R -f nft --table "$t"
	[ "$status" -eq 2 ] || { bad=$((bad + 1)); echo "    --table '$t': exit $status"; }
done
run "$MCWATCH" export $R -f nft --table "ip filter"
[ "$status" -eq 2 ] || bad=$((bad + 1))
[ "$bad" -eq 0 ] && ok "names and tables nft and ipset cannot parse: usage errors" ||
    notok "--name and --table refused" "$bad accepted"

finish
