#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A real SMTP server for Afterword's tests (Debian's aiosmtpd), one 127.0.0.1 port per
# behaviour, all in one process for the whole test run:
#
#   smtp-server.py --state-dir DIR
#
# Generates a test CA, a server certificate (DNS:localhost, IP:127.0.0.1), a self-signed
# certificate and a certificate for another host name into DIR, starts every mode, writes
# DIR/ports.json atomically when ready and stores each delivered message as
# DIR/mail/<mode>/<n>.eml (the bytes received after DATA) with DIR/mail/<mode>/<n>.json
# (the envelope). Runs until SIGTERM or SIGINT.
#
# The user name, password and token below are test-only values.

import argparse
import asyncio
import json
import logging
import os
import signal
import ssl
import subprocess
import sys
import threading
import types
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

TEST_USER = "applicant@example.org"
TEST_PASSWORD = "aw-T3st-Pa55w0rd-q7Zk"
TEST_TOKEN = "aw-test-oauth-token-Hx9"


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certificates(d):
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    ca_key, ca = os.path.join(d, "ca.key"), os.path.join(d, "ca.pem")
    run("openssl", "req", "-x509", *key, "-keyout", ca_key, "-out", ca, "-days", "30",
        "-subj", "/CN=Afterword Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")

    def signed(name, san):
        k, csr, crt = (os.path.join(d, name + ext) for ext in (".key", ".csr", ".pem"))
        ext = os.path.join(d, name + ".ext")
        with open(ext, "w") as f:
            f.write("basicConstraints=CA:FALSE\n"
                    "keyUsage=critical,digitalSignature,keyEncipherment\n"
                    "extendedKeyUsage=serverAuth\n"
                    "subjectAltName=%s\n" % san)
        cn = san.split(",")[0].split(":", 1)[1]
        run("openssl", "req", "-new", *key, "-keyout", k, "-out", csr, "-subj", "/CN=" + cn)
        run("openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key,
            "-CAcreateserial", "-out", crt, "-days", "30", "-extfile", ext)
        return crt, k

    server = signed("server", "DNS:localhost,IP:127.0.0.1")
    other = signed("other-host", "DNS:other.example")
    ss_key, ss = os.path.join(d, "self-signed.key"), os.path.join(d, "self-signed.pem")
    run("openssl", "req", "-x509", *key, "-keyout", ss_key, "-out", ss, "-days", "30",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
    return ca, server, other, (ss, ss_key)


def server_context(cert, legacy=False):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*cert)
    if legacy:
        # Only TLS 1.0 and 1.1 (RFC 8996 forbids both); OpenSSL 3 needs security level 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx.minimum_version = ssl.TLSVersion.TLSv1
            ctx.maximum_version = ssl.TLSVersion.TLSv1_1
        ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    return ctx


class Mailbox:
    """Stores delivered messages per mode, each file written atomically."""

    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()

    def store(self, mode, envelope, session):
        d = os.path.join(self.root, mode)
        os.makedirs(d, exist_ok=True)
        with self.lock:
            n = len([f for f in os.listdir(d) if f.endswith(".eml")]) + 1
            meta = {
                "mail_from": envelope.mail_from,
                "mail_options": envelope.mail_options,
                "rcpt_tos": envelope.rcpt_tos,
                "authenticated": bool(session.authenticated),
                "tls": session.ssl is not None,
            }
            for name, data in (("%d.json" % n, json.dumps(meta).encode()),
                               ("%d.eml" % n, envelope.original_content)):
                tmp = os.path.join(d, "." + name + ".tmp")
                with open(tmp, "wb") as f:
                    f.write(data)
                os.rename(tmp, os.path.join(d, name))

    def note_auth(self, mode):
        """Counts AUTH attempts per mode in <mode>/auth-attempts (for "no password sent")."""
        d = os.path.join(self.root, mode)
        os.makedirs(d, exist_ok=True)
        with self.lock, open(os.path.join(d, "auth-attempts"), "a") as f:
            f.write("1\n")


def authenticator(mode, mailbox):
    def check(server, session, envelope, mechanism, auth_data):
        mailbox.note_auth(mode)
        if mode == "auth-535":
            return AuthResult(success=False, handled=False)
        if mode == "auth-534":
            return AuthResult(success=False, handled=False,
                              message="534 5.7.9 Application-specific password required")
        if isinstance(auth_data, LoginPassword):
            ok = (auth_data.login.decode() == TEST_USER
                  and auth_data.password.decode() == TEST_PASSWORD)
            return AuthResult(success=ok, handled=False)
        return AuthResult(success=False, handled=False)
    return check


