# End-to-end: 'mcwatch run' and the history commands on real repositories:
# first run, unchanged and cosmetic runs, every kind of change, the anomaly
# guard, diff/log/show, bare repositories, kills, races, read-only.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"

commits() { git -C "$1" rev-list --count HEAD 2>/dev/null || echo 0; }
summary() { "$MCWATCH" log --repo "$1" -n 1 | cut -c 28-; }

# The first run creates the repository and its first snapshot.
run "$MCWATCH" run --repo "$T/base" --url "$S" --exit-code
expect "first run: exit 1 with --exit-code" 1
[ "$(commits "$T/base")" = 1 ] && ok "first run: one commit" ||
    notok "first run: one commit"
missing=""
for f in mimecast.json mimecast.csv page.html source.json cidr/all-v4.txt \
    cidr/us/all-v4.txt cidr/us/gateway-v4.txt cidr/global/website-v4.txt; do
	[ -s "$T/base/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] &&
    ok "first run: dataset, CSV, CIDR lists, page and source in the tree" ||
    notok "first run: the work tree" "missing:$missing"
[ -z "$(git -C "$T/base" status --porcelain)" ] &&
    ok "first run: git status is clean" || notok "first run: git status is clean"
git -C "$T/base" fsck --strict 2> "$T/err" && ok "first run: git fsck" ||
    notok "first run: git fsck"
cmp -s "$T/base/page.html" "$S" && ok "raw page kept" || notok "raw page kept"
grep -q '"page_sha256": "'"$(sha256sum < "$S" | cut -c1-64)"'"' \
    "$T/base/source.json" && ok "source.json: page SHA-256" ||
    notok "source.json: page SHA-256"
git -C "$T/base" log -1 --format=%B | grep -q "^Page-SHA256: " &&
    ok "commit trailers" || notok "commit trailers"
grep -qx "207.211.31.0/25" "$T/base/cidr/us/all-v4.txt" &&
    ! grep -q "207.211.30.40/29" "$T/base/cidr/us/all-v4.txt" &&
    ok "CIDR list: ranges inside listed blocks fold in" ||
    notok "CIDR list: ranges inside listed blocks fold in"

# List files: one address family each, gateways apart from website hosts.
L="$T/base/cidr"
mixed=$(grep -l ':' "$L"/*-v4.txt "$L"/*/*-v4.txt; grep -L ':' "$L"/*-v6.txt \
    "$L"/*/*-v6.txt | while read -r f; do [ -s "$f" ] && echo "$f"; done)
[ -z "$mixed" ] && ok "list files: never both families in one" ||
    notok "list files: never both families in one" "$mixed"
grep -qx "2001:db8:de::/48" "$L/de/gateway-v6.txt" &&
    grep -qx "2001:db8:de::/48" "$L/all-v6.txt" &&
    ! grep -q "146.101.202.134" "$L/gateway-v4.txt" "$L/us/gateway-v4.txt" &&
    grep -qx "146.101.202.134/32" "$L/website-v4.txt" &&
    grep -qx "146.101.202.134/32" "$L/global/website-v4.txt" &&
    [ -f "$L/us/website-v6.txt" ] && [ ! -s "$L/us/website-v6.txt" ] &&
    ok "list files: per region, per list, per family; empty ones exist" ||
    notok "list files: per region, per list, per family"
if command -v iprange > /dev/null && command -v grepcidr > /dev/null; then
	# iprange reads every v4 list as exactly the addresses written: the
	# blocks never overlap, so its count is the sum of their sizes.
	bad=""
	for f in "$L"/*-v4.txt "$L"/*/*-v4.txt; do
		[ -s "$f" ] || continue
		want=$(awk -F/ '{ s += 2 ^ (32 - $2) } END { printf "%d", s }' "$f")
		got=$(iprange -C "$f" 2> "$T/iperr" | cut -d, -f2)
		[ "$got" = "$want" ] && [ ! -s "$T/iperr" ] || bad="$bad $f:$got/$want"
	done
	n=$(iprange -C "$L/us/gateway-v4.txt" | cut -d, -f2)
	[ -z "$bad" ] && [ "$n" -gt 0 ] &&
	    ok "iprange reads every v4 list exactly ($n addresses in us/gateway-v4.txt)" ||
	    notok "iprange reads every v4 list exactly" "$bad"
	printf '207.211.31.5\n146.101.202.134\n2001:db8:de::1\n198.18.0.1\n' \
	    > "$T/ips"
	[ "$(grepcidr -f "$L/us/gateway-v4.txt" "$T/ips")" = "207.211.31.5" ] &&
	    [ "$(grepcidr -f "$L/de/gateway-v6.txt" "$T/ips")" = \
	    "2001:db8:de::1" ] &&
	    [ "$(grepcidr -f "$L/website-v4.txt" "$T/ips")" = "146.101.202.134" ] &&
	    ok "grepcidr matches by the lists, gateways apart from hosts" ||
	    notok "grepcidr matches by the lists"
else
	skip "iprange and grepcidr read the lists" "iprange or grepcidr missing"
fi
"$MCWATCH" parse -q --format csv "$S" > "$T/csv"
same "mimecast.csv = parse --format csv" "$T/csv" "$T/base/mimecast.csv"

# Unchanged and cosmetic-only pages commit nothing.
run "$MCWATCH" run --repo "$T/base" --url "$S" --exit-code
if [ "$status" -eq 0 ] && grep -qx "no changes" "$T/out" &&
    [ "$(commits "$T/base")" = 1 ]; then
	ok "unchanged page: no commit"
else
	notok "unchanged page: no commit" "exit $status"
fi
awk '/^<tr><td.*<td>to<\/td>/ { rows[n++] = $0; next }
     { while (n > 0) print rows[--n]; print }' "$S" |
    sed 's/<td>/<td>\n  <!-- c -->\n  /g; s/<\/body>/<p>New footer<\/p><script>x()<\/script><\/body>/' \
    > "$T/cosmetic.html"
run "$MCWATCH" run --repo "$T/base" --url "$T/cosmetic.html" -q
if [ "$status" -eq 0 ] && [ ! -s "$T/out" ] && [ "$(commits "$T/base")" = 1 ]; then
	ok "cosmetic edit: no commit, nothing printed with -q"
else
	notok "cosmetic edit: no commit" "exit $status"
fi
# The same bytes are told by the SHA-256 in the latest source.json; one
# that is not that page's (edited in a commit of someone else's) only
# means the page is read in full: still nothing to commit.
cp -a "$T/base" "$T/forged"
sed -i 's/"page_sha256": "[0-9a-f]*"/"page_sha256": "0000000000000000000000000000000000000000000000000000000000000000"/' \
    "$T/forged/source.json"
git -C "$T/forged" -c user.name=x -c user.email=x@example.com commit -qam \
    "source.json edited"
run "$MCWATCH" run --repo "$T/forged" --url "$S" --exit-code
[ "$status" -eq 0 ] && grep -qx "no changes" "$T/out" &&
    [ "$(commits "$T/forged")" = 2 ] &&
    ok "another page_sha256 in the latest source.json: the page is read, no commit" ||
    notok "a forged page_sha256" "exit $status" "$(cat "$T/out")"

# One change of each kind: a copy of the base repository each time.
change() {	# NAME WANT-SUMMARY SED-SCRIPT
	sed "$3" "$S" > "$T/page.html"
	rm -rf "$T/r" && cp -a "$T/base" "$T/r"
	run "$MCWATCH" run --repo "$T/r" --url "$T/page.html" --exit-code -q
	got=$(summary "$T/r")
	if [ "$status" -eq 1 ] && [ "$got" = "$2" ] &&
	    [ "$(commits "$T/r")" = 2 ]; then
		ok "$1: $got"
	else
		notok "$1" "exit $status, summary '$got', want '$2'"
	fi
}
US="(United States of America)"
GL="(Global Application Resources)"
change "network added" "+1 -0 ~0 $US" \
    '/<td>170.10.157.0\/24/a <tr><td>170.10.158.0/24</td><td>170.10.158.1</td><td>to</td><td>170.10.158.254</td><td>255.255.255.0</td></tr>'
change "network removed" "+0 -1 ~0 $US" '/<td>63.128.21.0\/24/d'
change "network changed" "+0 -0 ~1 $US" \
    '/<td>63.128.21.0\/24/s/<td>63.128.21.254/<td>63.128.21.250/'
change "range added" "+1 -0 ~0 $US" \
    's/<td>205.139.111.49<\/td><\/tr>/<td>205.139.111.49<\/td><td>192.0.2.1<\/td><td>to<\/td><td>192.0.2.2<\/td><\/tr>/'
change "range removed" "+0 -1 ~0 $US" \
    's/<td>205.139.111.40<\/td><td>to<\/td><td>205.139.111.49<\/td>//'
change "range changed" "+0 -0 ~1 $US" 's/207.211.30.49/207.211.30.50/'
change "url added" "+1 -0 ~0 $US" \
    '/us-api.mimecast.com"/a <tr><td>Mimecast Sync</td><td>https://sync-us.mimecast.com</td></tr>'
change "url removed" "+0 -1 ~0 $US" '/servicemonitorus/d'
change "url changed" "+0 -0 ~1 $US" 's/>https:\/\/us-api.mimecast.com</>https:\/\/us-api2.mimecast.com</'
change "port added" "+1 -0 ~0 $GL" \
    '/<td>110<\/td>/a <tr><td>Internet Message Access Protocol (IMAP)</td><td>143</td><td>Mail access</td></tr>'
change "port removed" "+0 -1 ~0 $GL" '/<td>110<\/td>/d'
change "port changed" "+0 -0 ~1 $GL" 's/<td>25<\/td>/<td>587<\/td>/'

# The last change's report, in every format.
sed 's/<td>25<\/td>/<td>587<\/td>/' "$S" > "$T/port.html"
run "$MCWATCH" diff --repo "$T/r"
grep -q "~ port 587  port: 25 -> 587" "$T/out" && ok "diff: text shows before -> after" ||
    notok "diff: text shows before -> after"
run "$MCWATCH" diff --repo "$T/r" --format json
grep -q '"before"' "$T/out" && grep -q '"from": "[0-9a-f]\{40\}"' "$T/out" &&
    ok "diff: json" || notok "diff: json"
run "$MCWATCH" diff --repo "$T/r" --format markdown
grep -q '^- \*\*changed\*\* port `587`' "$T/out" && ok "diff: markdown" ||
    notok "diff: markdown"

# Page text in a Markdown report is text, never markup.
cat > "$T/md1.html" <<'EOF2'
<h2>Mars [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;</h2>
<h3>Protocol Connection Ports</h3>
<table><tr><th>Protocol</th><th>Port</th><th>Usage</th></tr>
<tr><td>SMTP</td><td>25</td><td>*mail* &lt;script&gt;alert(1)&lt;/script&gt;</td></tr></table>
<h3>Application URLs</h3><table><tr><th>Application</th><th>URL</th></tr>
<tr><td>API `x` &lt;b&gt;</td><td>https://a.example/</td></tr></table>
EOF2
sed 's/\*mail\*/_mail_ [y](javascript:alert(2))/; s/a.example/b.example/' \
    "$T/md1.html" > "$T/md2.html"
rm -rf "$T/md"
"$MCWATCH" run -q --repo "$T/md" --url "$T/md1.html" > /dev/null 2>&1
run "$MCWATCH" run -q --repo "$T/md" --url "$T/md2.html" --format markdown
# Outside code spans nothing may open a tag, a link or emphasis; page
# text in code spans has no backtick to close them early.
outside=$(sed 's/`[^`]*`//g' "$T/out")
if [ "$status" -eq 0 ] &&
    ! printf '%s\n' "$outside" | grep -q '[^\\]<\|[^\\]\[\|[^\\]\*mail\|[^\\]_mail' &&
    grep -qF '## Mars \[x\](javascript:alert(1)) \<img src=x onerror=alert(1)\>' "$T/out" &&
    grep -qF '`usage: *mail* <script>alert(1)</script> -> _mail_ [y](javascript:alert(2)) <script>alert(1)</script>`' "$T/out" &&
    grep -qF "\`API 'x' <b>\`" "$T/out"; then
	ok "markdown: page text escaped, code spans closed"
else
	notok "markdown: page text escaped" "exit $status" "$(head -8 "$T/out")"
fi

# History commands: ids, refs, dates.
first=$(git -C "$T/r" rev-parse HEAD~1)
last=$(git -C "$T/r" rev-parse HEAD)
run "$MCWATCH" diff --repo "$T/r" "$first" "$last" --format json
cp "$T/out" "$T/d1"
run "$MCWATCH" diff --repo "$T/r" HEAD~1 main --format json
same "diff by id = diff by ref" "$T/out" "$T/d1"
run "$MCWATCH" diff --repo "$T/r" "$first" --format json
same "diff REV1 = diff REV1 HEAD" "$T/out" "$T/d1"
run "$MCWATCH" show --repo "$T/r" --format csv
cp "$T/out" "$T/s1"
run "$MCWATCH" show --repo "$T/r" "@$(date -u +%Y-%m-%d)" --format csv
same "show @today = show" "$T/out" "$T/s1"
run "$MCWATCH" show --repo "$T/r" "$first" --format csv
same "show first snapshot = parse of its page" "$T/out" "$T/csv"
run "$MCWATCH" show --repo "$T/r" @2001-01-01
expect "show before any snapshot" 5 "no snapshot on or before 2001-01-01"
run "$MCWATCH" show --repo "$T/r" --region us --kind range --format csv
[ "$(grep -c '^range,United States of America,us,' "$T/out")" = 2 ] &&
    [ "$(wc -l < "$T/out")" = 3 ] && ok "show --region --kind" ||
    notok "show --region --kind"
run "$MCWATCH" show --repo "$T/r" nosuchrev
expect "show: unknown revision" 5 "no snapshot 'nosuchrev'"
run "$MCWATCH" log --repo "$T/r" --format json
grep -q '"regions": \[' "$T/out" && grep -q '"global"' "$T/out" &&
    ok "log --format json" || notok "log --format json"
run "$MCWATCH" log --repo "$T/r"
[ "$(wc -l < "$T/out")" = 2 ] && ok "log: one line per snapshot" ||
    notok "log: one line per snapshot"

# Dry run: the report, no commit.
rm -rf "$T/r" && cp -a "$T/base" "$T/r"
run "$MCWATCH" run --repo "$T/r" --url "$T/port.html" --dry-run --exit-code
if [ "$status" -eq 1 ] && grep -q "587" "$T/out" && [ "$(commits "$T/r")" = 1 ]; then
	ok "--dry-run: report, no commit"
else
	notok "--dry-run" "exit $status"
fi

# A report stdout cannot take: the change is recorded, so the report goes
# to stderr with the snapshot's id, and the exit status says so.
if [ -w /dev/full ]; then
	rm -rf "$T/r" && cp -a "$T/base" "$T/r"
	run sh -c "'$MCWATCH' run --repo '$T/r' --url '$T/port.html' > /dev/full"
	id=$(git -C "$T/r" rev-parse HEAD)
	if [ "$status" -eq 7 ] && [ "$(commits "$T/r")" = 2 ] &&
	    grep -q "recorded as snapshot $id" "$T/err" &&
	    grep -q "~ port 587  port: 25 -> 587" "$T/err" &&
	    [ -z "$(git -C "$T/r" status --porcelain)" ]; then
		ok "stdout full: exit 7, the report on stderr, the work tree updated"
	else
		notok "stdout full: exit 7 and the report on stderr" "exit $status"
	fi
else
	skip "stdout full: exit 7 and the report on stderr" "no /dev/full"
fi

# The anomaly guard: nothing committed, the page kept, --accept overrides.
reject() {	# NAME PAGE MESSAGE [OPTIONS]
	rm -rf "$T/r" && cp -a "$T/base" "$T/r"
	page=$2 msg=$3
	shift 3
	run "$MCWATCH" run --repo "$T/r" --url "$page" "$@"
	if [ "$status" -eq 4 ] && grep -qF -- "$msg" "$T/err" &&
	    grep -q -- "--accept" "$T/err" && [ "$(commits "$T/r")" = 1 ] &&
	    ls "$T/r/.git/mcwatch-rejected/"*.html > /dev/null 2>&1; then
		ok "guard: $name"
	else
		notok "guard: $name" "exit $status"
	fi
}
: > "$T/empty.html"
name="empty page" reject x "$T/empty.html" "no data found"
name="login page" reject x "$F/login.html" "check the URL"
awk '/<h2 id="ca">/ { skip = 1 } /<h2 id="uk">/ { skip = 0 } !skip' "$S" \
    > "$T/noca.html"
name="missing region" reject x "$T/noca.html" "region Canada (ca) is missing"
grep -v '<tr><td>.*https://' "$S" > "$T/nourl.html"
name="missing kind" reject x "$T/nourl.html" "no url records at all"
grep -v '<tr><td>170\.10\.\|<tr><td>20[57]\.' "$S" > "$T/fewer.html"
name="over --max-removal" reject x "$T/fewer.html" \
    "over the 10.0% limit" --max-removal 10
run "$MCWATCH" run --repo "$T/r" --url "$T/fewer.html" --max-removal 10 \
    --accept -q
[ "$status" -eq 0 ] && [ "$(commits "$T/r")" = 2 ] &&
    ok "guard: --accept records the page" || notok "guard: --accept" "exit $status"
# Seven rejected pages within a second or two: the last five are kept.
want=""
for i in 1 2 3 4 5 6 7; do
	echo "<p>not the page, try $i</p>" > "$T/empty$i.html"
	"$MCWATCH" run --repo "$T/r" --url "$T/empty$i.html" 2> /dev/null
	[ "$i" -gt 2 ] && want="$want $(sha256sum < "$T/empty$i.html" | cut -c1-12)"
done
got=$(ls "$T/r/.git/mcwatch-rejected/" | grep '\.html$' | sed 's/.*-//; s/\.html//')
[ "$(echo $got)" = "$(echo $want)" ] &&
    [ "$(ls "$T/r/.git/mcwatch-rejected/" | grep -c '\.txt$')" = 5 ] &&
    ok "rejected pages: the last five kept, in order, with reasons" ||
    notok "rejected pages: the last five kept" "got $got" "want $want"
git -C "$T/r" status --porcelain | grep -q . &&
    notok "rejected pages stay out of the work tree" ||
    ok "rejected pages stay out of the work tree"

# A bare repository works the same.
git init -q --bare "$T/bare.git"
run "$MCWATCH" run --repo "$T/bare.git" --url "$S" -q
run "$MCWATCH" run --repo "$T/bare.git" --url "$T/port.html" -q
if [ "$status" -eq 0 ] && [ "$(commits "$T/bare.git")" = 2 ] &&
    git -C "$T/bare.git" fsck --strict 2> /dev/null; then
	ok "bare repository: two snapshots, fsck"
else
	notok "bare repository" "exit $status"
fi
run "$MCWATCH" diff --repo "$T/bare.git"
grep -q "587" "$T/out" && ok "bare repository: diff" || notok "bare repository: diff"

# Not a repository, and no repository yet.
mkdir -p "$T/notrepo" && echo x > "$T/notrepo/file"
run "$MCWATCH" run --repo "$T/notrepo" --url "$S"
expect "a directory that is not a repository" 5 "cannot open as a git repository"
run "$MCWATCH" log --repo "$T/nothing"
expect "log without a repository: what to do" 5 \
    "no repository at $T/nothing: give --repo DIR, or run 'mcwatch run' first"
run "$MCWATCH" run --repo "$T/r" --url "$T/missing.html"
expect "fetch failure leaves the repository" 3 "No such file"

# Kills: SIGKILL at random moments, then a normal run must complete.
rm -rf "$T/k" && cp -a "$T/base" "$T/k"
sed 's/<td>25<\/td>/<td>26<\/td>/' "$S" > "$T/alt.html"
locks=0
for i in $(seq 1 40); do
	if [ $((i % 2)) -eq 0 ]; then p="$S"; else p="$T/alt.html"; fi
	"$MCWATCH" run --repo "$T/k" --url "$p" -q --accept > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s); printf "%.3f", rand() * 0.06 }')"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	ls "$T/k/.git/"*.lock "$T/k/.git/refs/heads/"*.lock > /dev/null 2>&1 &&
	    locks=$((locks + 1))
