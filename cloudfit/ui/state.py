"""Session state and the caches behind every page.

What a session holds (the inventory's bytes, the mapping, the model, the
what-if weights, the planner options, the language, the filters) lives under
the keys below; the filters' chosen values are read through
`cloudfit.ui.filtering`. Heavy steps are cached on what determines them: the file's
digest (standing for its bytes), the mapping, the model's name or digest,
the weights and the planner options. A slider move therefore reuses the
parsed inventory and recomputes only what the slider changes.

Models are cached with `st.cache_data`. Reads, scores, plans, costs and charts are
held by the sessions that use them (`cloudfit.ui.shared_cache`: a few entries per
session, none unused for 20 minutes) and shared between sessions through weak
references: they are never modified, an `Assessment` holds read-only mappings that
cannot be pickled, and handing out the same object (no pickled copy: ~60 ms per
call at 10,000 applications) is what keeps a 10,000-application page instant,
while a result goes as soon as the last session holding it ends. An upload is read
once (`cloudfit.sandbox.read_upload_bounded`): the inventory, the mapping step's
column matches and the detected format come from the same bounded read. The
what-if sliders need scores only (`scores`), not waves, so a slider move does not
re-plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from cloudfit.assessment import Assessment, assemble, with_cost_model
from cloudfit.cost import load_cost_model
from cloudfit.errors import CloudfitError, InputError, ModelError
from cloudfit.inventory import ColumnMatch, Inventory
from cloudfit.options import AssessOptions, PlanOptions
from cloudfit.readiness import ReadinessResult
from cloudfit.sandbox import UploadRead, file_format_bounded, read_upload_bounded
from cloudfit.scoring import ScoreResult, score
from cloudfit.scoring_model import ScoringModel, load_model
from cloudfit.ui import housekeeping, readiness_state
from cloudfit.ui.shared_cache import SharedCache

ENV_INVENTORY = "CLOUDFIT_INVENTORY"
SAMPLE = Path(__file__).resolve().parents[2] / "app_inventories" / "sample_vietnam.xlsx"
DEFAULT_MODEL = "default"

LANG = "lang"
SOURCE = "source"
MAPPING = "mapping"
MODEL = "model"
WEIGHTS = "weights"
PLAN = "plan"
LOAD_ERROR = "load_error"
PENDING = "pending_source"
# A workspace portfolio (national or one agency) shown instead of an uploaded file (cloudfit/ui/workspace.py).
WORKSPACE_VIEW = "workspace_view"
FILTERS = ("filter_agency", "filter_band", "filter_deployment", "filter_strategy", "filter_wave")
PLAN_WIDGETS = ("plan_pins", "plan_pins_base")
CACHE_TTL = dt.timedelta(minutes=20)
CACHE_SECONDS = CACHE_TTL.total_seconds()
# The formats the mapping step shows without asking: what was detected, and cloudfit's own.
_FORMATS_SHOWN = ("auto", "cloudfit")


@dataclass(frozen=True)
class Source:
    """An inventory file as the session received it."""

    name: str
    data: bytes
    digest: str
    startup: bool = False


@dataclass(frozen=True)
class ModelChoice:
    """A bundled model by name, or a model file the user uploaded."""

    name: str
    data: bytes | None = None

    @property
    def key(self) -> str:
        if self.data is None:
            return f"bundled:{self.name}"
        return f"upload:{hashlib.sha256(self.data).hexdigest()}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def startup_path() -> Path:
    """The file named by CLOUDFIT_INVENTORY, else the bundled sample."""
    value = os.environ.get(ENV_INVENTORY, "").strip()
    return Path(value) if value else SAMPLE


def init() -> None:
    """Fill the session's defaults once; the startup file is read here."""
    housekeeping.start()
    ss = st.session_state
    ss.setdefault(LANG, ss.get(kept_key(LANG), "en"))  # a page switch drops widget state, not the language
    ss.setdefault(MAPPING, None)
    ss.setdefault(MODEL, ModelChoice(DEFAULT_MODEL))
    ss.setdefault(WEIGHTS, {})
    ss.setdefault(PLAN, PlanOptions())
    ss.setdefault(LOAD_ERROR, None)
    if SOURCE not in ss:
        ss[SOURCE] = None
        path = startup_path()
        try:
            data = path.read_bytes()
        except OSError:
            ss[LOAD_ERROR] = (
                f"The startup inventory {path} cannot be read. Set {ENV_INVENTORY} to an inventory file "
                "or upload one on the Inventory page."
            )
            return
        set_source(Source(path.name, data, digest(data), startup=True))


