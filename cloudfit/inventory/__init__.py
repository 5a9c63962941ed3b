"""Reading, column mapping, coercion and validation of inventories.

    inventory = load_inventory("agency.xlsx")

The UI's mapping step uses the stages separately: `read_workbook` once,
`inspect_workbook` to show the detected sheet, header row and column
matches (`ColumnMatch`, with fuzzy `suggestions` never applied on their
own), then `load_inventory(raw, mapping=corrected)`.
"""

from cloudfit.inventory.layout import SheetLayout, WorkbookLayout, inspect_workbook
from cloudfit.inventory.limits import Limits
from cloudfit.inventory.load import load_inventory
from cloudfit.inventory.mapping import ColumnMatch, Suggestion, auto_mapping, load_mapping
from cloudfit.inventory.model import Inventory
from cloudfit.inventory.raw import RawSheet, RawWorkbook
from cloudfit.inventory.reader import read_workbook
from cloudfit.inventory.report import validation_report, validation_summary

__all__ = [
    "ColumnMatch",
    "Inventory",
    "Limits",
    "RawSheet",
    "RawWorkbook",
    "SheetLayout",
    "Suggestion",
    "WorkbookLayout",
    "auto_mapping",
    "inspect_workbook",
    "load_inventory",
    "load_mapping",
    "read_workbook",
    "validation_report",
    "validation_summary",
]
