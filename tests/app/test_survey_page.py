"""The survey page through app.py with AppTest: the shipped two shares, and the synthetic full survey with filters."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from apptest_util import chart_count, page_text, run_page, shown
from fixtures.make_synthetic_survey import OUT as FIXTURE_CSV
from fixtures.make_synthetic_survey import publish_to
from streamlit.testing.v1 import AppTest


def _metrics(at: AppTest) -> dict[str, str]:
    return {shown(m.label): shown(m.value) for m in at.metric}


def _values(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def _table_text(at: AppTest, index: int = 0) -> str:
    return " ".join(at.dataframe[index].value.to_string().split())


# The shipped data: two published shares, nothing else ------------------------------------------


def test_published_results_are_shown_with_what_is_not_known() -> None:
    at = run_page("survey")
    assert not at.exception and not at.error
    assert _values(at) == ["54％", "78％"]
    # The report prints no answer options: the label says so instead of inventing 「そう感じる」.
    assert set(_metrics(at)) == {"公表値（回答の選択肢は記載なし）"}
    text = page_text(at)
    for wording in ("構造改革が着実に進んでいると感じる", "今後も引き続き改革を進めていくべき"):
        assert wording in text  # the questions in full
    assert "2025年3月（R7.3）" in text and "回答者数：非公表" in text and "回答の選択肢：非公表" in text
    assert "いわき市「構造改革レポート vol.5」「構造改革に着手して３年」" in text
    # What is not known, and the staff total as context under its own source.
    for part in ("**回答者数**", "**回答の選択肢**", "46％、22％", "**区分別の結果**", "3,657人", "morejob.co.jp"):
        assert part in text, part
    # No margin of error without a respondent count.
    assert "誤差の範囲（95％信頼区間）は示せません" in text and "ウィルソン法" not in text
    assert chart_count(at) == 1
    assert not [s for s in at.selectbox if s.key in ("survey_wave", "survey_group")]  # nothing to filter
    # Sections with nothing to show are not drawn at all (no heading over a "no data" box); what is
    # missing is said once, under 「分かっていないこと」.
    headers = [h.value for h in at.header]
    assert "区分別の比較" not in headers and "調査回ごとの推移" not in headers, headers
    assert not at.info, [i.value for i in at.info]


def test_published_table_names_the_rest_as_unknown_and_only_known_columns() -> None:
    at = run_page("survey")
    at.segmented_control(key="survey_dist_shares_view").set_value("table").run()
    table = at.dataframe[0].value
    assert list(table["割合（％）"]) == [54.0, 46.0, 78.0, 22.0]
    assert list(table["回答"]) == [
        "公表値（回答の選択肢は記載なし）",
        "それ以外（内訳は非公表）",
        "公表値（回答の選択肢は記載なし）",
        "それ以外（内訳は非公表）",
    ]
    assert "回答数（人）" not in table.columns and "95％信頼区間 下限（％）" not in table.columns
    assert "「それ以外」は100％から公表値を引いた値です" in page_text(at)


def test_published_results_in_english() -> None:
    at = run_page("survey", lang="en")
    assert not at.exception and not at.error
    text = page_text(at)
    assert "I feel the structural reform is progressing steadily" in text
    assert "Respondents: not published" in text and "March 2025 (R7.3)" in text
    assert set(_metrics(at)) == {"Published share (answer options not printed)"}
    assert _values(at) == ["54%", "78%"]


# The synthetic full survey ---------------------------------------------------------------------


@pytest.fixture
def full_survey(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    """The page pointed at a data folder whose staff_survey is the synthetic fixture; returns the fixture rows."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(publish_to(tmp_path / "data")))
    return pd.read_csv(FIXTURE_CSV)


def _favourable(df: pd.DataFrame, wave: str, question: str, dim: str = "all", value: str = "all") -> str:
    """The favourable share computed straight from the fixture, as the page should print it."""
    rows = df[
        (df["wave"] == wave) & (df["question_id"] == question) & (df["group_dim"] == dim) & (df["group_value"] == value)
    ]
    share = rows.loc[rows["likert_score"] > 0, "count"].sum() / rows["respondents"].iloc[0] * 100
    return f"{share:.1f}％"


def test_full_survey_shows_likert_results_with_intervals_for_the_latest_wave(full_survey) -> None:
    at = run_page("survey")
    assert not at.exception and not at.error
    assert at.selectbox(key="survey_wave").value == "2027-03"
    assert _values(at) == [
        _favourable(full_survey, "2027-03", q) for q in ("reform_progress", "reform_continue", "workload_lighter")
    ]
    text = page_text(at)
    assert "回答者数：277人" in text and "回答の選択肢：5段階" in text and "ウィルソン法" in text
    assert "synthetic_test_fixture" in text  # the synthetic source shows in every provenance line
    assert "回答者数、選択肢、区分別の結果はそろっています" in text or "そろっています" in text
    assert chart_count(at) == 3  # distribution, groups side by side, trend


