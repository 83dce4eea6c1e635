# End-to-end: mcwatch publish. The site of a two-snapshot repository is
# read by real consumers: headless Chromium from file:// (the DOM holds
# every record and every change, the console no error), Python's
# feedparser (a valid Atom feed, stable ids) and jq; the JSON API equals
# 'mcwatch diff', 'show' and 'export'. Hostile page text stays text; a
# kill never leaves half a site; a directory that is not a site is never
# replaced.
. "$TOP/tests/e2e/lib.sh"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
B=$(dirname "$MCWATCH")
mkdir -p "$T/www"
cp "$TOP/samples/mimecast-data-centers.html" "$T/www/a.html"
cp "$TOP/samples/mimecast-data-centers-next.html" "$T/www/b.html"
cp "$F/hostile.html" "$T/www/hostile.html"
start_httpd "$T/www"
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/a.html" > /dev/null 2>&1
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/b.html" > /dev/null 2>&1
R="--repo $T/r"
S="$T/site"
head=$(git -C "$T/r" rev-parse HEAD)
root=$(git -C "$T/r" rev-parse HEAD~1)

run "$MCWATCH" publish $R --out "$S" --base-url https://mc.example/site
expect "publish: a site of two snapshots" 0
grep -q "published 2 snapshots" "$T/out" && ok "publish says what it did" ||
    notok "publish says what it did" "$(cat "$T/out")"
missing=""
for f in index.html changes.html feed.atom version.json endpoints.json \
    endpoints.csv changes.json "changes/$head.json" "changes/$root.json" \
    lists/cidr/all-v4.txt lists/merged/us/gateway-v6.txt lists/m365/all.txt \
    lists/m365/us/non-spf.txt; do
	[ -f "$S/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] && ok "publish: every file of the site" ||
    notok "publish: every file of the site" "missing:$missing"

# The JSON API, read by jq, is what the other commands say.
if command -v jq > /dev/null; then
	jq -e --arg h "$head" '.generator == "mcwatch" and .latest == $h and
	    .snapshots == 2 and (.date | test("Z$")) and .last_check != null
	    and (.source | startswith("http://127.0.0.1:"))' \
	    "$S/version.json" > /dev/null &&
	    ok "version.json: latest snapshot, date, last check (jq)" ||
	    notok "version.json (jq)" "$(cat "$S/version.json")"
	jq -e --arg h "$head" --arg r "$root" 'length == 2 and
	    .[0].to == $h and .[0].from == $r and .[1].to == $r and
	    .[1].from == null and (.[0].added | length) == 1' \
	    "$S/changes.json" > /dev/null &&
	    ok "changes.json: every change, newest first (jq)" ||
	    notok "changes.json (jq)"
	"$MCWATCH" diff $R -f json > "$T/d"
	jq -e --slurpfile d "$T/d" '.[0] == $d[0]' "$S/changes.json" \
	    > /dev/null && ok "changes.json: an entry equals 'mcwatch diff'" ||
	    notok "changes.json: an entry equals 'mcwatch diff'"
else
	skip "version.json, changes.json (jq)" "jq is not installed"
fi
# changes/ID.json: ID's own change, 'mcwatch diff PARENT ID -f json'; the
# first snapshot's, what it holds (as changes.json's last entry).
"$MCWATCH" diff $R "$root" "$head" -f json > "$T/d"
same "changes/${head%"${head#???????}"}.json equals 'mcwatch diff PARENT ID -f json'" \
    "$T/d" "$S/changes/$head.json"
/usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[2]))
sys.exit(0 if c[-1] == r and r["from"] is None and r["added"] else 1)' \
    "$S/changes.json" "$S/changes/$root.json" &&
    ok "changes/FIRST.json: the first snapshot's records, as changes.json's last entry" ||
    notok "changes/FIRST.json"
