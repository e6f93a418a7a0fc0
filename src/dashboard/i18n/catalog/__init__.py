"""The message catalogue, one module per screen; merged here.

Each module defines ``MESSAGES: dict[str, tuple[str, str]]`` mapping a key to
its (Japanese, English) text. Keys are prefixed by the module's screen so two
modules never define the same key (a test checks).
"""

from __future__ import annotations

from importlib import import_module

MODULES: tuple[str, ...] = ("common", "overview", "population", "dx", "facilities", "survey", "present", "admin", "cli")


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for name in MODULES:
        module = import_module(f"dashboard.i18n.catalog.{name}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise ValueError(f"duplicate i18n key {key!r} in catalog/{name}.py")
            merged[key] = pair
    return merged


MESSAGES: dict[str, tuple[str, str]] = _merge()