def test_group_filter_changes_the_shown_data(full_survey) -> None:
    at = run_page("survey")
    before = _values(at)
    at.selectbox(key="survey_group").set_value(("department", "部署A")).run()
    assert not at.exception and not at.error
    after = _values(at)
    assert after != before
    assert after[0] == _favourable(full_survey, "2027-03", "reform_progress", "department", "部署A")
    assert "結果：2027年3月（R9.3）・部署：部署A" in page_text(at)
    assert "回答者数：120人" in page_text(at)


def test_small_groups_are_not_offered_and_not_shown(full_survey) -> None:
    at = run_page("survey")
    options = at.selectbox(key="survey_group").options
    assert "部署：部署A" in options and "部署：部署E" not in options and "部署：部署D" not in options
    text = page_text(at)
    assert "回答者を特定できないよう、回答者が10人未満の区分は表示しません" in text
    assert "部署：部署E：回答者が10人未満" in text
    assert "部署：部署D：ほかの区分と全体から" in text
    at.segmented_control(key="survey_compare_likert_view").set_value("table").run()
    table = _table_text(at, 0)
    assert "部署A" in table and "部署E" not in table and "部署D" not in table


def test_wave_filter_returns_to_the_published_shares(full_survey) -> None:
    at = run_page("survey")
    at.selectbox(key="survey_wave").set_value("2025-03").run()
    assert not at.exception and not at.error
    assert _values(at) == ["54％", "78％"]
    text = page_text(at)
    assert "回答者数：非公表" in text and "3,657人" in text
    at.selectbox(key="survey_wave").set_value("2026-03").run()
    assert _values(at)[0] == _favourable(full_survey, "2026-03", "reform_progress")


def test_dimension_and_question_filters_change_the_comparison(full_survey) -> None:
    at = run_page("survey")
    assert at.segmented_control(key="survey_dim").value == "department"
    at.segmented_control(key="survey_compare_likert_view").set_value("table").run()
    assert "部署A" in _table_text(at) and "30代" not in _table_text(at)
    at.segmented_control(key="survey_dim").set_value("age_band").run()
    table = _table_text(at)
    assert "30代" in table and "部署A" not in table
    assert "部署E：回答者が10人未満" not in page_text(at)  # the note follows the dimension shown
    at.selectbox(key="survey_q").set_value("workload_lighter").run()
    assert "区分別の回答：【架空の設問】業務の負担が軽くなったと感じる" in page_text(at)
    assert "【架空の設問】" in _table_text(at)
    at.multiselect(key="survey_groups").set_value(["20代", "50代以上"]).run()
    shown = set(at.dataframe[0].value["区分"])
    assert shown == {"全体", "年代：20代", "年代：50代以上"}


def test_trend_joins_the_full_waves_and_leaves_out_the_published_one(full_survey) -> None:
    at = run_page("survey")
    at.segmented_control(key="survey_trend_view").set_value("table").run()
    trend = at.dataframe[0].value
    progress = trend[trend["設問"] == "構造改革が着実に進んでいると感じる"]
    assert list(progress["調査回"]) == ["2026年3月（R8.3）", "2027年3月（R9.3）"]
    assert [f"{v:.1f}％" for v in progress["肯定的な回答の割合（％）"]] == [
        _favourable(full_survey, w, "reform_progress") for w in ("2026-03", "2027-03")
    ]
    assert "2025年3月（R7.3） の結果は選択肢の尺度が不明なため、推移には含めていません" in page_text(at)


def test_broken_survey_rows_give_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The importer refuses such a file; a published file broken by other means is refused when loaded,
    # by the same declared rules, and the page says which row and column.
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = publish_to(tmp_path / "data")
    table = pq.read_table(data / "staff_survey.parquet")
    counts = table["count"].to_pylist()
    counts[5] = None  # one blank count inside a counted group
    broken = table.set_column(table.schema.get_field_index("count"), "count", pa.array(counts, pa.int64()))
    pq.write_table(broken, data / "staff_survey.parquet")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data))
    at = run_page("survey")
    assert not at.exception
    messages = " ".join(e.value for e in at.error)
    assert "回答数も割合も空欄の行があります" in messages and "6行目" in messages, messages