def lang() -> str:
    return st.session_state.get(LANG, "en")


# Widgets whose options are shown translated. Streamlit keeps such a widget's value as the label the
# browser last showed, which a language switch makes stale; so their values are also kept under
# `keep:<key>`, the widgets are dropped on a language switch and seeded again from that store.
TRANSLATED_WIDGETS = (
    "filter_band",
    "filter_deployment",
    "filter_strategy",
    "filter_wave",
    "mix_by",
    "network_colour",
)


def kept_key(key: str) -> str:
    """Where `remember` keeps a widget's value: apart from the widget, whose state Streamlit drops
    when it is not drawn (another page, a closed box, a language switch)."""
    return f"keep:{key}"


def seed(key: str, default: object) -> None:
    """Give a translated widget its remembered value before it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(kept_key(key), default)


def remember(key: str) -> None:
    st.session_state[kept_key(key)] = st.session_state.get(key)


def language_changed() -> None:
    """on_change of the language switch: translated widgets start again from their remembered values."""
    for key in TRANSLATED_WIDGETS:
        st.session_state.pop(key, None)


# ---- cached steps --------------------------------------------------------------------------------


# Uploads are parsed in a bounded child process (cloudfit.sandbox), once per file and mapping: the
# inventory, the mapping step's column matches and the detected format come from the same read.
_reads: SharedCache[UploadRead] = SharedCache("reads", per_session=3, ttl_seconds=CACHE_SECONDS)


def _read(source: Source, mapping: str | None) -> UploadRead:
    def compute() -> UploadRead:
        document = json.loads(mapping) if mapping is not None else None
        try:
            return read_upload_bounded(
                source.data, filename=source.name, mapping=document, formats=_FORMATS_SHOWN
            )
        except CloudfitError as error:  # not even read: every view of the file says why
            return UploadRead(None, error.with_traceback(None), None, {})

    return _reads.get((source.digest, source.name, mapping), compute)


def retry(source: Source) -> None:
    """A file handed over again is read again if it failed (a refusal for time or memory may not recur)."""
    _reads.forget((source.digest, source.name, None), lambda read: read.inventory is None)


@st.cache_data(max_entries=8, ttl=CACHE_TTL, show_spinner=False)
def _format(file_digest: str, filename: str, name: str, _data: bytes) -> dict:
    return file_format_bounded(_data, filename=filename, name=name)


def mapping_key(mapping: dict | None) -> str | None:
    """A mapping (plain or version 2, possibly nested) as the text that keys the caches."""
    return None if mapping is None else json.dumps(mapping, sort_keys=True, ensure_ascii=False, default=str)


@st.cache_data(max_entries=8, ttl=CACHE_TTL, show_spinner=False)
def _model(key: str, name: str, _data: bytes | None) -> ScoringModel:
    if _data is None:
        return load_model(name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(name).stem + ".yaml")
        path.write_bytes(_data)
        try:
            return load_model(str(path))
        except ModelError as error:
            raise ModelError(str(error).replace(str(path), name)) from None


# Scores per weight setting (the what-if slider needs no plan) and plans per planner setting.
_scores: SharedCache[ScoreResult] = SharedCache("scores", per_session=4, ttl_seconds=CACHE_SECONDS)
_plans: SharedCache[Assessment] = SharedCache("plans", per_session=4, ttl_seconds=CACHE_SECONDS)


def _rescored(
    inventory_key: tuple,
    model_key: str,
    weights: tuple[tuple[str, float], ...],
    as_of: dt.date,
    inv: Inventory,
    mdl: ScoringModel,
) -> ScoreResult:
    return _scores.get(
        (inventory_key, model_key, weights, as_of),
        lambda: score(
            inv.applications, mdl, weights=dict(weights), as_of=as_of, dependencies=inv.dependencies
        ),
    )


def _planned(
    inventory_key: tuple,
    model_key: str,
    weights: tuple[tuple[str, float], ...],
    as_of: dt.date,
    plan_key: str,
    inv: Inventory,
    mdl: ScoringModel,
    scored: ScoreResult,
    plan: PlanOptions,
    readiness: ReadinessResult | None = None,
) -> Assessment:
    options = AssessOptions(weights=dict(weights), as_of=as_of, plan=plan)
    return _plans.get(
        (inventory_key, model_key, weights, as_of, plan_key),
        lambda: assemble(inv, mdl, options, scored, readiness),
    )


def _mapping_key() -> str | None:
    return mapping_key(st.session_state.get(MAPPING))


def read_inventory(source: Source, mapping: dict | None) -> Inventory:
    """Parse (or fetch from the cache) an inventory; raises CloudfitError for bad files."""
    read = _read(source, mapping_key(mapping))
    if read.inventory is None:
        raise read.error.with_traceback(None)
    return read.inventory


def column_matches(source: Source, mapping: dict | None) -> tuple[ColumnMatch, ...]:
    """How each column of the applications sheet matches a field (for the mapping step)."""
    read = _read(source, mapping_key(mapping))
    if read.matches is None:
        raise read.error.with_traceback(None)
    return read.matches


def file_format(source: Source, name: str = "auto") -> dict:
    """The format the file is read as ({name, title, reason, sheet}), detected or chosen.

    The detected one comes from the read the mapping step already made; another format
    asked for by name is located by a read of its own.
    """
    ss = st.session_state
    mapping = ss.get(MAPPING) if ss.get(SOURCE) == source else None
    shown = _read(source, mapping_key(mapping)).formats.get(name)
    return shown if shown is not None else _format(source.digest, source.name, name, source.data)


def read_model(choice: ModelChoice) -> ScoringModel:
    return _model(choice.key, choice.name, choice.data)


# ---- what the pages call -------------------------------------------------------------------------


def set_source(source: Source, mapping: dict[str, str | None] | None = None) -> None:
    """Switch to `source` if it loads; otherwise drop the current results and remember the error.

    Results left on screen under an error would be taken for the failed file's.
    """
    ss = st.session_state
    try:
        read_inventory(source, mapping)
    except CloudfitError as error:
        ss[LOAD_ERROR] = error.with_traceback(None)  # shown in the reader's language (CloudfitError.text)
        ss[PENDING] = _mappable(source, mapping)
        ss[SOURCE] = None
        ss.pop(WORKSPACE_VIEW, None)
        return
    ss[PENDING] = None
    ss.pop(WORKSPACE_VIEW, None)
    ss[SOURCE] = source
    ss[MAPPING] = mapping
    ss[LOAD_ERROR] = None
    ss[PLAN] = replace(ss[PLAN], pins={})
    for key in (*FILTERS, *PLAN_WIDGETS):
        ss.pop(key, None)
        ss.pop(kept_key(key), None)


def _mappable(source: Source, mapping: dict[str, str | None] | None) -> Source | None:
    """The failed source when its columns can still be read, so the mapping step can repair it."""
    try:
        column_matches(source, mapping)
    except CloudfitError:
        return None
    return source


def set_model(choice: ModelChoice) -> None:
    """Switch model (raises CloudfitError when it does not load); what-if weights start afresh."""
    read_model(choice)
    st.session_state[MODEL] = choice
    st.session_state[WEIGHTS] = {}


def has_source() -> bool:
    return st.session_state.get(SOURCE) is not None or st.session_state.get(WORKSPACE_VIEW) is not None


def inventory() -> Inventory:
    view = st.session_state.get(WORKSPACE_VIEW)
    if view is not None:
        return view.inventory
    source: Source | None = st.session_state.get(SOURCE)
    if source is None:
        raise InputError("No inventory is loaded yet: upload one on the Inventory page.")
    loaded = read_inventory(source, st.session_state.get(MAPPING))
    gated = readiness_state.applied()
    return loaded if gated is None else _with_skills(source.digest, gated[0], loaded, gated[1])


_skilled: SharedCache[Inventory] = SharedCache("skilled", per_session=2, ttl_seconds=CACHE_SECONDS)


def _with_skills(
    file_digest: str, readiness_key: str, inv: Inventory, readiness: ReadinessResult
) -> Inventory:
    """The inventory with team_cloud_skills taken from the agencies' answers where it is empty."""
    from cloudfit.readiness.apply import with_agency_skills

    return _skilled.get((file_digest, readiness_key), lambda: with_agency_skills(inv, readiness))


