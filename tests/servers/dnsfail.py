#!/usr/bin/python3
"""A DNS server that fails, for the tests, on 127.0.0.1 and a port it picks.

usage: dnsfail.py DIR PORTFILE servfail|silent
servfail answers every query with SERVFAIL (RCODE 2); silent reads every
query and never answers (a timeout). Each query's count is in DIR/queries.
Stops after ten minutes.
"""
import os
import socket
import sys
import time

where, portfile, mode = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(portfile + ".tmp", portfile)
s.settimeout(1.0)
n = 0
end = time.time() + 600
while time.time() < end:
    try:
        q, peer = s.recvfrom(4096)
    except socket.timeout:
        continue
    if len(q) < 12:
        continue
    n += 1
    with open(os.path.join(where, "queries"), "w") as f:
        f.write("%d\n" % n)
    if mode == "servfail":
        # The query's id and question, QR set, RD copied, RA, RCODE 2.
        flags = 0x8000 | (q[2] & 0x01) << 8 | 0x0080 | 2
        s.sendto(q[:2] + flags.to_bytes(2, "big") + q[4:6] + b"\0\0\0\0\0\0"
                 + q[12:], peer)
