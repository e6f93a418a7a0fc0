"""The benchmark's summary: targets from the results, and the markdown tables printed and saved.

Pure: takes the results dictionary that ``bench/__main__.py`` collected and
returns text; hand-written analysis of the causes of misses lives in
``bench/findings.md`` and is appended to the summary as it is.
"""

from __future__ import annotations

from typing import Any

from bench import BARE, BARE_WIDGETS, FRAME, PAGES
from bench.frames import MAX_CHART_ROWS
from bench.stats import Target, fmt_bytes, fmt_ms, fmt_range, fmt_ratio, markdown_table, ratio, slowest_click

LOAD_RATIO = 1.4
"""The whole page, fully drawn, against the bare page (what is not on the first screen is built on demand)."""
RERUN_SHIPPED_MS = 100.0
RERUN_NATIONAL_MS = 300.0
SESSION_MB = 5.0
DATASETS_MS = 200.0
QUIET_MS = 800
"""As ``bench.browser.QUIET_MS`` (not imported: the report must not need Playwright)."""
CLS_LIMIT = 0.1
SETTLE_RATIO = 1.15
CLICK_MS = 250.0
PAGE_CHANGE_MS = 1_000.0


def _median(samples: dict[str, Any] | None, name: str) -> float | None:
    value = ((samples or {}).get(name) or {}).get("median")
    return None if value is None else float(value)


def _rerun_ms(script: dict[str, Any], page: str) -> float | None:
    """The warm rerun after a widget change, or the plain rerun when AppTest found no widget to drive."""
    result = script.get(page) or {}
    for kind in ("change", "rerun"):
        if (result.get(kind) or {}).get("n"):
            return float(result[kind]["median"])
    return None


def targets(results: dict[str, Any]) -> list[Target]:
    """Every target of the issue against the measured values (None where not measured)."""
    out: list[Target] = []
    cold = (results.get("load") or {}).get("cold") or {}
    for page in PAGES:
        out.append(
            Target(f"full page load {page} / bare", ratio(_median(cold, page), _median(cold, BARE)), LOAD_RATIO, "×")
        )
    feel = (results.get("load") or {}).get("feel") or {}
    if feel:
        bare_drawn = _median(feel.get(BARE), "drawn")
        for page in PAGES:
            f = feel.get(page) or {}
            out.append(Target(f"layout shift {page}", _median(f, "cls"), CLS_LIMIT, "CLS"))
            settled = ratio(_median(f, "settled"), bare_drawn)
            out.append(Target(f"first screen settled {page} / bare full load", settled, SETTLE_RATIO, "×"))
            slowest = slowest_click(f)
            name = f"click → settled {page}, slowest widget" + (f" ({slowest[0]})" if slowest else "")
            out.append(Target(name, slowest[1] if slowest else None, CLICK_MS, "ms"))
            out.append(Target(f"page change in session from {page}", _median(f, "page_change"), PAGE_CHANGE_MS, "ms"))
    script = results.get("script") or {}
    national = (results.get("scale") or {}).get("script") or {}
    for page in PAGES:
        out.append(Target(f"warm rerun {page} (shipped data)", _rerun_ms(script, page), RERUN_SHIPPED_MS, "ms"))
    for page in PAGES:
        out.append(Target(f"warm rerun {page} (national scale)", _rerun_ms(national, page), RERUN_NATIONAL_MS, "ms"))
    memory = (results.get("memory") or {}).get("app") or {}
    out.append(Target("RSS per extra session", memory.get("per_session_mb"), SESSION_MB, "MB"))
    data = results.get("data") or {}
    out.append(
        Target("all published datasets load (first read, sum)", data.get("published_total_first_ms"), DATASETS_MS, "ms")
    )
    rows = [
        c["rows"]
        for section in (results.get("load"), results.get("scale"))
        for page in ((section or {}).get("shipped") or {}).values()
        for c in page.get("charts", [])
    ]
    out.append(Target("rows shipped by the largest chart", float(max(rows)) if rows else None, MAX_CHART_ROWS, "rows"))
    return out


