"""Reads HTML files with Python's own parser (html.parser), independently of the exporter, and
prints what the tests check as JSON, one object per file: the text of the main part and of each
note in reading order, the ids, the headings, the footnote links, the scripts and every URL, and
the nesting errors found (an end tag that closes no open element, an element left open, an id
given twice)."""

import json
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements inside running text: no word boundary at their tags.
INLINE = {"a", "b", "i", "sup", "sub", "span", "time", "em", "strong"}


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = []
        self.html_lang = None
        self.h1 = 0
        self.h2 = []
        self.main = []
        self.notes = []
        self.noterefs = []
        self.backlinks = []
        self.footnote_ids = []
        self.scripts = []
        self.urls = []
        self.title = ""
        self.description = None
        self.metas = {}
        self.doctype = None
        # The printed number of each list item with an id, and the item a number is read for.
        self.nums = {}
        self.num_of = None
        # Where text goes: None (head), the main text, or a note's.
        self.sink = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("href", "src"):
            if key in a:
                self.urls.append(a[key])
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "h2":
            self.h2.append(a.get("id"))
        elif tag == "script":
            self.scripts.append({"type": a.get("type"), "text": "", "src": a.get("src")})
        elif tag == "meta" and "name" in a:
            self.metas[a["name"]] = a.get("content")
        elif tag == "body":
            self.sink = self.main
        elif tag == "section" and "notes" in a.get("class", "").split():
            self.sink = None
        if tag == "span" and "num" in a.get("class", "").split():
            items = [x.get("id") for t, x in self.stack if t == "li"]
            self.num_of = items[-1] if items else None
            if self.num_of is not None:
                self.nums[self.num_of] = ""
        if a.get("role") == "doc-noteref":
            self.noterefs.append({"href": a.get("href"), "id": a.get("id")})
        elif a.get("role") == "doc-backlink":
            self.backlinks.append({"href": a.get("href"), "note": self.note_id()})
        elif a.get("role") == "doc-footnote":
            self.footnote_ids.append(a.get("id"))
            self.notes.append([])
            self.sink = self.notes[-1]
        if tag not in INLINE:
            self.gap()
        if tag not in VOID:
            self.stack.append((tag, a))

    def note_id(self):
        return self.footnote_ids[-1] if self.footnote_ids else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("end tag </%s> closes %s" % (
                tag, self.stack[-1][0] if self.stack else "nothing"))
            return
        _, a = self.stack.pop()
        if tag == "span":
            self.num_of = None
        if tag not in INLINE:
            self.gap()
        if a.get("role") == "doc-footnote":
            self.sink = None

    def gap(self):
        if self.sink is not None:
            self.sink.append(" ")

    def handle_data(self, data):
        open_tag = self.stack[-1][0] if self.stack else None
        if open_tag == "script":
            self.scripts[-1]["text"] += data
        elif open_tag == "title":
            self.title += data
        elif open_tag != "style" and self.sink is not None:
            self.sink.append(data)
        if self.num_of is not None:
            self.nums[self.num_of] += data

    def report(self):
        for tag, _ in self.stack:
            self.errors.append("<%s> left open" % tag)
        seen = set()
        for i in self.ids:
            if i in seen:
                self.errors.append("id %s given twice" % i)
            seen.add(i)
        return {
            "doctype": self.doctype,
            "lang": self.html_lang,
            "title": self.title,
            "metas": self.metas,
            "h1": self.h1,
            "h2": self.h2,
            "ids": self.ids,
            "nums": self.nums,
            "main": "".join(self.main),
            "notes": ["".join(n) for n in self.notes],
            "footnote_ids": self.footnote_ids,
            "noterefs": self.noterefs,
            "backlinks": self.backlinks,
            "scripts": self.scripts,
            "urls": self.urls,
            "errors": self.errors,
        }


def main():
    out = {}
    for path in sys.argv[1:]:
        reader = Reader()
        with open(path, encoding="utf-8") as f:
            reader.feed(f.read())
        reader.close()
        out[path] = reader.report()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
