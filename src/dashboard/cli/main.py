"""The parser of ``dashboard``: subcommands, options and their help in the chosen language.

The language is decided before the parser is built (``--lang``, else
``DASHBOARD_LANG``, else Japanese), so ``--help`` of the command and of every
subcommand reads like the dashboard. argparse's own words (usage, section
titles, ``-h``) are translated too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from dashboard import settings
from dashboard.cli import commands
from dashboard.data.schemas import SPECS
from dashboard.i18n import LANGUAGES, set_language, t

PROG = "dashboard"
BENCH_SECTIONS = ("data", "script", "load", "scale", "memory", "capacity")
"""The benchmark's sections (``bench/__main__.py``), for the help of ``--only``."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter with the usage prefix in the chosen language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else t("cli.usage"))


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose section titles, ``-h`` and errors are in the chosen language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = t("cli.positionals")
        self._optionals.title = t("cli.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("cli.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, t("cli.error", message=message) + "\n")


def _language(argv: Sequence[str]) -> str:
    """``--lang X`` / ``--lang=X`` anywhere on the line, else ``DASHBOARD_LANG``."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return settings.load().lang


def _add_bench_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help=t("cli.bench.quick"))
    p.add_argument("--runs", type=int, help=t("cli.bench.runs"))
    p.add_argument("--warmup", type=int, help=t("cli.bench.warmup"))
    p.add_argument("--reruns", type=int, help=t("cli.bench.reruns"))
    p.add_argument("--sessions", type=int, help=t("cli.bench.sessions"))
    p.add_argument("--only", help=t("cli.bench.only", sections=",".join(BENCH_SECTIONS)))
    p.add_argument("--profile", choices=("auto", "always", "never"), default="auto", help=t("cli.bench.profile"))
    p.add_argument("--synthetic-dir", metavar="DIR", help=t("cli.bench.synthetic_dir"))
    p.add_argument("--keep-synthetic", action="store_true", help=t("cli.bench.keep_synthetic"))
    p.add_argument("--report-only", action="store_true", help=t("cli.bench.report_only"))


def _bench_argv(args: argparse.Namespace) -> list[str]:
    """The options given to ``dashboard bench``, as ``python -m bench`` takes them."""
    argv: list[str] = []
    for flag in ("quick", "keep_synthetic", "report_only"):
        if getattr(args, flag):
            argv.append("--" + flag.replace("_", "-"))
    for option in ("runs", "warmup", "reruns", "sessions", "only", "synthetic_dir"):
        value = getattr(args, option)
        if value is not None:
            argv += ["--" + option.replace("_", "-"), str(value)]
    return [*argv, "--profile", args.profile]


def parser() -> argparse.ArgumentParser:
    """The whole parser, in the current language."""
    names = ", ".join(SPECS)
    top = _Parser(prog=PROG, description=t("cli.description"))
    top.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
    # parser_class: every subcommand gets the translated frame too.
    sub = top.add_subparsers(
        dest="command", required=True, title=t("cli.commands"), metavar="COMMAND", parser_class=_Parser
    )

    def add(name: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=t(f"cli.{name}"), description=t(f"cli.{name}"))
        p.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
        return p

    p = add("build")
    p.add_argument("names", nargs="*", metavar="NAME", help=t("cli.build.names", names=names))
    p.add_argument("--open", action="store_true", help=t("cli.build.open"))
    p.add_argument("--raw", metavar="DIR", help=t("cli.build.raw"))
    add("check")
    p = add("fetch")
    p.add_argument("--from", dest="origin", required=True, metavar="DIR_OR_URL", help=t("cli.fetch.from"))
    add("status")
    p = add("template")
    p.add_argument("dataset", metavar="DATASET", help=t("cli.template.dataset", names=names))
    p.add_argument("--out", metavar="FILE", help=t("cli.template.out"))
    p.add_argument("--empty", action="store_true", help=t("cli.template.empty"))
    p.add_argument("--force", action="store_true", help=t("cli.template.force"))
    p = add("import")
    p.add_argument("file", metavar="FILE", help=t("cli.import.file"))
    p.add_argument("--dataset", required=True, metavar="NAME", help=t("cli.import.dataset", names=names))
    p.add_argument("--sheet", metavar="SHEET", help=t("cli.import.sheet"))
    p.add_argument("--dry-run", action="store_true", help=t("cli.import.dry_run"))
    p.add_argument("--yes", action="store_true", help=t("cli.import.yes"))
    p = add("history")
    p.add_argument("name", nargs="?", metavar="NAME", help=t("cli.history.name"))
    p = add("rollback")
    p.add_argument("name", metavar="NAME", help=t("cli.rollback.name"))
    p.add_argument("version", metavar="VERSION", help=t("cli.rollback.version"))
    _add_bench_options(add("bench"))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dashboard`` console command; returns the process exit code."""
    line = list(sys.argv[1:] if argv is None else argv)
    set_language(_language(line))
    args = parser().parse_args(line)
    match args.command:
        case "build" if args.open:
            if not args.raw:
                print(t("cli.build.need_raw"), file=sys.stderr)
                return 2
            return commands.build_open(args.raw)
        case "build":
            return commands.build(args.names)
        case "check":
            return commands.check()
        case "fetch":
            return commands.fetch(args.origin)
        case "status":
            return commands.status()
        case "template":
            return commands.template(args.dataset, args.out, args.empty, args.force)
        case "import":
            return commands.import_file(args.file, args.dataset, args.sheet, args.dry_run, args.yes)
        case "history":
            return commands.history(args.name)
        case "rollback":
            return commands.rollback(args.name, args.version)
        case "bench":
            return commands.bench(_bench_argv(args))
    return 2
