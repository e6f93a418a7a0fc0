"""A stub OpenID Connect identity provider on 127.0.0.1, for testing sign-in offline.

It implements just enough of OIDC's authorization-code flow for Streamlit's
``st.login`` (Authlib): discovery, an authorize endpoint that signs the test
user in at once, a token endpoint returning an RS256 ID token, and the JWKS.
Test-only: it trusts every client and every redirect URI.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

USER = {"sub": "staff-0001", "name": "Iwaki Taro", "email": "taro@example.invalid"}


class StubIdP:
    """Start with :meth:`start`; ``issuer`` is its base URL; stop with :meth:`stop`."""

    def __init__(self, client_id: str = "dashboard") -> None:
        self.client_id = client_id
        self.key = RSAKey.generate_key(2048, parameters={"kid": "stub-1", "use": "sig", "alg": "RS256"})
        self.codes: dict[str, dict[str, Any]] = {}
        self.requests: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> StubIdP:
        """Serve in a daemon thread."""
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()

    def _id_token(self, nonce: str | None) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + 600, **USER}
        if nonce:
            claims["nonce"] = nonce
        return jwt.encode({"alg": "RS256", "kid": "stub-1"}, claims, self.key)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        idp = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                return

            def _json(self, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                url = urllib.parse.urlparse(self.path)
                idp.requests.append(url.path)
                if url.path == "/.well-known/openid-configuration":
                    self._json(
                        {
                            "issuer": idp.issuer,
                            "authorization_endpoint": f"{idp.issuer}/authorize",
                            "token_endpoint": f"{idp.issuer}/token",
                            "jwks_uri": f"{idp.issuer}/jwks",
                            "response_types_supported": ["code"],
                            "subject_types_supported": ["public"],
                            "id_token_signing_alg_values_supported": ["RS256"],
                            "code_challenge_methods_supported": ["S256"],
                        }
                    )
                elif url.path == "/jwks":
                    self._json({"keys": [idp.key.as_dict(private=False)]})
                elif url.path == "/authorize":
                    q = dict(urllib.parse.parse_qsl(url.query))
                    code = secrets.token_urlsafe(16)
                    idp.codes[code] = {"nonce": q.get("nonce")}
                    target = (
                        q["redirect_uri"] + "?" + urllib.parse.urlencode({"code": code, "state": q.get("state", "")})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                else:
                    self.send_error(404)

            def do_POST(self) -> None:
                idp.requests.append(self.path)
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                grant = idp.codes.pop(form.get("code", ""), None)
                if self.path != "/token" or grant is None:
                    self.send_error(400)
                    return
                self._json(
                    {
                        "access_token": secrets.token_urlsafe(16),
                        "token_type": "Bearer",
                        "expires_in": 600,
                        "id_token": idp._id_token(grant["nonce"]),
                    }
                )

        return Handler
