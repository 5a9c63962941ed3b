"""Other tools' files in and out: presets that read them into an inventory, writers that answer back.

    inventory = load_inventory("konveyor-export.csv")          # detected: Konveyor
    inventory = load_inventory("servers.csv", format="azure-migrate", mapping="apps.yaml")

Each bundled format is a documented data file in `presets/` (see
docs/formats.md); mapping files (docs/mapping-files.md) use the same keys.
"""

from cloudfit.formats.presets import FORMATS, FormatChoice, detect_format, preset
from cloudfit.formats.spec import MappingSpec

__all__ = ["FORMATS", "FormatChoice", "MappingSpec", "detect_format", "preset"]
