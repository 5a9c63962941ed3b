"""Deterministic synthetic inventories of any size, written the way analysts write them.

Benchmarks need national-scale inputs (10,000-100,000 applications) that look
like the spreadsheets ministries keep: Vietnamese and English spellings of the
codes, headers in Vietnamese, a few blanks and a few messy cells (padding,
NFD text, "1.200" thousands, "Cấp độ 3", dd/mm/yyyy dates, unreadable "?"),
and a dependency graph with the shape real portfolios have: shared platforms
as hubs (power-law in-degree), some dependency cycles and tightly coupled
clusters, about three links per application.

The graph is built on a hidden rank order: ordinary links point from a
higher rank to a lower one (a DAG, so the hubs are the low ranks); cycles and
tight clusters live in disjoint blocks of consecutive ranks, so every cycle
and every move group stays the size of its block instead of swallowing the
portfolio as a random graph would.

Same `n_apps` and `seed` → identical frames. Bump `GENERATOR_VERSION` when
the output changes, so cached benchmark inputs are made again.
"""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from benchmarks.fastxlsx import write_tables_xlsx
from benchmarks.vocabulary import (
    BOOL_TRUE_RATE,
    CATEGORY_MIX,
    CONTACTS,
    COUPLING_SPELLINGS,
    DOMAINS,
    FALSE_SPELLINGS,
    HUB_SYSTEMS,
    LINK_NOTES,
    MINISTRIES,
    NOTES,
    PROVINCES,
    SYSTEM_TYPES,
    TRUE_SPELLINGS,
    UNREADABLE,
    VENDORS,
)
from cloudfit.fields import FIELDS, FIELDS_BY_NAME
from cloudfit.text import fold_key

__all__ = [
    "GENERATOR_VERSION",
    "dependency_edges",
    "generate_inventory",
    "header_for",
    "write_inventory_csv",
    "write_inventory_xlsx",
    "write_tables_xlsx",
]

GENERATOR_VERSION = 1

HeaderLanguage = Literal["vi", "en"]

# Extra columns real inventories carry; the reader keeps them as extra attributes.
ROW_NUMBER_COLUMN = "STT"
CONTACT_COLUMN = "Người phụ trách"

# How often cells are blank (optional fields) or messy.
BLANK_RATE = 0.04
DATE_BLANK_RATE = 0.35
MESS_RATE = 0.01
UNREADABLE_RATE = 0.002
INLINE_DEPENDS_ON_RATE = 0.1

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def header_for(field_name: str, language: HeaderLanguage = "vi") -> str:
    """The column header a person would type: the label when the reader knows it, else an alias.

    Aliases are what the column mapper is guaranteed to recognise, so the
    generated files never depend on fuzzy matching.
    """
    spec = FIELDS_BY_NAME[field_name]
    label = spec.label_vi if language == "vi" else spec.label_en
    folded = {fold_key(a) for a in spec.aliases}
    if fold_key(label) in folded:
        return label
    candidates = [a for a in spec.aliases if (not a.isascii()) == (language == "vi")] or list(spec.aliases)
    return candidates[0][:1].upper() + candidates[0][1:]


DEPENDENCY_HEADERS: Mapping[HeaderLanguage, Mapping[str, str]] = {
    "vi": {
        "app_id": "Mã hệ thống",
        "depends_on": "Phụ thuộc vào",
        "coupling": "Mức độ liên kết",
        "notes": "Ghi chú",
    },
    "en": {"app_id": "App ID", "depends_on": "Depends on", "coupling": "Coupling", "notes": "Notes"},
}


def _pick(rng: np.random.Generator, pool: tuple[object, ...], n: int) -> np.ndarray:
    values = np.empty(len(pool), dtype=object)
    values[:] = list(pool)
    return values[rng.integers(0, len(pool), n)]


def _codes(rng: np.random.Generator, field_name: str, n: int) -> np.ndarray:
    mix = CATEGORY_MIX[field_name]
    codes = np.array(list(mix), dtype=object)
    weights = np.array([w for w, _ in mix.values()])
    return codes[rng.choice(len(codes), size=n, p=weights / weights.sum())]