ino_root=$(stat -c %i "$S/changes/$root.json")
"$MCWATCH" show $R -f json > "$T/a"
same "endpoints.json equals 'mcwatch show -f json'" "$T/a" "$S/endpoints.json"
"$MCWATCH" show $R -f csv > "$T/a"
same "endpoints.csv equals 'mcwatch show -f csv'" "$T/a" "$S/endpoints.csv"
"$MCWATCH" export $R -f merged --family 4 > "$T/a"
"$MCWATCH" export $R -f m365 --region us --section non-spf > "$T/b"
"$MCWATCH" export $R -f cidr --region de --section gateway --family 6 > "$T/c"
cmp -s "$T/a" "$S/lists/merged/all-v4.txt" &&
    cmp -s "$T/b" "$S/lists/m365/us/non-spf.txt" &&
    cmp -s "$T/c" "$S/lists/cidr/de/gateway-v6.txt" &&
    ok "lists/ files equal 'mcwatch export'" || notok "lists/ equal export"

# The feed, read by a real feed parser: valid, one entry a snapshot.
feed() {
	/usr/bin/python3 - "$1" <<'PY'
import sys, feedparser
d = feedparser.parse(sys.argv[1])
if d.bozo:
    print("bozo:", d.bozo_exception)
    sys.exit(1)
assert d.version == "atom10", d.version
for e in d.entries:
    print(e.id, e.link, e.title.replace("\n", " "))
PY
}
if /usr/bin/python3 -c 'import feedparser' 2> /dev/null; then
	if feed "$S/feed.atom" > "$T/feed1"; then
		[ "$(wc -l < "$T/feed1")" -eq 2 ] &&
		    grep -q "^urn:mcwatch:snapshot:$head https://mc.example/site/changes.html#$head +1 -1 ~2" "$T/feed1" &&
		    grep -q "^urn:mcwatch:snapshot:$root .*First snapshot: 70 records" "$T/feed1" &&
		    ok "feed.atom: feedparser reads 2 entries, no bozo flag" ||
		    notok "feed.atom entries" "$(cat "$T/feed1")"
	else
		notok "feed.atom: feedparser" "$(cat "$T/feed1")"
	fi
	# An entry's content as a reader renders it: its text is the report's.
	"$MCWATCH" diff $R -f text > "$T/report"
	if /usr/bin/python3 - "$S/feed.atom" "$T/report" <<'PY'
import re, sys, feedparser
from html.parser import HTMLParser
class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
    def handle_data(self, data):
        self.parts.append(data)
d = feedparser.parse(sys.argv[1])
html = d.entries[0].content[0].value
t = Text()
t.feed(html)
text = " ".join(t.parts)
assert "?" not in text, "a '?' in the rendered entry: %r" % text[:200]
# Every entry of every change line of the report is in the entry's text.
for line in open(sys.argv[2]):
    m = re.match(r"    [-+~] [a-zA-Z -]+? ([0-9a-f.:/]+[0-9a-f]|https?://\S+)", line)
    if m:
        assert m.group(1) in text, (m.group(1), text[:300])
PY
	then
		ok "feed.atom: an entry renders as the change report, no stray '?'"
	else
		notok "feed.atom: an entry's rendered text"
	fi
else
	skip "feed.atom (feedparser)" "python3-feedparser is not installed"
fi

# Publishing again: the same bytes are kept (hard links), not rewritten.
ino() { stat -c %i "$1"; }
i1=$(ino "$S/changes.html"); i2=$(ino "$S/lists/cidr/au/all-v4.txt")
run "$MCWATCH" publish $R --out "$S" --base-url https://mc.example/site
expect "publish again" 0
grep -q "0 files written" "$T/out" && [ "$(ino "$S/changes.html")" = "$i1" ] &&
    [ "$(ino "$S/lists/cidr/au/all-v4.txt")" = "$i2" ] &&
    ok "publish again: nothing rewritten, files kept" ||
    notok "publish again: nothing rewritten" "$(cat "$T/out")"
