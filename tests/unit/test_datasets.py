"""The published datasets: every figure of READING.md exactly, valid schemas, fresh Parquet, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.data import DATASET_NAMES, DataError, load_dataset, store
from dashboard.data.schemas import SPECS

REPORT = "iwaki_reform_report_vol5"


def _kpi(kpi_id: str, period: str) -> pd.Series:
    df = load_dataset("dx_kpis")
    rows = df[(df["kpi_id"] == kpi_id) & (df["period"] == period)]
    assert len(rows) == 1, f"{kpi_id} {period}: {len(rows)} rows"
    return rows.iloc[0]


# (kpi_id, period, value, unit, as_of) — READING.md, page 3.
KPI_FIGURES = [
    ("copy_output_index", "2021", 1.00, "index_2021", None),
    ("copy_output_index", "2022", 0.94, "index_2021", None),
    ("copy_output_index", "2023", 0.84, "index_2021", None),
    ("copy_output_index", "2024", 0.80, "index_2021", None),
    ("copy_output_sheets_base", "2021", 3_000_000, "sheets_per_month", None),
    ("logo_chat_messages", "2025-03", 239_322, "messages_per_month", "2025-03"),
    ("line_friends", "2025-05", 40_000, "persons", "2025-05"),
    ("smartphone_services", "2025-05", 65, "services", "2025-05"),
    ("line_registration_growth", "2025-05", 1.6, "ratio", "2025-05"),
    ("cashless_counters", "2025-03", 24, "counters", "2025-03"),
    ("cashless_usage_rate", "2025-03", 6.4, "percent", "2025-03"),
    ("cashless_brands_credit", "2025-03", 6, "brands", "2025-03"),
    ("cashless_brands_emoney", "2025-03", 14, "brands", "2025-03"),
    ("cashless_brands_code", "2025-03", 8, "brands", "2025-03"),
    ("online_applications", "2025-03", 60_000, "applications_per_year", "2025-03"),
    ("online_application_rate", "2025-03", 20.5, "percent", "2025-03"),
    ("online_growth_vs_before", "2025-03", 3, "ratio", "2025-03"),
    ("working_hours", "FY2022", 522.0, "hours_10k", None),
    ("working_hours", "FY2024", 498.5, "hours_10k", None),
    ("working_hours_reduction", "FY2022-FY2024", -23.5, "hours_10k", None),
    ("working_hours_reduction_rate", "FY2022-FY2024", -4.5, "percent", None),
]


@pytest.mark.parametrize(("kpi_id", "period", "value", "unit", "as_of"), KPI_FIGURES)
def test_every_kpi_figure_is_exact(kpi_id: str, period: str, value: float, unit: str, as_of: str | None) -> None:
    row = _kpi(kpi_id, period)
    assert row["value"] == pytest.approx(value, abs=1e-9)
    assert row["unit"] == unit
    assert row["page"] == 3 and row["source_id"] == REPORT
    if as_of is None:
        assert pd.isna(row["as_of"]) and row["as_of_basis"] == "period"
    else:
        assert row["as_of"] == as_of


def test_online_figures_carry_the_printed_as_of() -> None:
    for kpi in ("online_applications", "online_application_rate", "online_growth_vs_before"):
        assert _kpi(kpi, "2025-03")["as_of_basis"] == "printed"


def test_no_working_hours_figure_for_r5() -> None:
    df = load_dataset("dx_kpis")
    hours = df[df["kpi_id"] == "working_hours"]
    assert sorted(hours["period"]) == ["FY2022", "FY2024"]


def test_population_outlook_figures() -> None:
    df = load_dataset("population_outlook").set_index("year")
    assert df.loc[2020, "population"] == 332_931 and df.loc[2020, "index_2020"] == 100
    assert df.loc[2040, "population"] == 255_645 and df.loc[2040, "index_2020"] == 77
    assert df.loc[2060, "population"] == 175_940 and df.loc[2060, "index_2020"] == 53
    assert df.loc[2020, "kind"] == "census"
    assert set(df.loc[[2040, 2060], "kind"]) == {"projection"}
    assert set(df["page"]) == {1}


def test_facility_counts() -> None:
    df = load_dataset("facility_counts").set_index("year")
    assert df.loc[2021, "facilities"] == 1316
    assert df.loc[2024, "facilities"] == 1281
    assert pd.isna(df.loc[2025, "facilities"]) and df.loc[2025, "status"] == "towards_optimal"
    assert df.loc[2025, "label_ja"].startswith("最適な施設数へ")


def test_staff_survey_published_shares() -> None:
    df = load_dataset("staff_survey").set_index("question_id")
    assert df.loc["reform_progress", "share_pct"] == 54
    assert df.loc["reform_continue", "share_pct"] == 78
    assert df.loc["reform_progress", "question_ja"] == "構造改革が着実に進んでいると感じる"
    assert df.loc["reform_continue", "question_ja"] == "今後も引き続き改革を進めていくべき"
    assert set(df["wave"]) == {"2025-03"}
    assert df["count"].isna().all() and df["respondents"].isna().all()


def test_pillars_are_the_five_arrows() -> None:
    df = load_dataset("pillars").sort_values("order")
    assert list(df["name_ja"]) == [
        "しごと効率化",
        "インフラ最適化",
        "行財政マネジメント",
        "人材マネジメント",
        "市民サービスDX",
    ]


# READING.md, page 2: every timeline item with its fiscal year and month (None = no month printed).
TIMELINE = [
    (2022, "おくやみ相談窓口設置", 9),
    (2022, "マイナンバーカードスマート窓口開設", 10),
    (2022, "公共施設等総合管理計画の改訂", None),
    (2022, "若手職員によるワーキンググループ開始", 8),
    (2022, "骨太の方針を策定", 11),
    (2022, "管理職向けＢＰＲ研修を実施", 1),
    (2022, "市民窓口にキャッシュレス決済導入", 3),
    (2022, "AI会議録作成システム導入", 3),
    (2022, "窓口部門7業務でBPRを実施", None),
    (2023, "行政MaaS車両による出張行政サービスを開始", 4),
    (2023, "広報紙リニューアル", 5),
    (2023, "AI会議録システム運用開始", 5),
    (2023, "若手職員によるワーキンググループ活動", 8),
    (2023, "予算編成の簡素化試行", 10),
    (2023, "人材育成基本方針策定", 10),
    (2023, "チャットボット運用開始", 11),
    (2023, "庁内FAQシステムの構築", 1),
    (2023, "公共施設等の集中保全に着手", None),
    (2024, "下水道管路施設包括的管理業務委託の導入", 4),
    (2024, "会議体のあり方、意思決定プロセスを見直し", 5),
    (2024, "個別施設計画の策定", 5),
    (2024, "若手職員によるワーキンググループ活動", 8),
    (2024, "テレワークを制度化", 10),
    (2024, "スマホ市役所の開始", 10),
    (2024, "予算編成の簡素化拡充", 10),
    (2024, "電子契約サービスの導入", 10),
    (2024, "書かない窓口の導入", 12),
    (2024, "電子請求システムの導入", 1),
    (2024, "お出かけ市役所デマンド運行", 2),
    (2024, "保育DX", 3),
]


def test_timeline_has_every_item_with_its_fiscal_year_and_month() -> None:
    df = load_dataset("initiatives")
    got = sorted((int(r.fiscal_year), r.name_ja, None if pd.isna(r.month) else int(r.month)) for r in df.itertuples())
    assert got == sorted(TIMELINE, key=lambda x: (x[0], x[1], x[2] or 0))
    maintenance = df[df["initiative_id"] == "facility_intensive_maintenance"].iloc[0]
    assert maintenance["until_year"] == 2025


def test_named_initiatives_of_page_3() -> None:
    df = load_dataset("named_initiatives")
    assert len(df) == 40
    for name in (
        "チャットボット運用",
        "BIツールによるデータの見える化",
        "RAG機能を備えた庁内FAQ",
        "公共施設の集中保全",
        "ノーコード・ローコードツール（kintone）導入",
        "大型ディスプレイ＋庁内WiFi",
    ):
        assert name in set(df["name_ja"])


def test_challenges_and_goals() -> None:
    df = load_dataset("report_context")
    assert list(df[df["kind"] == "challenge"].sort_values("order")["name_ja"]) == [
        "人口減少・少子高齢化",
        "担い手不足",
        "自然災害",
        "インフラ・公共施設",
        "地域の活力の低下",
    ]
    assert list(df[df["kind"] == "wellbeing_goal"].sort_values("order")["name_ja"]) == [
        "次世代を育てる",
        "命・暮らしを守る",
        "まちの魅力を高める",
        "豊かさを創る",
    ]


def test_context_figures_are_labelled_with_their_own_sources() -> None:
    df = load_dataset("context_figures").set_index("figure_id")
    assert df.loc["facilities_2060_upper_bound", "value"] == 673
    assert df.loc["facilities_2060_upper_bound", "source_id"] == "iwaki_minpo_2024_05_28"
    assert df.loc["plan_population_2060", "value"] == 173_782
    assert df.loc["staff_total_2023", "value"] == 3657
    assert REPORT not in set(df["source_id"])  # context is kept apart from the report's own figures


def test_every_source_id_is_declared() -> None:
    sources = set(load_dataset("sources")["source_id"])
    for name in DATASET_NAMES:
        df = load_dataset(name)
        if "source_id" in df.columns and name != "sources":
            assert set(df["source_id"].dropna()) <= sources, name


def test_kpi_pillars_agree_with_definitions() -> None:
    kpis = load_dataset("dx_kpis")
    defs = load_dataset("kpi_definitions").set_index("kpi_id")
    for row in kpis.itertuples():
        assert defs.loc[row.kpi_id, "pillar_id"] == row.pillar_id
        assert defs.loc[row.kpi_id, "unit"] == row.unit


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_parquet_matches_schema_and_is_not_stale(name: str) -> None:
    table, digest = store.csv_to_table(name)
    published = store.read_table(name)
    assert published.schema.equals(SPECS[name].schema, check_metadata=False)
    assert store.stored_source_sha256(name) == digest, f"rebuild: dashboard build {name}"
    assert published.equals(table, check_metadata=False)
    meta = published.schema.metadata
    assert meta[b"dashboard.dataset"] == name.encode()
    assert b"source_id" in meta[b"dashboard.provenance"]


def _copy_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data"
    target.mkdir()
    for name in DATASET_NAMES:
        shutil.copy(store.paths.parquet_path(name), target)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(target))
    return target


def test_missing_file_is_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy_data(tmp_path, monkeypatch)
    (target / "pillars.parquet").unlink()
    with pytest.raises(DataError) as err:
        load_dataset("pillars")
    assert err.value.code == "file_missing" and "pillars.parquet" in str(err.value.path)


def test_corrupt_file_is_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy_data(tmp_path, monkeypatch)
    (target / "pillars.parquet").write_bytes(b"PAR1 not really parquet")
    with pytest.raises(DataError) as err:
        load_dataset("pillars")
    assert err.value.code == "unreadable"


def test_schema_violation_is_a_data_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy_data(tmp_path, monkeypatch)
    table = pq.read_table(target / "population_outlook.parquet")
    bad = table.set_column(1, "population", pa.array([str(v) for v in table["population"].to_pylist()]))
    pq.write_table(bad, target / "population_outlook.parquet")
    with pytest.raises(DataError) as err:
        load_dataset("population_outlook")
    assert err.value.code == "schema_mismatch" and "population" in err.value.detail


def test_rule_violation_names_row_and_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy_data(tmp_path, monkeypatch)
    table = pq.read_table(target / "staff_survey.parquet")
    shares = table["share_pct"].to_pylist()
    shares[1] = 178.0
    pq.write_table(
        table.set_column(table.schema.get_field_index("share_pct"), "share_pct", pa.array(shares, pa.float64())),
        target / "staff_survey.parquet",
    )
    with pytest.raises(DataError) as err:
        load_dataset("staff_survey")
    assert (err.value.code, err.value.row, err.value.column) == ("out_of_range", 1, "share_pct")


def test_build_rejects_a_bad_csv_and_keeps_the_published_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy_data(tmp_path, monkeypatch)
    src = tmp_path / "source"
    shutil.copytree(store.paths.source_dir(), src)
    monkeypatch.setenv("DASHBOARD_SOURCE_DIR", str(src))
    csv = src / "facility_counts.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("2024,1281", "2024,-5"), encoding="utf-8")
    before = (target / "facility_counts.parquet").read_bytes()
    with pytest.raises(DataError) as err:
        store.build("facility_counts")
    assert err.value.code == "out_of_range" and err.value.column == "facilities"
    assert (target / "facility_counts.parquet").read_bytes() == before
