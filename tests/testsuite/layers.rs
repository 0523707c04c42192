//! The library's layers point down only: every path a module of `src/` names into another room
//! (`crate::x::...`, `super::...` leaving its room) must be an edge of [`FLOORS`]. Test modules
//! (after `#[cfg(test)]`) and comments may name any room. A new room states its floor here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every room of the library, from the ground up, with the rooms it may use. `read` and `export`
/// have rooms of their own inside them: a reader never uses another reader, an exporter never
/// another exporter.
const FLOORS: &[(&str, &[&str])] = &[
    ("diag", &[]),
    ("model", &["diag"]),
    ("vocab", &["diag", "model"]),
    ("lang", &["diag", "vocab"]),
    ("validate", &["diag", "model", "lang", "vocab"]),
    ("compare", &["diag", "model", "vocab"]),
    ("read/text", &["diag", "model", "lang", "vocab", "read"]),
    ("read/akn", &["diag", "model", "lang", "vocab", "read"]),
    (
        "read",
        &[
            "diag",
            "model",
            "lang",
            "vocab",
            "validate",
            "read/text",
            "read/akn",
        ],
    ),
    // The paged redlines' walk (`plan/redline.rs`) follows a comparison's alignment.
    (
        "export/plan",
        &["diag", "model", "lang", "vocab", "compare"],
    ),
    (
        "export/xml",
        &["diag", "model", "lang", "vocab", "export", "export/plan"],
    ),
    (
        "export/pdf",
        &[
            "diag",
            "model",
            "lang",
            "vocab",
            "compare",
            "export",
            "export/plan",
        ],
    ),
    // The redlines (HTML, DOCX and PDF) render a comparison's alignment.
    (
        "export/docx",
        &[
            "diag",
            "model",
            "lang",
            "vocab",
            "compare",
            "export",
            "export/plan",
        ],
    ),
    (
        "export/html",
        &[
            "diag",
            "model",
            "lang",
            "vocab",
            "compare",
            "export",
            "export/plan",
        ],
    ),
    (
        "export",
        &[
            "diag",
            "model",
            "lang",
            "vocab",
            "export/plan",
            "export/xml",
            "export/pdf",
            "export/docx",
            "export/html",
        ],
    ),
];

/// Rooms with rooms inside them.
const HOUSES: &[&str] = &["read", "export"];

fn allowed(from: &str, to: &str) -> bool {
    from == to
        || FLOORS
            .iter()
            .find(|(room, _)| *room == from)
            .is_some_and(|(_, below)| below.contains(&to))
}

/// The room a module path (`["read", "text", "cover"]`) belongs to.
fn room(path: &[String]) -> String {
    match path {
        [first, second, ..]
            if HOUSES.contains(&first.as_str()) && is_room(&format!("{first}/{second}")) =>
        {
            format!("{first}/{second}")
        }
        [first, ..] => first.clone(),
        [] => String::new(),
    }
}

fn is_room(name: &str) -> bool {
    FLOORS.iter().any(|(room, _)| *room == name)
}

/// The module path of a source file: `src/read/text/cover/join.rs` -> `read::text::cover::join`.
fn module_path(file: &Path, src: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The module paths a line of code names: `crate::a::b`, `crate::{a, b}` and `super::` chains,
/// resolved against the module the line is in.
fn named_paths(line: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let ident = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|p| {
                p.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .take_while(|p| !p.is_empty())
            .collect()
    };
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let boundary_ok = at == 0
            || !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if boundary_ok {
            if let Some(group) = after.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                found.extend(
                    inner
                        .split(',')
                        .map(|p| ident(p.trim()))
                        .filter(|p| !p.is_empty()),
                );
            } else {
                found.push(ident(after));
            }
        }
        rest = after;
    }
    let mut rest = line;
    while let Some(at) = rest.find("super::") {
        let boundary_ok = at == 0
            || !rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':');
        let mut after = &rest[at..];
        let mut ups = 0;
        while let Some(a) = after.strip_prefix("super::") {
            ups += 1;
            after = a;
        }
        if boundary_ok {
            // `super` is the parent module (of `x` for `x/mod.rs`, of `x::y` for `x/y.rs`).
            let base = module.len().saturating_sub(ups);
            let path: Vec<String> = module[..base].to_vec();
            let names = if let Some(group) = after.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                inner.split(',').map(|p| ident(p.trim())).collect()
            } else {
                vec![ident(after)]
            };
            for name in names {
                let mut p = path.clone();
                p.extend(name);
                found.push(p);
            }
        }
        rest = after;
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each edge from one room to another that [`FLOORS`] does not allow, as `file:line: from -> to`.
fn wrong_doors(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in files {
        let module = module_path(&file, src);
        let from = room(&module);
        if from == "cli" || from == "main" || from.is_empty() {
            continue; // the binary's rooms sit on top of the library
        }
        assert!(
            is_room(&from),
            "{}: room `{from}` has no floor in FLOORS",
            file.display()
        );
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("#[cfg(test)]") {
                break;
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            for path in named_paths(line, &module) {
                let to = room(&path);
                if !to.is_empty() && is_room(&to) && !allowed(&from, &to) {
                    wrong.push(format!("{}:{}: {from} -> {to}", file.display(), n + 1));
                }
            }
        }
    }
    wrong
}

#[test]
fn layers_point_down_only() {
    let src = crate::harness::repo_root().join("src");
    let wrong = wrong_doors(&src);
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

/// The rule catches the imports that the architecture issue found, and each one would fail.
#[test]
fn the_rule_catches_upward_and_sideways_imports() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |path: &str, text: &str| {
        let p = src.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "read/akn/body.rs",
        "use crate::export::xml::eid::Counter;\n",
    );
    write("read/akn/tree.rs", "use crate::export::xml::AKN_NS;\n");
    write("read/akn/mod.rs", "use crate::read::text::Parsed;\n");
    write(
        "lang/detect.rs",
        "use crate::read::text::lines::starts_with_loose;\n",
    );
    write(
        "lang/profile.rs",
        "    crate::read::text::label::letter_index(v, &l)\n",
    );
    write(
        "validate/mod.rs",
        "use crate::{model, read::text::patterns};\n",
    );
    write("diag/mod.rs", "use crate::model::Num;\n");
    write("export/pdf/compose.rs", "use super::super::docx::body;\n");
    write(
        "vocab/eid.rs",
        "// crate::export is named in a comment only\n#[cfg(test)]\nuse crate::read::read;\n",
    );
    let wrong = wrong_doors(src);
    let edges: BTreeSet<&str> = wrong
        .iter()
        .map(|w| w.split(": ").nth(1).unwrap())
        .collect();
    let expected: BTreeSet<&str> = [
        "read/akn -> export/xml",
        "read/akn -> read/text",
        "lang -> read/text",
        "validate -> read/text",
        "diag -> model",
        "export/pdf -> export/docx",
    ]
    .into_iter()
    .collect();
    assert_eq!(edges, expected, "{wrong:#?}");
    assert_eq!(wrong.len(), 8, "{wrong:#?}");
}
