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

# The keys of CONFIGURATION in mcwatch(1), each with the option it stands
# for ("-" for a key of the file only; a key of two commands' options of
# two names, each), as 'mcwatch --config-keys' prints them from the option
# tables.
man_keys() {
	awk '/^\.Sh CONFIGURATION/ { f = 1; next } /^\.Sh / { f = 0 }
	    function out(  i) { if (nk == 1 && no > 1)
		for (i = 1; i <= no; i++) print k[1] "\t" o[i]
		else for (i = 1; i <= nk; i++)
		print k[i] "\t" (no >= i ? o[i] : "-") }
	    f && /^\.It Cm / && !/route\./ { out(); nk = 0; no = 0
		s = $0; sub(/^\.It Cm /, "", s); nk = split(s, k, / , /); next }
	    f && /^\.(It|El)/ { out(); nk = 0; no = 0; next }
	    f && nk && /^\.Fl / { o[++no] = "-" $2 }
	    END { out() }' "$D/mcwatch.1" | sort
}
"$MCWATCH" --config-keys | cut -f1,2 | sort > "$T/k"
man_keys > "$T/mk"
if [ "$(wc -l < "$T/k")" -ge 30 ] && cmp -s "$T/k" "$T/mk"; then
	ok "mcwatch(1) CONFIGURATION and --config-keys list the same $(wc -l < "$T/k") keys and options"
else
	notok "mcwatch(1) CONFIGURATION and --config-keys agree" \
	    "$(diff "$T/k" "$T/mk" | grep '^[<>]' | tr '\n' ' ')"
fi
# Every key a command reads is one of its options' (or a file-only key of
# a group it takes), and its --help lists that option.
"$MCWATCH" --config-keys | while IFS='	' read -r key opt cmds; do
	[ "$opt" = - ] && continue
	for c in $cmds; do
		"$MCWATCH" "$c" --help | grep -Eq -- " $opt( |$)" ||
		    echo "$key: $c --help lacks $opt"
	done
done > "$T/kh"
[ ! -s "$T/kh" ] && ok "every key's option is in the --help of each command that reads it" ||
    notok "every key's option is in the --help of each command reading it" "$(head -3 "$T/kh")"

finish
