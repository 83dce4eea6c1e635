# End-to-end: libgit2, libcurl, c-ares and libcrypto are opened at their
# first use (util/lazylib.h), so a command that needs none of them never
# loads them, and one that needs some loads only those. The dynamic
# loader's own trace (LD_DEBUG=libs) tells which libraries a process
# started.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
LAZY='libgit2|libcurl|libcares|libcrypto'

# inits FILE: which of the four the trace FILE shows started.
inits() {
	sed -n 's/.*calling init: .*\/\(lib[a-z0-9]*\)[.-].*/\1/p' "$1" |
	    grep -E "^($LAZY)$" | sort -u | tr '\n' ' '
}
# has LIST NAME: LIST holds NAME. (libcrypto comes with libgit2 and
# libcurl too, through their own dependencies: not checked alone.)
has() { case " $1" in *" $2 "*) return 0 ;; esac; return 1; }
# traced CMD...: CMD with the loader's trace; its exit in $st, which of
# the four it started in $got.
traced() {
	LD_DEBUG=libs "$@" > "$T/out" 2> "$T/trace"
	st=$?
	got=$(inits "$T/trace")
}

if command -v readelf > /dev/null; then
	readelf -d "$MCWATCH" > "$T/dyn" 2>&1
	needed=$(sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' "$T/dyn" | tr '\n' ' ')
	echo "$needed" | grep -q 'libxml2' &&
	    ! echo "$needed" | grep -Eq "$LAZY" &&
	    ok "the binary names only what every command needs: $needed" ||
	    notok "the binary's NEEDED" "$needed"
else
	skip "the binary's NEEDED" "no readelf"
fi

traced "$MCWATCH" parse -q "$S"
[ "$st" -eq 0 ] && [ -s "$T/out" ] && [ -z "$got" ] &&
    grep -q 'calling init: .*libxml2' "$T/trace" &&
    ok "parse of a file loads none of the four" ||
    notok "parse of a file" "exit $st, loaded: $got"

traced "$MCWATCH" run -q --repo "$T/r" --url "$S"
[ "$st" -eq 0 ] && has "$got" libgit2 && has "$got" libcrypto &&
    ! has "$got" libcurl && ! has "$got" libcares &&
    [ -n "$(git -C "$T/r" rev-parse -q --verify HEAD)" ] &&
    ok "run from a file loads libgit2 and libcrypto, no libcurl, no c-ares" ||
    notok "run from a file" "exit $st, loaded: $got"

traced "$MCWATCH" lookup -q 170.10.128.7 --repo "$T/r"
[ "$st" -eq 0 ] && has "$got" libgit2 && ! has "$got" libcurl &&
    ! has "$got" libcares &&
    ok "lookup in a repository loads libgit2, no libcurl, no c-ares" ||
    notok "lookup in a repository" "exit $st, loaded: $got"

# A file URL is parsed by libcurl's URL parser: the one use it has here.
traced "$MCWATCH" parse -q "file://$S"
[ "$st" -eq 0 ] && has "$got" libcurl && ! has "$got" libgit2 &&
    ! has "$got" libcares &&
    ok "parse of a file:// URL loads libcurl (its URL parser), no libgit2" ||
    notok "parse of a file:// URL" "exit $st, loaded: $got"
finish
