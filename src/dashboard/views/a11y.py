"""The page's language for screen readers: ``<html lang>`` and Streamlit's own control labels.

Streamlit always writes ``<html lang="en">`` and labels its own controls in English ("Collapse sidebar",
"Help for 柱で絞り込み", "Main menu"), so a screen reader reads a Japanese page with an English voice and
English names. A small script in the page (a components v2 component: it runs in the app's document,
no iframe, no network) sets ``lang`` to the screen's language and gives those labels the catalogue's
text, also for controls drawn later. The texts arrive as data and are set as attribute values, never
as HTML. The cards' small charts are hidden from screen readers: their figures are in the card's text.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import language, t

# Streamlit's English labels (the attribute value as Streamlit writes it) → catalogue keys.
STREAMLIT_LABELS: dict[str, str] = {
    "Collapse sidebar": "a11y.collapse_sidebar",
    "Expand sidebar": "a11y.expand_sidebar",
    "Sidebar": "a11y.sidebar",
    "App pages": "a11y.app_pages",
    "Main menu": "a11y.main_menu",
    "Decrement": "a11y.decrement",
    "Increment": "a11y.increment",
    "Open": "a11y.open",
    "Close": "a11y.close",
    "Clear all": "a11y.clear_all",
    "Vega visualization": "a11y.chart",
}
HELP_PREFIX = "Help for "

_JS = """
export default function (component) {
  const { data } = component;
  document.documentElement.lang = data.lang;
  const labels = data.labels || {};
  const fix = el => {
    const v = el.getAttribute('aria-label');
    if (v === null) { return; }
    if (Object.prototype.hasOwnProperty.call(labels, v)) { el.setAttribute('aria-label', labels[v]); }
    else if (data.help && v.startsWith(data.prefix)) {
      el.setAttribute('aria-label', data.help.replace('{label}', v.slice(data.prefix.length)));
    }
  };
  // A card's small chart (st.metric's sparkline, an SVG without a text alternative) repeats the
  // figures written in the card, so screen readers skip it.
  const SPARK = '[data-testid="stMetric"] svg.marks';
  const scan = root => {
    if (root.nodeType !== 1) { return; }
    fix(root);
    root.querySelectorAll('[aria-label]').forEach(fix);
    const sparks = [...root.querySelectorAll(SPARK)];
    if (root.matches(SPARK)) { sparks.push(root); }
    sparks.forEach(svg => svg.setAttribute('aria-hidden', 'true'));
  };
  const old = window.__dashA11y;
  if (old) { old.disconnect(); }
  scan(document.body);
  const observer = new MutationObserver(records => {
    for (const r of records) {
      if (r.type === 'attributes') { fix(r.target); } else { r.addedNodes.forEach(scan); }
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label']});
  window.__dashA11y = observer;
  return () => observer.disconnect();
}
"""
_page_language = st.components.v2.component("dashboard_page_language", js=_JS, isolate_styles=False)


def page_language() -> None:
    """Set the page's language and Streamlit's control labels for the screen's language (draws nothing)."""
    lang = language()
    labels = {english: t(key) for english, key in STREAMLIT_LABELS.items() if t(key) != english}
    help_text = t("a11y.help")
    _page_language(
        key="page_language",
        data={
            "lang": lang,
            "labels": labels,
            "prefix": HELP_PREFIX,
            "help": help_text if help_text != HELP_PREFIX + "{label}" else "",
        },
        width="content",
    )
