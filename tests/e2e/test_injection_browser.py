"""Dataset text is shown as typed on every page: no markup, no link, no image, no request off loopback.

Every text column of every dataset (names, aims, details, notes, survey questions
and options, credit lines, titles, licences) gets the injection strings appended,
in a private copy of the data built into Parquet with the project's own build
step, and so do the place names of the open data (municipalities, shelters and
their addresses, in a copy of the open-data folder); a server is started on
those copies and every page is opened in Chromium.
On each page the whole payload must appear literally wherever any of it appears
(a place that renders Markdown would show "bold" instead of "**bold**", drop the
tags, draw an image or a formula), no image, link or KaTeX element may come from
it, and no request may leave loopback: requests to any other host are
intercepted (aborted and recorded), so the beacon address 198.51.100.7
(TEST-NET-2, never routed) is never contacted even if the test fails.
"""

from __future__ import annotations

import dataclasses
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from browser_util import LOOPBACK_HOSTS, OPEN_SECTIONS, scroll_through, wait_rendered, watch
from conftest import ARTIFACTS, REPO, URL_PATHS, start_server, stop_server
from playwright.sync_api import Page, Route

from dashboard.data import DATASET_NAMES, open_data, paths, store
from dashboard.data.schemas import SPECS
from dashboard.views.safe import WORD_JOINER

pytestmark = pytest.mark.browser
BEACON_HOST = "198.51.100.7"
INJECTIONS = (
    "**bold**",
    "<b>x</b>",
    f"<img src=http://{BEACON_HOST}/x.png>",
    f"![x](http://{BEACON_HOST}/beacon.png)",
    f"[link](http://{BEACON_HOST}/)",
    "$x^2$",
    ":red[red]",
    f'=HYPERLINK("http://{BEACON_HOST}","クリック")',
)
MARKER = "INJ0"
PAYLOAD = " ".join((MARKER, *INJECTIONS))
# The page's text outside charts (Vega and deck.gl draw text themselves, never as Markdown).
PAGE_TEXT_JS = """() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('svg, canvas, style, script').forEach(e => e.remove());
    return clone.textContent;
}"""
FROM_DATA_JS = """(host) => [
    ...[...document.querySelectorAll('img, source, iframe, video, audio')].filter(e => (e.src || '').includes(host)),
    ...[...document.querySelectorAll('a')].filter(e => (e.href || '').includes(host)),
    ...document.querySelectorAll('.katex, math'),
    ...[...document.querySelectorAll('strong, b, em')].filter(e => ['bold', 'x'].includes(e.textContent.trim())),
].map(e => e.outerHTML.slice(0, 200))"""


def text_columns(name: str) -> list[str]:
    """The free-text columns of a dataset: every string column in Japanese or English, and the licence."""
    spec = SPECS[name]
    return [
        c
        for c in spec.columns
        if str(spec.schema.field(c).type) == "string" and (c.endswith(("_ja", "_en")) or c == "licence")
    ]