def model() -> ScoringModel:
    try:
        return read_model(st.session_state[MODEL])
    except CloudfitError:
        raise
    except Exception as error:
        raise ModelError(f"The scoring model cannot be loaded: {error}") from error


def _inventory_key() -> tuple:
    """The inventory as read, and the readiness answers when their gates are applied."""
    view = st.session_state.get(WORKSPACE_VIEW)
    if view is not None:
        return ("workspace", view.key)
    source: Source = st.session_state[SOURCE]
    gated = readiness_state.applied()
    return (source.digest, _mapping_key(), gated[0] if gated else None)


def _weights_key(weights: dict[str, float]) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((k, float(v)) for k, v in weights.items()))


def assessment(weights: dict[str, float] | None = None, plan: PlanOptions | None = None) -> Assessment:
    """The assessment for the session's inventory and model, with these (or the session's) settings."""
    ss = st.session_state
    weights = ss[WEIGHTS] if weights is None else weights
    plan = ss[PLAN] if plan is None else plan
    inv, mdl = inventory(), model()
    choice: ModelChoice = ss[MODEL]
    today = dt.date.today()
    wkey = _weights_key(weights)
    scored = _rescored(_inventory_key(), choice.key, wkey, today, inv, mdl)
    gated = readiness_state.applied()
    readiness = gated[1] if gated else None
    planned = _planned(
        _inventory_key(), choice.key, wkey, today, repr(plan.to_dict()), inv, mdl, scored, plan, readiness
    )
    changes = cost_changes()
    if changes:
        key = (_inventory_key(), choice.key, wkey, today, repr(plan.to_dict()))
        planned = _costed(key, tuple(sorted(changes.items())), planned)
    view = ss.get(WORKSPACE_VIEW)
    return planned if view is None else view.decided(planned)