def _fmt_value(t: Target) -> str:
    if t.value is None:
        return "—"
    if t.unit == "×":
        return fmt_ratio(t.value)
    if t.unit == "CLS":
        return f"{t.value:.3f}"
    if t.unit == "MB":
        return f"{t.value:.1f} MB"
    return f"{t.value:,.0f} {t.unit}"


def _load_table(results: dict[str, Any]) -> str:
    load = results.get("load") or {}
    scale = results.get("scale") or {}
    cold, back, ncold = load.get("cold") or {}, load.get("returning") or {}, scale.get("cold") or {}
    shipped = load.get("shipped") or {}
    rows = []
    for page in [BARE, FRAME, *PAGES]:
        if page == FRAME and page not in cold:
            continue  # results of a run before the frame-only page was measured
        rows.append(
            [
                page,
                fmt_range(cold.get(page) or {}),
                fmt_ratio(ratio(_median(cold, page), _median(cold, BARE))),
                fmt_range(back.get(page) or {}),
                fmt_ratio(ratio(_median(back, page), _median(back, BARE))),
                fmt_range(ncold.get(page) or {}),
                fmt_ratio(ratio(_median(ncold, page), _median(ncold, BARE))),
                len((shipped.get(page) or {}).get("charts", [])),
                fmt_bytes((shipped.get(page) or {}).get("bytes")),
            ]
        )
    return markdown_table(
        [
            "page",
            "cold load ms",
            "× bare",
            "returning ms",
            "× bare",
            "national cold ms",
            "× bare",
            "charts",
            "websocket bytes",
        ],
        rows,
    )


def _feel_table(results: dict[str, Any]) -> str:
    """Per page, beside the bare page: what a person feels, measured in the same rounds."""
    feel = (results.get("load") or {}).get("feel") or {}
    samples = (results.get("load") or {}).get("feel_samples") or {}
    bare_drawn = _median(feel.get(BARE), "drawn")
    rows = []
    for page in [BARE, BARE_WIDGETS, FRAME, *PAGES]:
        f = feel.get(page)
        if not f:
            continue
        widgets = sorted({str(r["widget"]) for r in samples.get(page, []) if r.get("widget")})
        per_widget = ", ".join(
            f"{k.split(':', 1)[1]} {fmt_ms(v['median'])}"
            for k, v in sorted(f.items())
            if k.startswith("click:") and v.get("n")
        )
        cls = (f.get("cls") or {}).get("median")
        rows.append(
            [
                page,
                fmt_range(f.get("drawn") or {}),
                fmt_range(f.get("settled") or {}),
                fmt_ratio(ratio(_median(f, "settled"), bare_drawn)),
                "—" if cls is None or cls != cls else f"{cls:.3f}",
                fmt_range(f.get("click") or {}),
                ", ".join(widgets) or "—",
                per_widget or "—",
                fmt_range(f.get("page_change") or {}),
            ]
        )
    return markdown_table(
        [
            "page",
            "full load ms",
            "first screen settled ms",
            "settled × bare full load",
            "layout shift (CLS)",
            "click → settled ms",
            "first widget",
            "every widget clicked: median ms",
            "page change in session ms",
        ],
        rows,
    )


def _phases_table(results: dict[str, Any]) -> str:
    rows = []
    for label, section in (("shipped", results.get("load")), ("national", results.get("scale"))):
        shipped = (section or {}).get("shipped") or {}
        for page, ph in ((section or {}).get("cold_phases") or {}).items():
            rows.append(
                [
                    label,
                    page,
                    *(fmt_ms((ph.get(k) or {}).get("median")) for k in ("frontend", "script", "draw", "total")),
                    fmt_ms((shipped.get(page) or {}).get("server_script_ms")),
                ]
            )
    return markdown_table(
        [
            "data",
            "page",
            "frontend start-up ms",
            "script run (as seen) ms",
            "drawing ms",
            "total ms",
            "script on the wire ms",
        ],
        rows,
    )