def _spell(rng: np.random.Generator, field_name: str, codes: np.ndarray) -> np.ndarray:
    out = np.empty(len(codes), dtype=object)
    for code, (_, spellings) in CATEGORY_MIX[field_name].items():
        mask = codes == code
        out[mask] = _pick(rng, spellings, int(mask.sum()))
    return out


def _blank(rng: np.random.Generator, values: np.ndarray, rate: float) -> np.ndarray:
    values[rng.random(len(values)) < rate] = None
    return values


def _unreadable(rng: np.random.Generator, values: np.ndarray, rate: float = UNREADABLE_RATE) -> np.ndarray:
    mask = rng.random(len(values)) < rate
    values[mask] = _pick(rng, UNREADABLE, int(mask.sum()))
    return values


def _mess_text(rng: np.random.Generator, values: np.ndarray, rate: float = MESS_RATE) -> np.ndarray:
    """Pad a few cells with (non-breaking) spaces and decompose a few to NFD, as copy-paste does."""
    draw = rng.random(len(values))
    for i in np.flatnonzero(draw < rate):
        if isinstance(values[i], str):
            values[i] = (
                f"\u00a0{values[i]} " if draw[i] < rate / 2 else unicodedata.normalize("NFD", values[i])
            )
    return values


def _ints(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = [int(v) for v in values]
    return out


def _floats(values: np.ndarray) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = [float(v) for v in values]
    return out


def _thousands(rng: np.random.Generator, values: np.ndarray) -> np.ndarray:
    """Write some large counts as text with either thousands separator ("1.200", "1,200")."""
    draw = rng.random(len(values))
    for i in np.flatnonzero(draw < 0.15):
        v = values[i]
        if v is not None and v >= 1000:
            text = f"{v:,}"
            values[i] = text.replace(",", ".") if draw[i] < 0.1 else text
    return values


def _dates(rng: np.random.Generator, n: int, start: str, years: int) -> np.ndarray:
    """Dates as Excel date cells, with some dd/mm/yyyy text and some bare Excel serial numbers."""
    days = rng.integers(0, 365 * years, n)
    base = dt.datetime.fromisoformat(start)
    style = rng.random(n)
    out = np.empty(n, dtype=object)
    for i in range(n):
        value = base + dt.timedelta(days=int(days[i]))
        if style[i] < 0.8:
            out[i] = value
        elif style[i] < 0.95:
            out[i] = value.strftime("%d/%m/%Y")
        else:
            out[i] = (value - _EXCEL_EPOCH).days
    return _blank(rng, out, DATE_BLANK_RATE)


def _bools(rng: np.random.Generator, field_name: str, n: int) -> np.ndarray:
    truth = rng.random(n) < BOOL_TRUE_RATE[field_name]
    out = np.where(truth, _pick(rng, TRUE_SPELLINGS, n), _pick(rng, FALSE_SPELLINGS, n))
    return _unreadable(rng, _blank(rng, out.astype(object), BLANK_RATE))


def _agencies() -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray]:
    codes = [c for c, _, _ in MINISTRIES]
    names = [name for _, name, _ in MINISTRIES]
    weights = [w for _, _, w in MINISTRIES]
    for i, province in enumerate(PROVINCES):
        codes.append(f"T{i + 1:02d}")
        names.append(f"UBND {province}")
        weights.append(2.5 if i < 6 else 1.0)
    w = np.array(weights)
    return tuple(codes), tuple(names), w / w.sum()


