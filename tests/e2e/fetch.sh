# End-to-end: the fetcher against a fault-injection HTTP server and an
# HTTPS server with a certificate authority made here, both on 127.0.0.1
# with ports they pick, both stopped when the tests end.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
W="$T/www"
mkdir -p "$W"
cp "$S" "$W/page.html"
gzip -c "$S" > "$W/page.html.gz"
sed 's/<meta http-equiv[^>]*>//' "$F/latin1.html" > "$W/latin1.html"
start_httpd "$W"

# check NAME STATUS STDERR-TEXT MAX-SECONDS CMD...
check() {
	name=$1 want=$2 text=$3 max=$4
	shift 4
	run "$@"
	if [ "$status" -ne "$want" ]; then
		notok "$name" "exit $status, want $want"
	elif [ -n "$text" ] && ! grep -qF -- "$text" "$T/err"; then
		notok "$name" "stderr lacks: $text"
	elif [ "$secs" -gt "$max" ]; then
		notok "$name" "took ${secs}s, want at most ${max}s"
	else
		ok "$name (${secs}s)"
	fi
}

# 200 with validators, then a conditional GET that gets 304.
run "$MCWATCH" run -q --repo "$T/repo" --url "$U/page"
expect "200: first snapshot" 0
grep -q '"etag": "\\"v1\\""' "$T/repo/source.json" &&
    grep -q '"last_modified": "Wed, 21 Oct 2026 07:28:00 GMT"' \
    "$T/repo/source.json" && grep -q '"final_url": "'"$U"'/page"' \
    "$T/repo/source.json" && ok "source.json: ETag, Last-Modified, final URL" ||
    notok "source.json: ETag, Last-Modified, final URL"
: > "$T/requests"
check "304: no changes, exit 0" 0 "" 5 \
    "$MCWATCH" run --repo "$T/repo" --url "$U/page" --exit-code
grep -qx "no changes" "$T/out" && ok "304: says no changes" ||
    notok "304: says no changes"
grep -q '^If-None-Match: "v1"' "$T/requests" &&
    grep -q '^If-Modified-Since: Wed, 21 Oct 2026 07:28:00 GMT' \
    "$T/requests" && ok "validators sent" || notok "validators sent"
[ "$(git -C "$T/repo" rev-list --count HEAD)" = 1 ] &&
    ok "304: nothing committed" || notok "304: nothing committed"
grep -q '^User-Agent: mcwatch/[0-9.]* (+http' "$T/requests" &&
    ok "User-Agent names mcwatch" || notok "User-Agent names mcwatch"

# A snapshot another mcwatch version made: no validators, the page is read.
cp -a "$T/repo" "$T/repo-old"
sed -i 's/"mcwatch_version": "[^"]*"/"mcwatch_version": "0.0.1"/' \
    "$T/repo-old/source.json"
git -C "$T/repo-old" -c user.name=t -c user.email=t@example.com \
    commit -qam "made by an older mcwatch"
: > "$T/requests"
run "$MCWATCH" run --repo "$T/repo-old" --url "$U/page"
if [ "$status" -eq 0 ] && grep -qx "no changes" "$T/out" &&
    ! grep -q "^If-None-Match" "$T/requests"; then
	ok "another version's snapshot: page fetched and read again"
else
	notok "another version's snapshot" "exit $status"
fi

# Validators go only to the URL that produced them: another URL on a
# server that compares them (as this one does) would answer 304 for a page
# it never served, and a change would be recorded as "no changes".
sed 's/<td>25<\/td>/<td>587<\/td>/' "$S" > "$W/other.html"
cp -a "$T/repo" "$T/repo-url"
: > "$T/requests"
run "$MCWATCH" run -q --repo "$T/repo-url" --url "$U/file/other.html" --exit-code
if [ "$status" -eq 1 ] && ! grep -q "^If-None-Match\|^If-Modified-Since" \
    "$T/requests" && [ "$(git -C "$T/repo-url" rev-list --count HEAD)" = 2 ]; then
	ok "another URL: no validators sent, the change recorded"
else
	notok "another URL: no validators sent" "exit $status"
fi
: > "$T/requests"
run "$MCWATCH" run -q --repo "$T/repo-url" --url "$U/file/other.html"
[ "$status" -eq 0 ] && grep -q '^If-None-Match: "v1"' "$T/requests" &&
    ok "the same URL again: its own validators sent" ||
    notok "the same URL again: its own validators sent" "exit $status"

# A source.json that does not parse is warned about; the page is read.
cp -a "$T/repo" "$T/repo-bad"
echo '{"url": ' > "$T/repo-bad/source.json"
git -C "$T/repo-bad" -c user.name=t -c user.email=t@example.com \
    commit -qam "a broken source.json"
: > "$T/requests"
run "$MCWATCH" run --repo "$T/repo-bad" --url "$U/page"
if [ "$status" -eq 0 ] && grep -q "source.json does not parse" "$T/err" &&
    ! grep -q "^If-None-Match" "$T/requests"; then
	ok "a broken source.json: warned about, page read in full"