ls -a "$T" | grep -q "^\.site\.publish-" &&
    notok "publish leaves nothing beside the site" "$(ls -a "$T")" ||
    ok "publish leaves nothing beside the site"

# A third snapshot: old entry ids stay, the new one comes first.
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/a.html" > /dev/null 2>&1
new=$(git -C "$T/r" rev-parse HEAD)
run "$MCWATCH" publish $R --out "$S" --base-url https://mc.example/site
expect "publish after a new snapshot" 0
if /usr/bin/python3 -c 'import feedparser' 2> /dev/null; then
	feed "$S/feed.atom" > "$T/feed2"
	[ "$(head -1 "$T/feed2" | cut -d' ' -f1)" = "urn:mcwatch:snapshot:$new" ] &&
	    tail -2 "$T/feed2" | cut -d' ' -f1 > "$T/ids2" &&
	    cut -d' ' -f1 "$T/feed1" > "$T/ids1" && cmp -s "$T/ids1" "$T/ids2" &&
	    ok "feed.atom: entry ids stable across publishes" ||
	    notok "feed.atom: entry ids stable" "$(cat "$T/feed1" "$T/feed2")"
fi
"$MCWATCH" diff $R "$head" "$new" -f json > "$T/d"
same "changes/ID.json of the new snapshot: its own change" "$T/d" "$S/changes/$new.json"
[ "$(stat -c %i "$S/changes/$root.json")" = "$ino_root" ] &&
    ok "changes/ID.json of an older snapshot is never written again (the same inode)" ||
    notok "changes/ID.json of an older snapshot kept"
"$MCWATCH" publish $R --out "$T/full" --base-url https://mc.example/site \
    --rebuild > /dev/null 2>&1
diff -r "$S" "$T/full" > "$T/d" &&
    ok "an incremental site equals one rebuilt whole" ||
    notok "incremental equals rebuilt" "$(head -5 "$T/d")"
# Publish trusts only the repository: a forged entry in the old site's
# changes.json (a network Mimecast never listed) leaves no trace.
/usr/bin/python3 - "$S/changes.json" <<'EOP'
import json, sys
c = json.load(open(sys.argv[1]))
c[-1]["added"].append({"kind": "network", "region": "Forged", "region_code": "us",
    "section": "x", "cidr": "6.6.6.0/24", "first": "6.6.6.1", "last": "6.6.6.254",
    "netmask": "255.255.255.0"})
json.dump(c, open(sys.argv[1], "w"), indent=2)
EOP
run "$MCWATCH" publish $R --out "$S" --base-url https://mc.example/site
! grep -rq "6\.6\.6\.0\|Forged" "$S" && diff -r "$S" "$T/full" > /dev/null &&
    ok "a forged old changes.json leaves no trace: the site equals one rebuilt whole" ||
    notok "a forged old changes.json" "$(grep -rl '6\.6\.6' "$S" | head -3)" "$(cat "$T/out")"
[ "$(ino "$S/lists/cidr/au/all-v4.txt")" = "$i2" ] &&
    ok "a list whose bytes did not change keeps its file" ||
    notok "a list whose bytes did not change keeps its file"
# The memo (GITDIR/mcwatch-publish) only saves time: a new snapshot's
# part is appended to it, and whatever becomes of it (cut short, bytes
# after it, not a memo, gone, a history rewritten under it) the site is
# the one rebuilt whole.
memo="$T/r/.git/mcwatch-publish"
[ "$(stat -c %a "$memo")" = 600 ] && ok "the memo is 0600" ||
    notok "the memo's mode" "$(stat -c %a "$memo")"
