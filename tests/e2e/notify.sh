# End-to-end: notifications. A real SMTP server (Debian's python3-aiosmtpd)
# and a webhook receiver on 127.0.0.1, started and stopped here; every
# message is read back with Python's MIME parser.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
if ! "$PY" -c "import aiosmtpd" 2> /dev/null; then
	skip "notifications" "no python3-aiosmtpd"
	finish
	exit $?
fi

start_py smtp smtpd.py refused@example.com
SMTP="smtp://127.0.0.1:$port"
start_py hook webhook.py 500
HOOK="http://127.0.0.1:$port/hook"
notif="--smtp-url $SMTP --smtp-tls none --mail-from mcwatch@example.com
--mail-to ops@example.com --webhook $HOOK --retries 1 --retry-delay 0"

# The baseline: announced as such, not as 70 added lines; the webhook's
# first answer is a 500, retried.
run "$MCWATCH" run -q --repo "$T/r" --url "$S" $notif
if [ "$status" -eq 0 ] && [ "$(mails smtp)" = 1 ] &&
    [ "$(mime "$T/smtp/1.eml" 'm["Subject"]')" = "[mcwatch] Mimecast baseline: 70 records tracked" ] &&
    mime "$T/smtp/1.eml" 'plain' | grep -q "United States of America (us): 14 gateway networks" &&
    grep -q '"kind":"baseline"' "$T/hook/2.json"; then
	ok "baseline: announced by mail and webhook (webhook 500, then 200)"
else
	notok "baseline" "exit $status, $(mails smtp) mails"
fi

# A change: mailed and posted once, a real MIME message.
run "$MCWATCH" run -q --repo "$T/r" --url "$N" $notif --exit-code
f="$T/smtp/2.eml"
if [ "$status" -eq 1 ] && [ "$(mails smtp)" = 2 ] &&
    [ "$(mime "$f" 'm["Subject"]')" = "[mcwatch] Mimecast changed: +1 -1 ~2 (JER, US)" ] &&
    [ "$(mime "$f" 'm["From"]')" = "mcwatch@example.com" ] &&
    [ "$(mime "$f" 'm["To"]')" = "ops@example.com" ] &&
    [ "$(mime "$f" 'bool(m["Date"]) and bool(m["Message-ID"]) and m["MIME-Version"]')" = "1.0" ] &&
    [ "$(mime "$f" 'm.get_body(("plain",)).get_content_type() + " " + m.get_body(("html",)).get_content_type()')" = "text/plain text/html" ] &&
    mime "$f" 'plain' | grep -q "+ gateway network 170.10.158.0/24" &&
    mime "$f" 'html' | grep -q ">170.10.158.0/24</td>" &&
    mime "$f" 'html' | grep -q "last: 207.211.30.49 -&gt; 207.211.30.50" &&
    ! grep -q "$(printf '[^\r]$')" "$f"; then
	ok "a change: one mail, headers, text and HTML parts, CRLF lines"
else
	notok "a change: one mail" "exit $status, $(mails smtp) mails"
fi
last=$(ls "$T/hook" | grep json | sort -n | tail -1)
grep -q '"snapshot":"'"$(git -C "$T/r" rev-parse HEAD)"'"' "$T/hook/$last" &&
    grep -q '"added":\[' "$T/hook/$last" &&
    grep -q 'application/json' "$T/hook/${last%.json}.type" &&
    ok "a change: posted as JSON with the diff and the snapshot id" ||
    notok "a change: posted as JSON"

