"""Analyst exports: CSV, XLSX, SPSS, Stata and Parquet with a codebook, read from the store
in chunks so memory stays bounded (see each format's module for where a library cannot).
"""

from fieldsurvey.dataout.export import FORMATS, ExportRequest, ExportResult, export_data
from fieldsurvey.dataout.files import DataOutError

__all__ = ["FORMATS", "DataOutError", "ExportRequest", "ExportResult", "export_data"]
