#!/usr/bin/python3
"""A real SMTP server for the tests, on 127.0.0.1 and a port it picks.

usage: smtpd.py DIR PORTFILE [REJECT-ADDRESS [CERT KEY]]
Each message is stored as DIR/N.eml exactly as received, with the envelope
in DIR/N.env. A RCPT TO of REJECT-ADDRESS is refused with 550. With CERT
and KEY the server requires STARTTLS, and with $SMTPD_AUTH=USER:PASSWORD
also AUTH. $SMTPD_TEMPFAIL=N answers the first N messages 451 (try again
later); $SMTPD_DELAY=S waits S seconds before the final 250 of the first
message (it is stored all the same). Stops by itself after ten minutes.
"""
import asyncio
import os
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, where, reject):
        self.where, self.reject, self.n = where, reject, 0
        self.tempfail = int(os.environ.get("SMTPD_TEMPFAIL", "0"))
        self.delay = float(os.environ.get("SMTPD_DELAY", "0"))
        self.seen = 0

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address == self.reject:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen <= self.tempfail:
            return "451 4.3.0 try again later"
        self.n += 1
        base = os.path.join(self.where, "%d" % self.n)
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env", "w") as f:
            f.write("%s\n%s\n" % (envelope.mail_from,
                                  " ".join(envelope.rcpt_tos)))
        if self.delay and self.n == 1:
            await asyncio.sleep(self.delay)
        return "250 Message accepted"


def main():
    where, portfile = sys.argv[1], sys.argv[2]
    reject = sys.argv[3] if len(sys.argv) > 3 else None
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    tls = {}
    if len(sys.argv) > 5:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(sys.argv[4], sys.argv[5])
        tls = {"tls_context": ctx, "require_starttls": True}
        if os.environ.get("SMTPD_AUTH"):
            user, pw = os.environ["SMTPD_AUTH"].split(":", 1)

            def check(server, session, envelope, mechanism, data):
                ok = (isinstance(data, LoginPassword) and
                      data.login == user.encode() and
                      data.password == pw.encode())
                return AuthResult(success=ok)
            tls.update(auth_required=True, authenticator=check)
    c = Controller(Store(where, reject), hostname="127.0.0.1", port=port,
                   **tls)
    c.start()
    with open(portfile + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(portfile + ".tmp", portfile)
    try:
        asyncio.run(asyncio.sleep(600))
    finally:
        c.stop()


main()