# Slack and Teams shapes, through notify --test.
run "$MCWATCH" notify --test --webhook "$HOOK" --webhook-format slack
last=$(ls "$T/hook" | grep json | sort -n | tail -1)
[ "$status" -eq 0 ] && "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["text"].startswith("[mcwatch] test message\n```") and d["unfurl_links"] is False' "$T/hook/$last" &&
    ok "webhook --webhook-format slack: {text}" || notok "slack shape" "exit $status"
run "$MCWATCH" notify --test --webhook "$HOOK" --webhook-format teams
last=$(ls "$T/hook" | grep json | sort -n | tail -1)
[ "$status" -eq 0 ] && "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["@type"] == "MessageCard" and d["title"] == "[mcwatch] test message" and "text" in d' "$T/hook/$last" &&
    ok "webhook --webhook-format teams: a MessageCard" || notok "teams shape" "exit $status"
last=$(ls "$T/hook" | grep json | sort -n | tail -1)

# Nothing changed: nothing sent.
run "$MCWATCH" run -q --repo "$T/r" --url "$N" $notif
[ "$status" -eq 0 ] && [ "$(mails smtp)" = 2 ] &&
    [ "$(ls "$T/hook" | grep json | sort -n | tail -1)" = "$last" ] &&
    ok "no change: no message" || notok "no change: no message" "exit $status"

# SMTP down when a change is recorded: kept, exit 8, sent once next run.
sed 's/<td>25<\/td>/<td>587<\/td>/' "$N" > "$T/port.html"
down="--smtp-url smtp://127.0.0.1:1 --smtp-tls none --mail-from mcwatch@example.com --mail-to ops@example.com --retries 0"
head0=$(git -C "$T/r" rev-parse HEAD)
run "$MCWATCH" run -q --repo "$T/r" --url "$T/port.html" $down
if [ "$status" -eq 8 ] && [ "$(git -C "$T/r" rev-parse HEAD)" != "$head0" ] &&
    grep -q "notification pending" "$T/err"; then
	ok "SMTP down: the snapshot kept, exit 8"
else
	notok "SMTP down: the snapshot kept, exit 8" "exit $status"
fi
run "$MCWATCH" run -q --repo "$T/r" --url "$T/port.html" $notif
f="$T/smtp/3.eml"
if [ "$status" -eq 0 ] && [ "$(mails smtp)" = 3 ] &&
    mime "$f" 'm["Subject"]' | grep -q "changed (delayed): +0 -0 ~1 (GLOBAL)" &&
    mime "$f" 'plain' | grep -q "^Delayed:"; then
	ok "the next run: the pending change, once, marked delayed"
else
	notok "the next run: the pending change" "exit $status, $(mails smtp) mails"
fi
run "$MCWATCH" run -q --repo "$T/r" --url "$T/port.html" $notif
[ "$(mails smtp)" = 3 ] && ok "a delivered change is never sent again" ||
    notok "a delivered change is never sent again"

# A recipient the server refuses: exit 8 and the server's answer.
sed 's/<td>587<\/td>/<td>588<\/td>/' "$T/port.html" > "$T/port2.html"
run "$MCWATCH" run -q --repo "$T/r" --url "$T/port2.html" --smtp-url "$SMTP" \
    --smtp-tls none --mail-from mcwatch@example.com --mail-to refused@example.com
[ "$status" -eq 8 ] && grep -q "refused@example.com" "$T/err" &&
    ok "a refused recipient: exit 8, the cause named" ||
    notok "a refused recipient" "exit $status"

# A rejected page: told once when it starts, once when it ends.
echo "<p>Please log in</p>" > "$T/login.html"
for i in 1 2 3; do
	"$MCWATCH" run -q --repo "$T/r" --url "$T/login.html" $notif > /dev/null 2>&1
done
n=$(mails smtp)
probs=$(grep -l "Subject: \[mcwatch\] Mimecast scrape failing" "$T/smtp/"*.eml | wc -l)
run "$MCWATCH" run -q --repo "$T/r" --url "$T/port2.html" $notif
run "$MCWATCH" run -q --repo "$T/r" --url "$T/port2.html" $notif
fixed=$(grep -l "Subject: \[mcwatch\] Mimecast scrape works again" "$T/smtp/"*.eml | wc -l)
[ "$probs" = 1 ] && [ "$fixed" = 1 ] && [ "$(mails smtp)" = $((n + 1)) ] &&
    ok "a rejected page: notified once over three runs, its recovery once" ||
    notok "a rejected page notified once" "$probs problem mails, $fixed recovery mails"

# Page text cannot make headers: a region named with CR LF and a header.
printf '<h2>Evil\r\nBcc: victim@example.com</h2><h3>Application URLs</h3><table><tr><th>Application</th><th>URL</th></tr><tr><td>X\r\nBcc: v@example.com</td><td>https://x.example/</td></tr></table>' \
    > "$T/evil.html"
cat "$S" "$T/evil.html" > "$T/evil2.html"
run "$MCWATCH" run -q --repo "$T/r" --url "$T/evil2.html" --accept $notif
f="$T/smtp/$(mails smtp).eml"
# The header block: up to the first empty line (the body may hold the
# words, quoted-printable lines may start with them).
[ "$(mime "$f" 'm["Bcc"]')" = "None" ] && ! sed '/^\r*$/q' "$f" | grep -qi "^Bcc:" &&
    mime "$f" 'm["Subject"]' | grep -q "EVIL-BCC-VICTIM-EXAMPLE-COM" &&
    ok "page text cannot add a header" || notok "page text cannot add a header"
bad=0
for a in "$(printf 'a@example.com\r\nRCPT TO:<b@example.com>')" "a b@example.com" \
    "<a@example.com>" "$(printf 'Evil\r\nBcc: x@example.com <a@example.com>')" \
    'Quote" <a@example.com>'; do
	run "$MCWATCH" run --repo "$T/r" --url "$S" --smtp-url "$SMTP" \
	    --mail-from mcwatch@example.com --mail-to "$a"
	[ "$status" -eq 2 ] || { bad=$((bad + 1)); echo "    '$a': exit $status"; }
done
[ "$bad" -eq 0 ] &&
    ok "addresses with CR LF, spaces, brackets or quotes: usage errors" ||
    notok "addresses refused" "$bad accepted"

# STARTTLS, required, with a CA made here: refused without --cacert.
X="$T/tls"
make_ca "$X"
start_py tls smtpd.py nobody@example.com "$X/srv.pem" "$X/srv.key"
tlsopts="--smtp-url smtp://127.0.0.1:$port --mail-from mcwatch@example.com
--mail-to tls@example.com --retries 0"
run "$MCWATCH" notify --test $tlsopts
expect "STARTTLS: refused without the CA (certificates verified)" 9 \
    "tls@example.com"
run "$MCWATCH" notify --test $tlsopts --smtp-tls none
[ "$status" -eq 9 ] && [ "$(mails tls)" = 0 ] &&
    ok "STARTTLS required by the server: nothing sent in the clear" ||
    notok "STARTTLS required by the server" "exit $status"
run "$MCWATCH" notify --test $tlsopts --cacert "$X/ca.pem"
[ "$status" -eq 0 ] && [ "$(mails tls)" = 1 ] &&
    [ "$(mime "$T/tls/1.eml" 'm["Subject"]')" = "[mcwatch] test message" ] &&
    ok "STARTTLS with --cacert: delivered" ||
    notok "STARTTLS with --cacert" "exit $status"

# SMTP AUTH over STARTTLS: the user from the configuration, the password
# from $MCWATCH_SMTP_PASSWORD or the file it names, never an option.
SMTPD_AUTH="mcwatch:s3cret" start_py auth smtpd.py nobody@example.com \
    "$X/srv.pem" "$X/srv.key"
printf 's3cret\n' > "$T/pw"
printf '[email]\n\tuser = mcwatch\n\tpassword-file = %s\n' "$T/pw" > "$T/auth.conf"
authopts="--smtp-url smtp://127.0.0.1:$port --mail-from mcwatch@example.com
--mail-to auth@example.com --retries 0 --cacert $X/ca.pem"
run "$MCWATCH" notify --test $authopts --config "$T/auth.conf"
[ "$status" -eq 0 ] && [ "$(mails auth)" = 1 ] &&
    ok "SMTP AUTH: the password from email.password-file" ||
    notok "SMTP AUTH from the password file" "exit $status"
printf '[email]\n\tuser = mcwatch\n' > "$T/auth2.conf"
MCWATCH_SMTP_PASSWORD=s3cret run "$MCWATCH" notify --test $authopts --config "$T/auth2.conf"
[ "$status" -eq 0 ] && [ "$(mails auth)" = 2 ] &&
    ok "SMTP AUTH: the password from \$MCWATCH_SMTP_PASSWORD" ||
    notok "SMTP AUTH from the environment" "exit $status"
MCWATCH_SMTP_PASSWORD=wrong run "$MCWATCH" notify --test $authopts \
    --config "$T/auth2.conf" --timeout 5
[ "$status" -eq 9 ] && [ "$(mails auth)" = 2 ] && ! grep -q wrong "$T/err" &&
    ok "SMTP AUTH: a wrong password fails, and is never printed" ||
    notok "SMTP AUTH: a wrong password" "exit $status"

# Routing and the configuration file.
cat > "$T/config" <<EOC
[email]
	smtp-url = $SMTP
	tls = none
	from = mcwatch@example.com
	to = us-team@example.com
	to = all@example.com
[route "us-team@example.com"]
	regions = us global
[fetch]
	retries = 0
EOC
sed 's/203.0.113.224\/28/203.0.113.240\/28/' "$T/evil2.html" > "$T/jer.html"
n=$(mails smtp)
run "$MCWATCH" run -q --repo "$T/r" --url "$T/jer.html" --config "$T/config" --accept
got=$(cat "$T/smtp/"*.env | tail -n +$((2 * n + 1)) | grep -c "@example.com$")
if [ "$status" -eq 0 ] && [ "$(mails smtp)" = $((n + 1)) ] &&
    grep -q "all@example.com" "$T/smtp/$((n + 1)).env"; then
	ok "routing: a JER change reaches all@, not the US team"
else
	notok "routing" "exit $status, $(( $(mails smtp) - n )) mails"
fi
MCWATCH_CONFIG="$T/config" run "$MCWATCH" notify --test --mail-to other@example.com
[ "$status" -eq 0 ] && grep -q "email other@example.com: sent" "$T/err" &&
    [ "$(mime "$T/smtp/$(mails smtp).eml" 'm["To"]')" = "other@example.com" ] &&
    ok "notify --test: \$MCWATCH_CONFIG read, --mail-to wins over email.to" ||
    notok "notify --test" "exit $status"
printf '[run]\n\tquiet = true\n\texit-code = yes\n' > "$T/flags"
rm -rf "$T/q"
run "$MCWATCH" run --config "$T/flags" --repo "$T/q" --url "$S"
st1=$status
run "$MCWATCH" run --config "$T/flags" --repo "$T/q" --url "$S"
[ "$st1" -eq 1 ] && [ "$status" -eq 0 ] && [ ! -s "$T/out" ] &&
    [ "$(git -C "$T/q" rev-list --count HEAD)" = 1 ] &&
    ok "config flags: run.quiet and run.exit-code" ||
    notok "config flags" "exit $status"
printf '[run]\n\tquiet = maybe\n' > "$T/bad"
run "$MCWATCH" run --config "$T/bad" --url "$S" --repo "$T/x"
expect "config: a flag that is no boolean" 2 "run.quiet: want true or false, not 'maybe'"
printf '[email]\n\tsmtpurl = x\n' > "$T/bad"
run "$MCWATCH" run --config "$T/bad" --url "$S" --repo "$T/x"
expect "config: an unknown key is named" 2 "unknown key 'email.smtpurl'"
printf '[fetch]\n\ttimeout = soon\n' > "$T/bad"
run "$MCWATCH" run --config "$T/bad" --url "$S" --repo "$T/x"
expect "config: a bad value: file, line and key named, never the option" 2 \
    "config $T/bad:2: fetch.timeout: "
grep -q -- "--timeout" "$T/err" && notok "config: the option is not named" \
    "$(cat "$T/err")" || ok "config: a bad value is not told as --timeout"
printf '# mail\n[email]\n\ttls = bogus\n' > "$T/bad"
run "$MCWATCH" run --config "$T/bad" --url "$S" --repo "$T/x"
expect "config: email.tls: what is accepted" 2 \
    "config $T/bad:3: email.tls: want starttls, implicit or none, not 'bogus'"
printf '[email]\n\tsmtp_url = smtp://mail.example\n' > "$T/bad"
run "$MCWATCH" run --config "$T/bad" --url "$S" --repo "$T/x"
expect "config: smtp_url: no key, line named, the key meant suggested" 2 \
    "config $T/bad:2: 'email.smtp_url' is no key"
grep -q "did you mean email.smtp-url?" "$T/err" &&
    ok "config: smtp_url: did you mean email.smtp-url" ||
    notok "config: smtp_url hint" "$(cat "$T/err")"
printf '[email]\n\tfrom = a@example.com\n\tpassword = hunter2\n' > "$T/bad"
run "$MCWATCH" run --config "$T/bad" --url "$S" --repo "$T/x"
expect "config: email.password: where a password goes instead" 2 \
    "config $T/bad:3: unknown key 'email.password'; mcwatch reads no password"
grep -q "email.password-file" "$T/err" && grep -q 'MCWATCH_SMTP_PASSWORD' "$T/err" &&
    ! grep -q hunter2 "$T/err" &&
    ok "config: email.password: password-file and \$MCWATCH_SMTP_PASSWORD named, the value never" ||
    notok "config: password hint" "$(cat "$T/err")"
run "$MCWATCH" run --config "$T/nope" --url "$S" --repo "$T/x"
expect "config: a missing --config file" 2 "config $T/nope"
run "$MCWATCH" notify --test --webhook "http://127.0.0.1:1/x" --config "$T/bad2"
expect "notify --test: a missing file named" 2 "bad2"

finish