def _script_table(results: dict[str, Any]) -> str:
    script = results.get("script") or {}
    national = (results.get("scale") or {}).get("script") or {}
    rows = []
    for page in [BARE, *PAGES]:
        r, n = script.get(page) or {}, national.get(page) or {}
        if "failed" in r:
            rows.append([page, "failed", "", "", "", "", "", "", ""])
            continue
        rows.append(
            [
                page,
                fmt_ms(r.get("first_ms")),
                fmt_ms(r.get("new_session_ms")),
                fmt_range(r.get("rerun") or {}),
                fmt_range(r.get("change") or {}),
                r.get("widget") or "—",
                fmt_ms(n.get("first_ms")),
                fmt_range(n.get("rerun") or {}),
                fmt_range(n.get("change") or {}),
            ]
        )
    return markdown_table(
        [
            "page",
            "first run ms",
            "new session ms",
            "rerun ms",
            "rerun after change ms",
            "widget changed",
            "national first ms",
            "national rerun ms",
            "national change ms",
        ],
        rows,
    )


def _memory_table(results: dict[str, Any]) -> str:
    memory = results.get("memory") or {}
    measured = [("app, all pages in turn", memory.get("app")), ("bare page", memory.get(BARE))]
    measured += [(f"app, {page} only", m) for page, m in (memory.get("by_page") or {}).items()]
    rows = []
    for name, m in measured:
        if not m:
            continue
        rows.append(
            [
                name,
                f"{m['idle_kb'] / 1024:.0f}",
                f"{m['one_kb'] / 1024:.0f}",
                m["sessions"],
                f"{m['many_kb'] / 1024:.0f}",
                "—" if m.get("per_session_mb") is None else f"{m['per_session_mb']:.1f}",
                "—" if m.get("per_session_slope_mb") is None else f"{m['per_session_slope_mb']:.1f}",
            ]
        )
    return markdown_table(
        ["server", "RSS idle MB", "1 session MB", "sessions", "RSS MB", "per extra session MB", "fitted slope MB"], rows
    )


def _data_table(results: dict[str, Any]) -> str:
    data = results.get("data") or {}
    national = (results.get("scale") or {}).get("data") or {}
    rows = [
        [f"published: {name}", fmt_ms(v["first_ms"]), fmt_ms(v["warm"]["median"]), v["rows"], ""]
        for name, v in (data.get("published") or {}).items()
    ]
    rows.append(
        [
            "**published, all (sum)**",
            fmt_ms(data.get("published_total_first_ms")),
            fmt_ms(data.get("published_total_warm_ms")),
            "",
            "",
        ]
    )
    nat_open = national.get("open_data") or {}
    for name, v in (data.get("open_data") or {}).items():
        nv = nat_open.get(name) or {}
        rows.append(
            [
                f"open data: {name}",
                fmt_ms(v.get("first_ms")),
                fmt_ms((v.get("warm") or {}).get("median")),
                v.get("rows", "missing"),
                f"{fmt_ms(nv.get('first_ms'))} ms, {nv.get('rows', '—')} rows",
            ]
        )
    for name, v in (national.get("national_parquet") or {}).items():
        rows.append(
            [
                f"national Parquet: {name}",
                fmt_ms(v["first_ms"]),
                fmt_ms(v["warm"]["median"]),
                v["rows"],
                fmt_bytes(v.get("bytes")),
            ]
        )
    return markdown_table(["dataset", "first read ms", "warm ms", "rows", "national scale"], rows)


def _charts_table(results: dict[str, Any]) -> str:
    rows = []
    for label, section in (("shipped", results.get("load")), ("national", results.get("scale"))):
        for page, shipped in ((section or {}).get("shipped") or {}).items():
            for c in shipped.get("charts", []):
                rows.append(
                    [
                        label,
                        page,
                        c["key"],
                        c["kind"],
                        fmt_bytes(c["bytes"]),
                        f"{c['rows']:,}",
                        "**over**" if c["rows"] > MAX_CHART_ROWS else "ok",
                        "**yes**" if c["remote_url"] else "no",
                    ]
                )
    return markdown_table(
        ["data", "page", "chart", "kind", "bytes", "rows", f"≤ {MAX_CHART_ROWS:,} rows", "remote URL"], rows
    )


