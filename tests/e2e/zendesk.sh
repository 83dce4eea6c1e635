# End-to-end: a Zendesk help centre through its Help Center API, served on
# 127.0.0.1 in the API's documented shape: an article, searches with zero,
# one and two matches, a 429 with Retry-After, a login page as the body.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
PY=/usr/bin/python3
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
W="$T/www"
mkdir -p "$W"
start_httpd "$W"
ART="api_api_v2_help_center_en-us_articles_360001"
SEARCH="api_api_v2_help_center_articles_search_query_Mimecast_20Data_20Centers_20and_20URLs_locale_en-us_per_page_100"

# article FILE PAGE TITLE EDITED: an article answer, as the API gives it.
article() {
	"$PY" - "$2" "$3" "$4" "$U" > "$W/$1" <<'EOP'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({"article": {"id": 360001, "title": sys.argv[2],
    "body": body, "locale": "en-us", "edited_at": sys.argv[3],
    "updated_at": sys.argv[3],
    "html_url": sys.argv[4] + "/hc/en-us/articles/360001-Mimecast-Data-Centers-and-URLs"}}))
EOP
}
# search TITLE...: a search answer with one result per title; a title
# "-TITLE" has a body without tables. $NEXT, if set, is its next_page.
search() {
	"$PY" - "$S" "$U" "${NEXT:-}" "$@" > "$W/${FILE:-$SEARCH}" <<'EOP'
import json, sys
body = open(sys.argv[1], encoding="utf-8").read()
res = []
for i, t in enumerate(sys.argv[4:]):
    plain = t.startswith("-")
    res.append({"id": 360001 + i, "title": t.lstrip("-"),
                "body": "<p>See the other article.</p>" if plain else body,
                "edited_at": "2026-11-01T10:00:00Z",
                "html_url": "%s/hc/en-us/articles/%d" % (sys.argv[2], 360001 + i)})
print(json.dumps({"results": res, "count": len(res),
                  "next_page": sys.argv[3] or None}))
EOP
}

article "$ART" "$S" "Mimecast Data Centers and URLs" "2026-11-01T10:00:00Z"
A="$U/hc/en-us/articles/360001-Mimecast-Data-Centers-and-URLs"
run "$MCWATCH" run -q --repo "$T/r" --url "$A" --exit-code
if [ "$status" -eq 1 ] && grep -q '"article_id": "360001"' "$T/r/source.json" &&
    grep -q '"edited_at": "2026-11-01T10:00:00Z"' "$T/r/source.json" &&
    grep -q '"final_url": "'"$A"'"' "$T/r/source.json" &&
    grep -q "GET /api/v2/help_center/en-us/articles/360001 " "$T/requests"; then
	ok "an article URL: read through the API, article id and edited_at recorded"
else
	notok "an article URL through the API" "exit $status"
fi

# The same edited_at: no change, not even parsed (a changed body with the
# same edited_at is not read).
sed 's/<td>25<\/td>/<td>587<\/td>/' "$S" > "$T/port.html"
article "$ART" "$T/port.html" "Mimecast Data Centers and URLs" "2026-11-01T10:00:00Z"
run "$MCWATCH" run --repo "$T/r" --url "$A" --exit-code
[ "$status" -eq 0 ] && grep -qx "no changes" "$T/out" &&
    [ "$(git -C "$T/r" rev-list --count HEAD)" = 1 ] &&
    ok "an unchanged edited_at: no changes, the body not read" ||
    notok "an unchanged edited_at" "exit $status"
article "$ART" "$T/port.html" "Mimecast Data Centers and URLs" "2026-11-20T08:00:00Z"
run "$MCWATCH" run -q --repo "$T/r" --url "$A" --exit-code
[ "$status" -eq 1 ] && [ "$(git -C "$T/r" rev-list --count HEAD)" = 2 ] &&
    grep -q "^Edited by Mimecast: 2026-11-20T08:00:00Z$" "$T/out" &&
    ok "a new edited_at: the article read, the change recorded, the edit time told" ||
    notok "a new edited_at" "exit $status"
"$MCWATCH" publish --repo "$T/r" --out "$T/site" > /dev/null 2>&1
grep -q 'Mimecast last edited the page: <time datetime="2026-11-20T08:00:00Z">2026-11-20 08:00 UTC</time>' "$T/site/index.html" &&
    grep -q "Source: <a href=\"$A\">" "$T/site/index.html" &&
    ok "the site says when Mimecast last edited the page, and where it is" ||
    notok "the site's edited_at and source" \
    "$(grep -o 'Last changed.*records in' "$T/site/index.html" | head -c 400)"

# zendesk:HOST: found by its exact title.
search "Mimecast Data Centers and URLs" "Mimecast Data Centers and URLs (archive)"
run "$MCWATCH" parse -q "zendesk:$U"
[ "$status" -eq 0 ] && grep -q '"region_code":"us"' "$T/out" &&
    grep -q "GET /api/v2/help_center/articles/search?query=Mimecast%20Data%20Centers%20and%20URLs&locale=en-us&per_page=100 " "$T/requests" &&
    grep -q "GET /api/v2/help_center/en-us/articles/360001 " "$T/requests" &&
    ok "zendesk:HOST: the one exact title among two results" ||
    notok "zendesk:HOST: one match" "exit $status"
