"""Per-application costs: today's run cost, the target's, the one-off move, payback and TCO.

Column arithmetic over the whole results table (no loop per application):
each cost is the sum of named drivers, kept as columns so every figure can
say where it comes from, as the effort does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cloudfit.cost.model import CostModel

# How an application's target run cost is computed, from its strategy and platform.
STAY, ARCHIVE, SAAS, CLOUD = "stay", "archive", "saas", "cloud"

CURRENT_DRIVERS = ("hardware", "power_space", "os_licence", "storage", "database_licence", "operations")
TARGET_DRIVERS = (
    "compute",
    "memory",
    "storage",
    "os_licence",
    "database_licence",
    "operations",
    "saas",
    "archive",
)
ONCE_DRIVERS = ("labour", "data_transfer", "dual_running", "licence_change")
TCO_YEARS = 5  # the contract's `tco_5y_*`: five years of running, with or without the move
COST_COLUMNS = (
    "current_annual",
    "target_annual",
    "migration_once",
    "payback_months",
    "tco_5y_stay",
    "tco_5y_move",
)


def _number(frame: pd.DataFrame, column: str, default: float) -> tuple[np.ndarray, np.ndarray]:
    """A numeric input column as floats, the model's default where it is empty, and where it was."""
    if column in frame:
        values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    else:
        values = np.full(len(frame), np.nan)
    missing = ~np.isfinite(values) | (values < 0)
    return np.where(missing, default, values), missing


def _lookup(frame: pd.DataFrame, column: str, table: dict[str, float], default: float = 0.0) -> np.ndarray:
    if column not in frame:
        return np.full(len(frame), default)
    return frame[column].map(table).astype(float).fillna(default).to_numpy()


def target_platforms(results: pd.DataFrame, model: CostModel) -> pd.Series:
    """The platform whose prices apply: the assessment's target platform when priced, else by deployment."""
    by_deployment = results["deployment"].map(model.platform_by_deployment)
    if "target_platform" in results:
        named = results["target_platform"].where(results["target_platform"].isin(list(model.platforms)))
        by_deployment = named.fillna(by_deployment)
    platform = by_deployment.where(results["strategy"].ne("repurchase"), "saas")
    return platform.astype(object).where(platform.notna(), None)


def _target_kind(results: pd.DataFrame, platform: pd.Series) -> np.ndarray:
    strategy = results["strategy"].to_numpy(dtype=object)
    return np.select(
        [strategy == "retire", (strategy == "retain") | platform.isna().to_numpy(), strategy == "repurchase"],
        [ARCHIVE, STAY, SAAS],
        CLOUD,
    ).astype(object)