done
run "$MCWATCH" run --repo "$T/k" --url "$T/port.html" -q
if [ "$status" -eq 0 ] && git -C "$T/k" fsck --strict --no-dangling 2> /dev/null &&
    [ -z "$(git -C "$T/k" status --porcelain)" ] &&
    [ "$(summary "$T/k" | cut -d' ' -f3)" != "" ]; then
	ok "40 kills (git lock files left by $locks), then a clean run and fsck"
else
	notok "kills" "exit $status"
fi
run "$MCWATCH" show --repo "$T/k" --format csv
"$MCWATCH" parse -q --format csv "$T/port.html" > "$T/want"
same "after the kills, the latest snapshot is the last page" "$T/out" "$T/want"

# Kills during a first run: the repository is whole or absent, never
# half made, and the next run completes.
bad=0
for i in $(seq 1 30); do
	rm -rf "$T/new"
	"$MCWATCH" run --repo "$T/new" --url "$S" -q > /dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v s="$i" 'BEGIN { srand(s); printf "%.3f", rand() * 0.03 }')"
	kill -9 $pid 2> /dev/null
	wait $pid 2> /dev/null
	"$MCWATCH" run --repo "$T/new" --url "$S" -q > /dev/null 2> "$T/err"
	st=$?
	if [ $st -ne 0 ] || ! git -C "$T/new" fsck --strict 2> /dev/null ||
	    [ "$(commits "$T/new")" != 1 ] ||
	    [ -n "$(git -C "$T/new" status --porcelain --ignored)" ]; then
		bad=$((bad + 1))
		sed 's/^/    /' "$T/err" | head -3
	fi
