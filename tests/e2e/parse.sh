# End-to-end: 'mcwatch parse' on fixtures of several markup styles, against
# golden outputs, and on inputs that must fail cleanly.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"

# Golden outputs: every field of every record, in every format.
run "$MCWATCH" parse "$S"
expect "sample: exit 0" 0 "is its broadcast address"
same "sample: json golden" "$T/out" "$G/sample.json"
for fmt in csv tsv text; do
	run "$MCWATCH" parse -q --format $fmt "$S"
	same "sample: $fmt golden" "$T/out" "$G/sample.$fmt"
done
[ -s "$T/err" ] && notok "-q prints no warnings" || ok "-q prints no warnings"
for f in community warnings latin1; do
	run "$MCWATCH" parse "$F/$f.html"
	expect "$f: exit 0" 0
	same "$f: json golden" "$T/out" "$G/$f.json"
done

# The same data whatever the encoding, and after a stray bad byte.
run "$MCWATCH" parse "$F/latin1-utf8.html"
same "latin1 page = its UTF-8 twin" "$T/out" "$G/latin1.json"
run "$MCWATCH" parse "$F/badbyte.html"
same "a bad byte does not garble the rest of the page" "$T/out" \
    "$G/latin1.json"

# Sources: standard input and file:// URLs read the same page.
run sh -c "'$MCWATCH' parse -q - < '$S'"
same "stdin" "$T/out" "$G/sample.json"
run "$MCWATCH" parse -q "file://$S"
same "file:// URL" "$T/out" "$G/sample.json"
run "$MCWATCH" parse -q "file://localhost$(echo "$S" | sed 's/ /%20/g')"
same "file://localhost URL" "$T/out" "$G/sample.json"

# Cosmetics: row order reversed (rows without spans), whitespace, comments
# and a footer added.
awk '/^<tr><td.*<td>to<\/td>/ { rows[n++] = $0; next }
     { while (n > 0) print rows[--n]; print }' "$S" |
    sed 's/<td>/<td>\n  <!-- c -->\n  /g; s/<\/body>/<p>New footer<\/p><\/body>/' \
    > "$T/cosmetic.html"
cmp -s "$S" "$T/cosmetic.html" && notok "cosmetic copy differs from the sample"
run "$MCWATCH" parse -q "$T/cosmetic.html"
same "row order, whitespace, comments: identical output" "$T/out" \
    "$G/sample.json"

# Bad input: one clear line, nothing on stdout, a documented status.
check_bad() {	# NAME FILE STATUS TEXT
	run "$MCWATCH" parse "$2"
	if [ -s "$T/out" ]; then
		notok "$1: nothing on stdout"
	else
		expect "$1" "$3" "$4"
	fi
}
: > "$T/empty.html"
check_bad "empty file" "$T/empty.html" 4 "no data found"
printf '\177ELF\002\001\001\000\000\000\377\376\000\000\033[2J\001\002' \
    > "$T/junk.bin"
check_bad "binary junk" "$T/junk.bin" 4 "no data found"
check_bad "login page" "$F/login.html" 4 "no data found"
check_bad "JavaScript-only shell" "$F/jsshell.html" 4 "check the URL"
check_bad "missing file" "$T/nope.html" 3 "nope.html: No such file"
check_bad "a directory" "$T" 3 "Is a directory"
run "$MCWATCH" parse "ftp://127.0.0.1/x"
expect "unsupported URL scheme" 3 "unsupported URL scheme"

# Deep nesting between two tables: the second table is not lost.
t='<table><tr><th>Application</th><th>URL</th></tr><tr><td>A</td><td>https://a.example</td></tr></table>'
u='<table><tr><th>Application</th><th>URL</th></tr><tr><td>B</td><td>https://b.example</td></tr></table>'
{ echo "<h2>Germany</h2><h3>URLs</h3>$t"
  awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>"
               for (i = 0; i < 100000; i++) printf "</div>" }'
  echo "$u"; } > "$T/deep.html"
