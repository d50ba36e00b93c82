"""Sync by file: signed (optionally encrypted) export files, merged without loss or duplicates.

The API the CLI and the Sync screen use; see fileformat.py for the file itself.
"""

from fieldsurvey.sync.archive import DEFAULT_LIMITS, Limits
from fieldsurvey.sync.conflicts import (
    Conflict,
    ConflictError,
    ConflictList,
    ConflictVersion,
    Resolution,
    ResolutionLog,
    keep_version,
    list_conflicts,
    resolution_log,
    resolve,
)
from fieldsurvey.sync.errors import Reason, RejectedFile
from fieldsurvey.sync.export import ExportError, ExportResult, export_file, export_to_folder
from fieldsurvey.sync.keys import (
    KeyFileError,
    SupervisorKeys,
    load_identities,
    new_supervisor_keys,
    parse_recipients,
)
from fieldsurvey.sync.merge import ProgressCallback, merge_file, merge_files, sequence_gaps
from fieldsurvey.sync.results import FileResult, Gap, MergeReport

__all__ = [
    "DEFAULT_LIMITS",
    "Conflict",
    "ConflictError",
    "ConflictList",
    "ConflictVersion",
    "ExportError",
    "ExportResult",
    "FileResult",
    "Gap",
    "KeyFileError",
    "Limits",
    "MergeReport",
    "ProgressCallback",
    "Reason",
    "RejectedFile",
    "Resolution",
    "ResolutionLog",
    "SupervisorKeys",
    "export_file",
    "export_to_folder",
    "keep_version",
    "list_conflicts",
    "load_identities",
    "merge_file",
    "merge_files",
    "new_supervisor_keys",
    "parse_recipients",
    "resolution_log",
    "resolve",
    "sequence_gaps",
]