done
[ $bad -eq 0 ] && ok "30 kills during first runs, each followed by a whole repository" ||
    notok "kills during first runs" "$bad of 30 left a broken repository"

# A repository an older mcwatch began and never finished is made again.
rm -rf "$T/half" && mkdir -p "$T/half/.git/objects/info" "$T/half/.git/refs/heads"
run "$MCWATCH" run --repo "$T/half" --url "$S" -q
[ "$status" -eq 0 ] && [ "$(commits "$T/half")" = 1 ] &&
    ok "a half-made repository (no HEAD, no object) is finished" ||
    notok "a half-made repository is finished" "exit $status"
mkdir -p "$T/notempty/.git/objects/ab" && touch "$T/notempty/.git/objects/ab/cd"
run "$MCWATCH" run --repo "$T/notempty" --url "$S" -q
[ "$status" -eq 5 ] && [ -e "$T/notempty/.git/objects/ab/cd" ] &&
    ok "a broken repository holding objects is left alone" ||
    notok "a broken repository holding objects is left alone" "exit $status"

# Concurrent first runs: every one succeeds, one snapshot in all.
racefail=0
for i in $(seq 1 16); do
	rm -rf "$T/first"
	"$MCWATCH" run --repo "$T/first" --url "$S" -q > /dev/null 2> "$T/e1" & a=$!
	"$MCWATCH" run --repo "$T/first" --url "$S" -q > /dev/null 2> "$T/e2" & b=$!
	"$MCWATCH" run --repo "$T/first" --url "$S" -q > /dev/null 2> "$T/e3" & c=$!
	wait $a; sa=$?
	wait $b; sb=$?
	wait $c; sc=$?
	if [ $sa -ne 0 ] || [ $sb -ne 0 ] || [ $sc -ne 0 ] ||
	    [ "$(commits "$T/first")" != 1 ]; then
		racefail=$((racefail + 1))
		echo "    exits $sa $sb $sc, $(commits "$T/first") commits"
		grep -hv "warning:" "$T/e1" "$T/e2" "$T/e3" | sed 's/^/    /'
	fi