run "$MCWATCH" parse --format csv "$T/deep.html"
if [ "$status" -eq 0 ] && grep -q "b.example" "$T/out" && [ "$secs" -le 10 ]; then
	ok "100,000-deep nesting: both tables, ${secs}s"
else
	notok "100,000-deep nesting" "exit $status"
fi

# Enormous spans are clamped: quick, bounded, and the table still reads.
{ echo '<h2>Germany</h2><h3>URLs</h3><table>'
  echo '<tr><th>Application</th><th>URL</th></tr>'
  echo '<tr><td>A</td><td>https://a.example</td></tr>'
  echo '<tr><td colspan="100000000" rowspan="100000000">x</td></tr>'
  awk 'BEGIN { for (i = 0; i < 2000; i++) print "<tr><td>y</td></tr>" }'
  echo '</table>'; } > "$T/span.html"
run "$MCWATCH" parse --format csv "$T/span.html"
if [ "$status" -eq 0 ] && grep -q "a.example" "$T/out" && [ "$secs" -le 10 ]; then
	ok "colspan/rowspan 100000000: bounded, ${secs}s"
else
	notok "colspan/rowspan 100000000" "exit $status, ${secs}s"
fi

# A 50 MB cell: over the default size limit, and cut short when allowed.
{ printf '<h2>Germany</h2><h3>URLs</h3><table><tr><th>Application</th><th>URL</th></tr><tr><td>'
  head -c 50000000 /dev/zero | tr '\0' 'a'
  printf '</td><td>https://a.example</td></tr><tr><td>B</td><td>https://b.example</td></tr></table>'
} > "$T/bigcell.html"
check_bad "50 MB page over --max-size" "$T/bigcell.html" 3 "larger than"
run "$MCWATCH" parse --max-size 64M --format csv "$T/bigcell.html"
if [ "$status" -eq 0 ] && grep -q "b.example" "$T/out" &&
    grep -q "cut short" "$T/err" && [ "$secs" -le 20 ]; then
	ok "50 MB cell with --max-size 64M: cut short, ${secs}s"
else
	notok "50 MB cell" "exit $status, ${secs}s"
fi

# NUL bytes and invalid UTF-8 inside the data.
printf '<h2>Germany</h2><h3>URLs</h3><table><tr><th>Application</th><th>URL</th></tr><tr><td>A\000PI\377</td><td>https://a.example</td></tr><tr><td>B</td><td>https://b.example</td></tr></table>' > "$T/nul.html"
run "$MCWATCH" parse --format csv "$T/nul.html"
if [ "$status" -eq 0 ] && grep -q "b.example" "$T/out" &&
    grep -q "$(printf 'A\357\277\275PI\357\277\275')" "$T/out"; then
	ok "NUL and invalid bytes become U+FFFD"
else
	notok "NUL and invalid bytes" "exit $status"
fi

# Hostile cells: formulas are text in CSV and TSV (a leading apostrophe),
# untouched in JSON; URLs that could carry markup are warned about and
# left out.
H="$F/hostile.html"
run "$MCWATCH" parse --format csv "$H"
if [ "$status" -eq 0 ] &&
    grep -q "^url,Germany,de,Application URLs,,,,,,,,,\"'=HYPERLINK(" "$T/out" &&
    grep -q ",'@SUM(1+1),https://b.example/" "$T/out" &&
    grep -q ",'+cmd|' /C calc'!A0,https://c.example/" "$T/out" &&
    grep -q ",'-2+3,https://d.example/" "$T/out" &&
    ! grep -q ',[=+@-]' "$T/out"; then
	ok "csv: formula cells neutralised with an apostrophe"
else
	notok "csv: formula cells neutralised" "exit $status"
fi
run "$MCWATCH" parse --format tsv "$H"
[ "$status" -eq 0 ] && ! grep -q '	[=+@-]' "$T/out" &&
    grep -q "	'=HYPERLINK(" "$T/out" &&
    ok "tsv: formula cells neutralised" || notok "tsv: formula cells neutralised"
