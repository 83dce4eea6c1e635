# End-to-end: mcwatch lookup, against grepcidr on the same addresses.
. "$TOP/tests/e2e/lib.sh"
S="$TOP/samples/mimecast-data-centers.html"
export MCWATCH_AUTHOR="mcwatch test <test@example.com>"
"$MCWATCH" run -q --repo "$T/r" --url "$S" > /dev/null 2>&1
R="--repo $T/r"

run "$MCWATCH" lookup $R 207.211.30.45 198.18.0.1 2001:db8:de::1
if [ "$status" -eq 0 ] &&
    grep -qx "207.211.30.45  us (United States of America) non-SPF range 207.211.30.40 - 207.211.30.49; us (United States of America) gateway network 207.211.30.0/24" "$T/out" &&
    grep -qx "198.18.0.1  not Mimecast" "$T/out" &&
    grep -qx "2001:db8:de::1  de (Germany) gateway network 2001:db8:de::/48" "$T/out"; then
	ok "lookup: region, list and record; every record an address is in"
else
	notok "lookup" "exit $status" "$(head -3 "$T/out")"
fi
printf 'Nov 28 13:29:50 mx smtpd[1]: connect from x[207.211.31.5]: at 10.0.0.1.\nno address here\n' |
    "$MCWATCH" lookup $R > "$T/out"
[ "$(cat "$T/out")" = "$(printf '207.211.31.5  us (United States of America) gateway network 207.211.31.0/25\n10.0.0.1  not Mimecast')" ] &&
    ok "lookup: addresses picked out of log lines on stdin" ||
    notok "lookup: log lines" "$(cat "$T/out")"

# The forms real logs print: ADDR:PORT (Postfix, nginx, haproxy), [v6]:port,
# Postfix's v6.port, after '=', and past a NUL in the line.
printf 'postfix/smtpd: connect from unknown[198.18.0.1]:25\nnginx: client 207.211.31.5:41234\nrelay=mx[2001:db8:de::1]:25\nsmtp: 2001:db8:de::2.25 said\nclient=207.211.31.6\nnul\0 207.211.31.7\n' |
    "$MCWATCH" lookup $R | cut -d' ' -f1-3 > "$T/out"
printf '198.18.0.1  not\n207.211.31.5  us\n2001:db8:de::1  de\n2001:db8:de::2  de\n207.211.31.6  us\n207.211.31.7  us\n' > "$T/want"
same "lookup: addresses with ports, in brackets, after '=', past a NUL" "$T/out" "$T/want"
printf 'client 207.211.31.5:25\n' | "$MCWATCH" lookup -q $R
st1=$?
printf 'client 198.18.0.1:25\n' | "$MCWATCH" lookup -q $R
st2=$?
printf 'client 207.211.31.5:25\nno address on this line\n' | "$MCWATCH" lookup -q $R
st3=$?
[ "$st1" -eq 0 ] && [ "$st2" -eq 1 ] && [ "$st3" -eq 1 ] &&
    ok "lookup -q: a Mimecast client:port passes; another, or a line with no address, fails" ||
    notok "lookup -q on log lines" "exits $st1 $st2 $st3"

# Queries an admin asks: a prefix, a host name.
run "$MCWATCH" lookup $R 207.211.30.32/28 198.18.0.0/15 us-api.mimecast.com
if [ "$status" -eq 0 ] &&
    grep -q "^207.211.30.32/28  us (United States of America) gateway network 207.211.30.0/24; us (United States of America) non-SPF range 207.211.30.40 - 207.211.30.49$" "$T/out" &&
    grep -qx "198.18.0.0/15  not Mimecast" "$T/out" &&
    grep -q "^us-api.mimecast.com  us (United States of America) URL " "$T/out"; then
	ok "lookup: a prefix gives the records overlapping it; a host name its URL records"
else
	notok "lookup: prefix and host name queries" "$(cat "$T/out")"
fi
run "$MCWATCH" lookup -q $R 207.211.31.5 146.101.202.134
[ "$status" -eq 0 ] && [ ! -s "$T/out" ] && ok "lookup -q: all Mimecast's, exit 0" ||
    notok "lookup -q: exit 0" "exit $status"
