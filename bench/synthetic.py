"""A national-scale SYNTHETIC open-data set, to time the dashboard as if it served every municipality.

What it writes (always into a folder outside the published data — by default a
fresh temporary folder — and never into the repository's ``data/``):

- the My Number card file of ``data/open/`` (Parquet): a monthly KPI series
  (card issuance) for about 1,741 municipalities from January 2017 to December
  2030, in the exact format of the repository's national file (same file name
  and columns, so the dashboard reads it unchanged) plus a ``_synthetic`` column.
- the IPSS file of ``data/open/`` (Parquet): population by 5-year age group and
  sex, 2020–2070 every five years, for every municipality, every prefecture and
  the areas the real file names, in the IPSS file's format (its columns first,
  then ``male_00_04`` … ``female_90_plus`` and ``_synthetic``).
- ``parquet/population_age_sex.parquet`` and ``parquet/kpi_monthly.parquet``: the
  same two tables in long form, to time loading national-scale Parquet.
- The files that do not grow with the number of municipalities (census, maps,
  shelters, towns) are copied unchanged from the real open-data folder when it
  exists, so every page has what it needs; and a ``manifest.json`` listing every
  file with its checksum, as the dashboard requires of an open-data folder.
- ``SYNTHETIC-README.txt`` saying all of this.

The values are made up (a seeded random generator, log-normal town sizes, a
logistic card uptake); only the municipality names and codes come from the real
national file when it is there, so that pages which look for Iwaki or Fukushima
find them. Nothing here is a statistic about any real place.

Run alone: ``python -m bench.synthetic [DEST]``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bench import REPO
from dashboard.data import atomic, open_build, open_data, paths
from dashboard.data.store import sha256_bytes

MUNICIPALITIES = 1741
"""How many municipalities Japan has (the real national file lists 1,741)."""
IWAKI_CODE6 = "072044"
FUKUSHIMA_PREF = "07"
AGE_GROUPS: tuple[str, ...] = (*tuple(f"{a:02d}_{a + 4:02d}" for a in range(0, 90, 5)), "90_plus")
SEXES: tuple[str, ...] = ("male", "female")
PROJECTION_YEARS: tuple[int, ...] = tuple(range(2020, 2071, 5))
FIRST_MONTH = "2017-01-01"
LAST_MONTH = "2030-12-01"
SYNTHETIC_NOTE = "SYNTHETIC benchmark data, not a statistic"

IPSS_COLUMNS: tuple[str, ...] = (
    "code",
    "kind",
    "prefecture",
    "area",
    "year",
    "total",
    "age0_14",
    "age15_64",
    "age65plus",
    "note",
)
# Files that do not scale with the number of municipalities: copied as they are.
COPIED_AS_IS: tuple[str, ...] = (
    *open_data.CENSUS_FILES.values(),
    *open_data.BOUNDARY_FILES.values(),
    open_data.SHELTER_FILE,
    open_data.EMERGENCY_FILE,
    open_data.TOWNS_FILE,
)


@dataclass
class SyntheticSet:
    """What :func:`generate` wrote."""

    root: Path
    municipalities: int
    kpi_rows: int
    population_rows: int
    files: dict[str, int] = field(default_factory=dict)
    copied: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        """For the JSON results."""
        return {
            "root": str(self.root),
            "municipalities": self.municipalities,
            "kpi_rows": self.kpi_rows,
            "population_rows": self.population_rows,
            "files": self.files,
            "copied_real_files": self.copied,
        }


# --------------------------------------------------------------------------- safety


def forbidden_roots() -> list[Path]:
    """Folders the generator must never write into: the published data and the real open data."""
    return [(REPO / "data").resolve(), paths.data_dir().resolve(), paths.open_data_dir().resolve()]


def check_destination(dest: Path) -> Path:
    """The resolved destination, or ``ValueError`` when it is (inside) published or real open data."""
    resolved = dest.resolve()
    for root in forbidden_roots():
        if resolved == root or root in resolved.parents:
            raise ValueError(f"refusing to write synthetic data into {root} (published or real open data)")
    return resolved


# --------------------------------------------------------------------------- tables


def municipalities(real_national: Path | None = None, count: int = MUNICIPALITIES, seed: int = 7) -> pd.DataFrame:
    """The list of municipalities: prefecture, municipality, code6, code5, pref_code.

    Names and codes come from the last snapshot of the real national file when
    it is given and readable (identifiers only; no figure is taken from it),
    otherwise made-up ASCII names with codes laid out like the real ones; the
    list always contains Iwaki's code.
    """
    made_up = _made_up_municipalities(count, seed)
    real = made_up.iloc[:0]
    if real_national is not None and real_national.is_file():
        raw = pd.read_parquet(real_national, columns=["snapshot", "prefecture", "municipality", "code6"])
        last = raw[raw["snapshot"] == raw["snapshot"].max()].dropna()
        real = pd.DataFrame(
            {
                "prefecture": last["prefecture"].astype(str).to_numpy(),
                "municipality": last["municipality"].astype(str).to_numpy(),
                "code6": last["code6"].astype(str).str.zfill(6).to_numpy(),
            }
        ).drop_duplicates("code6")
    df = real.head(count)
    if len(df) < count:
        # The real file has a row without a code; made-up towns fill the list up to ``count``.
        df = pd.concat([df, made_up[~made_up["code6"].isin(df["code6"])].head(count - len(df))], ignore_index=True)
    df = df.reset_index(drop=True)
    if IWAKI_CODE6 not in set(df["code6"]):
        # A short list (tests, --municipalities) still has Iwaki: pages look it up by its code.
        iwaki = real[real["code6"] == IWAKI_CODE6]
        df.loc[len(df) - 1] = iwaki.iloc[0] if len(iwaki) else (f"pref-{FUKUSHIMA_PREF}", "town-iwaki", IWAKI_CODE6)
    df["code5"] = df["code6"].str[:5]
    df["pref_code"] = df["code6"].str[:2]
    return df.reset_index(drop=True)


def _made_up_municipalities(count: int, seed: int) -> pd.DataFrame:
    """Made-up ASCII names with codes laid out like the real ones (prefecture 01–47, 201…), Iwaki included."""
    rng = np.random.default_rng(seed)
    per_pref = np.bincount(rng.integers(0, 47, size=count), minlength=47)
    rows = [
        (f"pref-{pref:02d}", f"town-{pref:02d}{201 + i:03d}", f"{pref:02d}{201 + i:03d}")
        for pref, n in enumerate(per_pref, start=1)
        for i in range(n)
    ]
    df = pd.DataFrame(rows, columns=["prefecture", "municipality", "code6"])
    df["code6"] += df["code6"].map(_check_digit)
    if IWAKI_CODE6 not in set(df["code6"]):
        # Pages look Iwaki up by its code: the made-up list always has it.
        df.loc[len(df) - 1] = (f"pref-{FUKUSHIMA_PREF}", "town-iwaki", IWAKI_CODE6)
    return df


def _check_digit(code5: str) -> str:
    """The check digit of a local-government code (JIS X 0402), so made-up codes look like real ones."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def population_by_age_sex(munis: pd.DataFrame, seed: int = 11) -> pd.DataFrame:
    """Made-up population by 5-year age group and sex for 2020–2070 (every five years), long form.

    Columns: code5, year, sex, age_group, population. Town sizes are
    log-normal; each town ages and shrinks at its own made-up pace.
    """
    rng = np.random.default_rng(seed)
    n, years, groups = len(munis), np.array(PROJECTION_YEARS), len(AGE_GROUPS)
    base = np.clip(rng.lognormal(mean=np.log(25_000), sigma=1.2, size=n), 300, 3_800_000)
    shrink = rng.normal(-0.045, 0.03, size=n)  # change per five years
    ageing = rng.uniform(0.0, 0.6, size=n)  # 0 = young town, 1 = very old
    young = np.linspace(1.2, 0.2, groups)  # share shapes (normalised below)
    old = np.linspace(0.5, 1.3, groups)
    steps = (years - years[0]) / 5
    mix = np.clip(ageing[:, None] + 0.05 * steps[None, :], 0, 1)  # (n, years)
    shape = young[None, None, :] * (1 - mix[..., None]) + old[None, None, :] * mix[..., None]
    shape /= shape.sum(axis=2, keepdims=True)
    totals = base[:, None] * (1 + shrink[:, None]) ** steps[None, :]  # (n, years)
    by_age = totals[..., None] * shape  # (n, years, groups)
    male_share = np.clip(0.515 - 0.012 * np.maximum(0, np.arange(groups) - 11), 0.3, 0.52)
    values = np.stack([by_age * male_share, by_age * (1 - male_share)], axis=2)  # (n, years, sex, groups)
    index = pd.MultiIndex.from_product(
        [munis["code5"], years, SEXES, AGE_GROUPS], names=["code5", "year", "sex", "age_group"]
    )
    return pd.DataFrame({"population": np.rint(values).astype("int64").ravel()}, index=index).reset_index()