run "$MCWATCH" parse --format json "$H"
grep -q '"application":"=HYPERLINK(' "$T/out" &&
    ok "json: formula cells kept as they are" || notok "json: cells as they are"
n=$(grep -c '"kind":"url"' "$T/out")
bad=$(grep -c 'not a URL' "$T/err")
urls=$(grep '"kind":"url"' "$T/out" | grep -o '"url":"[^"]*"' | sort | tr '\n' ' ')
[ "$n" = 5 ] && [ "$bad" = 6 ] && [ "$urls" = '"url":"https://a.example/" '\
'"url":"https://b.example/" "url":"https://c.example/" '\
'"url":"https://d.example/" "url":"https://e.example/" ' ] &&
    ok "URLs with markup, spaces, quotes, backslashes or no http(s): warned, left out" ||
    notok "bad URLs left out" "$n url records, $bad warnings"

# 25,000 bad rows: one write a warning, not one a byte.
awk 'BEGIN {
	printf "<h2>Germany</h2><h3>Networks</h3><table><tr><th>Network</th>"
	printf "<th>Netmask</th></tr><tr><td>192.0.2.0/24</td>"
	printf "<td>255.255.255.0</td></tr>\n"
	for (i = 0; i < 25000; i++)
		printf "<tr><td>bad%d</td><td>x</td></tr>\n", i
	print "</table>" }' > "$T/badrows.html"
run "$MCWATCH" parse "$T/badrows.html"
n=$(grep -c "not an address: bad" "$T/err")
if [ "$status" -eq 0 ] && [ "$n" = 25000 ] && [ "$secs" -le 3 ]; then
	ok "25,000 warnings in ${secs}s"
else
	notok "25,000 warnings" "exit $status, $n warnings, ${secs}s"
fi
if command -v strace > /dev/null; then
	strace -f -e trace=write -o "$T/strace" "$MCWATCH" parse \
	    "$T/badrows.html" > /dev/null 2>&1
	w=$(grep -c '^[0-9]* *write(2' "$T/strace")
	[ "$w" -le 25010 ] && ok "warnings: $w writes to stderr for 25,000" ||
	    notok "warnings: one write each" "$w writes"
else
	skip "warnings: one write each" "no strace"
fi

# The command line.
run "$MCWATCH"
expect "no command: usage error" 2 "usage"
run "$MCWATCH" frobnicate
expect "unknown command" 2 "unknown command 'frobnicate'"
run "$MCWATCH" parse
expect "parse without PAGE" 2 "parse: no PAGE given"
run "$MCWATCH" parse --format xml "$S"
expect "unknown format" 2 "unknown format 'xml'"
run "$MCWATCH" parse --max-size 12Q "$S"
expect "bad --max-size" 2 "not a size"
run "$MCWATCH" --help
expect "--help" 0
grep -q "parse" "$T/out" && ok "--help lists parse" || notok "--help lists parse"
run "$MCWATCH" parse --help
grep -q "Exit status" "$T/out" && ok "parse --help gives exit statuses" ||
    notok "parse --help gives exit statuses"
run "$MCWATCH" --version
grep -q "^mcwatch [0-9]" "$T/out" && ok "--version" || notok "--version"
if [ -w /dev/full ]; then
	run sh -c "'$MCWATCH' parse -q '$S' > /dev/full"
	expect "a full disk is an error" 6 "failed"
fi

# A table after the page's </html> (an editor's paste, a CMS footer) is
# still read: libxml2's memory parser goes on where its push parser stops.
cp "$S" "$T/after.html"
printf '<h2>United States of America</h2><h3>Application URLs</h3><table><tr><th>Application</th><th>URL</th></tr><tr><td>After the end</td><td>https://us-api.mimecast.com</td></tr></table>\n' >> "$T/after.html"
run "$MCWATCH" parse -q -f csv "$T/after.html"
[ "$status" -eq 0 ] && grep -q "After the end" "$T/out" &&
    ok "a table after </html> is read" || notok "a table after </html>" "exit $status"
finish
