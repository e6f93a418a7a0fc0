"""The parsers of link values are total: any string gives a usable value or None, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tiers import examples

from dashboard.views import params
from dashboard.views.present import DEFAULT_ADVANCE, MAX_ADVANCE, MIN_ADVANCE, PresentRequest, parse_request

UNICODE_DIGITS = ["²", "①", "٣", "３０", "߁", "𝟓", "১০", "Ⅻ", "½"]
awkward = st.one_of(
    st.text(),
    st.sampled_from(UNICODE_DIGITS),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),
    st.just(""),
    st.text(alphabet=st.characters(categories=["Nd", "No", "Nl"]), min_size=1, max_size=30),
)


@settings(max_examples=examples(400), deadline=None)
@given(awkward)
def test_whole_number_is_total_and_accepts_only_short_ascii_numbers(text: str) -> None:
    value = params.whole_number(text)
    if value is not None:
        stripped = text.strip()
        assert stripped.isascii() and stripped.isdecimal() and len(stripped) <= params.MAX_DIGITS
        assert value == int(stripped)


@settings(max_examples=examples(400), deadline=None)
@given(st.one_of(st.none(), awkward), st.one_of(st.none(), awkward))
def test_parse_request_is_total(mode: str | None, advance: str | None) -> None:
    request = parse_request(mode, advance)
    assert isinstance(request, PresentRequest)
    assert request.advance is None or MIN_ADVANCE <= request.advance <= MAX_ADVANCE
    if advance is not None and "advance" in request.invalid:
        assert request.advance == DEFAULT_ADVANCE


def test_the_reported_links_fall_back_with_a_notice() -> None:
    for text in ["²", "①", "٣", "9" * 5000, "-5", "1e3", "３０"]:
        assert parse_request(None, text) == PresentRequest(True, DEFAULT_ADVANCE, ("advance",)), text
    assert parse_request(None, " 45 ") == PresentRequest(True, 45, ())


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(awkward, min_size=0, max_size=50))
def test_repeated_keys_give_the_last_value(values: list[str]) -> None:
    assert params.last(values) == (values[-1] if values else None)
    assert params.last("x") == "x" and params.last(None) is None


def test_ten_thousand_repeated_values() -> None:
    values = [str(i) for i in range(10_000)]
    assert params.last(values) == "9999"
    assert params.number_in_range(params.last(values), 3, 3600) is None
    assert params.choice(params.last(["a"] * 10_000 + ["2025-03"]), ["2025-03"]) == "2025-03"


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(st.none(), awkward), st.lists(st.text(max_size=5), max_size=5))
def test_choice_is_total(text: str | None, options: list[str]) -> None:
    picked = params.choice(text, options)
    assert picked is None or (text is not None and picked == text.strip() and picked in options)


@settings(max_examples=examples(300), deadline=None)
@given(awkward, st.integers(0, 100), st.integers(0, 100))
def test_number_in_range_is_total(text: str, low: int, high: int) -> None:
    value = params.number_in_range(text, low, high)
    assert value is None or low <= value <= high


@settings(max_examples=examples(200), deadline=None)
@given(
    st.dictionaries(st.text(max_size=8), st.lists(awkward, max_size=5), max_size=6),
    st.dictionaries(st.text(max_size=8), st.lists(awkward, max_size=5), max_size=6),
    st.dictionaries(st.text(max_size=8), st.one_of(awkward, st.integers(), st.booleans(), st.none()), max_size=6),
)
def test_the_link_notice_check_is_total(
    opened: dict[str, list[str]], now: dict[str, list[str]], values: dict[str, object]
) -> None:
    from dashboard.views import links

    rejected = links.rejected_params(opened, now, values)
    assert set(rejected) <= set(opened) & set(values)