run "$MCWATCH" lookup -q $R 207.211.31.5 10.9.9.9
expect "lookup -q: one is not, exit 1" 1
run "$MCWATCH" lookup $R 300.1.1.1
expect "lookup: an argument that is no query" 2 "not an address, a prefix or a host name: '300.1.1.1'"

# A line of 2 MB (more than a read) is taken in pieces, none cut inside an
# address: 20,000 addresses in it, each found whole; the input's last line has no
# line feed. With -q, a long line holding Mimecast's addresses only passes.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%s207.211.31.%d", \
    substr("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx ", 1, 50 + i % 97), i % 128
    printf "\nlast 198.18.0.1" }' > "$T/long"
cat "$T/long" | "$MCWATCH" lookup $R > "$T/out"
n_us=$(grep -c '^207\.211\.31\.[0-9]*  us ' "$T/out")
n_all=$(wc -l < "$T/out")
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "207.211.31.%d\n", i % 128
    print "198.18.0.1" }' > "$T/want"
cut -d' ' -f1 "$T/out" > "$T/got"
[ "$n_us" -eq 20000 ] && [ "$n_all" -eq 20001 ] && cmp -s "$T/want" "$T/got" &&
    ok "lookup: a 2 MB line in pieces, no address cut in two, a last line with no line feed" ||
    notok "lookup: long line" "$n_us of 20000 found, $n_all lines; $(diff "$T/want" "$T/got" | head -3)"
head -c -16 "$T/long" | "$MCWATCH" lookup -q $R
st1=$?
"$MCWATCH" lookup -q $R < "$T/long"
st2=$?
[ "$st1" -eq 0 ] && [ "$st2" -eq 1 ] &&
    ok "lookup -q: a long line of Mimecast's addresses passes; a last line of another's fails" ||
    notok "lookup -q on a long line" "exits $st1 $st2"

# The same answers as grepcidr over 20,000 addresses in and around the
# lists (every address the records hold, the neighbours of their ends).
if command -v grepcidr > /dev/null; then
	awk 'BEGIN { srand(11); for (i = 0; i < 20000; i++) {
	    if (i % 2) printf "%d.%d.%d.%d\n", 170 + int(rand() * 50),
		int(rand() * 256), int(rand() * 256), int(rand() * 256)
	    else printf "%s.%d\n", (i % 4 ? "207.211.31" : "170.10.157"),
		int(rand() * 256) } }' > "$T/addrs"
	cat "$T/r/cidr/all-v4.txt" > "$T/list"
	grepcidr -f "$T/list" "$T/addrs" | sort > "$T/want"
	"$MCWATCH" lookup $R < "$T/addrs" | grep -v "not Mimecast$" |
	    cut -d' ' -f1 | sort > "$T/got"
	[ -s "$T/want" ] && cmp -s "$T/want" "$T/got" &&
	    ok "lookup agrees with grepcidr on 20,000 addresses ($(wc -l < "$T/got") Mimecast's)" ||
	    notok "lookup agrees with grepcidr" "$(diff "$T/want" "$T/got" | head -3)"
else
	skip "lookup agrees with grepcidr" "no grepcidr"
fi

# A log followed through a pipe (tail -f): each line read is answered
# while the writer is still there, not at the end of the input.
mkfifo "$T/fifo"
"$MCWATCH" lookup $R < "$T/fifo" > "$T/live" &
lpid=$!
exec 3> "$T/fifo"
printf 'connect from x[207.211.31.5]\n' >&3
i=0
while [ "$i" -lt 50 ] && ! grep -q "^207.211.31.5  us " "$T/live"; do
	sleep 0.1
	i=$((i + 1))
done
grep -q "^207.211.31.5  us " "$T/live" && live=yes || live=no
exec 3>&-
wait "$lpid"
[ "$live" = yes ] && [ "$(wc -l < "$T/live")" -eq 1 ] &&
    ok "lookup: a line through a pipe is answered before the input ends" ||
    notok "lookup through a pipe" "answered: $live; $(cat "$T/live")"

finish
