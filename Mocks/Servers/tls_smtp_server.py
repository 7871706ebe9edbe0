"""A mock SMTP submission server with TLS, for tests of mail sent through real libcurl.

Listens on 127.0.0.1 at a free port, with aiosmtpd, in one of two modes:
- `starttls`: plain SMTP that must be upgraded with STARTTLS before anything but EHLO/HELO,
  NOOP and QUIT (so AUTH and MAIL are refused in clear);
- `smtps`: TLS from the first byte (implicit TLS).
AUTH (PLAIN or LOGIN) is accepted only over TLS and only for the one account given, and MAIL
only after AUTH.

Prints `LISTENING <port>` on stdout once it listens; then, for each message it accepts, one
JSON line: {"mail_from", "rcpt_tos", "data" (the message after dot-unstuffing, as text),
"tls" (whether the session was encrypted), "user" (who authenticated)}. Each line is flushed
before the server answers 250, so a client that got its 250 can read its message at once.
Runs until killed or until its standard input is closed.

    tls_smtp_server.py --cert CERT.pem --key KEY.pem --mode starttls --user U --password P
"""
import argparse
import json
import ssl
import sys
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def is_encrypted(server):
    """Whether the session's transport is TLS, be it implicit or upgraded by STARTTLS."""
    return server.transport is not None and server.transport.get_extra_info("ssl_object") is not None


class Recorder:
    """The aiosmtpd handler: writes each accepted message as a JSON line on stdout."""

    async def handle_DATA(self, server, session, envelope):
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": envelope.original_content.decode("utf-8", errors="replace"),
            "tls": is_encrypted(server),
            "user": session.auth_data,
        }
        print(json.dumps(record), flush=True)
        return "250 OK queued"


class Authenticator:
    """Accepts the one account, and only on an encrypted session."""

    def __init__(self, user, password):
        self.user = user
        self.password = password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if not is_encrypted(server):
            return AuthResult(success=False, handled=False,
                              message="538 5.7.11 Encryption required for requested authentication mechanism")
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        if auth_data.login.decode() != self.user or auth_data.password.decode() != self.password:
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=self.user)


class LoopbackController(Controller):
    """A Controller on port 0: learns the port the system chose before aiosmtpd connects to it."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert", required=True, help="the server certificate, PEM")
    parser.add_argument("--key", required=True, help="its private key, PEM")
    parser.add_argument("--mode", required=True, choices=["starttls", "smtps"])
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    arguments = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(arguments.cert, arguments.key)
    settings = dict(
        hostname="127.0.0.1", port=0, server_hostname="mock-smtp-tls",
        authenticator=Authenticator(arguments.user, arguments.password), auth_required=True,
    )
    if arguments.mode == "starttls":
        settings.update(tls_context=context, require_starttls=True, auth_require_tls=True)
    else:
        # aiosmtpd counts only STARTTLS as TLS for `auth_require_tls` (its issues #274 and #281):
        # with implicit TLS it would refuse every AUTH, so the authenticator checks instead.
        settings.update(ssl_context=context, auth_require_tls=False)
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    controller = LoopbackController(Recorder(), **settings)
    controller.start()
    print(f"LISTENING {controller.port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
