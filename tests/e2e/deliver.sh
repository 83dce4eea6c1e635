# End-to-end: notifications one can trust (issue 17). A change recorded is
# told to every channel configured when it was recorded, whatever fails or
# is killed; page and repository text never reach a header or live markup;
# secrets are never printed or stored. Real SMTP and webhook servers on
# 127.0.0.1, started and stopped here; kills at named fault points of the
# test build.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
FAULTY="$(dirname "$MCWATCH")/tests/mcwatch-oom"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
if ! "$PY" -c "import aiosmtpd" 2> /dev/null; then
	skip "delivery" "no python3-aiosmtpd"
	finish
	exit $?
fi
# hook FILE EXPR: a Python expression over the JSON body d of a POST.
hook() {
	"$PY" -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2> /dev/null
}
posts() { ls "$T/$1" 2> /dev/null | grep -c '\.json$'; }
mail="--smtp-tls none --mail-from mcwatch@example.com --retries 0"

start_py smtp smtpd.py nobody@example.com
SMTP="smtp://127.0.0.1:$port"

# 1. A channel first configured in the run that records a change, with the
# server down: the next run tells that change (delayed), not a baseline.
"$MCWATCH" run -q --repo "$T/a" --url "$S" > /dev/null 2>&1
run "$MCWATCH" run -q --repo "$T/a" --url "$N" --smtp-url smtp://127.0.0.1:1 \
    $mail --mail-to new@example.com
st1=$status
run "$MCWATCH" run --repo "$T/a" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to new@example.com
f="$T/smtp/1.eml"
if [ "$st1" -eq 8 ] && [ "$status" -eq 0 ] && [ "$(mails smtp)" = 1 ] &&
    mime "$f" 'm["Subject"]' | grep -q "changed (delayed): +1 -1 ~2" &&
    grep -q "^sent 1 pending notification$" "$T/out"; then
	ok "a new channel whose first delivery failed hears the change, delayed"
else
	notok "a new channel that missed its first change" "exits $st1, $status" \
	    "$(mime "$f" 'm["Subject"]')"
fi

# 2. The same under a kill: two new channels, killed while sending to the
# first; the next run tells both of the change.
start_py h2 webhook.py
H2="http://127.0.0.1:$port/second"
"$MCWATCH" run -q --repo "$T/b" --url "$S" > /dev/null 2>&1
MCWATCH_FAULT=deliver.send run "$FAULTY" run -q --repo "$T/b" --url "$N" \
    --smtp-url "$SMTP" $mail --mail-to kill@example.com --webhook "$H2"
st1=$status
n=$(mails smtp)
run "$MCWATCH" run -q --repo "$T/b" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to kill@example.com --webhook "$H2"
if [ "$st1" -eq 137 ] && [ "$status" -eq 0 ] && [ "$(mails smtp)" = $((n + 1)) ] &&
    mime "$T/smtp/$((n + 1)).eml" 'm["Subject"]' | grep -q "changed (delayed): +1 -1 ~2" &&
    [ "$(posts h2)" = 1 ] && [ "$(hook "$T/h2/1.json" 'd["kind"]')" = change ]; then
	ok "killed at the first send: both new channels hear the change next run"
else
	notok "killed at the first send" "exits $st1, $status, $(posts h2) posts"
fi

# Every named point of a delivery, killed there: none lost, no repeat
# without its key.
rm -rf "$T/c" "$T/h3"
start_py h3 webhook.py
H3="http://127.0.0.1:$port/h3"
"$MCWATCH" run -q --repo "$T/c" --url "$S" --webhook "$H3" --retries 0 > /dev/null 2>&1
good=1 k=0
cp "$S" "$T/c.html"
for point in deliver.prepare deliver.prepared deliver.send deliver.sent \
    deliver.save deliver.saved; do
	k=$((k + 1))
	sed "s/<td>25<\/td>/<td>$((2000 + k))<\/td>/" "$S" > "$T/c.html"
	MCWATCH_FAULT=$point "$FAULTY" run -q --repo "$T/c" --url "$T/c.html" \
	    --webhook "$H3" --retries 0 > /dev/null 2>&1
	[ $? -eq 137 ] || { good=0; echo "    $point: not killed"; }
	"$MCWATCH" run -q --repo "$T/c" --url "$T/c.html" --webhook "$H3" \
	    --retries 0 > /dev/null 2>&1 || { good=0; echo "    $point: next run failed"; }