mi=$(ino "$memo") ms=$(stat -c %s "$memo")
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/b.html" > /dev/null 2>&1
run "$MCWATCH" publish $R --out "$S" --base-url https://mc.example/site
[ "$status" -eq 0 ] && [ "$(ino "$memo")" = "$mi" ] &&
    [ "$(stat -c %s "$memo")" -gt "$ms" ] &&
    ok "a new snapshot's part is appended to the memo, not the memo rewritten" ||
    notok "the memo appended" "exit $status" "$(cat "$T/err")"
# memo_case NAME REPO SITE: after what was done to REPO's memo, a publish
# into SITE equals one rebuilt whole, and it says nothing of the memo.
memo_case() {
	run "$MCWATCH" publish --repo "$2" --out "$3" --base-url https://mc.example/site
	st1=$status
	# From a copy: the reference's memo and signatures are its own.
	rm -rf "$T/whole" "$T/rr"
	cp -a "$2" "$T/rr"
	"$MCWATCH" publish --repo "$T/rr" --out "$T/whole" \
	    --base-url https://mc.example/site --rebuild > /dev/null 2>&1
	[ "$st1" -eq 0 ] && [ ! -s "$T/err" ] && diff -r "$3" "$T/whole" > "$T/d" &&
	    ok "memo $1: the site equals one rebuilt whole" ||
	    notok "memo $1" "exit $st1" "$(head -3 "$T/err")" "$(head -5 "$T/d")"
}
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/a.html" > /dev/null 2>&1
truncate -s -300 "$memo"
memo_case "cut short in its last part" "$T/r" "$S"
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/b.html" > /dev/null 2>&1
printf 'ffffffffffffffffffffffffffffffffffffffff - - 0 0 0 2 0 0 0\n' >> "$memo"
memo_case "with bytes after its parts" "$T/r" "$S"
printf 'mcwatch publish memo 2 0.0.1\n' > "$memo"
memo_case "of another version" "$T/r" "$S"
rm -f "$memo"
memo_case "removed" "$T/r" "$S"
cp -a "$T/r" "$T/rw"
git -C "$T/rw" reset -q --hard HEAD~2
"$MCWATCH" run -q --repo "$T/rw" --url "$U/plain/hostile.html" > /dev/null 2>&1
cp -a "$S" "$T/sw"
memo_case "of a history rewritten (two snapshots dropped, one made)" "$T/rw" "$T/sw"
# The spare (.site.spare): the site the last publish replaced, where the
# next is built with only what changed written. What is done to it while
# it waits (a file forged in place, one put there, a symlink, a directory
# where a file goes) never reaches the site; a publish killed while it
# builds there leaves the site whole, and the next one is right.
SP="$T/.site.spare"
[ -d "$SP" ] && [ ! -L "$SP" ] && ok "the replaced site is kept beside it as .site.spare" ||
    notok "the spare" "$(ls -a "$T")"
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/a.html" > /dev/null 2>&1
run "$MCWATCH" publish $R --out "$S" --base-url https://mc.example/site
inode_kept=yes
for f in "$S"/changes/*.json; do
	[ "$(ino "$f")" = "$(ino "$SP/changes/${f##*/}" 2> /dev/null)" ] ||
	    { [ -e "$SP/changes/${f##*/}" ] && inode_kept=no; }
done
[ "$status" -eq 0 ] && grep -q "files written" "$T/out" && [ "$inode_kept" = yes ] &&
    ok "publish in the spare: an unchanged file is the same inode in both" ||
    notok "publish in the spare" "exit $status" "$(cat "$T/out" "$T/err")"
