"""cloudfit: Government Cloud Readiness Assessment Toolkit.

    inventory = cloudfit.load_inventory("agency.xlsx")
    model = cloudfit.load_model("default")
    result = cloudfit.assess(inventory, model)

The public names are imported lazily so that `import cloudfit` stays cheap
(the CLI prints its help without loading pandas).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cloudfit.errors import CloudfitError, InputError, ModelError, OptionsError

__all__ = [
    "AssessOptions",
    "Assessment",
    "CloudfitError",
    "InputError",
    "Inventory",
    "ModelError",
    "OptionsError",
    "Pin",
    "PlanOptions",
    "assemble",
    "assess",
    "load_cost_model",
    "load_inventory",
    "load_model",
    "replan",
    "rescore",
]

_LAZY = {
    "AssessOptions": "cloudfit.options",
    "PlanOptions": "cloudfit.options",
    "Pin": "cloudfit.options",
    "Assessment": "cloudfit.assessment",
    "assess": "cloudfit.assessment",
    "assemble": "cloudfit.assessment",
    "rescore": "cloudfit.assessment",
    "replan": "cloudfit.assessment",
    "Inventory": "cloudfit.inventory",
    "load_inventory": "cloudfit.inventory",
    "load_model": "cloudfit.scoring_model",
    "load_cost_model": "cloudfit.cost",
}

if TYPE_CHECKING:
    from cloudfit.assessment import Assessment, assemble, assess, replan, rescore
    from cloudfit.cost import load_cost_model
    from cloudfit.inventory import Inventory, load_inventory
    from cloudfit.options import AssessOptions, Pin, PlanOptions
    from cloudfit.scoring_model import load_model


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'cloudfit' has no attribute {name!r}")