done
[ $racefail -eq 0 ] && ok "16 x three first runs at once: all succeed, one snapshot" ||
    notok "concurrent first runs" "$racefail of 16 failed"

# Symlinks in the work tree, planted or committed, are replaced, never
# written through: nothing outside the repository changes.
mkdir -p "$T/outside" && echo victim > "$T/outside/victim"
rm -rf "$T/sl" && cp -a "$T/base" "$T/sl"
rm -rf "$T/sl/cidr" "$T/sl/mimecast.csv"
ln -s "$T/outside" "$T/sl/cidr"
ln -s "$T/outside/victim" "$T/sl/mimecast.csv"
run "$MCWATCH" run -q --repo "$T/sl" --url "$T/port.html"
if [ "$status" -eq 0 ] && [ "$(cat "$T/outside/victim")" = victim ] &&
    [ "$(ls "$T/outside")" = victim ] && [ ! -L "$T/sl/cidr" ] &&
    [ ! -L "$T/sl/mimecast.csv" ] && grep -q "removed the symlink cidr" \
    "$T/err" && [ -z "$(git -C "$T/sl" status --porcelain)" ]; then
	ok "planted symlinks: replaced, nothing written outside"
else
	notok "planted symlinks: replaced, nothing written outside" \
	    "exit $status" "$(ls "$T/outside" | head -3)"
