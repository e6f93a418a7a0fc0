"""Every setting the dashboard reads from its environment, typed and documented in one place.

Environment variables (all optional; the defaults give the public, complete dashboard):

==========================  ==================  ===============================================
variable                    default             meaning
==========================  ==================  ===============================================
``DASHBOARD_DATA_DIR``      ``data/``           folder of the published Parquet datasets
``DASHBOARD_SOURCE_DIR``    ``data/source/``    folder of the CSV files they are built from
``DASHBOARD_OPEN_DATA_DIR`` ``data/open/``      folder of the third-party open data (a newer
                                                copy than the one in the repository)
``DASHBOARD_LANG``          ``ja``              language of the command line (``ja``/``en``)
``DASHBOARD_ADMIN``         off                 show the data-update page (データ更新)
``DASHBOARD_REQUIRE_LOGIN`` off                 require sign-in (OIDC) before any page
``DASHBOARD_FONT_DIRS``     Debian Noto CJK     ``:``-separated font folders for PNG/SVG export
==========================  ==================  ===============================================

Secrets (``.streamlit/secrets.toml``, never committed; read by the views through
:func:`dashboard_secrets`): the ``[dashboard]`` table with ``admin_enabled``,
``require_login`` and ``admin_users``, and Streamlit's own ``[auth]`` table for
``st.login``.

A switch is on when its value is one of :data:`TRUE_WORDS` (case and spaces
ignored), the same rule for the environment and for string values in secrets.
Settings are read on every call (cheap), so a test or a deployment that
changes the environment is seen at once. Folder settings are kept as the text
given; :mod:`dashboard.data.paths` turns them into paths and applies the
defaults relative to the repository.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TRUE_WORDS: frozenset[str] = frozenset({"1", "true", "yes", "on"})
"""Values that turn a switch on."""

DEFAULT_FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/opentype/noto",)
"""Where Debian's fonts-noto-cjk puts Noto Sans CJK (the exported images' Japanese font)."""


def is_true(value: Any) -> bool:
    """The one idea of "true": a bool as is, text when it is one of :data:`TRUE_WORDS`."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    return str(value).strip().lower() in TRUE_WORDS


@dataclass(frozen=True)
class Setting:
    """Documentation of one environment variable (for the README table and ``--help``)."""

    env: str
    default: str
    meaning: str


@dataclass(frozen=True)
class Settings:
    """The environment's settings, typed."""

    data_dir: str | None = None
    """``DASHBOARD_DATA_DIR``: folder of the published Parquet files (None: ``data/``)."""
    source_dir: str | None = None
    """``DASHBOARD_SOURCE_DIR``: folder of the source CSV files (None: ``data/source/``)."""
    open_data_dir: str | None = None
    """``DASHBOARD_OPEN_DATA_DIR``: folder of the open data (None: ``data/open/`` in the repository)."""
    lang: str = "ja"
    """``DASHBOARD_LANG``: language of the command line's messages and help."""
    admin: bool = False
    """``DASHBOARD_ADMIN``: show the data-update page."""
    require_login: bool = False
    """``DASHBOARD_REQUIRE_LOGIN``: require sign-in before any page."""
    font_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS
    """``DASHBOARD_FONT_DIRS``: font folders registered with vl-convert for exported images."""


ENV: dict[str, str] = {
    "data_dir": "DASHBOARD_DATA_DIR",
    "source_dir": "DASHBOARD_SOURCE_DIR",
    "open_data_dir": "DASHBOARD_OPEN_DATA_DIR",
    "lang": "DASHBOARD_LANG",
    "admin": "DASHBOARD_ADMIN",
    "require_login": "DASHBOARD_REQUIRE_LOGIN",
    "font_dirs": "DASHBOARD_FONT_DIRS",
}
"""Settings field → environment variable."""


def _text(environ: Mapping[str, str], name: str) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``environ`` (default: the process environment); empty values mean "not set"."""
    env = os.environ if environ is None else environ
    fonts = _text(env, ENV["font_dirs"])
    return Settings(
        data_dir=_text(env, ENV["data_dir"]),
        source_dir=_text(env, ENV["source_dir"]),
        open_data_dir=_text(env, ENV["open_data_dir"]),
        lang=(_text(env, ENV["lang"]) or "ja").lower(),
        admin=is_true(env.get(ENV["admin"])),
        require_login=is_true(env.get(ENV["require_login"])),
        font_dirs=tuple(d for d in fonts.split(":") if d) if fonts else DEFAULT_FONT_DIRS,
    )


DOCUMENTED: tuple[Setting, ...] = (
    Setting("DASHBOARD_DATA_DIR", "data/", "folder of the published Parquet datasets"),
    Setting("DASHBOARD_SOURCE_DIR", "data/source/", "folder of the CSV files the datasets are built from"),
    Setting(
        "DASHBOARD_OPEN_DATA_DIR",
        "data/open/",
        "folder of the third-party open data, e.g. a newer copy than the repository's",
    ),
    Setting("DASHBOARD_LANG", "ja", "language of the command line's messages and help (ja or en)"),
    Setting("DASHBOARD_ADMIN", "off", "show the data-update page (admin)"),
    Setting("DASHBOARD_REQUIRE_LOGIN", "off", "require sign-in (OIDC, st.login) before any page"),
    Setting("DASHBOARD_FONT_DIRS", ":".join(DEFAULT_FONT_DIRS), "':'-separated font folders for PNG/SVG export"),
)
"""Every environment variable with its default, as the README's settings table lists them."""


@dataclass(frozen=True)
class DashboardSecrets:
    """The ``[dashboard]`` table of ``.streamlit/secrets.toml``, typed."""

    admin_enabled: bool = False
    """Show the data-update page (as ``DASHBOARD_ADMIN``)."""
    require_login: bool = False
    """Require sign-in (as ``DASHBOARD_REQUIRE_LOGIN``)."""
    admin_users: tuple[str, ...] = ()
    """E-mail addresses that may publish (lower case); empty: every signed-in user."""

    def may_publish(self, user: str) -> bool:
        """Whether ``user`` (an e-mail address or name) may publish."""
        return not self.admin_users or user.strip().lower() in self.admin_users


def dashboard_secrets(table: Mapping[str, Any] | None) -> DashboardSecrets:
    """Type the ``[dashboard]`` secrets table (None or a non-table: the defaults)."""
    if not isinstance(table, Mapping):
        return DashboardSecrets()
    users = table.get("admin_users") or ()
    if isinstance(users, str):
        users = (users,)
    return DashboardSecrets(
        admin_enabled=is_true(table.get("admin_enabled", False)),
        require_login=is_true(table.get("require_login", False)),
        admin_users=tuple(str(u).strip().lower() for u in users if str(u).strip()),
    )


def admin_enabled(secrets: DashboardSecrets) -> bool:
    """Whether the data-update page is on: the environment or the secrets say so."""
    return load().admin or secrets.admin_enabled


def login_required(secrets: DashboardSecrets) -> bool:
    """Whether sign-in is required: the environment or the secrets say so."""
    return load().require_login or secrets.require_login