old1=$(ls "$SP/changes" | head -1)
printf '{"forged": true}\n' > "$SP/changes/$old1.tmp" && mv "$SP/changes/$old1.tmp" "$SP/changes/$old1"
old2=$(ls "$SP/changes" | sed -n 2p)
sed -i 's/"from"/"FROM"/' "$SP/changes/$old2"
echo '<script>alert(1)</script>' > "$SP/evil.html"
ln -s /etc "$SP/lists/cidr/etc"
rm -rf "$SP/lists/merged" && echo x > "$SP/lists/merged"
mkdir -p "$SP/version.json.d" && rm -f "$SP/feed.atom" && mkdir "$SP/feed.atom"
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/b.html" > /dev/null 2>&1
spino=$(ino "$SP")
memo_case "and a spare tampered with (forged files, a planted page and symlink, a file for a directory and a directory for a file)" "$T/r" "$S"
[ "$(ino "$S")" = "$spino" ] && ! grep -rq "forged\|FROM\|alert" "$S" &&
    [ ! -e "$S/evil.html" ] && [ ! -e "$S/lists/cidr/etc" ] &&
    [ -e /etc/passwd ] &&
    ok "built in the spare: nothing done to it reaches the site; a symlink in it is never followed" ||
    notok "the spare tampered with" "$(ls -la "$S" | head)"
if [ -x "$B/tests/mcwatch-oom" ]; then
	"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/a.html" > /dev/null 2>&1
	before=$(cd "$S" && find . -type f | sort | xargs cat | sha256sum)
	MCWATCH_FAULT=publish.sync:1 "$B/tests/mcwatch-oom" publish $R --out "$S" \
	    --base-url https://mc.example/site > /dev/null 2>&1
	st=$? now=$(cd "$S" && find . -type f | sort | xargs cat | sha256sum)
	[ "$st" -eq 137 ] && [ "$now" = "$before" ] &&
	    ok "a publish killed in the spare before the swap leaves the site as it was" ||
	    notok "killed in the spare" "exit $st"
	memo_case "after a publish killed in the spare" "$T/r" "$S"
else
	skip "a publish killed in the spare" "no test build"
fi
rm -f "$T/r/.git/mcwatch-publish-site"
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/b.html" > /dev/null 2>&1
memo_case "with the spare's signatures gone" "$T/r" "$S"
# A FIFO where the memo, the signatures or a site's mark should be is
# never waited on: the memo and the signatures are rebuilt, the mark is
# no mark.
rm -f "$memo" "$T/r/.git/mcwatch-publish-site"
mkfifo "$memo" "$T/r/.git/mcwatch-publish-site"
"$MCWATCH" run -q --repo "$T/r" --url "$U/plain/a.html" > /dev/null 2>&1
s0=$(date +%s)
memo_case "a FIFO, and the signatures one" "$T/r" "$S"
[ $(($(date +%s) - s0)) -lt 30 ] && [ -f "$memo" ] && [ ! -p "$memo" ] &&
    ok "a FIFO for the memo is not waited on, and replaced by a file" ||
    notok "a FIFO for the memo" "$(ls -la "$T/r/.git" | grep publish)"
mkdir "$T/fifosite" && mkfifo "$T/fifosite/version.json"
timeout 10 "$MCWATCH" publish $R --out "$T/fifosite" > /dev/null 2> "$T/err"
status=$?
expect "a FIFO as a site's version.json is no mark, and not waited on" 6 \
    "not a site mcwatch published"
perm=$(stat -c %a "$S" "$S/index.html" "$S/lists" | tr '\n' ' ')
[ "$perm" = "755 644 755 " ] && ok "the site is readable by a web server" ||
    notok "site permissions" "$perm"

# Chromium renders the pages from file://: every record, every change,
# no console error; a screenshot of each for a person to look at.
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/chrome" --enable-logging=stderr --v=0 "$@"
}
if command -v chromium > /dev/null; then
	chrome --dump-dom "file://$S/index.html" > "$T/dom" 2> "$T/cerr"
	"$MCWATCH" show $R -f csv | /usr/bin/python3 -c '
import csv, sys, html
# A URL may break after a slash (<wbr>): its text is whole without them.
dom = html.unescape(open(sys.argv[1]).read().replace("<wbr>", ""))
bad = []
# Shown elsewhere or not at all: the place, a range'"'"'s position, "live".
skip = {"kind", "region", "region_code", "section", "position"}
for row in csv.DictReader(sys.stdin):
    for k, v in row.items():
        if k in skip or (k == "status" and v == "live"):
            continue
        if v and v not in dom and not v.startswith("\x27"):
            bad.append(v)
