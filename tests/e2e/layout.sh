# End-to-end: the source layout keeps its arrows pointing down. The
# Makefile's LIBDIRS names the folders from the ground floor up; a file
# may include its own folder's headers and those of folders before its
# own, never one after it (no circle of folders), and libgit2 is included
# only inside snapshots/.
. "$TOP/tests/e2e/lib.sh"

dirs=$(sed -n '/^LIBDIRS/,/[^\\]$/p' "$TOP/Makefile" | sed 's/^LIBDIRS[ 	]*=//; s/\\//g' |
    tr -s ' \t\n' ' ')
set -- $dirs
if [ $# -lt 10 ]; then
	notok "layout: LIBDIRS read from the Makefile" "got: $dirs"
	finish
fi
# rank DIR: its place in LIBDIRS (1, 2, ...), cli after them all, 0 if none.
rank() {
	n=0
	for d in $dirs; do
		n=$((n + 1))
		[ "$d" = "$1" ] && { echo $n; return; }
	done
	[ "$1" = cli ] && { echo $((n + 1)); return; }
	echo 0
}
bad=0 edges=0
: > "$T/bad"
for d in $dirs cli; do
	rd=$(rank "$d")
	for f in "$TOP/$d"/*.[ch]; do
		for to in $(sed -n 's|^#include "\.\./\([a-z]*\)/.*|\1|p' "$f"); do
			edges=$((edges + 1))
			rt=$(rank "$to")
			if [ "$rt" -eq 0 ] || [ "$rt" -ge "$rd" ]; then
				bad=$((bad + 1))
				echo "$d/$(basename "$f") includes $to/" >> "$T/bad"
			fi
		done
	done
done
[ $bad -eq 0 ] && [ $edges -gt 50 ] &&
    ok "layout: $edges includes across folders, each one down (LIBDIRS order)" ||
    notok "layout: includes point down" "$bad up or sideways of $edges" \
    "$(head -5 "$T/bad")"

# A file left in no folder of LIBDIRS would not be built into the library.
# debian/libs-probe.c is no part of it: a program for dpkg-shlibdeps only.
stray=$(cd "$TOP" && for f in */*.c; do
	d=${f%%/*}
	case " $dirs cli tests debian " in *" $d "*) ;; *) echo "$f" ;; esac
done)
[ -z "$stray" ] && ok "layout: every source folder is in LIBDIRS" ||
    notok "layout: folders missing from LIBDIRS" "$stray"

git2=$(cd "$TOP" && grep -l '#include <git2' */*.[ch] |
    grep -v '^snapshots/\|^debian/libs-probe.c$' || true)
[ -z "$git2" ] && ok "layout: libgit2 is included only inside snapshots/" ||
    notok "layout: libgit2 outside snapshots/" "$git2"
ares=$(cd "$TOP" && grep -l '#include <ares' */*.[ch] |
    grep -v '^dns/\|^debian/libs-probe.c$' || true)
[ -z "$ares" ] && ok "layout: c-ares is included only inside dns/" ||
    notok "layout: c-ares outside dns/" "$ares"
finish
