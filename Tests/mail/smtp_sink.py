#!/usr/bin/env python3
"""A real SMTP server on loopback for Credo's mail tests (aiosmtpd).

Writes each message it accepts to DIR/<n>.eml (the bytes as received after DATA) and DIR/<n>.json (envelope:
sender, recipients, the authenticated user, whether the session was TLS). Prints "READY <port>" once listening and
stops when its standard input closes (the test that started it ends) or after --lifetime seconds.

  smtp_sink.py --dir DIR [--port N] [--starttls CERT KEY] [--auth USER:PASSWORD] [--refuse CODE]
"""
import argparse
import asyncio
import json
import os
import socket
import ssl
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, refuse):
        self.directory = directory
        self.refuse = refuse
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return f"{self.refuse} 4.3.0 Try again later (test refusal)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, f"{self.count:04d}")
        with open(base + ".eml.part", "wb") as out:
            out.write(envelope.original_content or envelope.content)
        with open(base + ".json", "w") as out:
            json.dump(
                {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "auth_user": (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None),
                    "tls": session.ssl is not None,
                },
                out,
            )
        os.rename(base + ".eml.part", base + ".eml")
        return "250 Message accepted"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth")
    parser.add_argument("--refuse")
    parser.add_argument("--lifetime", type=float, default=600)
    args = parser.parse_args()

    port = args.port or free_port()
    options = {}
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.starttls[0], args.starttls[1])
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(args.starttls))
    controller = Controller(Sink(args.dir, args.refuse), hostname="127.0.0.1", port=port, server_hostname="localhost", **options)
    controller.start()
    print(f"READY {port}", flush=True)
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait(args.lifetime)
    controller.stop()


if __name__ == "__main__":
    main()
