"""Sign-in check for nginx's ``auth_request``: may this request fetch a download from ``/media/``?

Streamlit serves a session's downloads (CSV, .xlsx, PNG, SVG) at
``/media/<id>`` with no check of its own: anyone holding the address gets the
file. Its pages, on the other hand, show nothing before sign-in
(``dashboard.views.auth``). nginx asks this small service before passing a
``/media/`` request on (``auth_request``), so the downloads need the same
sign-in as the pages:

- sign-in not required by the deployment (the public default): 204, allowed;
- sign-in required: 204 only with a valid Streamlit sign-in cookie
  (``_streamlit_user``, signed with the ``[auth]`` ``cookie_secret`` of
  ``.streamlit/secrets.toml``, checked with Streamlit's own functions,
  ``is_logged_in`` true); otherwise 401.

It reads the same settings as the app (``DASHBOARD_REQUIRE_LOGIN``, the
secrets files: ``.streamlit/secrets.toml`` in the working directory, or
``STREAMLIT_SECRETS_FILES``), so ``deploy/start.sh`` runs it from the
repository with the app's environment, on loopback only::

    .venv/bin/python deploy/signin_check.py 8690
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit import config
from streamlit.auth_util import get_cookie_with_chunks
from streamlit.web.server.server_util import get_cookie_secret
from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

from dashboard.views.auth import login_required

USER_COOKIE = "_streamlit_user"
ALLOWED = 204
DENIED = 401


def signed_in(cookies: Mapping[str, str], secret: str) -> bool:
    """Whether ``cookies`` hold a Streamlit sign-in cookie signed with ``secret`` for a signed-in user."""
    if not secret:
        return False

    def single(name: str) -> bytes | None:
        raw = cookies.get(name)
        return None if raw is None else decode_signed_value(secret, name, raw.encode("latin-1"))

    decoded = get_cookie_with_chunks(single, USER_COOKIE)
    if decoded is None:
        return False
    try:
        payload = json.loads(decoded.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(payload, dict) and payload.get("is_logged_in") is True


async def check(request: Request) -> Response:
    """204 when the request may fetch a download, 401 when it must sign in first."""
    if not login_required():
        return Response(status_code=ALLOWED)
    return Response(status_code=ALLOWED if signed_in(request.cookies, get_cookie_secret()) else DENIED)


app = Starlette(routes=[Route("/check", check)])


def use_secrets_files_from_environment() -> None:
    """Read the secrets files ``streamlit run`` would read from ``STREAMLIT_SECRETS_FILES``.

    ``streamlit run`` takes that variable as its ``--secrets.files`` option; a
    plain Python process does not, so the check sets the option itself.
    """
    files = os.environ.get("STREAMLIT_SECRETS_FILES", "").split()
    if files:
        config.set_option("secrets.files", files)


def main(argv: list[str]) -> int:
    """Serve the check on 127.0.0.1:<port>."""
    use_secrets_files_from_environment()
    port = int(argv[1]) if len(argv) > 1 else 8690
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