print(len(bad), bad[:5])
sys.exit(1 if bad else 0)' "$T/dom" > "$T/chk" &&
	    ok "chromium: index.html shows every record of the latest snapshot" ||
	    notok "chromium: index.html records" "$(cat "$T/chk")"
	grep -q ":CONSOLE" "$T/cerr" && notok "chromium: index.html console" \
	    "$(grep :CONSOLE "$T/cerr" | head -3)" ||
	    ok "chromium: index.html, no console message"
	chrome --dump-dom "file://$S/changes.html" > "$T/dom" 2> "$T/cerr"
	# Each change's entry, and for a changed record the new values.
	"$MCWATCH" diff $R "$root" "$head" -f json | /usr/bin/python3 -c '
import json, sys, html
d = json.load(sys.stdin)
dom = html.unescape(open(sys.argv[1]).read().replace("<wbr>", ""))
keys = ("cidr", "first", "last", "application", "url", "port")
want = []
for r in d["added"] + d["removed"]:
    want += [str(r[k]) for k in keys if k in r]
for c in d["changed"]:
    # The cover of a range follows from its ends: reports show the ends.
    want += [str(v) for k, v in c["after"].items()
             if c["before"].get(k) != v and k != "cidrs"]
miss = [w for w in want if w not in dom]
print(len(want), "values; missing:", miss)
sys.exit(1 if miss or not want else 0)' "$T/dom" > "$T/chk" &&
	    ok "chromium: changes.html shows every change of the second sample" ||
	    notok "chromium: changes.html changes" "$(cat "$T/chk")"
	grep -q ":CONSOLE" "$T/cerr" && notok "chromium: changes.html console" \
	    "$(grep :CONSOLE "$T/cerr" | head -3)" ||
	    ok "chromium: changes.html, no console message"
	for w in 1280 390; do
		for p in index changes; do
			chrome --screenshot="$B/publish-$p-$w.png" \
			    --window-size=$w,1600 "file://$S/$p.html" \
			    > /dev/null 2>&1
		done
	done
	[ -s "$B/publish-index-390.png" ] && [ -s "$B/publish-changes-1280.png" ] &&
	    ok "chromium: screenshots at 1280 and 390 px in $B/publish-*.png" ||
	    notok "chromium: screenshots"
	# At each width: no element past the page's width (no sideways
	# scroll), and no address, prefix or port cell broken over two lines.
	# The check runs in a copy of the page (the site has no script).
	# Headless Chromium lays out no window narrower than 500 px, so the
	# 390 px copy applies the narrow rules itself in a 390 px page.
	for w in 1280 390; do
		for p in index changes; do
			if [ $w = 390 ]; then
				narrow='s|@media (max-width:40em)|@media all|; s|</head>|<style>html{width:390px}</style></head>|'
			else
				narrow='s|^$||'
			fi
			sed "$narrow" "$S/$p.html" | sed 's|</body>|<script>var w=document.documentElement.getBoundingClientRect().width,m=0,b=0;document.querySelectorAll("body *").forEach(function(e){var r=e.getBoundingClientRect().right;if(r>m)m=r});document.querySelectorAll("td.mono").forEach(function(c){var r=document.createRange();r.selectNodeContents(c);if(c.textContent\&\&r.getClientRects().length>1)b++});document.title="right="+Math.ceil(m)+" width="+w+" overflow="+(m>w+0.5)+" broken="+b;</script></body>|' \
			    > "$S/check-$p.html"
			chrome --window-size=$w,1600 --dump-dom \
			    "file://$S/check-$p.html" > "$T/dom" 2> /dev/null
			got=$(sed -n 's|.*<title>\(right=[^<]*\)</title>.*|\1|p' "$T/dom")
			rm -f "$S/check-$p.html"
			case "$got" in
			*"overflow=false broken=0")
				ok "chromium: $p.html at $w px: no sideways scroll, no address broken ($got)" ;;
			*)
				notok "chromium: $p.html at $w px" "${got:-no result}" ;;
			esac
		done
	done
