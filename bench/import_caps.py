"""How fast and how lean the importer refuses hostile workbooks: ``python -m bench.import_caps``.

Builds, in a temporary folder, the workbooks the import must refuse before loading them — a
~0.5 MB .xlsx that unpacks to 12.8 million cells (100,000 rows × 128 columns), the same with an
honest declared dimension but a small sheet part, and one whose declared dimension lies — and
times each refusal in a fresh process: the seconds from the call to the refusal (imports done
before), and the peak RSS of the whole process, which includes pandas and pyarrow (the
imports-only baseline is printed alongside). Prints a table;
asserts nothing (the tests check what is refused and with which message).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>',
    "xl/workbook.xml": f'<?xml version="1.0"?><workbook {_NS} '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="データ" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships '
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>',
}
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from dashboard.data import DataError, importer
t0 = time.perf_counter()
code = "accepted"
if sys.argv[1] != "-":
    try:
        importer.read_path(Path(sys.argv[1]), "facility_counts")
    except DataError as exc:
        code = exc.code
print(json.dumps({"code": code, "seconds": time.perf_counter() - t0,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def workbook(path: Path, rows: int, columns: int, dimension: str | None) -> Path:
    """An .xlsx with one sheet of rows × columns numeric cells, written as a stream."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        cells = "<c><v>1</v></c>" * columns
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0"?><worksheet {_NS}>'.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for r in range(1, rows + 1):
                sheet.write(f'<row r="{r}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def measure(path: str) -> dict[str, float | str]:
    """Refuse (or read) one file in a fresh interpreter; its wall time and peak RSS."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, path], capture_output=True, text=True, cwd=REPO, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    """Build the workbooks, measure each refusal, print the table."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = {
            "12.8M cells, dimension declared": workbook(folder / "bomb.xlsx", 100_000, 128, "A1:DX100000"),
            "12.8M-cell dimension, tiny sheet": workbook(folder / "declared.xlsx", 1, 1, "A1:DX100000"),
            "300k cells, dimension says A1:B2": workbook(folder / "lying.xlsx", 3_000, 100, "A1:B2"),
        }
        baseline = measure("-")
        print(f"{'case':36} {'file':>9} {'refused as':22} {'seconds':>8} {'peak MB':>8}")
        print(f"{'(imports only)':36} {'':>9} {'':22} {baseline['seconds']:8.2f} {baseline['peak_mb']:8.0f}")
        for label, path in cases.items():
            result = measure(str(path))
            size = f"{path.stat().st_size / 1024:.0f} KB"
            print(f"{label:36} {size:>9} {result['code']!s:22} {result['seconds']:8.2f} {result['peak_mb']:8.0f}")


if __name__ == "__main__":
    main()
