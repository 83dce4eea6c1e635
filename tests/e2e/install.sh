# End-to-end: unattended operation. make install and uninstall honour
# PREFIX and DESTDIR; the installed man pages render without warnings; the
# systemd units pass systemd-analyze verify; the workflows pass yamllint;
# make demo runs offline.
. "$TOP/tests/e2e/lib.sh"
# The build directory as the Makefile names it (relative to the top): the
# same spelling keeps make's dependency files and its targets one.
BUILD=$(dirname "$MCWATCH")
BUILD=${BUILD#"$TOP"/}
mk() { make -s -C "$TOP" BUILD="$BUILD" "$@"; }

D="$T/dest"
mk install DESTDIR="$D" PREFIX=/usr > "$T/out" 2> "$T/err"
status=$?
for f in usr/bin/mcwatch usr/share/man/man1/mcwatch.1 \
    usr/share/man/man5/mcwatch-records.5 usr/lib/systemd/system/mcwatch.service \
    usr/lib/systemd/system/mcwatch.timer usr/share/doc/mcwatch/config.example \
    usr/share/doc/mcwatch/crontab usr/lib/sysusers.d/mcwatch.conf; do
	[ -f "$D/$f" ] || { status=1; echo "    missing $f"; }
done
grep -q '^ExecStart=/usr/bin/mcwatch run ' "$D/usr/lib/systemd/system/mcwatch.service" ||
    status=1
# Debian's cron has no /usr/local/bin in PATH: the crontab names the path.
grep -q '^17 3 \* \* \* /usr/bin/mcwatch run ' "$D/usr/share/doc/mcwatch/crontab" &&
    ! grep -q '@BINDIR@\| mcwatch run' "$D/usr/share/doc/mcwatch/crontab" || status=1
[ "$status" -eq 0 ] && ok "make install DESTDIR= PREFIX=/usr: binary, man pages, units, examples" ||
    notok "make install" "exit $status"
if command -v groff > /dev/null; then
	bad=0
	for m in "$D"/usr/share/man/man*/*; do
		groff -man -ww -z "$m" > "$T/g" 2>&1 && [ ! -s "$T/g" ] || bad=1
	done
	[ $bad -eq 0 ] && ok "the installed man pages render without warnings" ||
	    notok "installed man pages" "$(head -2 "$T/g")"
else
	skip "the installed man pages render" "no groff"
fi
"$D/usr/bin/mcwatch" --version > /dev/null && ok "the installed binary runs" ||
    notok "the installed binary runs"
mk uninstall DESTDIR="$D" PREFIX=/usr > /dev/null 2>&1
[ -z "$(find "$D" -type f)" ] && [ -z "$(find "$D" -mindepth 1 -type d)" ] &&
    ok "make uninstall removes every file, and the directories it made" ||
    notok "make uninstall" "$(find "$D" -mindepth 1 | head -3)"

if command -v systemd-analyze > /dev/null; then
	P="$T/prefix"
	mk install PREFIX="$P" > /dev/null 2>&1
	MANPATH="$P/share/man" systemd-analyze verify \
	    "$P/lib/systemd/system/mcwatch.service" \
	    "$P/lib/systemd/system/mcwatch.timer" > "$T/out" 2> "$T/err"
	status=$?
	[ "$status" -eq 0 ] && [ ! -s "$T/err" ] &&
	    ok "systemd-analyze verify: the service and the timer" ||
	    notok "systemd-analyze verify" "exit $status"
	u="$P/lib/systemd/system/mcwatch.service"
	for k in User=mcwatch StateDirectoryMode=0750 ProtectSystem=strict \
	    StateDirectory=mcwatch NoNewPrivileges=yes CapabilityBoundingSet= \
	    LoadCredential=smtp-password:/etc/mcwatch/smtp-password; do
		grep -qx "$k" "$u" || notok "the service is hardened: $k"
	done
	grep -q '^u mcwatch ' "$P/lib/sysusers.d/mcwatch.conf" ||
	    notok "the sysusers.d file"
	systemd-analyze security --offline=yes "$u" > "$T/sec" 2>&1 &&
	    echo "    $(grep -i 'overall exposure' "$T/sec")"
	grep -qx Persistent=true "$P/lib/systemd/system/mcwatch.timer" &&
	    grep -q "^RandomizedDelaySec=" "$P/lib/systemd/system/mcwatch.timer" &&
	    ok "hardened service (a static system user, strict, no capabilities, credentials); a persistent, randomized daily timer" ||
	    notok "the timer"
else
	skip "systemd-analyze verify" "no systemd-analyze"
fi

if command -v yamllint > /dev/null; then
	yamllint -s -c "$TOP/.yamllint" "$TOP"/.github/workflows/*.yml > "$T/out" 2>&1 &&
	    ok "yamllint: the workflows" || notok "yamllint" "$(head -3 "$T/out")"
else
	skip "yamllint: the workflows" "no yamllint"
fi
grep -q "schedule:" "$TOP/.github/workflows/nightly.yml" &&
    grep -q "workflow_dispatch:" "$TOP/.github/workflows/nightly.yml" &&
    ok "the nightly workflow: scheduled and dispatchable" ||
    notok "the nightly workflow"

# The workflow's own publishing step, run as the runner would run it: a
# repository in data/, mcwatch in src/build/, the Pages URL filled in.
mkdir -p "$T/wf/src/build"
ln -s "$MCWATCH" "$T/wf/src/build/mcwatch"
MCWATCH_AUTHOR="t <t@example.com>" "$MCWATCH" run -q --repo "$T/wf/data" \
    --url "$TOP/samples/mimecast-data-centers.html" > /dev/null 2>&1
if /usr/bin/python3 - "$TOP/.github/workflows/nightly.yml" > "$T/wf/step.sh" <<'PY'
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
step = [s for s in wf["jobs"]["run"]["steps"] if s.get("name") == "Publish the site"][0]
print(step["run"].replace("${{ steps.pages.outputs.base_url }}", "https://o.github.io/r"))
PY
then
	(cd "$T/wf" && GITHUB_OUTPUT="$T/wf/output" sh -e step.sh > /dev/null 2>&1)
	grep -q "made=yes" "$T/wf/output" 2> /dev/null &&
	    grep -q 'href="https://o.github.io/r/feed.atom"' "$T/wf/site/feed.atom" &&
	    [ -f "$T/wf/site/changes.json" ] &&
	    ok "the nightly workflow's publishing step makes the site" ||
	    notok "the workflow's publishing step" "$(cat "$T/wf/step.sh")"
else
	skip "the workflow's publishing step" "no python3-yaml"
fi

# make demo: the main job on the bundled sample, no network.
unset https_proxy http_proxy
mk demo > "$T/out" 2> "$T/err"
status=$?
if [ "$status" -eq 0 ] && grep -q "baseline snapshot" "$T/out" &&
    grep -q "+ gateway network 170.10.158.0/24" "$T/out" &&
    grep -q "== mcwatch log" "$T/out"; then
	ok "make demo: a baseline, a change report, the log"
else
	notok "make demo" "exit $status"
fi

finish