def wide_population(long: pd.DataFrame) -> pd.DataFrame:
    """One row per (code5, year): ``male_00_04`` … ``female_90_plus`` and the IPSS broad groups."""
    wide = long.pivot_table(
        index=["code5", "year"], columns=["sex", "age_group"], values="population", aggfunc="sum", sort=False
    )
    wide.columns = [f"{sex}_{group}" for sex, group in wide.columns]
    cols = {sex: [f"{sex}_{g}" for g in AGE_GROUPS] for sex in SEXES}
    both = [wide[cols["male"][i]] + wide[cols["female"][i]] for i in range(len(AGE_GROUPS))]
    wide["total"] = sum(both)
    wide["age0_14"] = sum(both[:3])
    wide["age15_64"] = sum(both[3:13])
    wide["age65plus"] = sum(both[13:])
    return wide[["total", "age0_14", "age15_64", "age65plus", *cols["male"], *cols["female"]]].reset_index()


def ipss_table(
    munis: pd.DataFrame,
    long: pd.DataFrame,
    real_ipss: pd.DataFrame | None = None,
    census_levels: dict[str, str] | None = None,
    seed: int = 13,
) -> pd.DataFrame:
    """The population table in the IPSS file's format, for municipalities, prefectures and named areas.

    Areas of the real file that are neither a prefecture nor a municipality
    (e.g. a region such as code 07999) keep their code and label and get the sum
    of a made-up set of their prefecture's municipalities.
    """
    wide = wide_population(long).merge(munis, on="code5")
    levels = census_levels or {}
    wide["kind"] = (
        wide["code5"].map(lambda c: levels.get(c.lstrip("0"), "2")).where(lambda k: k.isin(["1", "2", "3"]), "2")
    )
    wide["area"] = wide["municipality"]
    value_cols = [c for c in wide.columns if c == "total" or c.startswith(("age", "male_", "female_"))]
    pref = wide.groupby(["pref_code", "prefecture", "year"], as_index=False)[value_cols].sum()
    pref["code5"] = pref["pref_code"] + "000"
    pref["kind"], pref["area"] = "a", ""
    parts = [wide, pref]
    if real_ipss is not None and not real_ipss.empty:
        rng = np.random.default_rng(seed)
        extra = real_ipss[~real_ipss["kind"].astype(str).isin(["a", "1", "2", "3"])]
        for (code, kind, prefecture, area), _ in extra.groupby(["code", "kind", "prefecture", "area"], dropna=False):
            members = munis.loc[munis["pref_code"] == str(code).zfill(5)[:2], "code5"]
            if members.empty:
                continue
            chosen = rng.choice(members.to_numpy(), size=min(13, len(members)), replace=False)
            agg = wide[wide["code5"].isin(chosen)].groupby("year", as_index=False)[value_cols].sum()
            agg["code5"], agg["kind"], agg["prefecture"] = str(code).zfill(5), str(kind), prefecture
            agg["area"] = "" if pd.isna(area) else area
            parts.append(agg)
    out = pd.concat(parts, ignore_index=True)
    out["note"] = SYNTHETIC_NOTE
    out["_synthetic"] = 1
    out = out.rename(columns={"code5": "code"})
    return out[[*IPSS_COLUMNS, *[c for c in value_cols if c.startswith(("male_", "female_"))], "_synthetic"]]