class Handler:
    def __init__(self, mode, mailbox, pipelining=True, eight_bit=True, offer_auth=True):
        self.mode = mode
        self.mailbox = mailbox
        self.pipelining = pipelining
        self.eight_bit = eight_bit
        self.offer_auth = offer_auth

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.mode == "ehlo-rejected":
            return ["502 5.5.1 EHLO not implemented"]
        out = []
        for r in responses:
            if not self.eight_bit and r.startswith(("250-8BITMIME", "250-SMTPUTF8")):
                continue
            if not self.offer_auth and r.startswith("250-AUTH"):
                continue
            out.append(r)
        if self.pipelining:
            out.insert(len(out) - 1, "250-PIPELINING")
        return out

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "rcpt-550":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "data-552":
            return "552 5.3.4 Message too big for system"
        self.mailbox.store(self.mode, envelope, session)
        if self.mode == "disconnect-after-dot":
            server.transport.abort()
            return "250 OK (never sent)"
        if self.mode == "slow-after-dot":
            await asyncio.sleep(120)
        return "250 2.0.0 OK queued"

    async def auth_XOAUTH2(self, server, args):
        import base64
        try:
            raw = base64.b64decode(args[1]).decode()
        except Exception:
            return AuthResult(success=False, handled=False, message="501 5.5.2 Bad encoding")
        fields = dict(p.split("=", 1) for p in raw.split("\x01") if "=" in p)
        if fields.get("user") == TEST_USER and fields.get("auth") == "Bearer " + TEST_TOKEN:
            return AuthResult(success=True, auth_data=TEST_USER)
        await server.push('334 eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIn0=')
        await server._reader.readline()
        return AuthResult(success=False, handled=False, message="535 5.7.8 Token invalid")


class Greeting421(asyncio.Protocol):
    def connection_made(self, transport):
        transport.write(b"421 4.3.2 Service not available, closing channel\r\n")
        transport.close()


class Silent(asyncio.Protocol):
    """Accepts the connection and never says a word."""

    def connection_made(self, transport):
        self.transport = transport


class StarttlsInjection(asyncio.Protocol):
    """Answers STARTTLS with 220 plus an extra reply in the same packet."""

    def connection_made(self, transport):
        self.transport = transport
        self.buf = b""
        transport.write(b"220 localhost ESMTP\r\n")

    def data_received(self, data):
        self.buf += data
        while b"\n" in self.buf:
            line, self.buf = self.buf.split(b"\n", 1)
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO"):
                self.transport.write(b"250-localhost\r\n250-STARTTLS\r\n250 HELP\r\n")
            elif cmd == b"STARTTLS":
                self.transport.write(b"220 2.0.0 Ready\r\n250 injected\r\n")
            elif cmd == b"QUIT":
                self.transport.write(b"221 Bye\r\n")
                self.transport.close()
            else:
                self.transport.write(b"500 What?\r\n")


def path_of(line):
    """The address between < and > of a MAIL or RCPT line."""
    text = line.decode(errors="replace")
    return text[text.find("<") + 1:text.find(">")] if "<" in text else ""