else
	notok "a broken source.json" "exit $status"
fi

# Credentials given with --header go to the origin asked for only: a
# redirect to another host (the same server as "localhost") gets none.
: > "$T/requests"
run "$MCWATCH" parse -q --retries 0 --header "Authorization: Bearer s3cret" \
    --header "Cookie: sid=s3cret" --header "X-Trace: kept" \
    "$U/tohost/localhost/page"
if [ "$status" -eq 0 ] && [ "$(grep -c "s3cret" "$T/requests")" = 2 ] &&
    [ "$(grep -c "^X-Trace: kept" "$T/requests")" = 2 ] &&
    awk '/^GET \/page/ { p = 1 } p && /s3cret/ { bad = 1 } END { exit bad }' \
    "$T/requests"; then
	ok "--header credentials dropped on a redirect to another host"
else
	notok "--header credentials dropped on a redirect to another host" \
	    "exit $status" "$(grep -c s3cret "$T/requests") lines with s3cret"
fi
: > "$T/requests"
run "$MCWATCH" parse -q --retries 0 --header "Authorization: Bearer s3cret" \
    "$U/redirect/page"
[ "$status" -eq 0 ] && [ "$(grep -c "s3cret" "$T/requests")" = 2 ] &&
    ok "--header credentials kept on a redirect within the origin" ||
    notok "--header credentials kept within the origin" "exit $status"

# A dry run creates no repository.
run "$MCWATCH" run --dry-run --repo "$T/dry" --url "$U/page" --exit-code -q
[ "$status" -eq 1 ] && [ ! -e "$T/dry" ] && grep -q "North America" "$T/out" &&
    ok "--dry-run on no repository: the report, nothing created" ||
    notok "--dry-run on no repository" "exit $status"

# Retries: 503 and 429 with Retry-After, then 200.
check "503, 503, then 200: Retry-After honoured" 0 "" 8 \
    "$MCWATCH" parse -q "$U/flaky/2/503/page.html"
[ "$secs" -ge 2 ] && ok "503: waited as Retry-After asked" ||
    notok "503: waited as Retry-After asked" "${secs}s"
check "429 then 200" 0 "" 6 "$MCWATCH" parse -q "$U/flaky/1/429/page.html"
check "503 for ever: gives up after the retries" 3 \
    "HTTP/1.1 503 Service Unavailable (attempt 3 of 3)" 10 \
    "$MCWATCH" parse --retries 2 --retry-delay 0.2 "$U/status/503"
check "404: no retry" 3 "HTTP/1.1 404 Not Found (attempt 1 of 4)" 5 \
    "$MCWATCH" parse "$U/status/404"

# Servers that misbehave.
check "slow drip: aborted" 3 "(28) Operation too slow" 10 \
    "$MCWATCH" parse --timeout 4 --retries 0 "$U/drip"
check "endless body, no Content-Length: capped" 3 \
    "larger than the 1048576-byte limit" 10 \
    "$MCWATCH" parse --max-size 1M --retries 0 "$U/endless"
check "redirect loop" 3 "more than 5 redirects" 5 \
    "$MCWATCH" parse --retries 0 "$U/loop"
check "redirect to file://" 3 "refused a redirect to file:///etc/passwd" 5 \
    "$MCWATCH" parse --retries 0 "$U/tofile"
check "truncated body" 3 "(18) transfer closed with 99000 bytes remaining" 5 \
    "$MCWATCH" parse --retries 0 "$U/truncated"
check "broken chunked encoding" 3 "(56)" 5 \
    "$MCWATCH" parse --retries 0 "$U/chunked-broken"
check "connection reset" 3 "Connection reset by peer" 5 \
    "$MCWATCH" parse --retries 0 "$U/reset"
check "JSON is not a page" 3 \
    "not an HTML page (Content-Type: application/json)" 5 \
    "$MCWATCH" parse --retries 0 "$U/json"
check "connection refused" 3 "(7)" 5 \
    "$MCWATCH" parse --retries 0 "http://127.0.0.1:1/"

# Content: redirects, gzip, a charset given only by the header.
run "$MCWATCH" parse -q "$U/redirect/page"
same "relative redirect followed" "$T/out" "$G/sample.json"
run "$MCWATCH" parse -q "$U/gzip"
same "gzip body" "$T/out" "$G/sample.json"
run "$MCWATCH" parse -q "$U/file/latin1.html?type=text/html;+charset=ISO-8859-1"
same "ISO-8859-1 by the header = the UTF-8 twin" "$T/out" "$G/latin1.json"

# Identity, extra headers, logs that never show credentials.
run "$MCWATCH" parse -q --header "X-Test: yes" "$U/page"
grep -q '^X-Test: yes' "$T/requests" && ok "--header sent" ||
    notok "--header sent"
check "--header must be one line" 2 "--header" 2 \
    "$MCWATCH" parse --header "$(printf 'X: a\r\nY: b')" "$U/page"
