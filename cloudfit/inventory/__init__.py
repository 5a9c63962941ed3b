"""Reading, column mapping, coercion and validation of inventories."""

from cloudfit.inventory.model import Inventory

__all__ = ["Inventory"]
