"""What the report says, on the pages: its verdict first, its claims where they belong, derived figures second."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apptest_util import page_text, run_page, shown
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Element

from dashboard.i18n import set_language


@pytest.fixture(autouse=True)
def _japanese() -> None:
    set_language("ja")


def walk(node: Block | Element) -> Iterator[Element]:
    """Every element of the page in the order it is drawn."""
    if isinstance(node, Block):
        for child in node.children.values():
            yield from walk(child)
    else:
        yield node


def drawn(at: AppTest) -> list[tuple[str, str]]:
    """(type, text) of every element in drawing order (metrics as 'label value')."""
    out = []
    for el in walk(at.main):
        if el.type == "metric":
            out.append(("metric", f"{el.label} {el.value}"))
        elif hasattr(el, "value") and isinstance(getattr(el, "value", None), str):
            out.append((el.type, el.value))
    return out


def first(items: list[tuple[str, str]], needle: str) -> int:
    return next(i for i, (_, text) in enumerate(items) if needle in text)


def test_overview_opens_with_the_reports_verdict_before_any_figure() -> None:
    at = run_page("overview")
    assert not at.exception and not at.error
    items = drawn(at)
    verdict = first(items, "「改革は依然として「道半ば」」")
    restart = first(items, "「未来への道筋をつけ、ここからが再スタートです。」")
    closing = first(items, "「少しずつ効果が見え始めているものの、まだまだ道半ばです。」")
    first_metric = next(i for i, (kind, _) in enumerate(items) if kind == "metric")
    assert max(verdict, restart, closing) < first_metric
    # cited by the sections they are printed under
    cite = shown(items[first(items, "「～集中改革期間の総括～」")][1])
    assert cite.startswith("出典：いわき市「構造改革レポート vol.5」「～集中改革期間の総括～」")
    assert "「構造改革に着手して３年」" in " ".join(text for _, text in items[closing : closing + 3])


def test_overview_shows_the_reports_claims_quoted() -> None:
    at = run_page("overview")
    text = page_text(at)
    for quote in (
        "「自助力・共助力の低下（自治会、消防団）、路線バスの減便・廃止の増加、集落機能の維持困難など、様々な問題が連鎖的に発生」",
        "「これまでの常識や経験に捉われない！将来を見据えた戦略的な投資が必要」",
        "「改革の主役は、各部各課、職員一人ひとり」",
        "「「職員が変わり、市役所を変える」そして、「市民の満足度を高める」」",
        "そのリソースを生み出す構造改革を着実に進める",
    ):
        assert quote in text, quote
    # the population card carries the report's headline for its projection (its tooltip, to keep one screen)
    helps = " ".join(m.proto.help for m in at.metric)
    assert "レポートの見出し：「いまから35年後にはいわき市の人口は半減」" in helps
    assert "54％：構造改革が着実に進んでいると感じる" in text  # the statement in full
    assert "進んでいると感じる 54" not in text
    # a pillar without KPIs says that is the dashboard's own assignment, not the report's silence
    assert "レポートに数値の記載なし" not in text
    assert "ダッシュボードの分類では、この柱に割り当てた数値指標はありません" in text


def test_overview_in_english_quotes_with_the_original_beside() -> None:
    at = run_page("overview", lang="en")
    text = page_text(at)
    assert "“The reform is still only half-way” (「改革は依然として「道半ば」」)" in text


def test_dx_hours_section_quotes_the_report_and_shows_the_context() -> None:
    at = run_page("dx")
    text = page_text(at)
    for quote in (
        "「予算・決算や議会、文書、照会・回答などの共通業務」",
        "「市民サービスの利便性や満足度の向上に直結する個別業務」",
        "「管理職によるマネジメント業務」",
        "「削減の効果を市民の利便性を高めるサービスに再配分し、より便利で快適な生活を提供」",
        "「24時間いつでも、どこでも証明などの手続きが可能になり、市役所に足を運ぶ必要がありません。」",
    ):
        assert quote in text, quote
    assert "構造改革推進本部（本部長：副市長）を2022年4月に設置" in text


def test_dx_derived_figures_lead_with_the_report_and_carry_no_borrowed_date() -> None:
    at = run_page("dx")
    items = drawn(at)
    before = first(items, "改革前のオンライン申請件数")
    assert items[before - 2][1] == "レポートの表記：「年60,000件」・「改革前と比較して3倍に」"  # the report first
    assert "ダッシュボードの計算" in items[before - 1][1]  # then the dashboard's computation, labelled
    assert items[before][1].endswith("20,000件／年")
    source = items[before + 1][1]
    assert "時点：記載なし（「改革前」がいつかはレポートに書かれていません）" in source
    assert "時点：2025年3月" not in source  # the result's date is never lent to the figure before the reform
    saved = first(items, "コピー出力の削減量")
    assert "2021年（指数＝1）の量と読んだ場合の値" in items[saved + 1][1]  # the saving depends on the reading


def test_population_leads_with_the_reports_headline_then_the_dashboards_year() -> None:
    at = run_page("population")
    items = drawn(at)
    quote = first(items, "「いまから35年後にはいわき市の人口は半減」")
    computed = first(items, "ダッシュボードの計算：2020年の半分 2063年ごろ")
    assert quote < computed
    assert "2060年の推計（2060年・指数53）に添えられた見出し" in page_text(at)


def test_facilities_intro_quotes_the_report_and_context_facts_are_shown() -> None:
    at = run_page("facilities")
    text = page_text(at)
    for quote in (
        "「老朽化や人口減少を背景に、公共施設を見直し、最適化するための計画を策定」",
        "「市民の皆様と対話しながら、必要なサービスを維持しつつも、無駄を省いて持続可能な財政運営を目指します。」",
        "「すべての公共施設等をこれまでどおりに維持し続けることは不可能」",
    ):
        assert quote in text, quote
    assert "2024年4月1日の公共施設数（県内市町村で最多） 1,281施設" in text
    assert "2022年3月：公共施設等総合管理計画を2022年3月に改訂" in text


def test_survey_shows_women_staff_and_managers() -> None:
    at = run_page("survey")
    text = page_text(at)
    assert "うち女性職員：1,610人" in text and "管理職に占める女性の割合 約1割：10％" in text
