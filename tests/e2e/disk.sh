# End-to-end: a full disk. The repository lives on a small tmpfs filled to
# a given number of free bytes, from none to enough for a whole snapshot;
# whatever the step that fails, a recorded change is reported, messages
# name the cause, nothing half-made is left, and once there is room again
# the next run completes with a clean repository. Needs root and mount.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
D="$T/disk"
mkdir -p "$D"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=4m,mode=0755 tmpfs "$D" \
    2> /dev/null; then
	skip "full disk: change reported, causes named, next run repairs" \
	    "needs root and a tmpfs mount"
	skip "full disk: first run creates a whole repository or none" \
	    "needs root and a tmpfs mount"
	skip "full disk: no half-written rejected page" \
	    "needs root and a tmpfs mount"
	finish
	exit $?
fi
trap 'umount "$D" 2> /dev/null; for p in $pids; do kill $p 2> /dev/null; done; rm -rf "$T"' EXIT

commits() { git -C "$1" rev-list --count HEAD 2>/dev/null || echo 0; }
# fill KIB: leave about KIB KiB free on the tmpfs.
fill() {
	rm -f "$D/fill"
	dd if=/dev/zero of="$D/fill" bs=4k 2> /dev/null
	truncate -s "-$1K" "$D/fill"
}
# Messages that hide a full disk behind another cause.
misleading() {
	grep -q "unknown error\|moved under us\|object not found" "$T/err"
}

"$MCWATCH" run -q --repo "$T/base" --url "$S" > /dev/null
sed 's/<td>25<\/td>/<td>587<\/td>/' "$S" > "$T/port.html"
outcomes=""
bad=0
for k in 0 4 8 16 24 28 32 48 64 80 96 112 128 160 192 224 256 320 384 448 \
    512 640 768; do
	rm -rf "$D/r" "$D/fill"
	cp -a "$T/base" "$D/r"
	head0=$(git -C "$D/r" rev-parse HEAD)
	fill "$k"
	run "$MCWATCH" run --repo "$D/r" --url "$T/port.html" --exit-code
	moved=0
	[ "$(git -C "$D/r" rev-parse HEAD 2> /dev/null)" != "$head0" ] && moved=1
	outcomes="$outcomes $k:$status"
	why=""
	if [ $moved -eq 1 ]; then
		# Recorded: it must be reported, on stdout or stderr.
		grep -q "587" "$T/out" "$T/err" || why="recorded but not reported"
		[ "$status" -eq 1 ] || [ "$status" -eq 7 ] ||
		    why="recorded, exit $status"
		[ "$status" -eq 7 ] && ! grep -q "No space left on device" \
		    "$T/err" && why="exit 7 without the cause"
	else
		[ "$status" -eq 5 ] || why="not recorded, exit $status"
		grep -q "No space left on device" "$T/err" ||
		    why="not recorded, cause not named"
	fi
	misleading && why="misleading message"
	rm -f "$D/fill"
	run "$MCWATCH" run -q --repo "$D/r" --url "$T/port.html" --exit-code
	[ "$status" -eq $((1 - moved)) ] || why="$why; next run exit $status"
	git -C "$D/r" fsck --strict --no-dangling 2> /dev/null ||
	    why="$why; fsck"
	[ -z "$(git -C "$D/r" status --porcelain)" ] || why="$why; work tree"
	"$MCWATCH" show --repo "$D/r" --region global --kind port > "$T/ports"
	grep -q "587" "$T/ports" || why="$why; the change is lost"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "    $k KiB free: $why"
		sed 's/^/    stderr: /' "$T/err" | head -3
	fi
done
[ $bad -eq 0 ] &&
    ok "full disk: change reported, causes named, next run repairs (exits$outcomes)" ||
    notok "full disk: change reported, causes named, next run repairs" \
    "$bad cases failed"

# A first run on a full disk: a whole repository or none at all.
bad=0
for k in 0 8 32 64 128 256 512; do
	rm -rf "$D/new" "$D/fill"
	fill "$k"
	run "$MCWATCH" run -q --repo "$D/new" --url "$S"
	why=""
	if [ "$status" -ne 0 ]; then
		# 5: nothing recorded; 7: recorded, the work tree not written.
		[ "$status" -eq 5 ] || [ "$status" -eq 7 ] ||
		    why="exit $status"
		grep -q "No space left on device" "$T/err" ||
		    why="$why; the cause not named"
		misleading && why="misleading message"
	fi
	rm -f "$D/fill"
	run "$MCWATCH" run -q --repo "$D/new" --url "$S"
	[ "$status" -eq 0 ] && [ "$(commits "$D/new")" = 1 ] &&
	    git -C "$D/new" fsck --strict 2> /dev/null ||
	    why="$why; next run exit $status"
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "    $k KiB free: $why"
		sed 's/^/    stderr: /' "$T/err" | head -3
	fi
done
[ $bad -eq 0 ] && ok "full disk: first run creates a whole repository or none" ||
    notok "full disk: first run creates a whole repository or none" \
    "$bad cases failed"

# A rejected page on a full disk leaves no 0-byte file behind.
rm -rf "$D/r" "$D/fill"
cp -a "$T/base" "$D/r"
mkdir -p "$D/r/.git/mcwatch-rejected"
fill 0
echo "<p>a login page</p>" > "$T/login.html"
run "$MCWATCH" run --repo "$D/r" --url "$T/login.html"
rm -f "$D/fill"
if [ "$status" -eq 4 ] && grep -q "No space left on device" "$T/err" &&
    [ -z "$(find "$D/r/.git/mcwatch-rejected" -type f -size 0)" ] &&
    [ -z "$(ls -A "$D/r/.git/mcwatch-rejected")" ]; then
	ok "full disk: no half-written rejected page"
else
	notok "full disk: no half-written rejected page" "exit $status" \
	    "$(ls -la "$D/r/.git/mcwatch-rejected")"
fi

finish
