# End-to-end: the documentation agrees with the program. The man pages
# render without a warning, and every command's --help lists exactly the
# options its section of mcwatch(1) describes.
. "$TOP/tests/e2e/lib.sh"
D="$TOP/doc"

if command -v groff > /dev/null; then
	for m in "$D"/*.[0-9]; do
		if groff -man -ww -z "$m" > "$T/groff" 2>&1 && [ ! -s "$T/groff" ]
		then
			ok "groff -man -ww: $(basename "$m") renders without a warning"
		else
			notok "groff -man -ww: $(basename "$m")" "$(head -3 "$T/groff")"
		fi
	done
else
	skip "groff -man -ww renders the man pages" "no groff"
fi
if command -v mandoc > /dev/null; then
	for m in "$D"/*.[0-9]; do
		mandoc -Tlint -Wwarning "$m" > "$T/lint" 2>&1
		[ ! -s "$T/lint" ] && ok "mandoc -Tlint: $(basename "$m")" ||
		    notok "mandoc -Tlint: $(basename "$m")" "$(head -3 "$T/lint")"
	done
else
	skip "mandoc -Tlint on the man pages" "no mandoc"
fi

# The options of a command's --help: the long name, else the short one.
help_opts() {
	"$MCWATCH" "$1" --help | grep -E '^ +-' |
	    sed -E 's/^ +((-[a-zA-Z]), )?(--?[a-zA-Z][a-zA-Z-]*).*/\3/' | sort -u
}
# The options of a command's section of mcwatch(1), with the fetch options
# for run and parse, and -h, --help, --version, which every command takes.
man_opts() {
	awk -v cmd="$1" '
	    /^\.S[hs] / { insec = ($0 == ".Ss " cmd) ||
		((cmd == "run" || cmd == "parse" || cmd == "notify") &&
		$0 == ".Ss Fetch options") ||
		((cmd == "run" || cmd == "notify") &&
		$0 == ".Ss Notification options") }
	    insec && /^\.It Fl / {
		n = split($0, w, " "); last = ""
		for (i = 1; i < n; i++) if (w[i] == "Fl") last = w[i + 1]
		print "-" last }' "$D/mcwatch.1"
	printf '%s\n' --help --version
}
# Every command 'mcwatch --help' lists (the table in cli/main.c).
cmds=$("$MCWATCH" --help | awk '/^Commands:/ { f = 1; next }
    f && /^  [a-z]/ { print $1 } f && /^$/ { exit }')
[ "$(echo $cmds | wc -w)" -ge 11 ] && ok "--help lists the commands: $(echo $cmds)" ||
    notok "--help lists the commands" "$cmds"
for c in $cmds; do
	help_opts "$c" > "$T/h"
	man_opts "$c" | sort -u > "$T/m"
	if [ -s "$T/h" ] && cmp -s "$T/h" "$T/m"; then
		ok "$c: --help and mcwatch(1) list the same $(wc -l < "$T/h") options"
	else
		notok "$c: --help and mcwatch(1) list the same options" \
		    "$(diff "$T/h" "$T/m" | grep '^[<>]' | tr '\n' ' ')"
	fi
done

finish
