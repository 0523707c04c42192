//! eId checks: every eId unique in the document (metadata included, as the AKN schema's
//! `xsd:unique` says), and each content element's eId the one the Naming Convention gives it —
//! computed with the exporter's own rules ([`crate::vocab::eid`]).

use super::tree::Element;
use super::Doc;
use crate::diag::codes;
use crate::diag::Diagnostic;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// Reports each eId used a second time, at the later element.
pub fn duplicates(root: &Element, diags: &mut Vec<Diagnostic>) {
    // The first element of each eId; its line and column are worked out only for a repeat.
    let ids = root.attrs_in_document("eId");
    // Sized once, for at most one eId per attribute.
    let mut seen: HashMap<&str, Element> = HashMap::with_capacity(ids.size_hint().1.unwrap_or(0));
    for (e, id) in ids {
        match seen.entry(id) {
            Entry::Occupied(first) => {
                let first = first.get().span();
                diags.push(
                    Diagnostic::new(
                        &codes::AKN_EID_DUPLICATE,
                        Some(e.span()),
                        format!(
                            "eId `{id}` is already used at line {}, column {}",
                            first.line, first.col
                        ),
                    )
                    .hint("every eId is unique in the document; a repeated printed number gets `_2` (`para_2_2`)"),
                )
            }
            Entry::Vacant(slot) => {
                slot.insert(e);
            }
        }
    }
}

impl Doc<'_> {
    /// Checks that `e` has the eId `expected`, and returns the eId its children are named
    /// under: its own when it has one (so one wrong eId is reported once, not again for every
    /// child), `expected` otherwise.
    pub(super) fn eid(&mut self, e: &Element, expected: &str) -> String {
        match e.attr("eId") {
            Some(actual) if actual == expected => actual.to_string(),
            Some(actual) => {
                self.diags.push(
                    Diagnostic::new(
                        &codes::AKN_EID_NAMING,
                        Some(e.span()),
                        format!("`{}` has eId `{actual}`; the Naming Convention gives it `{expected}`", e.name()),
                    )
                    .hint("an eId is the parent's eId, `__`, the element's abbreviation, `_` and its number cleaned of punctuation"),
                );
                if actual.is_empty() || actual.chars().any(char::is_whitespace) {
                    expected.to_string()
                } else {
                    actual.to_string()
                }
            }
            None => {
                self.diags.push(
                    Diagnostic::new(
                        &codes::AKN_EID_NAMING,
                        Some(e.span()),
                        format!(
                            "`{}` has no eId; the Naming Convention gives it `{expected}`",
                            e.name()
                        ),
                    )
                    .hint(format!("add eId=\"{expected}\"")),
                );
                expected.to_string()
            }
        }
    }
}
