"""XLSForm in and out: `read_xlsform` (workbook -> questionnaire), `write_xlsform` (back).

pyxform, openpyxl and xlrd are imported only here, when a workbook is read or written.
"""

from fieldsurvey.questionnaire.xlsform.reader import Imported, read_xlsform

__all__ = ["Imported", "read_xlsform"]