class Scripted(asyncio.Protocol):
    """A hand-written SMTP server for faults aiosmtpd cannot produce. Every answer is
    written with one write() (one packet on loopback, one TLS record); no PIPELINING.

    data-extra-250   DATA gets "354" and an extra "250" in the same packet; "." gets 554
    ehlo-extra-220   the EHLO reply carries a "220" before STARTTLS was sent; STARTTLS
                     itself is never answered
    dot-354          the final "." gets a 354 (neither accepted nor refused)
    auth-endless-334 every AUTH line gets "334 "; after 20 rounds 235 (so a client that
                     keeps going is caught delivering)
    slow-steps       every answer comes 0.6 s late (each well within its timeout)
    huge-ehlo        a legal 254 KiB EHLO reply, 4 bytes per write (per TLS record)
    """

    def __init__(self, mode, mailbox, tls=False):
        self.mode = mode
        self.mailbox = mailbox
        self.tls = tls
        self.buf = b""
        self.in_data = False
        self.in_auth = False
        self.auth_rounds = 0
        self.authenticated = False
        self.envelope = None
        self.queue = asyncio.Queue()
        self.task = None

    def connection_made(self, transport):
        self.transport = transport
        self.task = asyncio.get_running_loop().create_task(self.answer_all())
        self.say(b"220 localhost ESMTP scripted\r\n")

    def connection_lost(self, exc):
        if self.task is not None:
            self.task.cancel()

    def say(self, data):
        self.queue.put_nowait(data)

    async def answer_all(self):
        while True:
            data = await self.queue.get()
            if self.transport.is_closing():
                return
            if self.mode == "slow-steps":
                await asyncio.sleep(0.6)
            if data is None:
                self.transport.close()
                return
            if self.mode == "huge-ehlo" and len(data) > 4096:
                for i in range(0, len(data), 4):
                    self.transport.write(data[i:i + 4])
                    if i % 4096 == 0:
                        await asyncio.sleep(0)
                continue
            self.transport.write(data)

    def data_received(self, data):
        self.buf += data
        while True:
            if self.in_data:
                end = self.buf.find(b"\r\n.\r\n")
                if end < 0:
                    return
                content, self.buf = self.buf[:end + 2], self.buf[end + 5:]
                self.in_data = False
                self.end_of_data(content)
                continue
            if b"\n" not in self.buf:
                return
            line, self.buf = self.buf.split(b"\n", 1)
            self.line(line.rstrip(b"\r"))

    def line(self, line):
        if self.in_auth:
            self.auth_rounds += 1
            if self.auth_rounds < 20:
                self.say(b"334 \r\n")
            else:
                self.in_auth = False
                self.authenticated = True
                self.say(b"235 2.7.0 Authentication successful\r\n")
            return
        cmd = line.split(b" ", 1)[0].upper()
        if cmd in (b"EHLO", b"HELO"):
            lines = [b"localhost"]
            if self.mode == "ehlo-extra-220":
                lines.append(b"STARTTLS")
            if self.tls:
                lines.append(b"AUTH PLAIN LOGIN")
            if self.mode == "huge-ehlo":
                lines += [b"X-FILLER-%03d " % i + b"x" * 2030 for i in range(125)]
            lines.append(b"8BITMIME")
            reply = b"".join(b"250-" + l + b"\r\n" for l in lines[:-1])
            reply += b"250 " + lines[-1] + b"\r\n"
            if self.mode == "ehlo-extra-220":
                reply += b"220 2.0.0 Ready to start TLS\r\n"
            self.say(reply)
        elif cmd == b"STARTTLS":
            pass  # never answered: the only 220 came before the command
        elif cmd == b"AUTH":
            if self.mode == "auth-endless-334":
                self.in_auth = True
                self.say(b"334 \r\n")
            else:
                self.authenticated = True
                self.say(b"235 2.7.0 Authentication successful\r\n")
        elif cmd == b"MAIL":
            self.envelope = types.SimpleNamespace(
                mail_from=path_of(line),
                mail_options=[], rcpt_tos=[], original_content=b"")
            self.say(b"250 2.1.0 OK\r\n")
        elif cmd == b"RCPT":
            self.envelope.rcpt_tos.append(path_of(line))
            self.say(b"250 2.1.5 OK\r\n")
        elif cmd == b"DATA":
            self.in_data = True
            if self.mode == "data-extra-250":
                self.say(b"354 Go ahead\r\n250 2.0.0 OK: queued (injected)\r\n")
            else:
                self.say(b"354 Go ahead\r\n")
        elif cmd in (b"RSET", b"NOOP"):
            self.say(b"250 OK\r\n")
        elif cmd == b"QUIT":
            self.say(b"221 2.0.0 Bye\r\n")
            self.say(None)
        else:
            self.say(b"500 5.5.1 What?\r\n")

    def end_of_data(self, content):
        if self.mode == "data-extra-250":
            self.say(b"554 5.6.0 Message refused\r\n")
        elif self.mode == "dot-354":
            self.say(b"354 Go ahead, still listening\r\n")
        else:
            # un-stuff the dots as a server does
            lines = content.split(b"\r\n")
            self.envelope.original_content = b"\r\n".join(
                l[1:] if l.startswith(b".") else l for l in lines)
            session = types.SimpleNamespace(authenticated=self.authenticated,
                                            ssl=True if self.tls else None)
            self.mailbox.store(self.mode, self.envelope, session)
            self.say(b"250 2.0.0 OK queued\r\n")