def inject(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The payload after the text of every cell of ``columns`` (alone in an empty cell)."""
    out = frame.copy()
    for column in columns:
        out[column] = [f"{v} {PAYLOAD}" if v else PAYLOAD for v in out[column]]
    return out


# The open data's place names, as the pages show them: municipalities (peers, map tooltips, the My Number
# peer picker), shelters and emergency sites with their addresses.
OPEN_TEXT_COLUMNS = {
    "population/census2015_fukushima.parquet": ["name"],
    "mynumbercard/mynumbercard_2017-2022.parquet": ["municipality"],
    "shelters/designated_shelters_iwaki.parquet": ["name", "address"],
    "shelters/emergency_sites_iwaki.parquet": ["name", "address"],
}


def inject_open_data(target: Path) -> Path:
    """A copy of the shipped open data whose place names carry the payload, with its manifest updated to match."""
    shutil.copytree(REPO / "data" / "open", target)
    entries = []
    for entry in open_data.read_manifest(target):
        columns = OPEN_TEXT_COLUMNS.get(entry.path)
        if columns:
            path = target / entry.path
            table = pq.read_table(path)
            frame = inject(table.to_pandas(), columns)
            pq.write_table(pa.Table.from_pandas(frame, schema=table.schema, preserve_index=False), path)
            data = path.read_bytes()
            entry = dataclasses.replace(entry, sha256=store.sha256_bytes(data), size=len(data))
        entries.append(entry)
    assert sum(1 for e in entries if e.path in OPEN_TEXT_COLUMNS) == len(OPEN_TEXT_COLUMNS)
    open_data.write_manifest(target, entries)
    return target


@pytest.fixture(scope="module")
def injected_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server on a copy of the data whose every text column carries the payload."""
    root = tmp_path_factory.mktemp("injected") / "data"
    source = root / "source"
    source.mkdir(parents=True)
    env = {"DASHBOARD_DATA_DIR": str(root), "DASHBOARD_SOURCE_DIR": str(source)}
    injected: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        for name in DATASET_NAMES:
            shutil.copy(REPO / "data" / "source" / f"{name}.csv", source)
            assert paths.csv_path(name) == source / f"{name}.csv"
            columns = text_columns(name)
            frame = store.read_source_csv(source / f"{name}.csv", SPECS[name])
            inject(frame, columns).to_csv(source / f"{name}.csv", index=False, encoding="utf-8")
            store.build(name)  # the project's own CSV → Parquet build, with its validation
            injected += [f"{name}.{c}" for c in columns]
    assert len(injected) >= 25, injected  # every dataset's names, notes, questions, credits...
    env["DASHBOARD_OPEN_DATA_DIR"] = str(inject_open_data(root.parent / "open"))
    proc, url = start_server(env)
    try:
        yield url
    finally:
        stop_server(proc)


def _is_loopback(url: str) -> bool:
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    host = parsed.hostname or ""
    return host in LOOPBACK_HOSTS or host.startswith("127.")


PAGES = [  # every on-demand section open, so all dataset text is on the page
    ("overview", OPEN_SECTIONS),
    ("population", OPEN_SECTIONS),
    ("dx", OPEN_SECTIONS),
    ("facilities", OPEN_SECTIONS),
    ("survey", OPEN_SECTIONS),
    ("overview", "mode=present"),  # short tables become st.table, whose cells are Markdown
    ("dx", "lang=en"),
]


@pytest.mark.parametrize(
    ("name", "query"), PAGES, ids=[f"{n}-{'plain' if q == OPEN_SECTIONS else q}" for n, q in PAGES]
)
def test_dataset_text_is_shown_literally_and_requests_nothing(
    page: Page, injected_server: str, name: str, query: str
) -> None:
    blocked: list[str] = []

    def intercept(route: Route) -> None:
        if _is_loopback(route.request.url):
            route.continue_()
        else:  # never let a request out, even when the page misbehaves
            blocked.append(route.request.url)
            route.abort()

    page.context.route("**/*", intercept)
    log = watch(page)
    page.goto(f"{injected_server}/{URL_PATHS[name]}" + (f"?{query}" if query else ""))
    wait_rendered(page)
    scroll_through(page)
    wait_rendered(page)
    shot = "plain" if query == OPEN_SECTIONS else query
    page.screenshot(path=str(ARTIFACTS / "screenshots" / f"injection-{name}-{shot}.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    # Bare addresses carry an invisible WORD JOINER on screen (so they never become links).
    text = page.evaluate(PAGE_TEXT_JS).replace(WORD_JOINER, "")
    shown = text.count(MARKER)
    assert shown >= 1, "no dataset text on the page"
    # Every place that shows some of the payload shows all of it, character for character.
    assert text.count(PAYLOAD) == shown, [text[i - 80 : i + 260] for i in _find_all(text, MARKER)]
    assert page.evaluate(FROM_DATA_JS, BEACON_HOST) == []
    assert blocked == [] and log.outside == []


def _find_all(text: str, needle: str) -> list[int]:
    out, start = [], text.find(needle)
    while start != -1:
        out.append(start)
        start = text.find(needle, start + 1)
    return [i for i in out if text[i : i + len(PAYLOAD)] != PAYLOAD]