done
# Each of the 6 changes reached the receiver at least once; repeats share a key.
told=$(cat "$T/h3/"*.json | "$PY" -c '
import json, sys
keys = {}
for line in sys.stdin.read().replace("}{", "}\n{").splitlines():
    d = json.loads(line)
    if d["kind"] == "change":
        keys.setdefault(d["diff"]["to"], set()).add(d["idempotency_key"])
print(len(keys), max(len(v) for v in keys.values()))')
[ "$good" = 1 ] && [ "$told" = "6 1" ] &&
    ok "killed at each of 6 delivery points: every change told, one key each" ||
    notok "kills at delivery points" "changes told, keys per change: $told"

# 3. A state naming a snapshot the repository lacks: told once, then from
# the latest snapshot; a symlinked state file likewise.
g="$T/a/.git/mcwatch-notify.json"
"$PY" - "$g" <<'EOP'
import json, sys
s = json.load(open(sys.argv[1]))
for v in s["channels"].values():
    v["delivered"] = "0123456789abcdef0123456789abcdef01234567"
json.dump(s, open(sys.argv[1], "w"))
EOP
run "$MCWATCH" run -q --repo "$T/a" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to new@example.com
st1=$status
grep -q "not in the repository's history" "$T/err"; warned=$?
run "$MCWATCH" run -q --repo "$T/a" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to new@example.com
[ "$st1" -eq 0 ] && [ "$warned" -eq 0 ] && [ "$status" -eq 0 ] &&
    [ ! -s "$T/err" ] && ok "a state naming an unknown snapshot: warned once, exit 0" ||
    notok "a stale delivery state" "exits $st1, $status"
mv "$g" "$T/elsewhere.json"
ln -s "$T/elsewhere.json" "$g"
run "$MCWATCH" run -q --repo "$T/a" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to new@example.com
[ "$status" -eq 0 ] && grep -q "cannot be read" "$T/err" && [ ! -L "$g" ] &&
    [ "$(stat -c %a "$g")" = 600 ] &&
    ok "a symlinked state file: warned, replaced by a file of mode 0600" ||
    notok "a symlinked state file" "exit $status"

# 4. SMTP is retried as webhooks are: a server that says 451 twice.
SMTPD_TEMPFAIL=2 start_py temp smtpd.py nobody@example.com
run "$MCWATCH" notify --test --smtp-url "smtp://127.0.0.1:$port" --smtp-tls none \
    --mail-from mcwatch@example.com --mail-to t@example.com --retries 2 --retry-delay 0
[ "$status" -eq 0 ] && [ "$(mails temp)" = 1 ] &&
    ok "SMTP 451 twice, then 250: delivered within the run's retries" ||
    notok "SMTP retried" "exit $status"

# 5. --timeout bounds every SMTP response, the last 250 too.
SMTPD_DELAY=20 start_py slow smtpd.py nobody@example.com
run "$MCWATCH" notify --test --smtp-url "smtp://127.0.0.1:$port" --smtp-tls none \
    --mail-from mcwatch@example.com --mail-to t@example.com --retries 0 --timeout 2
[ "$status" -eq 9 ] && [ "$secs" -le 6 ] &&
    ok "a server that holds its final 250: bounded by --timeout 2 (${secs}s)" ||
    notok "SMTP --timeout" "exit $status after ${secs}s"

# 6. A webhook slower than --timeout: the repeat carries the same key.
WEBHOOK_DELAY=4 start_py slowhook webhook.py
run "$MCWATCH" notify --test --webhook "http://127.0.0.1:$port/x" --timeout 1 \
    --retries 1 --retry-delay 0
sleep 4
k1=$(grep -i '^Idempotency-Key:' "$T/slowhook/1.headers" | tr -d '\r')
k2=$(grep -i '^Idempotency-Key:' "$T/slowhook/2.headers" | tr -d '\r')
[ -n "$k1" ] && [ "$k1" = "$k2" ] &&
    [ "$(hook "$T/slowhook/2.json" 'd["idempotency_key"]')" = "${k1#*: }" ] &&
    ok "a slow receiver gets the repeat with the same Idempotency-Key" ||
    notok "idempotency key" "'$k1' '$k2'"

# 7. A committed mimecast.json whose region code carries CR LF: refused as
# no valid record; nothing is mailed with its text.
rm -rf "$T/d"
"$MCWATCH" run -q --repo "$T/d" --url "$S" > /dev/null 2>&1
sed -i 's/"region_code":"us"/"region_code":"us\\r\\nBcc: victim@example.com"/' "$T/d/mimecast.json"
git -C "$T/d" -c user.name=x -c user.email=x@example.com commit -qam forged
n=$(mails smtp)
run "$MCWATCH" run -q --repo "$T/d" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to forged@example.com
[ "$status" -eq 5 ] && grep -q "not a valid record" "$T/err" &&
    [ "$(mails smtp)" = "$n" ] &&
    ok "a region code with CR LF read back from the repository: refused" ||
    notok "a forged region code" "exit $status"

# 8. Page text never becomes chat markup.
cat > "$T/chat.html" <<'EOH'
<h2>United States of America</h2><h3>Application URLs</h3>
<table><tr><th>Application</th><th>URL</th></tr>
<tr><td>x``` &lt;!channel&gt; &lt;https://evil.example/|Sign in again&gt; [x](https://evil.example/) &amp;</td><td>https://us-api.mimecast.com</td></tr>
</table>
EOH
cat "$S" "$T/chat.html" > "$T/chat2.html"
for fmt in slack teams; do
	start_py "chat$fmt" webhook.py
	rm -rf "$T/e$fmt"
	"$MCWATCH" run -q --repo "$T/e$fmt" --url "$S" > /dev/null 2>&1
	run "$MCWATCH" run -q --repo "$T/e$fmt" --url "$T/chat2.html" --accept \
	    --webhook "http://127.0.0.1:$port/c" --webhook-format $fmt --retries 0
	if [ "$status" -eq 0 ] && "$PY" - "$T/chat$fmt/1.json" <<'EOP'
import json, re, sys
d = json.load(open(sys.argv[1]))
t = d["text"]
body = t[t.index("```") + 3:]
assert body.endswith("```"), "the block ends the text"
body = body[:-3]
assert "``" not in body, "no run of backticks inside the block"
assert "<" not in body and ">" not in body, "no angle bracket: no mention or link"
assert "&lt;!channel&gt;" in body and "&lt;https://evil.example/|Sign" in body
assert "&amp;" in body
EOP
	then
		ok "$fmt: page text stays inside its code block, no mention or link"
	else
		notok "$fmt: page text escapes" "exit $status"
	fi
done

# 9. Secrets: a password in --smtp-url and a webhook URL are never printed;
# the state names channels by digests, mode 0600.
run "$MCWATCH" notify --test --smtp-url "smtp://user:Pa55word@127.0.0.1:1" \
    --mail-from mcwatch@example.com --mail-to t@example.com --retries 0 \
    --smtp-tls starttls
[ "$status" -eq 9 ] && ! grep -q Pa55word "$T/err" && grep -q "127.0.0.1:1" "$T/err" &&
    ok "a password in --smtp-url is never printed" ||
    notok "SMTP URL redacted" "exit $status"
secret="http://127.0.0.1:1/services/T000/B000/XXSECRETXX?token=QQTOKENQQ"
run "$MCWATCH" notify --test --webhook "$secret" --retries 0
st1=$status
grep -q "XXSECRETXX\|QQTOKENQQ" "$T/err"; leaked=$?
start_py h9 webhook.py
run "$MCWATCH" notify --test --webhook "http://127.0.0.1:$port/XXSECRETXX" --retries 0
[ "$st1" -eq 9 ] && [ "$leaked" -ne 0 ] && [ "$status" -eq 0 ] &&
    ! grep -q XXSECRETXX "$T/err" && grep -q "127.0.0.1:$port/\.\.\. (" "$T/err" &&
    ok "a webhook URL is shown by host and digest only, failed or sent" ||
    notok "webhook URL redacted" "exits $st1, $status"
rm -rf "$T/f"
"$MCWATCH" run -q --repo "$T/f" --url "$S" --webhook "http://127.0.0.1:$port/XXSECRETXX" \
    --retries 0 > /dev/null 2>&1
st="$T/f/.git/mcwatch-notify.json"
[ "$(stat -c %a "$st")" = 600 ] && ! grep -q XXSECRETXX "$st" &&
    grep -q '"webhook:[0-9a-f]\{64\}"' "$st" &&
    ok "the delivery state: 0600, channels named by SHA-256, no URL" ||
    notok "the delivery state" "$(cat "$st")"

# 10. A password in --url is never committed.
mkdir -p "$T/www"
cp "$S" "$T/www/page.html"
start_httpd "$T/www"
rm -rf "$T/g"
run "$MCWATCH" run -q --repo "$T/g" --url "http://u:Pa55word@127.0.0.1:${U##*:}/page"
[ "$status" -eq 0 ] && ! grep -rq Pa55word "$T/g/source.json" &&
    ! git -C "$T/g" log -p | grep -q Pa55word &&
    ok "a password in --url stays out of source.json and the history" ||
    notok "--url redacted in the snapshot" "exit $status"

# 11, 12. AUTH in clear, and TLS modes the URL contradicts: usage errors.
printf '[email]\n\tuser = mcwatch\n' > "$T/user.conf"
run "$MCWATCH" notify --test --config "$T/user.conf" --smtp-url "$SMTP" \
    --smtp-tls none --mail-from a@example.com --mail-to b@example.com
expect "AUTH with --smtp-tls none: refused" 2 "--smtp-allow-plain-auth"
MCWATCH_SMTP_PASSWORD=x run "$MCWATCH" notify --test --config "$T/user.conf" \
    --smtp-url "smtp://127.0.0.1:1" --smtp-tls none --smtp-allow-plain-auth \
    --mail-from a@example.com --mail-to b@example.com --retries 0
expect "AUTH in clear when allowed: warned" 9 "password crosses the network in clear"
printf 'pw\n' > "$T/pw"
chmod 644 "$T/pw"
printf '[email]\n\tuser = mcwatch\n\tpassword-file = %s\n' "$T/pw" > "$T/pw.conf"
run "$MCWATCH" notify --test --config "$T/pw.conf" --smtp-url "smtp://127.0.0.1:1" \
    --mail-from a@example.com --mail-to b@example.com --retries 0
expect "a password file others can read: warned" 9 "readable by others"
head -c 300 /dev/zero | tr '\0' x > "$T/long"
printf '[email]\n\tuser = mcwatch\n\tpassword-file = %s\n' "$T/long" > "$T/long.conf"
run "$MCWATCH" notify --test --config "$T/long.conf" --smtp-url "smtp://127.0.0.1:1" \
    --mail-from a@example.com --mail-to b@example.com
expect "a password longer than mcwatch takes: refused, not cut" 2 "at most 254"
run "$MCWATCH" notify --test --smtp-url "smtp://127.0.0.1:1" --smtp-tls implicit \
    --mail-from a@example.com --mail-to b@example.com
expect "--smtp-tls implicit with smtp://: a usage error" 2 "wants an smtps:// URL"
run "$MCWATCH" notify --test --smtp-url "smtps://127.0.0.1:1" --smtp-tls starttls \
    --mail-from a@example.com --mail-to b@example.com
expect "--smtp-tls starttls with smtps://: a usage error" 2 "contradicts"

# 13. Configured headers and an HMAC of the body.
start_py h13 webhook.py
printf 'k3y\n' > "$T/secret"
chmod 600 "$T/secret"
run "$MCWATCH" notify --test --webhook "http://127.0.0.1:$port/x" \
    --webhook-header "Authorization: Bearer abc" --webhook-secret-file "$T/secret"
if [ "$status" -eq 0 ] && grep -q "^Authorization: Bearer abc" "$T/h13/1.headers" &&
    "$PY" - "$T/h13/1.json" "$T/h13/1.headers" <<'EOP'
import hashlib, hmac, sys
body = open(sys.argv[1], "rb").read()
sig = [l.split(":", 1)[1].strip() for l in open(sys.argv[2])
       if l.lower().startswith("x-mcwatch-signature:")][0]
want = "sha256=" + hmac.new(b"k3y", body, hashlib.sha256).hexdigest()
assert hmac.compare_digest(sig, want), (sig, want)
EOP
then
	ok "webhooks: configured headers sent, the body signed (HMAC-SHA256)"
else
	notok "webhook headers and signature" "exit $status"
fi
mkdir -p "$T/creds" && printf 'k3y\n' > "$T/creds/webhook-secret"
CREDENTIALS_DIRECTORY="$T/creds" run "$MCWATCH" notify --test --webhook "http://127.0.0.1:$port/x"
[ "$status" -eq 0 ] && grep -qi '^X-Mcwatch-Signature: sha256=' "$T/h13/2.headers" &&
    ok "the webhook secret from systemd's \$CREDENTIALS_DIRECTORY (LoadCredential=)" ||
    notok "the secret as a systemd credential" "exit $status"
run "$MCWATCH" notify --test --webhook "http://127.0.0.1:$port/x" --header "X-Page: 1"
! grep -qi "^X-Page:" "$T/h13/3.headers" &&
    ok "the page's --header never goes to a webhook" ||
    notok "--header kept from webhooks"

# 14, 15. What the mail says: the page's warnings, the snapshot's date,
# headers a mail system expects, display names, a styled HTML part.
rm -rf "$T/w"
cp "$F/warnings.html" "$T/warn.html"
n=$(mails smtp)
run "$MCWATCH" run --repo "$T/w" --url "$T/warn.html" --smtp-url "$SMTP" $mail \
    --mail-from "mcwatch bot <mcwatch@example.com>" --mail-to "Ops Team <ops@example.com>"
f="$T/smtp/$((n + 1)).eml"
if [ "$status" -eq 0 ] && grep -q "^Mimecast baseline: " "$T/out" &&
    git -C "$T/w" log -1 --format=%s | grep -q "^Mimecast: baseline, " &&
    [ "$(mime "$f" 'm["Auto-Submitted"]')" = auto-generated ] &&
    [ "$(mime "$f" 'm["To"].addresses[0].display_name')" = "Ops Team" ] &&
    [ "$(mime "$f" 'm["From"].addresses[0].addr_spec')" = mcwatch@example.com ] &&
    mime "$f" 'm["Message-ID"]' | grep -q '^<mcwatch\.[0-9a-f]\{32\}@example\.com>$' &&
    mime "$f" 'plain' | grep -q "Warnings on the page:" &&
    mime "$f" 'html' | grep -q "Warning on the page" &&
    mime "$f" 'html' | grep -q 'style="font-family' &&
    grep -q "ops@example.com" "$T/smtp/$((n + 1)).env"; then
	ok "the baseline: so named on stdout and in the commit; mail headers, warnings"
else
	notok "baseline mail" "exit $status" "$(head -3 "$T/out")"
fi
run "$MCWATCH" run -q --repo "$T/a" --url "$N" --smtp-url "$SMTP" $mail \
    --mail-to new@example.com
sed 's/<td>25<\/td>/<td>2525<\/td>/' "$N" > "$T/n2.html"
n=$(mails smtp)
run "$MCWATCH" run -q --repo "$T/a" --url "$T/n2.html" --smtp-url "$SMTP" $mail \
    --mail-to new@example.com --mail-to other@example.com
a1=$(mime "$T/smtp/$((n + 1)).eml" 'm["Message-ID"]')
a2=$(mime "$T/smtp/$((n + 2)).eml" 'm["Message-ID"]')
[ "$status" -eq 0 ] && [ -n "$a1" ] && [ "$a1" != "$a2" ] &&
    mime "$T/smtp/$((n + 1)).eml" 'html' | grep -q "+ added\|~ changed" &&
    ok "each message its own Message-ID; changes told by sign and word" ||
    notok "Message-IDs" "'$a1' '$a2'"

# 15, 16. A routed baseline lists only its regions; a route naming a code
# the data lacks is warned about with the codes it has.
cat > "$T/route.conf" <<EOC
[email]
	smtp-url = $SMTP
	tls = none
	from = mcwatch@example.com
	to = us@example.com
[route "us@example.com"]
	regions = us uss
[fetch]
	retries = 0
EOC
rm -rf "$T/r"
n=$(mails smtp)
run "$MCWATCH" run -q --repo "$T/r" --url "$S" --config "$T/route.conf"
f="$T/smtp/$((n + 1)).eml"
if [ "$status" -eq 0 ] && grep -q "region 'uss', which the latest snapshot does not have (known: .*us" "$T/err" &&
    mime "$f" 'plain' | grep -q "(us):" && ! mime "$f" 'plain' | grep -q "(uk):"; then
	ok "a routed baseline: its regions only; an unknown route code warned"
else
	notok "routed baseline" "exit $status"
fi

finish
