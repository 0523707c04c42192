//! Element identifiers: `eId`s per the Akoma Ntoso Naming Convention (`para_2__point_a`) and the
//! short identifiers of the metadata references (`sd`, `vertsale`), all unique in the document.
//!
//! Uniqueness holds by construction: every content eId contains `_` (an abbreviation and a number
//! joined by `_`) and no reference identifier does, so the two kinds never meet; among siblings,
//! [`Siblings`] gives each element a distinct number even when the text numbers two paragraphs
//! alike.

use crate::model::Num;
use std::collections::HashMap;
use std::fmt::Write;

/// Cleans a printed number for use in an eId, as the Naming Convention asks: leading and trailing
/// punctuation and whitespace go, inner whitespace goes, each run of inner punctuation becomes
/// one `-`; case is kept. `A.` -> `A`, `(a)` -> `a`, `1.2.` -> `1-2`, `3a bis` -> `3abis`, `–` -> ``.
///
/// Anything that is not a letter or a digit (Unicode alphabetic or numeric) counts as
/// punctuation, so the result never holds `_` (which separates abbreviation and number) nor
/// whitespace.
pub fn clean_num(num: &str) -> String {
    let mut out = String::with_capacity(num.len());
    let mut pending_dash = false;
    for c in num.chars() {
        if is_id_char(c) {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if !c.is_whitespace() {
            pending_dash = true;
        }
    }
    out
}

/// Letters and digits (Unicode alphabetic or numeric): what identifiers are made of.
fn is_id_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The short identifier of a metadata reference, from a name: its letters and digits in lower
/// case, everything else dropped (`S&D` -> `sd`, `Verts/ALE` -> `vertsale`, `Rule 144` ->
/// `rule144`). With `separator`, each run of other characters becomes that character instead
/// (`Kati Piri` -> `kati.piri`). Never holds `_` or whitespace; empty when the name has no letter
/// or digit.
pub fn slug(name: &str, separator: Option<char>) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending = false;
    for c in name.chars() {
        if is_id_char(c) {
            if pending && !out.is_empty() {
                out.extend(separator);
            }
            pending = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase().filter(|l| is_id_char(*l)));
            }
        } else {
            pending = true;
        }
    }
    out
}

/// Hands out the numbers of same-named, numbered siblings (`para_1`, `para_2`, ...): the cleaned
/// printed number when there is one, the ordinal otherwise, with `_2`, `_3`... appended when a
/// number was already given (two paragraphs printed `2.` become `para_2` and `para_2_2`).
///
/// A repeat suffix cannot meet a cleaned number, which never holds `_`, so a count per number
/// is all it takes; lookups go through a hash map, whose order never reaches the output.
#[derive(Debug, Default)]
pub struct Siblings {
    count: usize,
    given: HashMap<String, usize>,
}

impl Siblings {
    /// The eId number for the next sibling printed as `num`.
    pub fn numbered(&mut self, num: &Num) -> String {
        let mut base = clean_num(&num.value);
        if base.is_empty() {
            base = clean_num(&num.text);
        }
        if base.is_empty() {
            base = (self.count + 1).to_string();
        }
        self.count += 1;
        match self.given.get_mut(&base) {
            Some(times) => {
                *times += 1;
                format!("{base}_{times}")
            }
            None => {
                self.given.insert(base.clone(), 1);
                base
            }
        }
    }
}

/// Numbers unnumbered siblings by their ordinal: `p_1`, `p_2`, `cit_1`...
#[derive(Debug, Default)]
pub struct Counter {
    count: usize,
}

impl Counter {
    /// The eId of the next such child of `parent`: `child(parent, abbr, n)`.
    pub fn next(&mut self, parent: &str, abbr: &str) -> String {
        self.count += 1;
        let mut id = child(parent, abbr, "");
        // Writing into a String cannot fail.
        let _ = write!(id, "{}", self.count);
        id
    }

