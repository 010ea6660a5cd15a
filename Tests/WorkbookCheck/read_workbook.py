#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl, as a spreadsheet program would, and prints what it found as
JSON: per sheet its name, frozen panes, autofilter, column widths and every cell's value,
number format, fill colour and boldness. Tests/PolicyTrackerTests/WorkbookTests.swift asserts on it.

    python3 Tests/WorkbookCheck/read_workbook.py matrix.xlsx
"""
import json
import sys

import openpyxl


def cell(c):
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
    return {
        "value": c.value,
        "type": c.data_type,
        "format": c.number_format,
        "fill": fill if isinstance(fill, str) else None,
        "bold": bool(c.font and c.font.b),
    }


def main(path):
    book = openpyxl.load_workbook(path)
    sheets = []
    for sheet in book.worksheets:
        widths = {key: dim.width for key, dim in sheet.column_dimensions.items() if dim.width}
        sheets.append({
            "name": sheet.title,
            "freeze": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "widths": widths,
            "rows": [[cell(c) for c in row] for row in sheet.iter_rows()],
        })
    json.dump({"sheets": sheets, "title": book.properties.title, "creator": book.properties.creator},
              sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main(sys.argv[1])