search
run "$MCWATCH" parse -q "zendesk:$U"
expect "zendesk:HOST: no match refused" 3 "no article titled 'Mimecast Data Centers and URLs' (the search found nothing)"
search "Mimecast Data Centers and URLs" "mimecast data centers and urls "
run "$MCWATCH" parse -q "zendesk:$U"
expect "zendesk:HOST: two matches refused, the candidates named" 3 \
    "more than one article titled 'Mimecast Data Centers and URLs' (found: 'Mimecast Data Centers and URLs', 'mimecast data centers and urls ')"

# Titles as editors write them: a category before, "&" for "and".
search "Account Settings - Mimecast Data Centers & URLs" "Account Settings - Identifying Mimecast Regions"
run "$MCWATCH" parse -q "zendesk:$U"
[ "$status" -eq 0 ] && grep -q '"region_code":"us"' "$T/out" &&
    ok "zendesk:HOST: 'Category - Mimecast Data Centers & URLs' found" ||
    notok "zendesk:HOST: a category and '&'" "exit $status" "$(head -2 "$T/err")"
# Two match, one of them holds the tables: that one.
search "-Mimecast Data Centers and URLs" "Mimecast Data Centers and URLs"
article "api_api_v2_help_center_en-us_articles_360002" "$S" "Mimecast Data Centers and URLs" "2026-11-01T10:00:00Z"
run "$MCWATCH" parse -q "zendesk:$U"
[ "$status" -eq 0 ] && grep -q "GET /api/v2/help_center/en-us/articles/360002 " "$T/requests" &&
    ok "zendesk:HOST: of two matches, the one whose body holds the tables" ||
    notok "zendesk:HOST: the one with tables" "exit $status" "$(head -2 "$T/err")"
# The match on the second results page, reached by next_page.
NEXT="$U/api/v2/help_center/articles/search?page=2" search "Identifying Mimecast Regions"
FILE="api_api_v2_help_center_articles_search_page_2" search "Mimecast Data Centers and URLs"
run "$MCWATCH" parse -q "zendesk:$U"
[ "$status" -eq 0 ] && grep -q "GET /api/v2/help_center/articles/search?page=2 " "$T/requests" &&
    ok "zendesk:HOST: next_page followed to the second results page" ||
    notok "zendesk:HOST: next_page" "exit $status" "$(head -2 "$T/err")"
# next_page on another host is not followed.
NEXT="http://evil.example/api/v2/help_center/articles/search?page=2" search "Identifying Mimecast Regions"
run "$MCWATCH" parse -q "zendesk:$U"
expect "zendesk:HOST: a next_page on another host is not followed" 3 "no article titled"
# Restricted: the article by id answers 404.
search "Mimecast Data Centers and URLs" "x" "y" "z" "w" "v" "u" "t" "s"
mv "$W/$ART" "$W/$ART.away"
run "$MCWATCH" parse -q "zendesk:$U"
expect "zendesk:HOST: a restricted article: told to give --url" 3 "give its URL with --url"
mv "$W/$ART.away" "$W/$ART"
# A draft, or an article for a user segment, is not the public page.
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["article"]["user_segment_id"]=42; json.dump(d,open(sys.argv[1],"w"))' "$W/$ART"
run "$MCWATCH" parse -q "zendesk:$U"
expect "zendesk:HOST: an article for a user segment refused" 3 "restricted to some users"
article "$ART" "$S" "Mimecast Data Centers and URLs" "2026-11-01T10:00:00Z"
bad=0
for h in "$U/hc/en-us" "user@127.0.0.1" "127.0.0.1?x=1" "127.0.0.1 x" "127.0.0.1#f"; do
	run "$MCWATCH" parse -q "zendesk:$h"
	[ "$status" -eq 3 ] && grep -q "want zendesk:HOST" "$T/err" ||
	    { bad=$((bad + 1)); echo "    zendesk:$h: exit $status"; }
done
[ "$bad" -eq 0 ] && ok "zendesk:HOST with a path, user, query, space or fragment: refused" ||
    notok "zendesk:HOST refusals" "$bad accepted"
# html_url on another host is never recorded as the source.
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["article"]["html_url"]="https://evil.example/x"; json.dump(d,open(sys.argv[1],"w"))' "$W/$ART"
rm -rf "$T/h"
run "$MCWATCH" run -q --repo "$T/h" --url "$A"
[ "$status" -eq 0 ] && ! grep -q evil "$T/h/source.json" &&
    ok "an html_url on another host is not taken as the source" ||
    notok "html_url checked" "exit $status"
article "$ART" "$S" "Mimecast Data Centers and URLs" "2026-11-01T10:00:00Z"

# 429 with Retry-After, then the article.
article "$ART" "$S" "Mimecast Data Centers and URLs" "2026-11-01T10:00:00Z"
: > "$W/$ART.429"
s0=$(date +%s)
run "$MCWATCH" parse -q --retry-delay 0 "$A"
[ "$status" -eq 0 ] && [ ! -e "$W/$ART.429" ] && [ $(($(date +%s) - s0)) -ge 1 ] &&
    ok "a 429 with Retry-After: waited, retried, read" ||
    notok "a 429 with Retry-After" "exit $status"

# The body is a login page: rejected, never recorded as "removed everything".
printf '<form><input name="user"><input type="password"></form>\n' > "$T/login.html"
article "$ART" "$T/login.html" "Mimecast Data Centers and URLs" "2026-11-25T08:00:00Z"
run "$MCWATCH" run --repo "$T/r" --url "$A"
expect "a login page as the article body: rejected" 4 "no data found"

# The API answering HTML (a bot challenge) is refused as not JSON.
printf '<html>checking your browser</html>' > "$W/$ART"
run "$MCWATCH" parse "$A"
expect "an HTML answer from the API: refused" 3 "not JSON"

finish
