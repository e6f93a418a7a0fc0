"""Facility type and district rules, on real names from the 国土地理院 shelter files and the Geolonia town list."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.data import open_data, place_rules
from dashboard.metrics import geo

RULES = place_rules.FACILITY_TYPE_RULES
PREFIXES = place_rules.DISTRICT_PREFIXES


def kind(name: str) -> str:
    return geo.classify_facility(name, RULES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # real shelter / emergency-site names
        ("江名中学校", "junior_high"),
        ("遠野小学校", "elementary"),
        ("旧入遠野小学校", "elementary"),
        ("久之浜第一小学校", "elementary"),
        ("県立四倉高等学校", "high_school"),
        ("旧県立いわき湯本高等学校遠野校舎", "high_school"),
        ("いわき光洋高等学校校庭", "high_school"),
        ("大平公民館", "community_centre"),
        ("下永井公民館広場", "community_centre"),
        ("健登師記念会館（神谷作公民館）", "community_centre"),
        ("下滝集会所", "assembly_hall"),
        ("内ノ草集会施設", "assembly_hall"),
        ("軽井沢多目的集会所", "assembly_hall"),
        ("白米団地会館", "assembly_hall"),
        ("内郷コミュニティセンター", "assembly_hall"),
        ("片石田構造改善センター", "assembly_hall"),
        ("下三坂体育館", "gym"),
        ("南部アリーナ", "gym"),
        ("小名浜武道館", "gym"),
        ("田人ふれあい館屋内運動場", "gym"),
        ("三和ふれあい館屋内ゲートボール場", "gym"),
        ("さくら保育園", "childcare"),
        ("三阪保育所", "childcare"),
        ("江名幼稚園", "childcare"),
        ("小名浜児童センター", "childcare"),
        ("高砂荘", "welfare"),
        ("ふじみの園", "welfare"),
        ("翠祥園", "welfare"),
        ("幸寿苑", "welfare"),
        ("ヘルスケアホームいわき", "welfare"),
        ("軽費老人ホーム\u3000悠々の里", "welfare"),
        ("いわき市障害者生活介護センター", "welfare"),
        ("綴町就労支援センター", "welfare"),
        ("福島整肢療護園", "welfare"),
        ("けやき共同作業所", "welfare"),
        ("いわき学園", "welfare"),
        # names that say nothing, parks, shrines: other (never guessed)
        ("つばさ", "other"),
        ("ポポロ", "other"),
        ("稲荷神社", "other"),
        ("小名浜中央公園", "other"),
        ("狩亦児童遊園", "other"),
        ("東田墓園", "other"),
        ("いわき清苑駐車場", "other"),
        ("国立福島工業高等専門学校", "other"),
        ("県立いわき支援学校", "other"),
    ],
)
def test_type_from_real_names(name: str, expected: str) -> None:
    assert kind(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # order matters: the school rules come before the generic words
        ("旧白水小学校体育館前広場", "elementary"),  # a gym word inside a school name
        ("高野小学校・内郷第三中学校", "elementary"),  # first rule wins
        ("桶売小・中学校", "elementary"),  # combined school
        ("磐城緑蔭中学校・高等学校", "junior_high"),
        ("勿来体育館・錦公民館", "community_centre"),  # 公民館 before gyms
        ("さくら保育園園庭", "childcare"),  # 保育園 before the 〜園 welfare suffix
        ("福島県いわき海浜自然の家体育館", "gym"),
    ],
)
def test_rule_order(name: str, expected: str) -> None:
    assert kind(name) == expected


def test_rule_order_is_what_makes_the_difference() -> None:
    # The same names with the rules reversed give other answers: the test can fail.
    reversed_rules = tuple(reversed(RULES))
    assert geo.classify_facility("勿来体育館・錦公民館", reversed_rules) == "gym"
    assert geo.classify_facility("旧白水小学校体育館前広場", reversed_rules) == "gym"


def test_high_school_includes_koko() -> None:
    assert kind("いわき総合高校") == "high_school"


@pytest.mark.parametrize(
    ("town", "expected"),
    [
        ("平中平窪東高砂", "taira"),
        ("平", "taira"),
        ("中央台鹿島二丁目", "taira"),
        ("薄磯一丁目", "taira"),
        ("小名浜岡小名", "onahama"),
        ("江名", "onahama"),
        ("永崎", "onahama"),
        ("泉町黒須野", "onahama"),
        ("泉玉露一丁目", "onahama"),
        ("渡辺町田部", "onahama"),
        ("鹿島町走熊", "onahama"),
        ("洋向台一丁目", "onahama"),
        ("勿来町窪田町通一丁目", "nakoso"),
        ("植田町中央一丁目", "nakoso"),
        ("佐糠町東一丁目", "nakoso"),
        ("錦町江栗一丁目", "nakoso"),
        ("岩間町", "nakoso"),
        ("山田町", "nakoso"),
        ("常磐湯本町", "joban"),
        ("内郷御厩町", "uchigo"),
        ("四倉町狐塚", "yotsukura"),
        ("遠野町上遠野", "tono"),
        ("小川町上小川", "ogawa"),
        ("好間町下好間", "yoshima"),
        ("好間工業団地", "yoshima"),
        ("三和町下市萱", "miwa"),
        ("田人町黒田", "tabito"),
        ("川前町川前", "kawamae"),
        ("久之浜町久之浜", "hisanohama_ohisa"),
        ("大久町大久", "hisanohama_ohisa"),
        # not established from the sources: unknown, on purpose
        ("郷ケ丘一丁目", "unknown"),
        ("若葉台一丁目", "unknown"),
        ("草木台二丁目", "unknown"),
        ("明治団地", "unknown"),
        ("小島町一丁目", "unknown"),
        ("中岡町三丁目", "unknown"),
        ("", "unknown"),
    ],
)
def test_district_from_town_name(town: str, expected: str) -> None:
    assert geo.district_of_town(town, PREFIXES) == expected


def test_longest_prefix_wins() -> None:
    # 小名浜 must not be read as something shorter; a made-up shorter prefix shows the rule matters.
    prefixes = {"小": "x", "小名浜": "onahama"}
    assert geo.district_of_town("小名浜大原", prefixes) == "onahama"
    assert geo.district_of_town("小川町", prefixes) == "x"


def test_every_district_id_has_a_label_and_is_listed() -> None:
    from dashboard.i18n import has

    assert set(PREFIXES.values()) | {place_rules.UNKNOWN_DISTRICT} == set(place_rules.DISTRICTS)
    for district in place_rules.DISTRICTS:
        assert has(f"facilities.district.{district}")
    for type_id, _ in (*RULES, (place_rules.OTHER_TYPE, "")):
        assert has(f"facilities.type.{type_id}")


# --------------------------------------------------------------------------- on the whole real files


@pytest.fixture(scope="module")
def points() -> pd.DataFrame:
    try:
        return geo.facility_points(
            open_data.read_shelters(), open_data.read_emergency_sites(), RULES, open_data.read_towns(), PREFIXES
        )
    except open_data.OpenDataMissing:
        pytest.skip("open data not available")


def test_all_points_are_located_typed_and_districted(points: pd.DataFrame) -> None:
    assert (points["kind"] == "shelter").sum() == 280
    assert (points["kind"] == "emergency").sum() == 295
    assert set(points["type"]) <= {r[0] for r in RULES} | {"other"}
    assert set(points["district"]) <= set(place_rules.DISTRICTS)
    # most shelters are schools, community centres, halls and gyms: the rules must find them
    shelters = points[points["kind"] == "shelter"]
    assert (shelters["type"] != "other").mean() > 0.8
    # a town point is never far: the nearest one is within 5 km of every site
    assert points["town_km"].max() < 5


def test_nearest_town_district_agrees_with_the_address(points: pd.DataFrame) -> None:
    """The approximation checked against the address each site carries (same prefix table on the address)."""
    by_address = [
        geo.district_of_town(geo.town_of_address(a, place_rules.CITY_ADDRESS_PREFIX), PREFIXES)
        for a in points["address"]
    ]
    both = points.assign(by_address=by_address)
    both = both[(both["district"] != "unknown") & (both["by_address"] != "unknown")]
    assert len(both) > 500
    agreement = (both["district"] == both["by_address"]).mean()
    assert agreement > 0.95, agreement
    # few points stay unknown
    assert (points["district"] == "unknown").mean() < 0.08


def test_town_of_address() -> None:
    assert geo.town_of_address("福島県いわき市平字梅本21", place_rules.CITY_ADDRESS_PREFIX) == "平字梅本21"
    assert geo.town_of_address("平字梅本21", place_rules.CITY_ADDRESS_PREFIX) == "平字梅本21"
