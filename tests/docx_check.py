#!/usr/bin/env python3
"""Independent readers for the DOCX tests: Python's zipfile and python-docx.

  docx_check.py extract DOCX...    unpack each DOCX into a folder beside it named after it
                                   (doc.docx -> doc.parts/); print JSON per file: the zip
                                   entries (name, date_time, compress_type, unix mode, sizes)
  docx_check.py inspect DOCX...    open each DOCX with python-docx; print JSON per file:
                                   paragraphs (style name, text), style ids and names, and the
                                   core properties
  docx_check.py audit DOCX...      check each DOCX with openxml-audit (Office Open XML schemas
                                   and Word's rules, strict); print JSON per file: the findings

The Rust tests in tests/testsuite/docx.rs run this script and assert on its output.
"""

import json
import os
import sys
import zipfile


def extract(paths):
    out = {}
    for path in paths:
        with zipfile.ZipFile(path) as z:
            bad = z.testzip()
            if bad is not None:
                raise SystemExit(f"{path}: bad CRC in {bad}")
            out[path] = [
                {
                    "name": i.filename,
                    "date_time": list(i.date_time),
                    "compress_type": i.compress_type,
                    "mode": (i.external_attr >> 16) & 0o7777,
                    "size": i.file_size,
                    "compressed": i.compress_size,
                }
                for i in z.infolist()
            ]
            z.extractall(os.path.splitext(path)[0] + ".parts")
    print(json.dumps(out))


def inspect(paths):
    import docx  # python-docx

    out = {}
    for path in paths:
        d = docx.Document(path)
        cp = d.core_properties
        out[path] = {
            "paragraphs": [
                {"style": p.style.name if p.style is not None else None, "text": p.text}
                for p in d.paragraphs
            ],
            "styles": {s.style_id: s.name for s in d.styles},
            "core": {
                "title": cp.title,
                "author": cp.author,
                "subject": cp.subject,
                "keywords": cp.keywords,
                "language": cp.language,
                "created": cp.created.isoformat() if cp.created else None,
                "modified": cp.modified.isoformat() if cp.modified else None,
            },
            "sections": [
                {
                    "page_width": s.page_width,
                    "page_height": s.page_height,
                    "header": [p.text for p in s.header.paragraphs],
                    "footer": [p.text for p in s.footer.paragraphs],
                }
                for s in d.sections
            ],
        }
    print(json.dumps(out, ensure_ascii=False))


def audit(paths):
    from openxml_audit import OpenXmlValidator

    out = {}
    for path in paths:
        # A fresh validator per file: the command line's shared one carries state from file to
        # file and then reports footnote ids of one document missing from another.
        result = OpenXmlValidator(max_errors=0, strict=True).validate(path)
        out[path] = [
            {
                "severity": e.severity.name,
                "description": e.description,
                "part": e.part_uri,
                "path": e.path,
            }
            for e in result.errors
        ]
    print(json.dumps(out))


def main(argv):
    if len(argv) >= 3 and argv[1] == "extract":
        extract(argv[2:])
    elif len(argv) >= 3 and argv[1] == "inspect":
        inspect(argv[2:])
    elif len(argv) >= 3 and argv[1] == "audit":
        audit(argv[2:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
