//! Issue 15, the tagged PDF's structure read back from qpdf's JSON view: citations, recitals and
//! paragraphs as lists (`L`, `LI`, `Lbl` then `LBody`), each footnote call a `Reference` to its
//! `Note`, and each link annotation in the tree (`OBJR` in a `Link` element, `/StructParent`,
//! `/Contents`).

use crate::harness::{self, numbered, point};
use crate::pdf::Pdf;
use motion_export::export::pdf::PdfOptions;
use motion_export::model::*;
use serde_json::{Map, Value};

/// The structure tree of a PDF, by qpdf's objects.
struct Tree {
    objects: Map<String, Value>,
    root: Value,
}

impl Tree {
    fn of(pdf: &Pdf) -> Tree {
        let objects = pdf.objects();
        let catalog = objects["trailer"]["value"]["/Root"].as_str().unwrap();
        let root = objects[&format!("obj:{catalog}")]["value"]["/StructTreeRoot"].clone();
        let mut tree = Tree {
            objects,
            root: Value::Null,
        };
        tree.root = tree.resolve(&root).clone();
        tree
    }

    /// The object a reference (`"12 0 R"`) stands for; any other value itself.
    fn resolve<'v>(&'v self, v: &'v Value) -> &'v Value {
        match v.as_str().filter(|s| s.ends_with(" R")) {
            Some(r) => &self.objects[&format!("obj:{r}")]["value"],
            None => v,
        }
    }

    /// The kids of an element (`/K` as an array), resolved.
    fn kids<'v>(&'v self, elem: &'v Value) -> Vec<&'v Value> {
        match self.resolve(&elem["/K"]) {
            Value::Array(a) => a.iter().map(|k| self.resolve(k)).collect(),
            Value::Null => Vec::new(),
            k => vec![k],
        }
    }

    /// Every structure element under the root, in reading order (depth first).
    fn elements(&self) -> Vec<&Value> {
        let mut out = Vec::new();
        let mut stack: Vec<&Value> = self.kids(&self.root).into_iter().rev().collect();
        while let Some(e) = stack.pop() {
            if e.get("/S").is_none() {
                continue;
            }
            out.push(e);
            stack.extend(self.kids(e).into_iter().rev());
        }
        out
    }

    /// A page tree node's `/Kids`, resolved.
    fn kids_of<'v>(&'v self, node: &'v Value) -> Vec<&'v Value> {
        (node["/Kids"].as_array().into_iter().flatten())
            .map(|k| self.resolve(k))
            .collect()
    }

    fn of_type(&self, s: &str) -> Vec<&Value> {
        let name = format!("/{s}");
        (self.elements().into_iter())
            .filter(|e| e["/S"] == name.as_str())
            .collect()
    }
}

fn s(elem: &Value) -> &str {
    elem["/S"].as_str().unwrap_or("")
}

/// The element types of `pdfinfo -struct-text` with the text each holds, in reading order.
fn struct_text(pdf: &Pdf) -> Vec<(String, String)> {
    let out = pdf.tool("pdfinfo", &["-struct-text"]);
    let mut rows: Vec<(String, String)> = Vec::new();
    for line in out.lines().map(str::trim) {
        match line.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
            Some(text) => {
                if let Some(last) = rows.last_mut() {
                    last.1.push_str(text);
                }
            }
            None => {
                let tag = line.split_whitespace().next().unwrap_or("");
                rows.push((tag.to_string(), String::new()));
            }
        }
    }
    rows
}

/// The rich motion with a paragraph of points and one of two paragraphs.
fn listed_motion() -> Motion {
    let mut m = harness::rich_motion();
    let mut p = numbered(7, "Calls on the Commission:");
    p.points = vec![
        point("(a)", "a", "to act;"),
        point("(b)", "b", "to report;"),
    ];
    m.body.push(BodyItem::Paragraph(p));
    let mut two = numbered(8, "Insists on the first;");
    two.content.push(harness::para("and on the second;"));
    m.body.push(BodyItem::Paragraph(two));
    m
}

#[test]
fn citations_recitals_and_paragraphs_are_lists_of_labelled_items() {
    let m = listed_motion();
    let pdf = Pdf::export(&m, &PdfOptions::default());
    pdf.assert_valid();
    let tree = Tree::of(&pdf);
    for li in tree.of_type("LI") {
        let kids: Vec<&str> = tree.kids(li).into_iter().map(s).collect();
        assert_eq!(kids, ["/Lbl", "/LBody"], "{li}");
    }
    let document = tree.kids(&tree.root)[0];
    let lists: Vec<&Value> = (tree.kids(document).into_iter())
        .filter(|e| s(e) == "/L")
        .collect();
    // Citations, recitals, then the paragraphs between the headings.
    assert!(lists.len() >= 3, "{} lists", lists.len());
    let items = |l: &Value| tree.kids(l).len();
    assert_eq!(items(lists[0]), m.citations.len());
    assert_eq!(items(lists[1]), m.recitals.len());
    // Points are a list inside their paragraph's body.
    let nested = (tree.of_type("LBody").into_iter())
        .filter(|b| tree.kids(b).iter().any(|k| s(k) == "/L"))
        .count();
    assert!(nested >= 1, "no list of points");
    // Each label is a sequence of its own: the printed number, or the citation's dash.
    let rows = struct_text(&pdf);
    let labels: Vec<&str> = (rows.iter())
        .filter(|(tag, _)| tag == "Lbl")
        .map(|(_, text)| text.trim())
        .collect();
    let mut want: Vec<String> = vec!["–".to_string(); m.citations.len()];
    want.extend(m.recitals.iter().map(|r| r.num.text.to_string()));
    assert_eq!(labels[..want.len()], want, "{labels:?}");
    for printed in ["7.", "(a)", "(b)", "8."] {
        assert!(labels.contains(&printed), "{printed} in {labels:?}");
    }
    // The body of item 8 holds both its paragraphs, its label none of them.
    let body = (rows.iter())
        .position(|(tag, text)| tag == "Lbl" && text.trim() == "8.")
        .unwrap();
    let text: String = rows[body + 1..].iter().map(|(_, t)| t.as_str()).collect();
    assert!(text.contains("Insists on the first;") && text.contains("and on the second;"));
}