def _dependency_edges(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(consumer rank, provider rank, tight) arrays; see the module docstring for the shape."""
    ranks = np.arange(n)
    degree = np.minimum(rng.poisson(3.3, n), ranks)
    consumer = np.repeat(ranks, degree)
    m = len(consumer)
    hub_pick = rng.random(m) < 0.55
    # Log-uniform over [0, rank): in-degree falls off as a power of the rank.
    to_hub = np.floor(np.power(consumer + 1.0, rng.random(m)) - 1.0).astype(np.int64)
    to_near = consumer - rng.geometric(0.05, m)
    provider = np.clip(np.where(hub_pick, to_hub, to_near), 0, np.maximum(consumer - 1, 0))

    # Disjoint blocks of consecutive ranks above the hubs: cycles and tight clusters.
    first = min(60, n // 4)
    n_blocks = max((n - first) // 4, 0)
    n_cycles = min(max(1, round(n * 0.004)), n_blocks // 2)
    n_tight = min(max(1, round(n * 0.01)), n_blocks - n_cycles)
    chosen = first + 4 * rng.choice(n_blocks, size=n_cycles + n_tight, replace=False) if n_blocks else []
    special_c: list[int] = []
    special_p: list[int] = []
    special_t: list[bool] = []
    for k, start in enumerate(int(s) for s in chosen):
        size = int(rng.integers(2, 4)) if k < n_cycles else int(rng.integers(2, 5))
        members = list(range(start, start + size))
        for lower, upper in itertools.pairwise(members):
            special_c.append(upper)
            special_p.append(lower)
            special_t.append(k >= n_cycles)
        if k < n_cycles:
            special_c.append(members[0])
            special_p.append(members[-1])
            special_t.append(False)

    consumer = np.concatenate([np.array(special_c, dtype=np.int64), consumer])
    provider = np.concatenate([np.array(special_p, dtype=np.int64), provider])
    tight = np.concatenate([np.array(special_t, dtype=bool), np.zeros(m, dtype=bool)])
    keep = consumer != provider
    consumer, provider, tight = consumer[keep], provider[keep], tight[keep]
    _, first_seen = np.unique(consumer * n + provider, return_index=True)
    first_seen.sort()
    return consumer[first_seen], provider[first_seen], tight[first_seen]


def generate_inventory(n_apps: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic inventory: (applications, dependencies) with raw, spreadsheet-like values.

    Applications have one column per field of the registry (named by field),
    plus the extra columns `STT` (row number) and `Người phụ trách`.
    Dependencies have `app_id`, `depends_on`, `coupling`, `notes`; about a
    tenth of the applications list their loose dependencies in the
    `depends_on` column instead, as some ministries do. Required fields are
    never blank and every link names a real application, so the inventory
    loads without error findings (warnings for the messy cells are expected).
    """
    if n_apps < 1:
        raise ValueError("n_apps must be at least 1")
    n = n_apps
    rng = np.random.default_rng(seed)
    agency_codes, agency_names, agency_weights = _agencies()
    agency = rng.choice(len(agency_codes), size=n, p=agency_weights)
    rank_of = rng.permutation(n)  # rank of application i in the hidden dependency order
    app_at_rank = np.argsort(rank_of)

    # Shared platforms sit at the lowest ranks (the hubs) and belong to their real owners.
    n_hubs = min(len(HUB_SYSTEMS), max(1, n // 50))
    hub_apps = app_at_rank[:n_hubs]
    for app, (code, _) in zip(hub_apps, HUB_SYSTEMS):
        agency[app] = agency_codes.index(code)

    width = max(6, len(str(n)))
    ids = np.array([f"{agency_codes[a]}-{i + 1:0{width}d}" for i, a in enumerate(agency)], dtype=object)
    owner = np.array(agency_names, dtype=object)[agency]
    short = np.array([name.removeprefix("UBND ") for name in agency_names], dtype=object)[agency]
    names = np.array([f"{t} - {s}" for t, s in zip(_pick(rng, SYSTEM_TYPES, n), short)], dtype=object)
    for app, (_, hub_name) in zip(hub_apps, HUB_SYSTEMS):
        names[app] = hub_name

    codes = {name: _codes(rng, name, n) for name in CATEGORY_MIX}
    # A little realism: mainframes run COBOL on z/OS and DB2; classified systems stay on the LAN.
    mainframe = codes["architecture"] == "mainframe"
    codes["os"][mainframe] = "mainframe_os"
    codes["tech_stack"][mainframe] = "cobol"
    codes["database"][mainframe] = "db2"
    codes["hosting"][mainframe] = "physical"
    codes["hosting"][codes["architecture"] == "saas"] = "public_cloud"
    classified = codes["state_secret"] != "none"
    codes["connectivity"][classified] = "lan_only"

    security = rng.choice(5, size=n, p=[0.08, 0.35, 0.37, 0.15, 0.05]) + 1
    security[classified] = np.maximum(security[classified], 3)
    security_raw = _ints(security)
    style = rng.random(n)
    for i in np.flatnonzero(style < 0.15):
        security_raw[i] = f"Cấp độ {security[i]}" if style[i] < 0.1 else str(security[i])

    columns: dict[str, np.ndarray] = {}
    for spec in FIELDS:
        name = spec.name
        if name == "app_id":
            values = ids
        elif name == "name":
            values = _mess_text(rng, names)
        elif name == "owner_agency":
            values = _mess_text(rng, owner.copy())
        elif name == "description":
            values = np.array(
                [f"{t} phục vụ công tác quản lý của {s}" for t, s in zip(names, short)], dtype=object
            )
            values = _blank(rng, _mess_text(rng, values), 0.1)
        elif name == "business_domain":
            values = _blank(rng, _pick(rng, DOMAINS, n), BLANK_RATE)
        elif name == "vendor":
            values = _blank(rng, _mess_text(rng, _pick(rng, VENDORS, n)), BLANK_RATE)
        elif name == "notes":
            values = _pick(rng, NOTES, n)
            values[rng.random(n) >= 0.08] = None
        elif name == "depends_on":
            values = np.full(n, None, dtype=object)  # filled below with the graph
        elif name == "security_level":
            values = _unreadable(rng, _blank(rng, security_raw, BLANK_RATE))
        elif name in CATEGORY_MIX:
            values = _unreadable(
                rng, _blank(rng, _mess_text(rng, _spell(rng, name, codes[name])), BLANK_RATE)
            )
        elif name in BOOL_TRUE_RATE:
            values = _bools(rng, name, n)
        elif name == "servers":
            values = _blank(rng, _ints(np.clip(np.round(rng.lognormal(1.3, 1.0, n)), 1, 500)), BLANK_RATE)
        elif name == "data_size_gb":
            values = _blank(rng, _floats(np.round(rng.lognormal(4.0, 2.0, n), 1)), BLANK_RATE)
        elif name == "users":
            values = _blank(rng, _ints(np.round(rng.lognormal(5.5, 2.0, n))), BLANK_RATE)
            values = _thousands(rng, values)
        elif name == "peak_to_average_load":
            values = _blank(rng, _floats(np.round(1.0 + rng.gamma(2.0, 0.8, n), 1)), BLANK_RATE * 2)
        elif name == "year_deployed":
            years = np.clip(np.round(rng.normal(2014, 6, n)), 1990, 2025)
            years[mainframe] = np.minimum(years[mainframe], 2000)
            values = _blank(rng, _ints(years), BLANK_RATE)
        elif name == "license_expiry":
            values = _dates(rng, n, "2024-01-01", 8)
        elif name == "hardware_refresh_due":
            values = _dates(rng, n, "2024-06-01", 7)
        elif name == "annual_cost":
            values = _blank(rng, _floats(np.round(rng.lognormal(5.5, 1.2, n))), BLANK_RATE * 2)
        else:
            raise AssertionError(f"benchmarks.generate has no values for field {name!r}; add them")
        columns[name] = values

    consumer_rank, provider_rank, tight = _dependency_edges(rng, n)
    consumer = app_at_rank[consumer_rank]
    provider = app_at_rank[provider_rank]
    coupling = np.where(
        tight,
        _pick(rng, COUPLING_SPELLINGS["tight"], len(tight)),
        _pick(rng, COUPLING_SPELLINGS["loose"], len(tight)),
    )
    link_notes = _pick(rng, LINK_NOTES, len(tight))
    link_notes[rng.random(len(tight)) >= 0.1] = None
    deps = pd.DataFrame(
        {"app_id": ids[consumer], "depends_on": ids[provider], "coupling": coupling, "notes": link_notes}
    )

    # Some applications list their loose links in their own `depends_on` cell instead.
    inline_app = rng.random(n) < INLINE_DEPENDS_ON_RATE
    inline = inline_app[consumer] & ~tight
    separators = np.where(rng.random(n) < 0.5, "; ", ", ")
    moved = deps[inline]
    for app_id, group in moved.groupby("app_id", sort=True)["depends_on"]:
        index = int(app_id.rsplit("-", 1)[1]) - 1
        columns["depends_on"][index] = separators[index].join(group.tolist())
    deps = deps[~inline].reset_index(drop=True)

    apps = pd.DataFrame({ROW_NUMBER_COLUMN: np.arange(1, n + 1), **columns})
    apps[CONTACT_COLUMN] = _blank(rng, _pick(rng, CONTACTS, n), 0.2)
    return apps, deps


def dependency_edges(apps: pd.DataFrame, deps: pd.DataFrame) -> pd.DataFrame:
    """Every link of a generated inventory (sheet rows and `depends_on` cells): app_id, depends_on, coupling.

    Coupling is the canonical code ('tight'/'loose'); links from the column are loose.
    """
    folded = {fold_key(s): code for code, spellings in COUPLING_SPELLINGS.items() for s in spellings}
    sheet = deps[["app_id", "depends_on"]].assign(
        coupling=deps["coupling"].map(lambda s: folded[fold_key(s)])
    )
    cells = apps[["app_id", "depends_on"]].dropna()
    listed = cells.assign(depends_on=cells["depends_on"].str.replace(",", ";").str.split(";")).explode(
        "depends_on"
    )
    listed = listed.assign(depends_on=listed["depends_on"].str.strip(), coupling="loose")
    return pd.concat([sheet, listed], ignore_index=True)


def _headers(columns: pd.Index, language: HeaderLanguage) -> list[str]:
    return [header_for(c, language) if c in FIELDS_BY_NAME else str(c) for c in columns]


def write_inventory_xlsx(
    apps: pd.DataFrame, deps: pd.DataFrame, path: str | Path, headers: HeaderLanguage = "vi"
) -> Path:
    """The inventory as an analyst's workbook: sheets "Applications" and "Dependencies"."""
    apps_out = apps.set_axis(_headers(apps.columns, headers), axis=1)
    deps_out = deps.set_axis([DEPENDENCY_HEADERS[headers].get(c, c) for c in deps.columns], axis=1)
    return write_tables_xlsx({"Applications": apps_out, "Dependencies": deps_out}, path)


def write_inventory_csv(
    apps: pd.DataFrame, deps: pd.DataFrame, path: str | Path, headers: HeaderLanguage = "vi"
) -> Path:
    """The inventory as one UTF-8 CSV (with BOM, as Excel saves it); dates as dd/mm/yyyy.

    A CSV has one sheet, so the dependency rows are folded into each
    application's `depends_on` cell (their coupling becomes loose).
    """
    path = Path(path)
    out = apps.copy()
    listed = deps.groupby("app_id", sort=False)["depends_on"].agg("; ".join)
    extra = out["app_id"].map(listed)
    both = out["depends_on"].notna() & extra.notna()
    out["depends_on"] = out["depends_on"].where(extra.isna(), extra)
    out.loc[both, "depends_on"] = apps.loc[both, "depends_on"] + "; " + extra[both]
    for name in ("license_expiry", "hardware_refresh_due"):
        out[name] = [v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else v for v in out[name]]
    out.set_axis(_headers(out.columns, headers), axis=1).to_csv(path, index=False, encoding="utf-8-sig")
    return path