def kpi_monthly(munis: pd.DataFrame, long: pd.DataFrame, seed: int = 17) -> pd.DataFrame:
    """Made-up monthly card issuance for every municipality, January 2017 – December 2030.

    Columns: snapshot (Timestamp), code5, code6, prefecture, municipality,
    population (1 January of the snapshot's year, from the made-up projection),
    cards, rate_pct. Uptake follows a logistic curve with each town's own
    ceiling, midpoint and noise.
    """
    rng = np.random.default_rng(seed)
    months = pd.date_range(FIRST_MONTH, LAST_MONTH, freq="MS")
    totals = long.groupby(["code5", "year"], sort=False)["population"].sum().unstack("year")
    totals = totals.loc[munis["code5"]]
    years = np.array(PROJECTION_YEARS, dtype=float)
    month_years = months.year.to_numpy(dtype=float)
    # Population on 1 January of each snapshot's year, log-linear between the five-year points.
    log_pop = np.array([np.interp(month_years, years, np.log(row)) for row in totals.to_numpy(dtype=float)])
    population = np.rint(np.exp(log_pop)).astype("int64")  # (n, months)
    t = (months.year - 2017 + (months.month - 1) / 12).to_numpy(dtype=float)
    n = len(munis)
    ceiling = rng.uniform(0.78, 0.95, size=n)[:, None]
    midpoint = rng.normal(5.2, 0.5, size=n)[:, None]
    rate = 0.07 + (ceiling - 0.07) / (1 + np.exp(-(t[None, :] - midpoint) / 0.9))
    rate = np.clip(rate + rng.normal(0, 0.004, size=rate.shape), 0.0, 0.99)
    cards = np.rint(population * rate).astype("int64")
    frame = pd.DataFrame(
        {
            "snapshot": np.tile(months.to_numpy(), n),
            "code5": np.repeat(munis["code5"].to_numpy(), len(months)),
            "code6": np.repeat(munis["code6"].to_numpy(), len(months)),
            "prefecture": np.repeat(munis["prefecture"].to_numpy(), len(months)),
            "municipality": np.repeat(munis["municipality"].to_numpy(), len(months)),
            "population": population.ravel(),
            "cards": cards.ravel(),
        }
    )
    frame["rate_pct"] = (100 * frame["cards"] / frame["population"]).round(1)
    return frame.sort_values(["snapshot", "code6"], kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- writing


def _write_table(df: pd.DataFrame, target: Path) -> int:
    """Write a table as the dashboard's open-data Parquet (the same encoding as ``dashboard build --open``)."""
    data = open_build.encode(df)
    atomic.write_bytes(target, data)
    return len(data)


def mynumber_frame(kpi: pd.DataFrame) -> pd.DataFrame:
    """The KPI table in the columns of the repository's national My Number card file (and ``_synthetic``)."""
    out = kpi[["snapshot", "prefecture", "municipality", "code6", "population", "cards", "rate_pct"]].copy()
    out["population_base_year"] = out["snapshot"].dt.year.astype("int32")
    out["_synthetic"] = 1
    return out


def _write_manifest(dest: Path, real_open: Path | None, result: SyntheticSet) -> None:
    """A manifest for every file the dashboard reads: the real entries for copies, new ones for synthetic files."""
    real = {e.path: e for e in open_data.read_manifest(real_open)} if real_open else {}
    entries = []
    for rel in [*result.files, *result.copied]:
        if not (dest / rel).is_file() or rel.startswith("parquet/"):
            continue
        if rel in real and rel in result.copied:
            entries.append(real[rel])
            continue
        data = (dest / rel).read_bytes()
        entries.append(
            open_data.OpenFile(
                path=rel,
                size=len(data),
                sha256=sha256_bytes(data),
                rows=len(pd.read_parquet(dest / rel)),
                as_of=None,
                upstream="bench/synthetic.py",
                licence="SYNTHETIC",
                credit=SYNTHETIC_NOTE,
                source_id=real[rel].source_id if rel in real else "synthetic",
            )
        )
    open_data.write_manifest(dest, entries)


def _real_ipss(real_open: Path | None) -> pd.DataFrame | None:
    path = real_open / open_data.IPSS_FILE if real_open else None
    if path is None or not path.is_file():
        return None
    return pd.read_parquet(path)


def _census_levels(real_open: Path | None) -> dict[str, str]:
    # The repository carries the Fukushima rows of the census: other prefectures' towns count as cities.
    path = real_open / open_data.CENSUS_FILES["fukushima"] if real_open else None
    if path is None or not path.is_file():
        return {}
    raw = pd.read_parquet(path, columns=["code5", "level"])
    raw.columns = ["code", "level"]
    raw["code"] = raw["code"].str.lstrip("0")
    # A code also has rows for its densely inhabited district and former towns: keep the municipality's own.
    raw = raw[raw["level"].isin(["1", "2", "3"])].drop_duplicates("code")
    return dict(zip(raw["code"], raw["level"], strict=True))


def _readme(result: SyntheticSet) -> str:
    lines = [
        "SYNTHETIC DATA - made up for the dashboard's performance benchmark (bench/synthetic.py).",
        "Not a statistic about any real place; never publish it, never copy it into data/.",
        "",
        f"{result.municipalities} municipalities; KPI rows {result.kpi_rows:,}; "
        f"population rows {result.population_rows:,}.",
        "Synthetic files (values made up; names and codes from the real national file when it was present):",
        *[f"  {name}  ({size:,} bytes)" for name, size in sorted(result.files.items())],
        "Real files copied unchanged (they do not grow with the number of municipalities):",
        *[f"  {name}" for name in result.copied],
    ]
    return "\n".join(lines) + "\n"


def generate(
    dest: Path | None = None, real_open: Path | None = None, count: int = MUNICIPALITIES, seed: int = 2025
) -> SyntheticSet:
    """Write the synthetic national data set into ``dest`` (a new temp folder by default).

    ``real_open`` is the real open-data folder to take names and the
    unscaled files from (default: the configured one, when it exists).
    """
    if dest is None:
        dest = Path(tempfile.mkdtemp(prefix="iwaki-bench-synthetic-"))
    dest = check_destination(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if real_open is None:
        real_open = paths.open_data_dir()
    real_open = real_open if real_open.is_dir() else None
    national = real_open / open_data.MYNUMBER_FILE if real_open else None

    munis = municipalities(national, count=count, seed=seed)
    long = population_by_age_sex(munis, seed=seed + 1)
    kpi = kpi_monthly(munis, long, seed=seed + 2)
    result = SyntheticSet(root=dest, municipalities=len(munis), kpi_rows=len(kpi), population_rows=len(long))

    result.files[open_data.MYNUMBER_FILE] = _write_table(mynumber_frame(kpi), dest / open_data.MYNUMBER_FILE)
    ipss = ipss_table(munis, long, _real_ipss(real_open), _census_levels(real_open), seed=seed + 3)
    result.files[open_data.IPSS_FILE] = _write_table(ipss, dest / open_data.IPSS_FILE)

    (dest / "parquet").mkdir(exist_ok=True)
    long_out = long.merge(munis[["code5", "code6", "prefecture", "municipality"]], on="code5")
    long_out.to_parquet(dest / "parquet" / "population_age_sex.parquet", compression="zstd", index=False)
    kpi.to_parquet(dest / "parquet" / "kpi_monthly.parquet", compression="zstd", index=False)
    for name in ("population_age_sex", "kpi_monthly"):
        rel = f"parquet/{name}.parquet"
        result.files[rel] = (dest / rel).stat().st_size

    for rel in COPIED_AS_IS:
        source = real_open / rel if real_open else None
        if source is not None and source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest / rel)
            result.copied.append(rel)
    _write_manifest(dest, real_open, result)
    (dest / "SYNTHETIC-README.txt").write_text(_readme(result), encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> None:
    """``python -m bench.synthetic [DEST]``: write the set and say where."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", nargs="?", type=Path, help="folder to write (default: a new temp folder)")
    parser.add_argument("--municipalities", type=int, default=MUNICIPALITIES)
    args = parser.parse_args(argv)
    result = generate(args.dest, count=args.municipalities)
    print(_readme(result))
    print(f"written to {result.root}")


if __name__ == "__main__":
    main()