else
	skip "chromium renders the site" "chromium is not installed"
fi

# What a busy reader needs at a glance: the kind of each change told by a
# sign and a word (site and feed), the lists grid once, no "not recorded"
# for a page read from a file.
grep -q '>+ added<' "$S/changes.html" && grep -q '>~ changed<' "$S/changes.html" &&
    grep -q '+ added' "$S/feed.atom" &&
    ok "changes told by sign and word on the site and in the feed" ||
    notok "changes at a glance" "$(grep -o 'added\|removed' "$S/changes.html" | head -3)"
[ "$(grep -o '<h2>Address lists</h2>' "$S/index.html" | wc -l)" -eq 1 ] &&
    ! grep -q '<h3>Address lists</h3>' "$S/index.html" &&
    ok "the grid of list links is shown once" ||
    notok "the grid of list links once"
grep -q 'not recorded' "$S/index.html" &&
    notok "a file source: no 'Source: not recorded'" ||
    ok "a file source: no 'Source: not recorded'"

# The site makes no request: no script, no external resource.
grep -oiE '<script|src=|@import|url\(|<link[^>]*>' "$S/index.html" \
    "$S/changes.html" | grep -v 'href="feed.atom"' > "$T/loads"
[ -s "$T/loads" ] && notok "the pages load nothing" "$(head -3 "$T/loads")" ||
    ok "the pages load nothing: no script, no external resource"

# Hostile text: page text with markup and quotes stays text, and a
# javascript: URL planted in a repository's dataset is never a link.
"$MCWATCH" run -q --repo "$T/h" --url "$U/plain/hostile.html" > /dev/null 2>&1
git clone -q "$T/h" "$T/h2"
sed -i 's|"url":"https://e.example/"|"url":"javascript:alert(1)"|' \
    "$T/h2/mimecast.json"
git -C "$T/h2" -c user.name=t -c user.email=t@example.com commit -qam planted
run "$MCWATCH" publish --repo "$T/h2" --out "$T/hs"
expect "publish: a hostile repository" 0
if grep -qi 'href="javascript' "$T/hs/index.html" "$T/hs/changes.html" ||
    grep -q '<script>alert' "$T/hs/index.html" "$T/hs/changes.html" ||
    ! grep -q '&lt;script&gt;alert(2)&lt;/script&gt;' "$T/hs/index.html" ||
    ! grep -q '<span>javascript:alert(1)</span>' "$T/hs/index.html"; then
	notok "hostile text is escaped, javascript: unlinked" \
	    "$(grep -o '.\{40\}javascript.\{30\}' "$T/hs/index.html" | head -3)"
else
	ok "hostile text is escaped, javascript: unlinked"
fi
# The entry's content is HTML as text: once unescaped, still no markup.
/usr/bin/python3 - "$T/hs/feed.atom" <<'PY' > "$T/chk" &&
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
c = ET.parse(sys.argv[1]).getroot().find("a:entry/a:content", ns)
h = c.text if c is not None else ""
print(h[:300])
sys.exit(0 if "&lt;script&gt;" in h and "<script" not in h and
         "javascript:alert(1)" in h and "href=\"javascript" not in h else 1)
PY
    ok "feed.atom: hostile text escaped in the entry's HTML" ||
    notok "feed.atom: hostile text" "$(cat "$T/chk")"
if command -v chromium > /dev/null; then
	chrome --dump-dom "file://$T/hs/index.html" > "$T/dom" 2> "$T/cerr"
	/usr/bin/python3 - "$T/dom" <<'PY' > "$T/chk" &&
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    bad = []
    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.bad.append(tag)
        for k, v in attrs:
            if k.startswith("on") or (v or "").lower().startswith("javascript"):
                self.bad.append(k + "=" + (v or ""))