def assessment_key(weights: dict[str, float] | None = None, plan: PlanOptions | None = None) -> tuple:
    """What `assessment()` is cached on: a key for anything derived from that assessment."""
    ss = st.session_state
    weights = ss[WEIGHTS] if weights is None else weights
    plan = ss[PLAN] if plan is None else plan
    choice: ModelChoice = ss[MODEL]
    return (
        _inventory_key(),
        choice.key,
        _weights_key(weights),
        dt.date.today(),
        repr(plan.to_dict()),
        tuple(sorted(cost_changes().items())),
    )


def scores(weights: dict[str, float] | None = None) -> ScoreResult:
    """Scores alone (no wave plan) with these (or the session's) weights: what the what-if diff needs."""
    weights = st.session_state[WEIGHTS] if weights is None else weights
    choice: ModelChoice = st.session_state[MODEL]
    return _rescored(
        _inventory_key(), choice.key, _weights_key(weights), dt.date.today(), inventory(), model()
    )


def base_assessment() -> Assessment:
    """The model's own weights with the session's planner settings: what the what-if diff compares to."""
    return assessment(weights={})


# Charts drawn from an assessment (a page script runs afresh each time: the cache lives here).
figures: SharedCache = SharedCache("figures", per_session=8, ttl_seconds=CACHE_SECONDS)


# ---- what-if prices ------------------------------------------------------------------------------

COST_CHANGES = "cost_changes"


_costs: SharedCache[Assessment] = SharedCache("costs", per_session=4, ttl_seconds=CACHE_SECONDS)


def _costed(key: tuple, changes: tuple[tuple[str, float], ...], result: Assessment) -> Assessment:
    """The same assessment under the default cost model with the session's price changes."""
    return _costs.get(
        (key, changes),
        lambda: with_cost_model(result, load_cost_model("default").with_changes(dict(changes))),
    )


def cost_changes() -> dict[str, float]:
    """Cost model values changed in the app (dotted path → value); empty when none."""
    return dict(st.session_state.get(COST_CHANGES) or {})


def set_cost_changes(changes: dict[str, float]) -> None:
    load_cost_model("default").with_changes(changes)  # refuses impossible values before keeping them
    st.session_state[COST_CHANGES] = dict(changes)