fi
rm -rf "$T/sl" && cp -a "$T/base" "$T/sl"
git -C "$T/sl" rm -qr cidr mimecast.csv
ln -s "$T/outside" "$T/sl/cidr"
ln -s "$T/outside/victim" "$T/sl/evil"
ln -s "$T/outside/victim" "$T/sl/mimecast.csv"
git -C "$T/sl" add cidr evil mimecast.csv
git -C "$T/sl" -c user.name=t -c user.email=t@example.com commit -qm links
run "$MCWATCH" run -q --repo "$T/sl" --url "$T/port.html"
if [ "$status" -eq 0 ] && [ "$(cat "$T/outside/victim")" = victim ] &&
    [ "$(ls "$T/outside")" = victim ] && [ -d "$T/sl/cidr/us" ] &&
    [ ! -L "$T/sl/mimecast.csv" ] && [ ! -e "$T/sl/evil" ] &&
    [ -z "$(git -C "$T/sl" status --porcelain)" ]
then
	ok "committed symlinks (mode 120000): replaced, nothing written outside"
else
	notok "committed symlinks: replaced, nothing written outside" \
	    "exit $status"
fi
rm -rf "$T/sl" && cp -a "$T/base" "$T/sl"
ln -s "$T/outside" "$T/sl/.git/mcwatch-rejected"
run "$MCWATCH" run --repo "$T/sl" --url "$T/empty.html"
[ "$status" -eq 4 ] && [ "$(ls "$T/outside")" = victim ] &&
    grep -q "cannot keep the rejected page" "$T/err" &&
    ok "a symlinked mcwatch-rejected/ is not written through" ||
    notok "a symlinked mcwatch-rejected/ is not written through" "exit $status"
