"""Small files in other tools' formats, made in code with their real headers and quirks."""

from __future__ import annotations

import csv
import io

KONVEYOR_HEADER = [
    "Record Type 1", "Application Name", "Description", "Comments", "Business Service", "Dependency",
    "Dependency Direction", "Binary Group", "Binary Artifact", "Binary Version", "Binary Packaging",
    "Repository Type", "Repository URL", "Repository Branch", "Repository Path", "Owner", "Contributors",
    *[h for n in range(1, 21) for h in (f"Tag Category {n}", f"Tag {n}")],
]  # fmt: skip


def csv_bytes(rows: list[list[object]], sep: str = ",") -> bytes:
    """CSV with rows of different lengths, as Konveyor writes dependency rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8")


def konveyor_app(name: str, owner: str = "", tags: tuple[tuple[str, str], ...] = (), **extra) -> list:
    row = ["1", name, extra.get("description", ""), "", extra.get("service", ""), "", ""]
    row += ["corp.example", name.lower(), "1.0", "war", "git", f"https://git.example/{name}.git", "", ""]
    row += [owner, extra.get("contributors", "")]
    for category, tag in tags:
        row += [category, tag]
    return row


def konveyor_dependency(app: str, other: str, direction: str) -> list:
    return ["2", app, "", "", "", other, direction]


CMF_HEADER = [
    "wave_name", "app_name", "aws_region", "aws_accountid", "server_name", "server_os_family",
    "server_os_version", "server_fqdn", "server_tier", "server_environment", "r_type", "tags",
]  # fmt: skip

ADS_HEADER = [
    "ExternalId", "SMBiosId", "IPAddress", "MACAddress", "HostName", "VMware.MoRefId", "VMware.VCenterId",
    "CPU.NumberOfProcessors", "CPU.NumberOfCores", "CPU.NumberOfLogicalCores", "OS.Name", "OS.Version",
    "VMware.VMName", "RAM.TotalSizeInMB", "RAM.UsedSizeInMB.Avg", "RAM.UsedSizeInMB.Max", "CPU.UsagePct.Avg",
    "CPU.UsagePct.Max", "Applications", "ApplicationWave", "Tags", "ServerId",
]  # fmt: skip

AZURE_HEADER = [
    "*Server name", "IP addresses", "*Cores", "*Memory (In MB)", "*OS name", "OS version", "OS architecture",
    "CPU utilization percentage", "Memory utilization percentage", "Network adapters", "Boot type",
    "Number of disks", "Disk 1 size (In GB)", "Disk 2 size (In GB)",
]  # fmt: skip

SERVICENOW_HEADER = [
    "number", "name", "short_description", "business_criticality", "install_type", "architecture_type",
    "life_cycle_stage", "owned_by", "user_base",
]  # fmt: skip

TIDAL_HEADER = [
    "name", "description", "urls", "application owner", "tech lead", "number of users", "Data sensitivity",
    "PII", "End of support date", "Dependencies", "hosts", "dbs",
]  # fmt: skip