def capacity_sentence(run: dict[str, Any], processes: int) -> str:
    """The summary's sentence: how many sessions changing filters at once the setup serves within the limit."""
    if not run or "levels" not in run:
        return f"{processes} process(es): not measured" + (f" ({run['skipped']})" if run.get("skipped") else "")
    who = "One process" if processes == 1 else f"{processes} processes behind nginx"
    n = int(run.get("capacity") or 0)
    bound = " (the cap: more was not tried)" if n and n == run.get("cap") else ""
    return (
        f"{who} serve{'s' if processes == 1 else ''} **{n}** session{'s' if n != 1 else ''} changing filters at "
        f"once with rerun p95 ≤ {run.get('limit_ms', 500):.0f} ms{bound}; stopped: {run.get('stopped', '?')}."
    )


def _capacity_table(results: dict[str, Any]) -> str:
    cap = results.get("capacity") or {}
    rows = []
    for label, key in (("1 process", "one_process"), ("2 processes + nginx", "two_processes")):
        for level in (cap.get(key) or {}).get("levels") or []:
            rows.append(
                [
                    label,
                    level["sessions"],
                    level["reruns"],
                    fmt_ms(level.get("p50_ms")),
                    fmt_ms(level.get("p95_ms")),
                    fmt_ms(level.get("max_ms")),
                    f"{level.get('reruns_per_s', float('nan')):.1f}",
                    level.get("failures", 0),
                ]
            )
    return markdown_table(
        ["setup", "sessions at once", "reruns timed", "p50 ms", "p95 ms", "max ms", "reruns/s", "failures"], rows
    )


def _capacity_part(results: dict[str, Any]) -> list[str]:
    cap = results.get("capacity") or {}
    if not cap:
        return []
    one = cap.get("one_process") or {}
    widgets: dict[str, str] = {}
    for level in one.get("levels") or []:
        widgets.update(level.get("widgets") or {})
    return [
        "",
        "## Capacity (websocket load generator)",
        "",
        capacity_sentence(one, 1),
        "",
        capacity_sentence(cap.get("two_processes") or {}, 2),
        "",
        "Each simulated user is one websocket session speaking Streamlit's protocol (bench/capacity.py, no "
        "browser): it opens a page (pages in turn), then flips that page's filter every "
        f"{cap.get('think_s', '?')} s on average (0.5–1.5×) and times each rerun from sending the change to the "
        "server's `script_finished`. Levels double until the p95 passes the limit, a rerun fails, or the cap or "
        "time budget is reached. The generator runs on the same CPUs as the server, so this is a lower bound. "
        "Filter flipped per page: " + ", ".join(f"{page}: {w}" for page, w in widgets.items()) + ".",
        "",
        _capacity_table(results),
    ]


def _problems(results: dict[str, Any]) -> list[str]:
    lines = []
    for label, script in (("shipped", results.get("script")), ("national", (results.get("scale") or {}).get("script"))):
        for page, r in (script or {}).items():
            if "failed" in r:
                lines.append(f"- {label} {page}: AppTest worker failed: `{r['failed'].strip().splitlines()[-1]}`")
            for p in r.get("problems", []):
                lines.append(f"- {label} {page}: {p}")
    for label, section in (("shipped", results.get("load")), ("national", results.get("scale"))):
        for failure in (section or {}).get("failures", [])[:10]:
            lines.append(f"- {label} page load: {failure}")
    memory = results.get("memory") or {}
    for name, m in [("app", memory.get("app")), (BARE, memory.get(BARE)), *(memory.get("by_page") or {}).items()]:
        for failure in (m or {}).get("failures", [])[:5]:
            lines.append(f"- memory ({name}): {failure}")
    for section, errors in (results.get("errors") or {}).items():
        lines.append(f"- {section}: {errors}")
    return lines


def _busy_warning(env: dict[str, Any]) -> list[str]:
    """A warning when other work loaded the machine (load average above its CPU count) during the run."""
    try:
        loads = [float((str(env.get(k) or "0").split() or ["0"])[0]) for k in ("loadavg", "loadavg_end")]
    except ValueError:
        return []
    if max(loads) <= float(env.get("cpus") or 1):
        return []
    return [
        f"> **Busy machine**: the 1-minute load average was {loads[0]:.1f} at the start and {loads[1]:.1f} at "
        f"the end on {env.get('cpus')} CPUs, so absolute times are inflated and noisy; ratios to the bare "
        "page (measured in the same rounds) are steadier. Rerun on an idle machine for figures to publish.",
        "",
    ]


