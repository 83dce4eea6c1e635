#!/usr/bin/python3
"""A webhook receiver for the tests, on 127.0.0.1 and a port it picks.

usage: webhook.py DIR PORTFILE [STATUS,STATUS,...]
Each POST body is stored as DIR/N.json with its Content-Type in DIR/N.type
and its headers in DIR/N.headers; the statuses are answered in turn (then
200). $WEBHOOK_DELAY=S waits S seconds before answering the first POST (its
body stored first). Stops after ten minutes.
"""
import http.server
import os
import sys
import threading
import time

where, portfile = sys.argv[1], sys.argv[2]
statuses = [int(x) for x in sys.argv[3].split(",")] if len(sys.argv) > 3 else []
count = [0]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        count[0] += 1
        n = count[0]
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        code = statuses[n - 1] if n <= len(statuses) else 200
        if code < 300:
            with open(os.path.join(where, "%d.json" % n), "wb") as f:
                f.write(body)
            with open(os.path.join(where, "%d.type" % n), "w") as f:
                f.write(self.headers.get("Content-Type", ""))
            with open(os.path.join(where, "%d.headers" % n), "w") as f:
                f.write(str(self.headers))
        if n == 1 and float(os.environ.get("WEBHOOK_DELAY", "0")) > 0:
            time.sleep(float(os.environ["WEBHOOK_DELAY"]))
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % srv.server_port)
os.rename(portfile + ".tmp", portfile)
threading.Timer(600, srv.shutdown).start()
srv.serve_forever()