rm -rf "$T/sl" && cp -a "$T/base" "$T/sl"
rm -f "$T/sl/.git/mcwatch.lock"
ln -s "$T/outside/lock" "$T/sl/.git/mcwatch.lock"
run "$MCWATCH" run --repo "$T/sl" --url "$T/port.html"
[ "$status" -eq 5 ] && [ ! -e "$T/outside/lock" ] &&
    ok "a symlinked lock file is refused, not created outside" ||
    notok "a symlinked lock file is refused" "exit $status"

# Races: two runs at once record one change once.
rm -rf "$T/race" && cp -a "$T/base" "$T/race"
racefail=0
for i in 1 2 3 4 5; do
	if [ $((i % 2)) -eq 1 ]; then p="$T/alt.html"; else p="$S"; fi
	before=$(commits "$T/race")
	"$MCWATCH" run --repo "$T/race" --url "$p" -q > /dev/null 2>&1 & a=$!
	"$MCWATCH" run --repo "$T/race" --url "$p" -q > /dev/null 2>&1 & b=$!
	wait $a; sa=$?
	wait $b; sb=$?
	[ "$sa" -eq 0 ] && [ "$sb" -eq 0 ] &&
	    [ "$(commits "$T/race")" = $((before + 1)) ] || racefail=1
