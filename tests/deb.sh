#!/bin/sh
# The Debian package as an administrator meets it: built with
# dpkg-buildpackage from the tracked files, lintian with no error or
# warning, installed with apt-get, the installed binary run once on the
# bundled sample, then purged, leaving no file the package put there.
# Needs root (apt-get); run by 'make deb-check' and .ci/run.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/mcwatch-deb.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 fail=0 skipped=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
notok() { fail=$((fail + 1)); echo "not ok - $1"; shift
	for l in "$@"; do echo "    $l"; done; }
skip() { skipped=$((skipped + 1)); echo "skipped - $1: $2"; }
finish() { echo "deb: $pass passed, $fail failed, $skipped skipped"
	[ "$fail" -eq 0 ]; exit $?; }

for t in dpkg-buildpackage dh lintian apt-get; do
	command -v "$t" > /dev/null || { skip "the Debian package" "no $t"; finish; }
done
if [ "$(id -u)" -ne 0 ]; then
	skip "the Debian package" "not root (apt-get install)"; finish
fi
if dpkg-query -W -f='${Status}' mcwatch 2> /dev/null | grep -q "ok installed"; then
	skip "the Debian package" "mcwatch is installed here already: not touched"
	finish
fi

# The tracked files only: no build output of the work tree.
mkdir "$T/src"
(cd "$TOP" && git ls-files -z | xargs -0 tar cf -) | tar xf - -C "$T/src"
if (cd "$T/src" && dpkg-buildpackage -us -uc -b > "$T/build.log" 2>&1); then
	ok "dpkg-buildpackage -us -uc -b builds $(cd "$T" && ls mcwatch_*.deb)"
else
	notok "dpkg-buildpackage" "$(tail -5 "$T/build.log")"; finish
fi
deb=$(ls "$T"/mcwatch_*_*.deb | grep -v dbgsym)
lintian --fail-on error,warning "$T"/mcwatch_*.changes > "$T/lint" 2>&1
st=$?
grep -E '^[EW]: ' "$T/lint" > "$T/lintew"
[ "$st" -eq 0 ] && [ ! -s "$T/lintew" ] &&
    ok "lintian: no error, no warning ($(grep -c '^[IP]: ' "$T/lint") info or pedantic)" ||
    notok "lintian" "$(head -5 "$T/lintew")"
deps=$(dpkg-deb -f "$deb" Depends)
# libgit2, libcurl, c-ares and libcrypto are opened at their first use:
# Depends names them through debian/libs-probe.c, not the binary.
echo "$deps" | grep -Eq 'libcurl4' && echo "$deps" | grep -q 'libxml2' &&
    echo "$deps" | grep -q 'libgit2' && echo "$deps" | grep -q 'libjansson4' &&
    echo "$deps" | grep -q 'libc-ares2' && echo "$deps" | grep -q 'libssl3' &&
    ! echo "$deps" | grep -q -- '-dev' &&
    ok "Depends: the runtime libraries only ($deps)" ||
    notok "Depends" "$deps"

if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" > "$T/apt" 2>&1; then
	notok "apt-get install ./mcwatch_*.deb" "$(tail -5 "$T/apt")"; finish
fi
ok "apt-get install ./$(basename "$deb")"
dpkg-query -L mcwatch | while read -r f; do [ -d "$f" ] || echo "$f"; done > "$T/files"
for f in /usr/bin/mcwatch /usr/share/man/man1/mcwatch.1.gz \
    /usr/share/man/man5/mcwatch-records.5.gz /lib/systemd/system/mcwatch.service \
    /lib/systemd/system/mcwatch.timer /usr/lib/sysusers.d/mcwatch.conf \
    /usr/share/doc/mcwatch/config.example /usr/share/doc/mcwatch/copyright; do
	grep -qx "$f" "$T/files" || echo "$f"
done > "$T/missing"
[ ! -s "$T/missing" ] &&
    ok "installs the binary, man pages, units, sysusers file, example configuration and docs" ||
    notok "installed files" "missing: $(tr '\n' ' ' < "$T/missing")"
grep -q 'ExecStart=/usr/bin/mcwatch run' /lib/systemd/system/mcwatch.service &&
    ok "the service runs the installed /usr/bin/mcwatch" ||
    notok "the service's ExecStart" "$(grep ExecStart /lib/systemd/system/mcwatch.service)"
if command -v systemd-sysusers > /dev/null; then
	getent passwd mcwatch > /dev/null &&
	    grep -q 'systemd-sysusers.*mcwatch.conf' /var/lib/dpkg/info/mcwatch.postinst &&
	    ok "postinst makes the system user mcwatch (systemd-sysusers mcwatch.conf)" ||
	    notok "the system user mcwatch" "not created"
else
	skip "the system user" "no systemd-sysusers"
fi
MCWATCH_AUTHOR="mcwatch deb <deb@example.com>" /usr/bin/mcwatch run -q \
    --url "$TOP/samples/mimecast-data-centers.html" --repo "$T/data" > "$T/run" 2>&1
st=$?
n=$(/usr/bin/mcwatch show --repo "$T/data" -f csv 2> /dev/null | tail -n +2 | wc -l)
[ "$st" -eq 0 ] && [ "$n" -gt 50 ] &&
    ok "the installed binary records the bundled sample ($n records)" ||
    notok "the installed binary on the sample" "exit $st, $n records" "$(head -3 "$T/run")"

if ! DEBIAN_FRONTEND=noninteractive apt-get purge -y mcwatch > "$T/purge" 2>&1; then
	notok "apt-get purge mcwatch" "$(tail -5 "$T/purge")"; finish
fi
while read -r f; do [ -e "$f" ] && echo "$f"; done < "$T/files" > "$T/left"
! dpkg-query -W -f='${Status}' mcwatch 2> /dev/null | grep -q installed &&
    [ ! -s "$T/left" ] &&
    ok "apt-get purge leaves none of the $(wc -l < "$T/files") files it put there" ||
    notok "apt-get purge" "left: $(tr '\n' ' ' < "$T/left")"
finish
