# End-to-end: the quick start's set-up command works verbatim as root (no
# sudo in a root shell) and as a user with sudo. apt-get, sudo and
# dpkg-query are stand-ins that log what they are asked: nothing is
# installed.
. "$TOP/tests/e2e/lib.sh"
B="$T/bin"
mkdir -p "$B"
chmod 755 "$T"
cat > "$B/dpkg-query" <<'EOS'
#!/bin/sh
case " $* " in *" clang "*|*" mandoc "*) exit 1 ;; esac
echo "install ok installed"
EOS
cat > "$B/apt-get" <<'EOS'
#!/bin/sh
echo "apt-get $* (uid $(id -u))" >> "$LOG"
EOS
cat > "$B/sudo" <<'EOS'
#!/bin/sh
echo "sudo $*" >> "$LOG"
EOS
chmod 755 "$B"/*
cp "$TOP/scripts/setup-debian" "$T/setup-debian" && chmod 755 "$T/setup-debian"
export LOG="$T/log"
touch "$LOG" && chmod 666 "$LOG"

if [ "$(id -u)" = 0 ]; then
	: > "$LOG"
	PATH="$B:/usr/bin:/bin" sh "$T/setup-debian" > "$T/out" 2>&1
	status=$?
	[ "$status" -eq 0 ] && grep -q "^apt-get install -y -qq clang mandoc (uid 0)$" "$LOG" &&
	    ! grep -q sudo "$LOG" &&
	    ok "as root: apt-get installs only what is missing, without sudo" ||
	    notok "as root: apt-get without sudo" "exit $status" "$(cat "$LOG")"
	# --build: the build set only, never a test tool.
	: > "$LOG"
	cat > "$B/dpkg-query" <<'EOS'
#!/bin/sh
case " $* " in *" clang "*|*" pkg-config "*) exit 1 ;; esac
echo "install ok installed"
EOS
	PATH="$B:/usr/bin:/bin" sh "$T/setup-debian" --build > "$T/out" 2>&1
	status=$?
	[ "$status" -eq 0 ] && grep -q "^apt-get install -y -qq pkg-config (uid 0)$" "$LOG" &&
	    ok "--build: only the build and run set (no clang, no test tool)" ||
	    notok "--build: the build set only" "exit $status" "$(cat "$LOG")"
	cat > "$B/dpkg-query" <<'EOS'
#!/bin/sh
case " $* " in *" clang "*|*" mandoc "*) exit 1 ;; esac
echo "install ok installed"
EOS
else
	skip "as root: apt-get without sudo" "not root"
	skip "--build: the build set only" "not root"
fi
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	: > "$LOG"
	setpriv --reuid=nobody --regid=nogroup --clear-groups env PATH="$B:/usr/bin:/bin" \
	    LOG="$LOG" sh "$T/setup-debian" > "$T/out" 2>&1
	status=$?
	[ "$status" -eq 0 ] && grep -q "^sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang mandoc$" "$LOG" &&
	    ok "as a user: through sudo" ||
	    notok "as a user: through sudo" "exit $status" "$(cat "$LOG")"
	rm "$B/sudo"
	setpriv --reuid=nobody --regid=nogroup --clear-groups env PATH="$B:/usr/bin:/bin" \
	    LOG="$LOG" sh "$T/setup-debian" > "$T/out" 2> "$T/err"
	status=$?
	[ "$status" -eq 1 ] && grep -q "not root and no sudo; install as root: clang mandoc" "$T/err" &&
	    ok "as a user without sudo: says what to install" ||
	    notok "as a user without sudo" "exit $status"
else
	skip "as a user: through sudo" "needs root and setpriv"
	skip "as a user without sudo" "needs root and setpriv"
fi

finish