#[test]
fn footnote_calls_are_references_to_their_notes() {
    let m = harness::rich_motion();
    let calls = (m.text_in_order().into_iter())
        .flat_map(|p| &p.inlines)
        .filter(|i| matches!(i, Inline::NoteRef { note: Some(_), .. }))
        .count();
    assert!(calls > 0);
    let pdf = Pdf::export(&m, &PdfOptions::default());
    pdf.assert_valid();
    let tree = Tree::of(&pdf);
    let references = tree.of_type("Reference");
    assert_eq!(references.len(), calls);
    let ids = tree.resolve(&tree.root["/IDTree"]);
    let names = ids["/Names"].as_array().expect("an /IDTree with /Names");
    for r in references {
        let note = tree.resolve(&r["/Ref"][0]);
        assert_eq!(s(note), "/Note", "{r}");
        let id = &note["/ID"];
        let at = names.iter().position(|n| n == id).expect("the note's /ID");
        assert_eq!(tree.resolve(&names[at + 1]), note);
        // The call is its own sequence, inside the paragraph, and a link.
        let kids = tree.kids(r);
        assert_eq!(kids.iter().map(|k| s(k)).collect::<Vec<_>>(), ["/Link"]);
    }
}

#[test]
fn link_annotations_are_in_the_structure_tree() {
    let m = harness::rich_motion();
    let pdf = Pdf::export(&m, &PdfOptions::default());
    pdf.assert_valid();
    let tree = Tree::of(&pdf);
    let parents = tree.resolve(&tree.root["/ParentTree"]);
    let nums = parents["/Nums"].as_array().unwrap();
    let next = tree.root["/ParentTreeNextKey"].as_i64().unwrap();
    let mut annotations = 0;
    let catalog = tree.objects["trailer"]["value"]["/Root"].as_str().unwrap();
    let pages = &tree.objects[&format!("obj:{catalog}")]["value"]["/Pages"];
    for page in tree.kids_of(tree.resolve(pages)) {
        let annots = tree.resolve(&page["/Annots"]);
        for reference in annots.as_array().into_iter().flatten() {
            let annot = tree.resolve(reference);
            assert!(reference.as_str().is_some(), "an indirect annotation");
            assert_eq!(annot["/Subtype"], "/Link");
            assert!(annot["/Contents"].as_str().is_some(), "/Contents: {annot}");
            let key = annot["/StructParent"].as_i64().expect("/StructParent");
            assert!(key < next);
            let at = (0..nums.len())
                .step_by(2)
                .find(|&i| nums[i].as_i64() == Some(key))
                .expect("the key in the parent tree");
            let link = tree.resolve(&nums[at + 1]);
            assert_eq!(s(link), "/Link");
            let objr = (tree.kids(link).into_iter())
                .find(|k| k["/Type"] == "/OBJR")
                .expect("an OBJR");
            assert_eq!(&objr["/Obj"], reference);
            annotations += 1;
        }
    }
    assert_eq!(annotations, 2);
}

/// A hostile motion's calls past the first ten thousand (the exporter's cap) are drawn in their
/// paragraph's text and their annotations written in place, outside the structure tree: the
/// file stays within the memory bound (`memory::pdf_of_footnote_calls_stays_within_bound`), and
/// every annotation that names a key of the parent tree is found there.
#[test]
fn links_past_the_cap_stay_out_of_the_tree() {
    const CAP: usize = 10_000;
    let text = format!(
        "**B9-0146/2021**\n\n*The European Parliament,*\n\n- A. whereas {};\n\n\
         1. Calls on everyone to act;\n\n[1] A note.\n",
        "word[1] ".repeat(CAP + 50)
    );
    let m = harness::reader_only(&text, "calls").motion;
    let pdf = Pdf::export(&m, &PdfOptions::default());
    pdf.assert_valid();
    let tree = Tree::of(&pdf);
    // The note, at the foot of the first page, links back among the first: its link is one of
    // the ten thousand.
    let counts = [tree.of_type("Reference").len(), tree.of_type("Link").len()];
    assert_eq!(counts, [CAP - 1, CAP]);
    let next = tree.root["/ParentTreeNextKey"].as_i64().unwrap();
    let catalog = tree.objects["trailer"]["value"]["/Root"].as_str().unwrap();
    let pages =
        tree.kids_of(tree.resolve(&tree.objects[&format!("obj:{catalog}")]["value"]["/Pages"]));
    let (mut tagged, mut inline) = (0, 0);
    for page in &pages {
        for a in page["/Annots"].as_array().into_iter().flatten() {
            match a.as_str() {
                Some(_) => {
                    let key = tree.resolve(a)["/StructParent"].as_i64().unwrap();
                    assert!(key < next, "{key}");
                    tagged += 1;
                }
                None => {
                    assert!(a.get("/StructParent").is_none(), "{a}");
                    inline += 1;
                }
            }
        }
    }
    assert_eq!(tagged, CAP);
    assert_eq!(
        inline, 51,
        "the calls past the cap and the note's link back"
    );
    assert_eq!(next as usize, pages.len() + CAP);
}
