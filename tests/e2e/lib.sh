# Helpers for the end-to-end tests: sourced, not run.
# Each test runs the built binary ($MCWATCH) in a scratch directory and
# checks its exit status, its output and how long it took.
set -u
pass=0
fail=0
skipped=0
T=$(mktemp -d "${TMPDIR:-/tmp}/mcwatch-e2e.XXXXXX")
F="$TOP/tests/fixtures"
G="$TOP/tests/golden"

ok() { pass=$((pass + 1)); echo "ok - $1"; }
# skip NAME WHY: a test that cannot run here; never counted as passed.
skip() { skipped=$((skipped + 1)); echo "skipped - $1: $2"; }
notok() {
	fail=$((fail + 1))
	echo "not ok - $1"
	shift
	for m in "$@"; do echo "    $m"; done
	[ -s "$T/err" ] && sed 's/^/    stderr: /' "$T/err" | head -5
	return 0
}

# run CMD...: stdout to $T/out, stderr to $T/err, exit in $status,
# seconds in $secs; nothing may take more than a minute.
run() {
	s0=$(date +%s)
	timeout 60 "$@" > "$T/out" 2> "$T/err"
	status=$?
	secs=$(($(date +%s) - s0))
}

# expect NAME STATUS [GREP-STDERR]: the last run exited STATUS, and
# its stderr mentions the text given.
expect() {
	if [ "$status" -ne "$2" ]; then
		notok "$1" "exit $status, want $2"
	elif [ $# -ge 3 ] && ! grep -qF -- "$3" "$T/err"; then
		notok "$1" "stderr lacks: $3"
	else
		ok "$1"
	fi
}

# same NAME FILE-A FILE-B: the two are byte-identical.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		notok "$1" "$2 and $3 differ:"
		diff "$2" "$3" | head -10 | sed 's/^/    /'
	fi
}

finish() {
	echo "$(basename "$0" .sh): $pass passed, $fail failed, $skipped skipped"
	[ -n "${RESULTS:-}" ] && echo "$pass $fail $skipped" > "$RESULTS"
	[ "$fail" -eq 0 ]
}

# Servers the tests start are killed when they end: start_* add to $pids.
pids=""
trap 'for p in $pids; do kill $p 2> /dev/null; done; rm -rf "$T"' EXIT

# start_httpd ROOT: the fault-injection HTTP server on 127.0.0.1, serving
# ROOT, requests logged in $T/requests; its base URL in $U.
start_httpd() {
	"$(dirname "$MCWATCH")/tests/httpd" "$1" "$T/port" "$T/requests" &
	pids="$pids $!"
	for i in $(seq 50); do [ -s "$T/port" ] && break; sleep 0.1; done
	U="http://127.0.0.1:$(cat "$T/port")"
}

PY=/usr/bin/python3
# start_py NAME SERVER ARGS...: a Python test server of tests/servers,
# its port in $port, its files in $T/NAME.
start_py() {
	name=$1 server=$2
	shift 2
	mkdir -p "$T/$name"
	rm -f "$T/$name.port"
	"$PY" "$TOP/tests/servers/$server" "$T/$name" "$T/$name.port" "$@" \
	    2> "$T/$name.log" &
	pids="$pids $!"
	for i in $(seq 50); do [ -s "$T/$name.port" ] && break; sleep 0.1; done
	port=$(cat "$T/$name.port")
}
# mime FILE EXPR: evaluate a Python expression over message m.
mime() {
	"$PY" - "$1" "$2" 2> /dev/null <<'EOP'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"),
                                   policy=email.policy.default)
plain = m.get_body(("plain",)).get_content()
html = m.get_body(("html",)).get_content()
print(eval(sys.argv[2]))
EOP
}
mails() { ls "$T/$1" 2> /dev/null | grep -c '\.eml$'; }

# make_ca DIR: a certificate authority made for the test (DIR/ca.pem) and
# a server certificate for 127.0.0.1 it signed (DIR/srv.pem, DIR/srv.key).
make_ca() {
	mkdir -p "$1"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1/ca.key" \
	    -out "$1/ca.pem" -days 2 -subj "/CN=mcwatch test CA" 2> /dev/null
	openssl req -newkey rsa:2048 -nodes -keyout "$1/srv.key" \
	    -out "$1/srv.csr" -subj "/CN=127.0.0.1" 2> /dev/null
	printf 'subjectAltName=IP:127.0.0.1\n' > "$1/ext"
	openssl x509 -req -in "$1/srv.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" \
	    -CAcreateserial -out "$1/srv.pem" -days 2 -extfile "$1/ext" \
	    2> /dev/null
}
