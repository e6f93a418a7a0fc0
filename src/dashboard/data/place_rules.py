"""Name rules for the located facilities: facility type from a name, district (地区) from a town name.

These are tables about the *text* of the open data (the names in the 国土地理院
shelter files and the Geolonia town list), so they live in the data layer, the
only layer allowed to carry Japanese data text. The pure functions that apply
them are in :mod:`dashboard.metrics.geo`; the facilities page passes these
tables in.

Facility types (``FACILITY_TYPE_RULES``)
    Checked in order; the first rule whose pattern occurs in the name wins.
    Order matters: schools come first, so 旧白水小学校体育館前広場 is a school
    (小学校) and not a gym, and 勿来体育館・錦公民館 is a 公民館 because the
    公民館 rule comes before the gym rule. 小・中学校 (a combined school) counts
    as an elementary school, like 高野小学校・内郷第三中学校. 高等学校 also
    matches 高校; 高等専門学校 (a technical college) does not contain
    高等学校 and stays "other", as do 支援学校 (special-needs schools).
    The welfare rule catches names that say what they are (ホーム, 福祉, 介護,
    老人, 障害, 療護 …) and the customary 〜荘 / 〜苑 / 〜園 names of care homes;
    a name ending in 公園, 遊園, 墓園, 霊園 or 庭園 is not a care home. Names that
    say nothing (つばさ, ポポロ, のはら …) are left as "other" rather than guessed.

Districts (``DISTRICT_PREFIXES``)
    Iwaki's 13 districts are the municipalities merged in 1966. Most town
    names start with their district (平…, 小名浜…, 常磐…, 内郷…, 四倉町…,
    遠野町…, 小川町…, 好間町…, 三和町…, 田人町…, 川前町…, 久之浜町… / 大久町…
    → 久之浜・大久, 勿来町…). The exceptions handled here, each with its
    reason, are towns of the former 勿来市 and 磐城市 whose names never took
    the district's prefix:

    - 勿来 (former 勿来市 = 勿来町, 植田町, 錦町, 川部村, 山田村): 植田町, 錦町,
      川部町, 山田町, and the former 鮫川村 (later 植田町) villages 佐糠町,
      岩間町, 小浜町, 江畑町, 東田町; 金山町 (split from 岩間町 and its
      neighbours in 1972); 富津町 (part of the former 山田村).
    - 小名浜 (former 磐城市 = 小名浜町, 江名町, 泉町, 渡辺村; 鹿島村 joined
      小名浜町 in 1953): 江名, 永崎, 中之作, 折戸, 泉… (泉町, 泉玉露, 泉ケ丘,
      泉もえぎ台), 渡辺町…, 鹿島町…, and the estates carved out of them:
      洋向台 (from 永崎), 湘南台 (from 小名浜岡小名), 葉山.
    - 平 (former 平市): 中央台… (いわきニュータウン, 中央台鹿島 is recorded as
      平地区), 薄磯 (the former 豊間町 joined 平市 in 1954).

    Towns whose district could not be established from these sources are
    deliberately absent and come out as "unknown": 中岡町, 後田町, 石塚町,
    瀬戸町, 三沢町, 沼部町, 仁井田町, 山玉町, 高倉町, 添野町, 南台, 郷ケ丘,
    自由ケ丘, 若葉台, 桜ケ丘, 草木台, 石森, 小島町 and 明治団地 (both split
    between 平 and 内郷), 中部工業団地. The longest matching prefix wins, so
    常磐… is never taken for anything shorter.
"""

from __future__ import annotations

# (type id, regular expression searched in the name), in priority order.
FACILITY_TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("elementary", r"小学校|小・中学校"),
    ("junior_high", r"中学校"),
    ("high_school", r"高等学校|高校"),
    ("community_centre", r"公民館"),
    (
        "assembly_hall",
        r"集会所|集会施設|多目的集会|会館|コミュニティセンター|構造改善センター|"
        r"活性化センター|交流センター",
    ),
    ("gym", r"体育館|アリーナ|武道館|屋内運動場|ゲートボール場"),
    ("childcare", r"保育園|保育所|幼稚園|こども園|児童センター"),
    (
        "welfare",
        r"ホーム|福祉|介護|老人|障害|支援センター|就労支援|療護|作業所|自立生活|"
        r"荘|苑$|(?<![公遊墓霊庭])園$",
    ),
)
OTHER_TYPE = "other"

UNKNOWN_DISTRICT = "unknown"

# Town-name prefix → district id (see the module docstring for each exception).
DISTRICT_PREFIXES: dict[str, str] = {
    "平": "taira",
    "中央台": "taira",
    "薄磯": "taira",
    "小名浜": "onahama",
    "江名": "onahama",
    "永崎": "onahama",
    "中之作": "onahama",
    "折戸": "onahama",
    "泉": "onahama",
    "渡辺町": "onahama",
    "鹿島町": "onahama",
    "洋向台": "onahama",
    "湘南台": "onahama",
    "葉山": "onahama",
    "勿来町": "nakoso",
    "植田町": "nakoso",
    "錦町": "nakoso",
    "川部町": "nakoso",
    "山田町": "nakoso",
    "佐糠町": "nakoso",
    "岩間町": "nakoso",
    "小浜町": "nakoso",
    "江畑町": "nakoso",
    "東田町": "nakoso",
    "金山町": "nakoso",
    "富津町": "nakoso",
    "常磐": "joban",
    "内郷": "uchigo",
    "四倉町": "yotsukura",
    "遠野町": "tono",
    "小川町": "ogawa",
    "好間": "yoshima",
    "三和町": "miwa",
    "田人町": "tabito",
    "川前町": "kawamae",
    "久之浜町": "hisanohama_ohisa",
    "大久町": "hisanohama_ohisa",
}

# The 13 districts in the city's customary order, then "unknown".
DISTRICTS: tuple[str, ...] = (
    "taira",
    "onahama",
    "nakoso",
    "joban",
    "uchigo",
    "yotsukura",
    "tono",
    "ogawa",
    "yoshima",
    "miwa",
    "tabito",
    "kawamae",
    "hisanohama_ohisa",
    UNKNOWN_DISTRICT,
)

# The prefix every address in the shelter files starts with (used to read the town from an address).
CITY_ADDRESS_PREFIX = "福島県いわき市"
