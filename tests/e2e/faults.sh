# End-to-end: crashes at named moments. The test build (mcwatch-oom) lists
# the fault points a command passes ($MCWATCH_FAULT_LOG) and is killed at
# any one of them ($MCWATCH_FAULT=NAME:N); every run and publish is killed
# at each point it passes, in turn, and what it left must be whole: git
# fsck clean, the next run completes, the latest snapshot is the page's
# data, no change untold, the old site or the new one, never half.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
N="$TOP/samples/mimecast-data-centers-next.html"
FAULTY="$(dirname "$MCWATCH")/tests/mcwatch-oom"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
if [ ! -x "$FAULTY" ]; then
	skip "fault points" "no test build"
	finish
	exit $?
fi
start_py hook webhook.py
HOOK="--webhook http://127.0.0.1:$port/hook --retries 0"

# points CMD...: the fault points CMD passes, as NAME:N, one a line.
points() {
	rm -f "$T/log"
	MCWATCH_FAULT_LOG="$T/log" "$@" > /dev/null 2>&1
	awk '{ n[$0]++; print $0 ":" n[$0] }' "$T/log"
}

# sweep NAME BEFORE PAGE: kill 'run' on PAGE at every point, each time on a
# copy of the repository BEFORE (absent: a first run); then check.
sweep() {
	name=$1 before=$2 page=$3
	rm -rf "$T/w"
	[ -d "$before" ] && cp -a "$before" "$T/w"
	points "$FAULTY" run -q --repo "$T/w" --url "$page" $HOOK > "$T/points"
	# What an uninterrupted run records: the latest dataset to reach.
	want=$(git -C "$T/w" show HEAD:mimecast.json | sha256sum)
	total=0 bad=0
	while read -r pt; do
		total=$((total + 1))
		rm -rf "$T/w"
		[ -d "$before" ] && cp -a "$before" "$T/w"
		MCWATCH_FAULT=$pt "$FAULTY" run -q --repo "$T/w" --url "$page" \
		    $HOOK > /dev/null 2>&1
		st=$?
		if [ "$st" -ne 137 ]; then
			bad=$((bad + 1)); echo "    $pt: not killed (exit $st)"; continue
		fi
		if [ -d "$T/w/.git" ] && ! git -C "$T/w" fsck --full --strict \
		    > /dev/null 2>&1; then
			bad=$((bad + 1)); echo "    $pt: fsck"; continue
		fi
		"$MCWATCH" run -q --repo "$T/w" --url "$page" $HOOK > /dev/null 2> "$T/err"
		st=$?
		head=$(git -C "$T/w" rev-parse HEAD 2> /dev/null)
		if [ "$st" -ne 0 ] || [ -n "$(git -C "$T/w" status --porcelain)" ]; then
			bad=$((bad + 1)); echo "    $pt: the next run exit $st, or the work tree dirty"
		elif [ "$(git -C "$T/w" show HEAD:mimecast.json | sha256sum)" != "$want" ]; then
			bad=$((bad + 1)); echo "    $pt: the latest snapshot is not the page's data"
		elif ! grep -qs "\"snapshot\":\"$head\"" "$T/hook/"*.json; then
			bad=$((bad + 1)); echo "    $pt: snapshot $head never told"
		fi
	done < "$T/points"
	[ "$total" -ge 5 ] && [ "$bad" -eq 0 ] &&
	    ok "$name: killed at each of $total fault points, each time whole" ||
	    notok "$name: kills at fault points" "$bad of $total broken"
}

sweep "a first run" "$T/none" "$S"
"$MCWATCH" run -q --repo "$T/base" --url "$S" $HOOK > /dev/null 2>&1
sweep "a run recording a change" "$T/base" "$N"
echo "<p>Please log in</p>" > "$T/login.html"
rm -rf "$T/w"
cp -a "$T/base" "$T/w"
points "$FAULTY" run -q --repo "$T/w" --url "$T/login.html" $HOOK > "$T/points"
total=0 bad=0
while read -r pt; do
	total=$((total + 1))
	rm -rf "$T/w"
	cp -a "$T/base" "$T/w"
	MCWATCH_FAULT=$pt "$FAULTY" run -q --repo "$T/w" --url "$T/login.html" \
	    $HOOK > /dev/null 2>&1
	[ $? -eq 137 ] || { bad=$((bad + 1)); continue; }
	# What a killed run left of the rejected page: whole or nothing.
	for f in "$T/w/.git/mcwatch-rejected/"*; do
		[ -e "$f" ] || continue
		case $f in *.tmp) bad=$((bad + 1)); echo "    $pt: $f left" ;; esac
	done
	"$MCWATCH" run -q --repo "$T/w" --url "$T/login.html" $HOOK > /dev/null 2>&1
	[ $? -eq 4 ] || { bad=$((bad + 1)); echo "    $pt: the next run"; }
	[ "$(git -C "$T/w" rev-parse HEAD)" = "$(git -C "$T/base" rev-parse HEAD)" ] ||
	    { bad=$((bad + 1)); echo "    $pt: a snapshot of a login page"; }
done < "$T/points"
[ "$total" -ge 3 ] && [ "$bad" -eq 0 ] &&
    ok "a rejected page: killed at each of $total fault points, nothing recorded, the next run refuses it too" ||
    notok "a rejected page: kills" "$bad of $total"

# publish: the old site whole or the new one, never half, at every point.
"$MCWATCH" publish --repo "$T/base" --out "$T/site" > /dev/null 2>&1
"$MCWATCH" run -q --repo "$T/base" --url "$N" > /dev/null 2>&1
old=$(cd "$T/site" && find . -type f | sort | xargs cat | sha256sum)
"$MCWATCH" publish --repo "$T/base" --out "$T/new" > /dev/null 2>&1
new=$(cd "$T/new" && find . -type f ! -name version.json | sort | xargs cat | sha256sum)
cp -a "$T/site" "$T/site0"
points "$FAULTY" publish --repo "$T/base" --out "$T/site" > "$T/points"
rm -rf "$T/site"
cp -a "$T/site0" "$T/site"
total=0 bad=0
while read -r pt; do
	total=$((total + 1))
	rm -rf "$T/site" "$T"/.site.publish-*
	cp -a "$T/site0" "$T/site"
	MCWATCH_FAULT=$pt "$FAULTY" publish --repo "$T/base" --out "$T/site" \
	    > /dev/null 2>&1
	[ $? -eq 137 ] || { bad=$((bad + 1)); echo "    $pt: not killed"; continue; }
	now=$(cd "$T/site" && find . -type f | sort | xargs cat | sha256sum)
	now2=$(cd "$T/site" && find . -type f ! -name version.json | sort | xargs cat | sha256sum)
	[ "$now" = "$old" ] || [ "$now2" = "$new" ] ||
	    { bad=$((bad + 1)); echo "    $pt: half a site"; }
	"$MCWATCH" publish --repo "$T/base" --out "$T/site" > /dev/null 2>&1 ||
	    { bad=$((bad + 1)); echo "    $pt: the next publish failed"; }
	ls -d "$T"/.site.publish-* > /dev/null 2>&1 &&
	    { bad=$((bad + 1)); echo "    $pt: leftovers after the next publish"; }
done < "$T/points"
[ "$total" -ge 3 ] && [ "$bad" -eq 0 ] &&
    ok "publish: killed at each of $total fault points, the old site or the new, never half" ||
    notok "publish: kills" "$bad of $total"

finish