done
[ $racefail -eq 0 ] && ok "races: 5 x two runs at once, one commit each" ||
    notok "races"
run "$MCWATCH" run --repo "$T/race" --url "$S" --lock-timeout 0 -q
[ "$status" -eq 0 ] && ok "--lock-timeout 0 with no other run" ||
    notok "--lock-timeout 0" "exit $status"

# A repository the user may not write: a clear error, nothing lost.
if command -v setpriv > /dev/null && [ "$(id -u)" = 0 ]; then
	rm -rf "$T/ro" && cp -a "$T/base" "$T/ro"
	chmod 755 "$T" && chown -R nobody:nogroup "$T/ro" && chmod -R a-w "$T/ro"
	# The build may sit where nobody cannot reach: a copy it can run.
	cp "$MCWATCH" "$T/mcwatch-ro" && chmod 755 "$T/mcwatch-ro"
	sgit() { git -c safe.directory='*' -C "$T/ro" "$@"; }
	head0=$(sgit rev-parse HEAD)
	run setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    env HOME="$T" "$T/mcwatch-ro" run --repo "$T/ro" --url "$T/port.html"
	if [ "$status" -eq 5 ] && grep -q "Permission denied" "$T/err" &&
	    [ "$(sgit rev-parse HEAD)" = "$head0" ] &&
	    sgit fsck --strict 2> /dev/null; then
		ok "read-only repository: exit 5, nothing lost"
	else
		notok "read-only repository" "exit $status"
	fi
