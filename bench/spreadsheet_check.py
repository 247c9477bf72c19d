"""What a spreadsheet really shows for Reliant's neutralised CSV cells.

Writes a CSV through ``recruiter.csvsafe`` (the exporter's own writer) with values a
spreadsheet could take for formulas, opens it in LibreOffice Calc (headless, if installed:
``apt-get install libreoffice-calc-nogui``), and prints what each cell holds and whether Calc
made it a formula.

    .venv/bin/python bench/spreadsheet_check.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from recruiter.csvsafe import write_csv

VALUES = ["+1 555 0100", "=SUM(A1)", "-5 days", "@mention", "plain text", "=1+1 (raw)"]


def main() -> int:
    soffice = shutil.which("soffice")
    if not soffice:
        print("needs LibreOffice: apt-get install libreoffice-calc-nogui", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "cells.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            write_csv(out, ["value"], [[v] for v in VALUES[:-1]])
            out.write("=1+1\r\n")  # one cell left raw, to show what neutralising prevents
        version = subprocess.run(  # noqa: S603 (the installed soffice, fixed arguments)
            [soffice, "--version"], capture_output=True, text=True
        ).stdout
        # Calc opens the CSV as a user double-clicking it would, and saves what its cells hold.
        subprocess.run(  # noqa: S603 (the installed soffice, on a file we just wrote)
            [soffice, "--headless", "--convert-to", "xlsx", "--outdir", tmp, str(path)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        cells = _cells(folder / "cells.xlsx")
        written = path.read_text(encoding="utf-8").splitlines()[1:]
    print(version.strip())
    print(f"{'value':<14} {'in the file':<18} {'Calc cell holds':<18} formula?")
    for value, line, (text, formula) in zip(VALUES, written, cells[1:], strict=True):
        print(f"{value:<14} {line:<18} {text:<18} {formula or 'no'}")
    return 0


def _cells(xlsx: Path) -> list[tuple[str, str | None]]:
    """(what the cell shows, its formula) for column A, read from the workbook Calc saved
    (our own file: the stdlib parser is fine here)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(xlsx) as book:
        strings = [
            "".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))  # noqa: S314
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))  # noqa: S314
    found = []
    for cell in sheet.iter(f"{{{ns['m']}}}c"):
        value, formula = cell.find("m:v", ns), cell.find("m:f", ns)
        text = value.text if value is not None else ""
        if cell.get("t") == "s":
            text = strings[int(text or 0)]
        found.append((text or "", formula.text if formula is not None else None))
    return found


if __name__ == "__main__":
    raise SystemExit(main())