    /// How many were handed out.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// The identifiers of the metadata references (`ep`, `sd`, `kati.piri`), kept distinct from one
/// another: a name whose slug is taken gets `-2`, `-3`...
#[derive(Debug, Default)]
pub struct RefIds {
    taken: std::collections::HashSet<String>,
}

impl RefIds {
    /// Claims `wanted` (or `fallback` when `wanted` is empty), suffixed if needed, and returns it.
    pub fn claim(&mut self, wanted: &str, fallback: &str) -> String {
        let base = if wanted.is_empty() { fallback } else { wanted };
        let id = if self.taken.contains(base) {
            (2..)
                .map(|k| format!("{base}-{k}"))
                .find(|candidate| !self.taken.contains(candidate))
                .unwrap_or_default()
        } else {
            base.to_string()
        };
        self.taken.insert(id.clone());
        id
    }
}

/// Joins a parent eId (or prefix such as `preface`) and a child part: `para_2` + `point_a`.
pub fn child(parent: &str, abbr: &str, number: &str) -> String {
    // Room for the parts, the separators, and digits or a child's part appended later.
    let mut id = String::with_capacity(parent.len() + abbr.len() + number.len() + 8);
    if !parent.is_empty() {
        id.push_str(parent);
        id.push_str("__");
    }
    id.push_str(abbr);
    id.push('_');
    id.push_str(number);
    id
}

/// A prefix for the children of a container that has no number of its own (`intro`, `wrapUp`):
/// `para_2` + `intro` -> `para_2__intro`.
pub fn prefix(parent: &str, name: &str) -> String {
    let mut id = String::with_capacity(parent.len() + name.len() + 2);
    id.push_str(parent);
    id.push_str("__");
    id.push_str(name);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_numbers_as_the_naming_convention_says() {
        for (printed, want) in [
            ("A.", "A"),
            ("(a)", "a"),
            ("(ii)", "ii"),
            ("1.", "1"),
            ("1.2.", "1-2"),
            ("(123.4-5)", "123-4-5"),
            ("312_32_7", "312-32-7"),
            ("2,3, 4,", "2-3-4"),
            ("3a bis", "3abis"),
            (" -3a--4,9", "3a-4-9"),
            ("[16]", "16"),
            ("“2.3", "2-3"),
            ("3é", "3é"),
            // Greek capital alpha is kept
            ("Α.", "Α"),
            ("б)", "б"),
            ("–", ""),
            ("( )", ""),
            ("", ""),
            // no-break space is whitespace
            ("1\u{a0}a", "1a"),
        ] {
            assert_eq!(clean_num(printed), want, "{printed:?}");
        }
    }

    #[test]
    fn cleaned_numbers_never_hold_separators_or_whitespace() {
        for s in [
            "a_b",
            "1 _ 2",
            "x\ty\nz\r",
            "__",
            "_1_",
            "a\u{3000}b",
            "(1)(2)",
        ] {
            let c = clean_num(s);
            assert!(
                !c.contains('_') && !c.chars().any(char::is_whitespace),
                "{s:?} -> {c:?}"
            );
            assert!(!c.starts_with('-') && !c.ends_with('-'), "{s:?} -> {c:?}");
        }
    }

    #[test]
    fn slugs_group_names() {
        assert_eq!(slug("S&D", None), "sd");
        assert_eq!(slug("Verts/ALE", None), "vertsale");
        assert_eq!(slug("ECR", None), "ecr");
        assert_eq!(slug("The Left", None), "theleft");
        assert_eq!(slug("Rules 144(5) and 132(4)", None), "rules1445and1324");
        assert_eq!(slug("Kati Piri", Some('.')), "kati.piri");
        assert_eq!(slug("  Γιάννης  Μανιάτης ", Some('.')), "γιάννης.μανιάτης");
        assert_eq!(slug("&/", None), "");
    }

    #[test]
    fn siblings_get_distinct_numbers() {
        let mut s = Siblings::default();
        assert_eq!(s.numbered(&Num::printed("1.")), "1");
        assert_eq!(s.numbered(&Num::printed("2.")), "2");
        assert_eq!(s.numbered(&Num::printed("2.")), "2_2");
        assert_eq!(s.numbered(&Num::printed("2.")), "2_3");
        assert_eq!(
            s.numbered(&Num::printed("–")),
            "5",
            "ordinal when nothing is printed"
        );
        assert_eq!(
            s.numbered(&Num {
                text: "(5)".into(),
                value: "".into(),
            }),
            "5_2",
            "cleaned text when the value is empty"
        );
        assert_eq!(s.numbered(&Num::printed("2")), "2_4");
        let mut o = Counter::default();
        assert_eq!(o.next("para_1", "p"), "para_1__p_1");
        assert_eq!(o.next("", "hcontainer"), "hcontainer_2");
        assert_eq!(o.count(), 2);
    }

    #[test]
    fn reference_ids_stay_distinct() {
        let mut ids = RefIds::default();
        assert_eq!(ids.claim("ep", "x"), "ep");
        assert_eq!(ids.claim("ep", "x"), "ep-2");
        assert_eq!(ids.claim("", "group"), "group");
        assert_eq!(ids.claim("", "group"), "group-2");
        assert_eq!(ids.claim("ep-2", "x"), "ep-2-2");
    }

    #[test]
    fn joins_parts() {
        assert_eq!(child("", "para", "1"), "para_1");
        assert_eq!(child("para_2", "point", "a"), "para_2__point_a");
        assert_eq!(
            child(&prefix("para_2", "intro"), "p", "1"),
            "para_2__intro__p_1"
        );
    }
}