def summary(results: dict[str, Any], findings: str = "") -> str:
    """The whole markdown summary."""
    env = results.get("env") or {}
    tg = targets(results)
    missed = [t for t in tg if t.status == "missed"]
    parts = [
        "# Benchmark summary",
        "",
        f"{env.get('started', '')} · mode **{env.get('mode', '')}** · commit `{env.get('commit', '')}`"
        f"{' (uncommitted changes)' if env.get('dirty') else ''} · {env.get('cpus', '?')} CPUs · load average "
        f"at start {env.get('loadavg', '?')}, at end {env.get('loadavg_end', '?')} · Python {env.get('python', '')}"
        f" · Streamlit {env.get('streamlit', '')}"
        f" · Chromium {env.get('chromium', '')} · runs {env.get('runs', '')} (+{env.get('warmup', '')} warm-up) · "
        f"reruns {env.get('reruns', '')} · sessions {env.get('sessions', '')}",
        "",
        *_busy_warning(env),
        "Times are medians with (min–max); lower is better. A page load is timed in the browser from the start "
        "of navigation until the script is idle and every chart and map has drawn. The bare page (title, three "
        "metrics, one small chart) is Streamlit's floor; the frame page is the dashboard's own frame (navigation, "
        "sign-in gate, tools row with language and presentation settings, footer) around an empty page (bench/frame_app.py), so a page's "
        "ratio splits into the frame's share and its content's. \"National\" is the app pointed at the synthetic "
        "national data set (bench/synthetic.py).",
        "",
        "## Targets",
        "",
        markdown_table(
            ["target", "measured", "limit", "status"],
            [
                [t.name, _fmt_value(t), f"{t.limit:,g} {t.unit}", t.status if t.status != "missed" else "**missed**"]
                for t in tg
            ],
        ),
        "",
        f"{len(missed)} of {len(tg)} targets missed." if missed else f"All {len(tg)} measured targets met.",
        "",
        "## Page load (browser)",
        "",
        _load_table(results),
        "",
        "What a person feels, in separate rounds of fresh contexts (the observers stay out of the timed loads "
        "above): *full load* as above; *first screen settled* is the last time anything visible inside the "
        "1920×1080 viewport changed (an element added, removed, restyled or retexted there, or a layout shift "
        "touching it; Streamlit's header left out), from the start of navigation; *layout shift* is Chrome's "
        "Cumulative Layout Shift (largest session window of layout-shift entries without recent input); "
        "*click → settled* clicks each of the page's filters and its first chart ↔ table switch (up to five "
        "widgets) and times until the last visible change; *bare + widgets* is the bare page with a filter and "
        "a chart ↔ table switch (`?widgets=1`), Streamlit's own floor for the same clicks; *page change* clicks "
        "the next page in the navigation in the same session. A screen "
        f"counts as settled after {QUIET_MS} ms without a visible change.",
        "",
        _feel_table(results),
        "",
        "Where a cold load goes (medians): *frontend start-up* is navigation until the script starts (page, "
        "JavaScript bundle, websocket), *script run* until the script has finished as the browser sees it "
        "(server run and delivery), *drawing* until every chart and map has drawn. *Script on the wire* is the "
        "same run timed by the websocket frames' arrival (one instrumented load), which leaves out the "
        "browser's own work while the script runs.",
        "",
        _phases_table(results),
        "",
        "## Script time (AppTest)",
        "",
        _script_table(results),
        "",
        "## Memory (server RSS, loopback sessions)",
        "",
        _memory_table(results),
        "",
        "## Data loading",
        "",
        _data_table(results),
        "",
        "## Bytes shipped per chart",
        "",
        _charts_table(results),
    ]
    parts += _capacity_part(results)
    problems = _problems(results)
    if problems:
        parts += ["", "## Problems seen while measuring", "", *problems]
    profiles = results.get("profiles") or {}
    if profiles:
        parts += ["", "## Profiles of the misses (pyinstrument)", ""]
        parts += [f"- {name}: `{path}`" for name, path in sorted(profiles.items())]
    if findings.strip():
        parts += ["", findings.strip()]
    return "\n".join(parts) + "\n"