p = P()
p.feed(open(sys.argv[1]).read())
print(p.bad)
sys.exit(1 if p.bad else 0)
PY
	    ok "chromium: the hostile site's DOM has no script, handler or javascript: link" ||
	    notok "chromium: hostile DOM" "$(cat "$T/chk")"
fi

# What publish refuses: a directory that is not a site is never touched.
mkdir -p "$T/home"; echo precious > "$T/home/notes.txt"
run "$MCWATCH" publish $R --out "$T/home"
expect "publish refuses a directory that is not a site" 6 "refusing to replace"
[ "$(cat "$T/home/notes.txt")" = precious ] && ok "... and leaves it as it was" ||
    notok "... and leaves it as it was"
ln -s "$S" "$T/link"
run "$MCWATCH" publish $R --out "$T/link"
expect "publish refuses a symlink for --out" 6 "is a symlink"
[ -L "$T/link" ] && ok "... and leaves the link" || notok "... the link"
echo x > "$T/file"
run "$MCWATCH" publish $R --out "$T/file"
expect "publish refuses a file for --out" 6 "not a directory"
run "$MCWATCH" publish $R --out "$T/nodir/site"
expect "publish into a missing parent" 6 "cannot open"
run "$MCWATCH" publish $R
expect "publish without --out" 2 "give --out DIR"
run "$MCWATCH" publish $R --out "$T/x" --base-url 'javascript:alert(1)'
expect "publish --base-url javascript:" 2 "not an http(s) URL"
run "$MCWATCH" publish $R --out "$T/x" extra
expect "publish with an argument" 2 "no arguments expected"
run "$MCWATCH" publish --repo "$T/none" --out "$T/x"
expect "publish without a repository" 5
[ -e "$T/x" ] && notok "a failed publish makes no site" || ok "a failed publish makes no site"
mkdir "$T/empty"
run "$MCWATCH" publish $R --out "$T/empty"
expect "publish into an empty directory" 0

# Killed at any moment, a publish leaves the old site whole, and the next
# one clears what it left.
cp "$S/version.json" "$T/v0"
for d in 0.01 0.02 0.03 0.05 0.08 0.12; do
	"$MCWATCH" publish $R --out "$S" > /dev/null 2>&1 &
	p=$!
	sleep $d
	kill -9 $p 2> /dev/null
	wait $p 2> /dev/null
	[ -f "$S/version.json" ] && [ -f "$S/index.html" ] &&
	    [ -f "$S/changes/$root.json" ] ||
	    { notok "killed after $d s: the site is whole" "$(ls "$S")"; continue; }
	ok "killed after $d s: the site is whole"
done
run "$MCWATCH" publish $R --out "$S"
expect "publish after kills" 0
ls -a "$T" | grep -q "^\.site\.publish-" &&
    notok "the next publish clears what a killed one left" "$(ls -a "$T")" ||
    ok "the next publish clears what a killed one left"

# Writing to a full disk fails clearly; the old site stays.
if [ "$(id -u)" = 0 ] && mkdir -p "$T/full" &&
    mount -t tmpfs -o size=160k tmpfs "$T/full" 2> /dev/null; then
	run "$MCWATCH" publish $R --out "$T/full/site"
	expect "publish onto a full disk" 6 "No space left on device"
	[ -e "$T/full/site" ] && notok "a full disk makes no half site" ||
	    ok "a full disk makes no half site"
	[ -z "$(ls -A "$T/full")" ] && ok "a full disk leaves nothing behind" ||
	    notok "a full disk leaves nothing behind" "$(ls -A "$T/full")"
	umount "$T/full"
else
	skip "publish onto a full disk" "needs root to mount a tmpfs"
fi
finish