else
	skip "read-only repository" "needs root and setpriv"
fi

# A warning that quotes a long row of non-ASCII text cuts it by bytes,
# maybe inside a character; the parse's JSON, source.json and the health
# state must still take it (jansson refuses text that is not UTF-8, and
# the run used to fail with "out of memory").
long=$(printf '\303\274\342\202\254\360\235\204\236%.0s' $(seq 1 60))
sed "0,/>207.211.31.1</s//>207.211.31.1 $long</" "$S" > "$T/long.html"
run "$MCWATCH" parse -q "$T/long.html"
if [ "$status" -eq 0 ] && python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if any("207.211.31.1 \u00fc" in w["message"] for w in d["warnings"]) else 1)' < "$T/out"; then
	ok "a warning cut inside a character: parse writes valid JSON"
else
	notok "a warning cut inside a character: parse" "exit $status"
fi
run "$MCWATCH" run -q --repo "$T/cut" --url "$T/long.html"
expect "a warning cut inside a character: run records it" 0
run "$MCWATCH" status --repo "$T/cut"
expect "... and status reads it" 0
# A failed fetch whose message is cut inside a character is recorded.
url="http://127.0.0.1:9/$(printf '\303\251%.0s' $(seq 1 400))"
run "$MCWATCH" run -q --repo "$T/cut" --url "$url"
expect "a failed fetch of a long non-ASCII URL" 3
run "$MCWATCH" status --repo "$T/cut"
if [ "$status" -eq 1 ] && grep -q "the last run failed" "$T/out"; then
	ok "... is recorded: status says the last run failed"
else
	notok "... is recorded in the health state" "exit $status" \
	    "$(head -1 "$T/out")"
fi

# Usage errors.
run "$MCWATCH" run --max-removal 150
expect "run: bad --max-removal" 2 "percentage"
run "$MCWATCH" run --format yaml
expect "run: bad --format" 2 "unknown format"
run "$MCWATCH" diff a b c
expect "diff: too many revisions" 2 "diff: at most two revisions, not 3"
run "$MCWATCH" show --kind host
expect "show: bad --kind" 2 "unknown kind"

finish