run "$MCWATCH" parse -q -v "http://user:secret@127.0.0.1:$(cat "$T/port")/page"
if grep -q "GET http://127.0.0.1:.*/page" "$T/err" &&
    grep -q "HTTP/1.1 200 OK" "$T/err" && ! grep -q secret "$T/err"; then
	ok "-v: requests and status lines, no credentials"
else
	notok "-v: requests and status lines, no credentials"
fi

# Proxies from the environment: the proxy gets the request, and the
# host named (which does not exist) is never looked up.
: > "$T/requests"
run env http_proxy="$U" no_proxy= "$MCWATCH" parse -q --retries 0 \
    "http://mcwatch.invalid/page"
if [ "$status" -eq 0 ] && grep -q "^GET http://mcwatch.invalid/page" \
    "$T/requests"; then
	ok "http_proxy from the environment"
else
	notok "http_proxy from the environment" "exit $status"
fi
run env http_proxy="http://127.0.0.1:1" no_proxy="127.0.0.1" \
    "$MCWATCH" parse -q --retries 0 "$U/page"
expect "no_proxy from the environment" 0

# Progress: one line on a terminal, nothing otherwise.
run "$MCWATCH" parse --format csv "$U/page"
grep -q "fetching" "$T/err" && notok "no progress when stderr is no terminal" ||
    ok "no progress when stderr is no terminal"
if command -v script > /dev/null; then
	script -qec "'$MCWATCH' parse --format csv '$U/page' > /dev/null" \
	    /dev/null > "$T/tty" 2>&1
	grep -q "mcwatch: fetching: [0-9]* KiB" "$T/tty" &&
	    ok "progress line on a terminal" || notok "progress line on a terminal"
	script -qec "'$MCWATCH' parse -q --format csv '$U/page' > /dev/null" \
	    /dev/null > "$T/tty" 2>&1
	grep -q "fetching" "$T/tty" && notok "-q: no progress line" ||
	    ok "-q: no progress line"
else
	skip "progress line on a terminal" "no script(1)"
fi

# A failed fetch leaves the repository exactly as it was.
head0=$(git -C "$T/repo" rev-parse HEAD)
for path in status/404 json truncated; do
	run "$MCWATCH" run --repo "$T/repo" --url "$U/$path" --retries 0
	if [ "$status" -eq 3 ] && [ "$(git -C "$T/repo" rev-parse HEAD)" = "$head0" ] &&
	    [ -z "$(git -C "$T/repo" status --porcelain)" ] &&
	    [ ! -e "$T/repo/.git/mcwatch-rejected" ]; then
		ok "run, failed fetch ($path): exit 3, repository unchanged"
	else
		notok "run, failed fetch ($path)" "exit $status"
	fi
done
run "$MCWATCH" run --repo "$T/fresh" --url "$U/status/500" --retries 0
[ "$status" -eq 3 ] && [ ! -e "$T/fresh" ] &&
    ok "run, failed first fetch: no repository created" ||
    notok "run, failed first fetch: no repository created"

# HTTPS with a certificate authority made for the test.
if command -v openssl > /dev/null; then
	X="$T/tls"
	make_ca "$X"
	{ printf 'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n'
	  cat "$S"; } > "$X/page.txt"
	printf 'HTTP/1.0 302 Found\r\nLocation: %s/page\r\n\r\n' "$U" \
	    > "$X/down.txt"
	(cd "$X" && exec openssl s_server -HTTP -accept 127.0.0.1:0 \
	    -cert srv.pem -key srv.key > "$X/s.out" 2>&1) &
	pids="$pids $!"
	for i in $(seq 50); do grep -q '^ACCEPT' "$X/s.out" 2> /dev/null && break
	    sleep 0.1; done
	H="https://127.0.0.1:$(sed -n 's/^ACCEPT 127.0.0.1://p' "$X/s.out")"
	check "HTTPS: unknown CA refused" 3 "(60) SSL certificate problem" 5 \
	    "$MCWATCH" parse --retries 0 "$H/page.txt"
	check "HTTPS: --cacert trusts it" 0 "" 5 \
	    "$MCWATCH" parse -q --retries 0 --cacert "$X/ca.pem" "$H/page.txt"
	same "HTTPS: the page" "$T/out" "$G/sample.json"
	check "HTTPS: redirect down to http refused" 3 \
	    "refused a redirect from https down to $U/page" 5 \
	    "$MCWATCH" parse --retries 0 --cacert "$X/ca.pem" "$H/down.txt"
	check "--cacert missing: a usage error" 2 "--cacert $X/nope.pem" 5 \
	    "$MCWATCH" parse --retries 0 --cacert "$X/nope.pem" "$H/page.txt"
else
	skip "HTTPS" "no openssl"
fi

# Options.
check "--timeout 0" 2 "--timeout" 2 "$MCWATCH" parse --timeout 0 "$U/page"
check "--retries -1" 2 "--retries" 2 "$MCWATCH" parse --retries -1 "$U/page"

finish
