"""Staff survey screen (職員アンケート): the published March 2025 results, and the full survey once loaded.

Where the data comes from: the ``staff_survey`` dataset, always. As published
it holds two shares without counts; when the city loads its full results in
the same format (counts per option, Likert scores, groups; see
docs/survey-format.md; imported like every dataset) the
same rows drive the distribution charts, the group comparison and the trend.
Every row goes through ``metrics.survey.distribution``: one code path.

Filters live in the URL: ``survey_wave``, ``survey_group``, ``survey_dim``,
``survey_q``, ``survey_groups`` (and each block's ``…_view``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from dashboard.charts.survey import likert_bars, proportion_bars, trend_chart, wrap_label
from dashboard.data import DataError
from dashboard.i18n import has, localized, t
from dashboard.i18n.format import as_of_label, fmt_number, fmt_value, is_missing, wareki
from dashboard.metrics.survey import (
    ALL,
    CELL,
    MIN_GROUP_SIZE,
    cells,
    distribution,
    diverging_segments,
    headline,
    non_substantive,
    suppress,
    trend,
    unknowns,
)
from dashboard.views import cache, links
from dashboard.views.components import (
    Source,
    data_block,
    guarded,
    on_demand,
    page_header,
    pages_of,
    section,
    sections_of,
    slide,
    source_caption,
)
from dashboard.views.safe import plain

STAFF_FIGURE = "staff_total_2023"
STAFF_CONTEXT = ("staff_women_2023", "women_manager_share_2023")
DIM_ORDER = ("department", "position", "age_band", "employment_type", "years_of_service", "gender")
"""Dimensions offered first (department is what the reform is organised by); others follow alphabetically."""
Group = tuple[str, str]
ALL_GROUP: Group = (ALL, ALL)


def wave_label(wave: str, two_lines: bool = False) -> str:
    """``2025年3月（R7.3）`` / ``March 2025 (R7.3)``: the report writes survey dates as R7.3.

    ``two_lines`` breaks before the 和暦 (for a chart axis on a narrow screen).
    """
    parts = wave.split("-")
    era = wareki(int(parts[0])) + (f".{int(parts[1])}" if len(parts) > 1 else "")
    return t("survey.wave_label_2l" if two_lines else "survey.wave_label", date=as_of_label(wave), wareki=era)


def dim_label(dim: str) -> str:
    """``部署`` for ``department``; a dimension code the catalogue does not know is shown as typed."""
    return t(f"survey.dim.{dim}") if has(f"survey.dim.{dim}") else dim


def group_label(group: Group) -> str:
    """``全体`` or ``部署：総務部``."""
    dim, value = group
    if dim == ALL:
        return t("survey.group.all")
    return t("survey.group.label", dim=dim_label(dim), value=value)


def _option_label(row: pd.Series) -> str:
    if row["kind"] == "rest":
        return t("survey.rest.shares") if row["basis"] == "shares" else t("survey.rest.counts")
    return localized(row, "option") or str(row["option_id"])


def _pct(value: float) -> str:
    return fmt_value(round(float(value), 1), "percent")


def _source(rows: pd.DataFrame, notes: list[str] | None = None) -> Source:
    """Provenance of the rows shown: their sources, report sections and wave; derived when anything is computed."""
    ids = sorted(set(rows["source_id"].dropna()))
    waves = sorted(set(rows["wave"]))
    derived = bool((rows["basis"] == "counts").any() or (rows.get("kind", pd.Series(dtype=str)) == "rest").any())
    return Source(
        ids,
        sections_of(rows),
        waves[-1] if waves else None,
        derived=derived,
        notes=notes or [],
        pages=pages_of(rows),
    )


def _table(rows: pd.DataFrame) -> pd.DataFrame:
    """Exactly what a chart shows, one row per answer, with the counts and intervals where known."""
    table = pd.DataFrame(
        {
            t("survey.col.wave"): rows["wave"].map(wave_label),
            t("survey.col.question"): [localized(r, "question") for _, r in rows.iterrows()],
            t("survey.col.group"): [group_label((r["group_dim"], r["group_value"])) for _, r in rows.iterrows()],
            t("survey.col.option"): [_option_label(r) for _, r in rows.iterrows()],
            t("survey.col.score"): rows["likert_score"],
            t("survey.col.share"): rows["share"].round(1),
            t("survey.col.count"): rows["count"],
            t("survey.col.n"): rows["n"],
            t("survey.col.ci_low"): rows["ci_low"].round(1),
            t("survey.col.ci_high"): rows["ci_high"].round(1),
            t("survey.col.basis"): rows["basis"].map(lambda b: t(f"survey.basis.{b}")),
        }
    )
    # Columns nobody knows (no counts in the published data) would only be blank: leave them out.
    return table.dropna(axis=1, how="all").reset_index(drop=True)


def _question_label(row: pd.Series) -> str:
    return wrap_label(localized(row, "question"))


def _distribution_blocks(
    rows: pd.DataFrame, key: str, row_label: Callable[[pd.Series], str], title: str | None = None
) -> None:
    """Diverging Likert bars for cells with a scale, proportion bars for the others (e.g. the published shares)."""
    info = cache.derived(cells, rows)
    scored_keys = info[info["scored"]][CELL]
    scored = rows.merge(scored_keys, on=CELL)
    plain = rows.merge(info[~info["scored"]][CELL], on=CELL)
    if len(scored):
        segments = diverging_segments(scored)
        legend = segments.assign(label=[_option_label(r) for _, r in segments.iterrows()])
        common = legend.groupby("likert_score")["label"].agg(lambda s: s.value_counts().index[0])
        frame = pd.DataFrame(
            {
                "row": [row_label(r) for _, r in segments.iterrows()],
                "legend": segments["likert_score"].map(common).to_numpy(),
                "option": legend["label"].to_numpy(),
                "score": segments["likert_score"].to_numpy(),
                "share": segments["share"].round(1).to_numpy(),
                "start": segments["start"].to_numpy(),
                "end": segments["end"].to_numpy(),
            }
        )
        notes = [t("survey.note.from_counts")] if (scored["basis"] == "counts").any() else []
        other = non_substantive(scored)
        if len(other):
            notes.append(t("survey.note.non_substantive", share=fmt_number(other["share"].max(), 1)))
        data_block(
            key=f"{key}_likert",
            title=title or t("survey.chart.likert"),
            chart=cache.chart(likert_bars, frame, t("survey.axis.diverging")),
            table=_table(scored),
            source=_source(scored, notes),
            filename=f"staff_survey_{key}_likert",
        )
    if len(plain):
        ordered = plain.sort_values(["option_order"], kind="stable")
        rank = ordered[ordered["kind"] == "option"].groupby(CELL, sort=False).cumcount()
        frame = pd.DataFrame(
            {
                "row": [row_label(r) for _, r in ordered.iterrows()],
                "part": [_option_label(r) for _, r in ordered.iterrows()],
                "share": ordered["share"].round(1).to_numpy(),
                "order": range(len(ordered)),
                "kind": ordered["kind"].to_numpy(),
                "rank": rank.reindex(ordered.index).fillna(0).astype(int).to_numpy(),
            }
        )
        shares_only = (plain["basis"] == "shares").all()
        notes = [t("survey.note.rest_derived")] if shares_only and (plain["kind"] == "rest").any() else []
        if (plain["basis"] == "counts").any():
            notes.append(t("survey.note.from_counts"))
        data_block(
            key=f"{key}_shares",
            title=title or (t("survey.chart.published") if shares_only else t("survey.chart.shares")),
            chart=cache.chart(proportion_bars, frame, t("survey.axis.share")),
            table=_table(plain),
            source=_source(plain, notes),
            filename=f"staff_survey_{key}_shares",
        )


def _hidden_note(hidden: pd.DataFrame) -> None:
    """Which groups are not shown, and why (never their sizes)."""
    if hidden.empty:
        return
    lines = []
    for (dim, value), block in hidden.groupby(["group_dim", "group_value"], sort=False):
        reason = "small" if (block["reason"] == "small").any() else block["reason"].iloc[0]
        lines.append("- " + t(f"survey.hidden.{reason}", group=group_label((dim, value)), min=MIN_GROUP_SIZE))
    st.info(
        f"**{t('survey.hidden.title')}**　{t('survey.hidden.why', min=MIN_GROUP_SIZE)}\n\n" + "\n".join(lines),
        icon=":material/visibility_off:",
    )


def _load() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame] | None:
    """(all rows as a distribution, rows that may be shown, hidden cells), or None after showing why not."""
    # The survey format's rules are checked by the data layer when the file is imported and loaded.
    raw = cache.dataset("staff_survey")
    dist = cache.derived(distribution, raw)
    visible, hidden = cache.derived(suppress, dist)
    return dist, visible, hidden


def _filters(visible: pd.DataFrame) -> tuple[str, Group]:
    """Wave and group of the results, both bound to the URL."""
    waves = sorted(set(visible["wave"]), reverse=True)
    groups = [
        ALL_GROUP,
        *sorted({(d, v) for d, v in visible[["group_dim", "group_value"]].itertuples(index=False) if d != ALL}),
    ]
    links.check_choice("survey_wave", waves)
    if len(waves) < 2 and len(groups) < 2:
        return waves[0], ALL_GROUP
    with st.container(border=True):
        left, right = st.columns(2)
        wave = left.selectbox(
            t("survey.filter.wave"),
            waves,
            format_func=wave_label,
            key="survey_wave",
            bind="query-params",
            disabled=len(waves) < 2,
        )
        group = right.selectbox(
            t("survey.filter.group"),
            groups,
            format_func=group_label,
            key="survey_group",
            bind="query-params",
            disabled=len(groups) < 2,
        )
    return wave or waves[0], group or ALL_GROUP


def _facts(rows: pd.DataFrame, wave: str) -> str:
    """One line: survey name, date, respondents, answer scale (or 非公表)."""
    info = cache.derived(cells, rows)
    sizes = info["n"].dropna()
    if sizes.empty or info["n"].isna().any():
        respondents = t("survey.facts.not_published")
    else:
        respondents = t("survey.facts.persons", n=fmt_number(sizes.max()))
    points = rows[rows["kind"] == "option"].groupby("question_id")["likert_score"].count()
    if not info["scored"].any():
        scale = t("survey.facts.not_published")
    elif points.nunique() == 1:
        scale = t("survey.facts.scale", points=int(points.iloc[0]))
    else:
        scale = t("survey.facts.varies")
    date = rows["survey_date"].dropna()
    return t(
        "survey.facts",
        name=t("survey.survey_name"),
        date=wave_label(date.iloc[0] if len(date) else wave),
        respondents=respondents,
        scale=scale,
    )


def _results(visible: pd.DataFrame, hidden: pd.DataFrame, wave: str, group: Group) -> None:
    """Headline cards per question and the distribution charts of one wave and group."""
    with slide():
        st.header(t("survey.results.title", wave=wave_label(wave), group=plain(group_label(group))))
        rows = visible[
            (visible["wave"] == wave) & (visible["group_dim"] == group[0]) & (visible["group_value"] == group[1])
        ]
        mine = hidden[
            (hidden["wave"] == wave) & (hidden["group_dim"] == group[0]) & (hidden["group_value"] == group[1])
        ]
        if len(mine):
            st.warning(t("survey.hidden.selected"), icon=":material/visibility_off:")
            _hidden_note(mine)
        if rows.empty:
            if mine.empty:
                st.info(t("survey.no_rows"))
            return
        st.caption(_facts(rows, wave))
        heads = cache.derived(headline, rows)
        columns = st.columns(min(3, len(heads)))
        for i, (_, head) in enumerate(heads.iterrows()):
            with columns[i % len(columns)].container(border=True):
                st.markdown(f"**{plain(localized(head, 'question'))}**")
                measure = (
                    t("survey.measure.favourable")
                    if head["measure"] == "favourable"
                    else (localized(head, "option") or str(head["option_id"]))
                )
                st.metric(plain(measure), _pct(head["share"]))
                if is_missing(head["ci_low"]):
                    st.caption(t("survey.ci.unknown"))
                else:
                    st.caption(
                        t(
                            "survey.ci",
                            low=fmt_number(head["ci_low"], 1),
                            high=fmt_number(head["ci_high"], 1),
                            n=fmt_number(head["n"]),
                        )
                    )
    _distribution_blocks(rows, "survey_dist", _question_label)


def _unknowns(dist: pd.DataFrame, wave: str) -> None:
    """What the data of this wave does not tell, with the staff total as context under its own source."""
    gaps = cache.derived(unknowns, dist, wave)
    with st.container(border=True):
        st.subheader(t("survey.unknown.title"))
        lines = []
        if gaps.respondents:
            lines.append(t("survey.unknown.respondents"))
        if gaps.scale:
            lines.append(t("survey.unknown.scale"))
        if gaps.breakdown:
            rest = dist[
                (dist["wave"] == wave)
                & (dist["group_dim"] == ALL)
                & (dist["kind"] == "rest")
                & (dist["basis"] == "shares")
            ]
            lines.append(t("survey.unknown.breakdown", rest=t("survey.sep").join(_pct(v) for v in rest["share"])))
        if gaps.groups:
            lines.append(t("survey.unknown.groups"))
        if not lines:
            st.markdown(t("survey.unknown.none"))
            return
        st.markdown("\n".join(f"- {line}" for line in lines))
        if gaps.respondents:
            _staff_context()


def _staff_context() -> None:
    try:
        figures = cache.dataset("context_figures").set_index("figure_id")
    except DataError:
        return
    if STAFF_FIGURE not in figures.index:
        return
    fig = figures.loc[STAFF_FIGURE]
    st.markdown("- " + t("survey.unknown.staff", staff=fmt_number(fig["value"]), as_of=as_of_label(fig["period"])))
    # Who the staff are, from the same interview: women on the staff and among managers.
    women = [f for f in STAFF_CONTEXT if f in figures.index]
    if women:
        st.markdown(
            "\n".join(
                "  - "
                + t(
                    "survey.context.figure",
                    note=plain(localized(figures.loc[f], "note")),
                    value=_figure(figures.loc[f]),
                )
                for f in women
            )
        )
    source_caption(Source([fig["source_id"]], None, fig["period"], notes=[plain(localized(fig, "note"))]))


def _figure(row: pd.Series) -> str:
    """A context figure with its unit (persons, percent)."""
    return fmt_value(row["value"], str(row["unit"]))


def _compare(visible: pd.DataFrame, hidden: pd.DataFrame, wave: str) -> None:
    """Groups of one dimension side by side for one question (the whole survey as the first bar).

    A survey without group results (the report's two published shares) has no such section at all:
    an empty heading with a "no data" box is a dead end for the reader (the data-format guide at the
    bottom of the page says what to import for it). Groups hidden for their size are still reported.
    """
    in_wave = visible[visible["wave"] == wave]
    hidden_wave = hidden[hidden["wave"] == wave]
    grouped = in_wave[in_wave["group_dim"] != ALL]
    links.check_choice("survey_q", grouped["question_id"].unique())  # without groups no question can be chosen
    if grouped.empty:
        if len(hidden_wave):
            st.header(t("survey.compare.title"))
            _hidden_note(hidden_wave)
        return
    st.header(t("survey.compare.title"))
    dims = sorted(
        set(grouped["group_dim"]), key=lambda d: (DIM_ORDER.index(d) if d in DIM_ORDER else len(DIM_ORDER), d)
    )
    questions = grouped.drop_duplicates("question_id")
    left, right = st.columns([1, 2])
    with left:
        dim = (
            st.segmented_control(
                t("survey.filter.dim"),
                dims,
                format_func=lambda d: plain(dim_label(d)),
                key="survey_dim",
                bind="query-params",
                default=dims[0],
                required=True,
            )
            or dims[0]
        )
    q_ids = list(questions["question_id"])
    q_text = {r["question_id"]: localized(r, "question") for _, r in questions.iterrows()}
    with right:
        question = (
            st.selectbox(
                t("survey.filter.question"),
                q_ids,
                format_func=lambda q: q_text.get(q, q),
                key="survey_q",
                bind="query-params",
            )
            or q_ids[0]
        )
    values = sorted(set(grouped.loc[grouped["group_dim"] == dim, "group_value"]))
    chosen = st.multiselect(
        t("survey.filter.groups"),
        values,
        key="survey_groups",
        bind="query-params",
        placeholder=t("survey.filter.groups_all"),
    )
    rows = in_wave[(in_wave["question_id"] == question) & in_wave["group_dim"].isin([ALL, dim])]
    if chosen:
        rows = rows[(rows["group_dim"] == ALL) | rows["group_value"].isin(chosen)]
    rows = rows.assign(_order=(rows["group_dim"] != ALL).astype(int)).sort_values(
        ["_order", "group_value"], kind="stable"
    )

    def row_label(r: pd.Series) -> str:
        group = group_label((r["group_dim"], r["group_value"]))
        return group if is_missing(r["n"]) else t("survey.group.with_n", group=group, n=fmt_number(r["n"]))

    _distribution_blocks(
        rows.drop(columns="_order"),
        "survey_compare",
        row_label,
        title=t("survey.compare.chart", question=q_text.get(question, question)),
    )
    _hidden_note(hidden_wave[(hidden_wave["question_id"] == question) & (hidden_wave["group_dim"] == dim)])


def _trend(visible: pd.DataFrame, group: Group) -> None:
    """Favourable share per wave for the selected group, when two or more waves have a scale (else no section)."""
    rows = visible[(visible["group_dim"] == group[0]) & (visible["group_value"] == group[1])]
    heads, left_out = cache.derived(trend, rows)
    waves = sorted(set(heads["wave"])) if len(heads) else []
    if len(waves) < 2:
        return
    st.header(t("survey.trend.title"))
    notes = (
        [t("survey.trend.left_out", waves=t("survey.sep").join(wave_label(w) for w in left_out))] if left_out else []
    )
    frame = pd.DataFrame(
        {
            "wave": heads["wave"],
            "wave_label": [wave_label(w, two_lines=True) for w in heads["wave"]],
            "question": [localized(r, "question") for _, r in heads.iterrows()],
            "share": heads["share"].round(1),
            "ci_low": heads["ci_low"].round(1),
            "ci_high": heads["ci_high"].round(1),
        }
    )
    table = (
        frame.assign(wave_label=heads["wave"].map(wave_label))
        .drop(columns="wave")
        .rename(
            columns={
                "wave_label": t("survey.col.wave"),
                "question": t("survey.col.question"),
                "share": t("survey.axis.favourable"),
                "ci_low": t("survey.col.ci_low"),
                "ci_high": t("survey.col.ci_high"),
            }
        )
    )
    table.insert(3, t("survey.col.n"), heads["n"].to_numpy())
    source = _source(heads.assign(kind="option"), [t("survey.trend.note"), *notes])
    data_block(
        key="survey_trend",
        title=t("survey.trend.chart", group=group_label(group)),
        chart=cache.chart(trend_chart, frame, t("survey.axis.wave"), t("survey.axis.favourable")),
        table=table.dropna(axis=1, how="all"),
        source=source,
        filename="staff_survey_trend",
    )


def _body(dist: pd.DataFrame, visible: pd.DataFrame, hidden: pd.DataFrame) -> None:
    wave, group = _filters(visible)
    with guarded("survey.results"):
        _results(visible, hidden, wave, group)
    with guarded("survey.unknowns"):
        _unknowns(dist, wave)
    # A part with nothing to show is left out, closed or open (no heading over a "no data" box).
    with guarded("survey.compare"):
        if _compare_has_content(visible, hidden, wave):
            on_demand(
                "open_sv_compare",
                t("survey.compare.title"),
                partial(_compare, visible, hidden, wave),
                linked=("survey_dim", "survey_q", "survey_groups"),
            )
    with guarded("survey.trend"):
        if _trend_has_content(visible, group):
            on_demand(
                "open_sv_trend",
                t("survey.trend.title"),
                partial(_trend, visible, group),
                linked=("survey_trend_view",),
            )


def _compare_has_content(visible: pd.DataFrame, hidden: pd.DataFrame, wave: str) -> bool:
    """Whether the wave has group results, or groups hidden for their size (reported in the section)."""
    grouped = visible[(visible["wave"] == wave) & (visible["group_dim"] != ALL)]
    if grouped.empty:
        links.check_choice("survey_q", [])  # without groups a linked question cannot be used
    return not grouped.empty or bool((hidden["wave"] == wave).any())


def _trend_has_content(visible: pd.DataFrame, group: Group) -> bool:
    """Whether two or more waves have a scale for the selected group (the trend needs two points)."""
    rows = visible[(visible["group_dim"] == group[0]) & (visible["group_value"] == group[1])]
    heads, _left_out = cache.derived(trend, rows)
    return len(heads) > 0 and heads["wave"].nunique() >= 2


def render() -> None:
    """Draw the page."""
    with slide():
        page_header("survey.title", "survey.intro")
    loaded = None
    with guarded("survey.data"):
        loaded = _load()
    if loaded is None:
        return
    dist, visible, hidden = loaded
    if visible.empty:
        _hidden_note(hidden)
        return
    # The filters apply to every part below them: together they are one part that reruns alone;
    # the comparison and the trend are built when opened.
    section("survey.body", partial(_body, dist, visible, hidden))
    with guarded("survey.format"), st.expander(t("survey.format.title"), icon=":material/upload_file:"):
        st.markdown(t("survey.format.body", min=MIN_GROUP_SIZE))
