"""Links full of unusable values open every page with its defaults and a notice, never an error.

Each page is opened with every parameter it reads (hand-parsed and bound to
widgets, which Streamlit parses) set to values people and tools produce:
superscript, circled and Arabic-Indic digits, 5,000 digits, empty values,
markup, and repeated keys (beyond 1,000 parameters Streamlit ignores the whole
query string, so the page opens in its default view without a notice).
"""

from __future__ import annotations

import urllib.parse

import pytest
from browser_util import wait_rendered, watch
from conftest import URL_PATHS
from playwright.sync_api import Page

pytestmark = pytest.mark.browser
COMMON = ["mode", "advance", "lang"]
PARAMS = {
    "overview": ["ov_pillar", "ov_fy", "ov_q", "ov_timeline_view", "ov_named_view"],
    "population": [
        "pop_index",
        "pop_base",
        "pop_range",
        "pop_context",
        "pop_from",
        "pop_to",
        "pop_at",
        "pop_area",
        "pop_share",
        "pop_muni",
        "pop_outlook_view",
    ],
    "dx": ["dx_pillar", "dx_peers", "dx_hours_view", "dx_mn_rate_view"],
    "facilities": ["fac_mode", "fac_rate", "fac_count", "fac_kind", "fac_type", "fac_hazard", "fac_counts_view"],
    "survey": ["survey_wave", "survey_group", "survey_dim", "survey_q", "survey_groups", "survey_trend_view"],
}
VALUES = {
    "superscript": ["²"],
    "circled": ["①"],
    "arabic_indic": ["٣٠"],
    "five_thousand_digits": ["9" * 5000],
    "empty": [""],
    "markup": ["**x**<img src=http://198.51.100.7/x.png>"],
    "repeated": [str(i) for i in range(50)],  # 50 × up to 14 keys: under Streamlit's 1,000-parameter limit
    "over_streamlit_limit": [str(i) for i in range(300)],
}


@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("name", list(PARAMS))
def test_unusable_link_values_give_defaults_and_a_notice(page: Page, server_url: str, name: str, kind: str) -> None:
    log = watch(page)
    query = urllib.parse.urlencode([(p, v) for p in [*COMMON, *PARAMS[name]] for v in VALUES[kind]])
    page.goto(f"{server_url}/{URL_PATHS[name]}?{query}")
    wait_rendered(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body
    assert page.locator("h1").count() >= 1
    if kind == "over_streamlit_limit":
        # Streamlit ignores a query string of more than 1,000 parameters as a whole: the default view.
        assert page.locator('[data-testid="stAlert"]').filter(has_text="リンクの次の値は使えない").count() == 0
        assert log.outside == []
        return
    # The notice names parameters, never their values.
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="リンクの次の値は使えない")
    assert notice.count() == 1, kind
    if kind not in ("empty", "repeated"):  # empty: the default interval; repeated: the last value, 49 s, is fine
        assert "advance" in notice.inner_text()
    assert "198.51.100.7" not in notice.inner_text()
    assert page.locator('img[src*="198.51.100"]').count() == 0
    assert log.outside == []