async def main(state_dir):
    ca, server_cert, other_cert, self_signed = make_certificates(state_dir)
    mailbox = Mailbox(os.path.join(state_dir, "mail"))
    loop = asyncio.get_running_loop()
    ports = {}

    def smtp_factory(mode, tls_cert=None, implicit=False, auth=True, **handler_args):
        handler = Handler(mode, mailbox, **handler_args)
        kwargs = dict(enable_SMTPUTF8=True, hostname="localhost", ident="Afterword test",
                      authenticator=authenticator(mode, mailbox), auth_required=auth)
        if mode == "size-limit":
            kwargs["data_size_limit"] = 10000
        if mode == "auth-login-only":
            kwargs["auth_exclude_mechanism"] = ["PLAIN"]
        if tls_cert is not None and not implicit:
            kwargs["tls_context"] = server_context(tls_cert, legacy=mode.startswith("tls11"))
            kwargs["require_starttls"] = True
        if implicit:
            kwargs["auth_require_tls"] = False
        return lambda: SMTP(handler, **kwargs)

    modes = {
        "starttls": dict(tls_cert=server_cert),
        "starttls-7bit": dict(tls_cert=server_cert, pipelining=False, eight_bit=False),
        "implicit-tls": dict(tls_cert=server_cert, implicit=True),
        "plain": dict(auth=False),
        "no-starttls": dict(auth=False),
        "ehlo-rejected": dict(tls_cert=server_cert, implicit=True, auth=False),
        "no-auth": dict(tls_cert=server_cert, auth=False, offer_auth=False),
        "auth-535": dict(tls_cert=server_cert),
        "auth-534": dict(tls_cert=server_cert),
        "rcpt-550": dict(tls_cert=server_cert),
        "data-552": dict(tls_cert=server_cert),
        "size-limit": dict(tls_cert=server_cert),
        "disconnect-after-dot": dict(tls_cert=server_cert),
        "slow-after-dot": dict(tls_cert=server_cert),
        "auth-login-only": dict(tls_cert=server_cert),
        "self-signed": dict(tls_cert=self_signed, implicit=True),
        "wrong-host": dict(tls_cert=other_cert, implicit=True),
        "tls11-implicit": dict(tls_cert=server_cert, implicit=True),
        "tls11-starttls": dict(tls_cert=server_cert),
    }
    servers = []
    for mode, args in modes.items():
        ssl_ctx = (server_context(args["tls_cert"], legacy=mode.startswith("tls11"))
                   if args.get("implicit") else None)
        srv = await loop.create_server(smtp_factory(mode, **args), "127.0.0.1", 0, ssl=ssl_ctx)
        servers.append(srv)
        ports[mode] = srv.sockets[0].getsockname()[1]
    for mode, proto in (("greeting-421", Greeting421), ("silent", Silent),
                        ("starttls-injection", StarttlsInjection)):
        srv = await loop.create_server(proto, "127.0.0.1", 0)
        servers.append(srv)
        ports[mode] = srv.sockets[0].getsockname()[1]
    # (mode, implicit TLS): the scripted faults
    for mode, tls in (("data-extra-250", False), ("ehlo-extra-220", False), ("dot-354", False),
                      ("auth-endless-334", True), ("slow-steps", False), ("huge-ehlo", True)):
        ssl_ctx = server_context(server_cert) if tls else None
        srv = await loop.create_server(lambda mode=mode, tls=tls: Scripted(mode, mailbox, tls),
                                       "127.0.0.1", 0, ssl=ssl_ctx)
        servers.append(srv)
        ports[mode] = srv.sockets[0].getsockname()[1]

    info = dict(ports)
    info.update({
        "ca": ca,
        "self-signed-cert": self_signed[0],
        "user": TEST_USER,
        "password": TEST_PASSWORD,
        "oauth2-token": TEST_TOKEN,
        "mail-dir": os.path.join(state_dir, "mail"),
        "pid": os.getpid(),
    })
    tmp = os.path.join(state_dir, ".ports.json.tmp")
    with open(tmp, "w") as f:
        json.dump(info, f, indent=1)
    os.rename(tmp, os.path.join(state_dir, "ports.json"))

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for srv in servers:
        srv.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--state-dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.state_dir, exist_ok=True)
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    # Implicit-TLS modes require AUTH without STARTTLS: that is TLS all the same
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    # aiosmtpd logs each command at INFO/DEBUG; keep it quiet (AUTH lines included)
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    asyncio.run(main(os.path.abspath(args.state_dir)))