def estimate(results: pd.DataFrame, model: CostModel) -> pd.DataFrame:
    """One row per application (same order as `results`): the costs, their drivers and the platform priced.

    Amounts in million VND; `payback_months` is NaN when moving saves nothing.
    """
    n = len(results)
    servers, no_servers = _number(results, "servers", model.defaults.servers)
    data_gb, no_data = _number(results, "data_size_gb", model.defaults.data_gb)
    users, _ = _number(results, "users", model.defaults.users)
    data_tb = data_gb / 1000.0
    strategy = results["strategy"]
    cur = model.current

    # Today's run cost: declared, else estimated from the estate.
    declared, undeclared = _number(results, "annual_cost", 0.0)
    est = {
        "hardware": servers * cur.server_price / cur.server_life_years,
        "power_space": servers * cur.power_space_per_server_year,
        "os_licence": servers * _lookup(results, "os", cur.os_licence_per_server_year),
        "storage": data_tb * cur.storage_per_tb_year,
        "database_licence": _lookup(results, "database", cur.database_licence_per_year),
        "operations": servers * cur.operations_fte_per_server * cur.operations_fte_cost_year,
    }
    estimated_total = sum(est.values())
    current = np.where(undeclared, estimated_total, declared)
    # Declared costs are split over the drivers in the estimate's proportions, so the
    # target's shares (licences kept, operations remaining) still apply.
    scale = np.divide(current, estimated_total, out=np.zeros(n), where=estimated_total > 0)
    parts = {key: value * scale for key, value in est.items()}

    platform = target_platforms(results, model)
    kind = _target_kind(results, platform)
    price = {
        field: platform.map({p: getattr(v, field) for p, v in model.platforms.items()})
        .astype(float)
        .fillna(0.0)
        for field in ("vcpu_month", "memory_gb_month", "storage_gb_month", "user_month", "minimum_month")
    }
    size = model.sizing
    right = strategy.map(size.rightsizing).astype(float).fillna(1.0).to_numpy()
    cloud = kind == CLOUD
    saas = kind == SAAS
    keeps_db = strategy.isin(model.database_licence_kept_for).to_numpy() & cloud
    remaining_ops = strategy.map(model.operations_remaining).astype(float).fillna(1.0).to_numpy()
    target = {
        "compute": np.where(cloud, servers * size.vcpu_per_server * right * price["vcpu_month"] * 12, 0.0),
        "memory": np.where(
            cloud, servers * size.memory_gb_per_server * right * price["memory_gb_month"] * 12, 0.0
        ),
        "storage": np.where(
            cloud, data_gb * (1 + size.storage_overhead) * price["storage_gb_month"] * 12, 0.0
        ),
        "os_licence": np.where(cloud, parts["os_licence"] * right, 0.0),
        "database_licence": np.where(keeps_db, parts["database_licence"], 0.0),
        "operations": np.where(cloud | saas, parts["operations"] * remaining_ops, 0.0),
        "saas": np.where(saas, np.maximum(users * price["user_month"], price["minimum_month"]) * 12, 0.0),
        "archive": np.where(kind == ARCHIVE, data_tb * model.once.archive_per_tb_year, 0.0),
    }
    stays = kind == STAY
    target_annual = np.where(stays, current, sum(target.values()))

    moves = ~stays
    person_days, _ = _number(results, "person_days", 0.0)
    vendor = strategy.map(model.vendor_share).astype(float).fillna(0.0).to_numpy()
    rate = vendor * model.day_rates.vendor + (1 - vendor) * model.day_rates.in_house
    dual_months = strategy.map(model.once.dual_running_months).astype(float).fillna(0.0).to_numpy()
    once = {
        "labour": np.where(moves, person_days * rate, 0.0),
        "data_transfer": np.where(moves, data_tb * model.once.data_transfer_per_tb, 0.0),
        "dual_running": np.where(moves, dual_months * target_annual / 12, 0.0),
        "licence_change": np.where(
            moves, strategy.map(model.once.licence_change).astype(float).fillna(0.0).to_numpy(), 0.0
        ),
    }
    migration_once = sum(once.values())

    saving_month = (current - target_annual) / 12
    payback = np.full(n, np.nan)
    pays = moves & (saving_month > 0)
    payback[pays] = migration_once[pays] / saving_month[pays]
    years = TCO_YEARS
    table = pd.DataFrame(
        {
            "app_id": results["app_id"].to_numpy(dtype=object),
            "owner_agency": results["owner_agency"].to_numpy(dtype=object),
            "platform": platform.to_numpy(dtype=object),
            "target_kind": kind,
            "current_estimated": undeclared,
            "sizes_defaulted": no_servers | no_data,
            "current_annual": current,
            "target_annual": target_annual,
            "migration_once": migration_once,
            "payback_months": payback,
            "tco_5y_stay": years * current,
            "tco_5y_move": migration_once + years * target_annual,
        }
    )
    for key in CURRENT_DRIVERS:
        table[f"current.{key}"] = parts[key]
    table["current.declared"] = current - sum(parts.values())  # a declared cost with nothing to split it by
    for key in TARGET_DRIVERS:
        table[f"target.{key}"] = np.where(stays, 0.0, target[key])
    table["target.unchanged"] = np.where(stays, current, 0.0)
    for key in ONCE_DRIVERS:
        table[f"once.{key}"] = once[key]
    return table


def driver_records(table: pd.DataFrame) -> list[dict]:
    """The drivers of each application's costs, for its explanation (zero drivers left out)."""
    groups = {
        "current": (*CURRENT_DRIVERS, "declared"),
        "target": (*TARGET_DRIVERS, "unchanged"),
        "once": ONCE_DRIVERS,
    }
    columns = {
        (group, key): table[f"{group}.{key}"].to_numpy(dtype=float).round(2).tolist()
        for group, keys in groups.items()
        for key in keys
    }
    platform = table["platform"].tolist()
    estimated = table["current_estimated"].tolist()
    defaulted = table["sizes_defaulted"].tolist()
    out = []
    for i in range(len(table)):
        record: dict = {
            "platform": platform[i],
            "current_estimated": bool(estimated[i]),
            "sizes_defaulted": bool(defaulted[i]),
        }
        for group, keys in groups.items():
            record[group] = {key: columns[group, key][i] for key in keys if columns[group, key][i]}
        out.append(record)
    return out


def cost_records(table: pd.DataFrame) -> list[dict]:
    """The contract's `cost` object of each application (million VND; payback None when never)."""
    values = {key: table[key].to_numpy(dtype=float).round(2) for key in COST_COLUMNS}
    lists = {key: [None if v != v else v for v in column.tolist()] for key, column in values.items()}
    return [dict(zip(COST_COLUMNS, row)) for row in zip(*lists.values())]
