//! Labels at the start of a block: citation dashes, recital letters, paragraph numbers, point
//! numbers and footnote markers.

use crate::lang::Profile;
use crate::model::Num;

/// The kind of numbering of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// `(a)`, `a)`
    Alpha,
    /// `(i)`, `i)`
    Roman,
    /// `(1)`
    Digit,
    /// `–`, `•`
    Dash,
}

/// A label and where the text after it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A dash (`–`, `-`, `•`): a citation in the preamble, a point in the body.
    Dash,
    /// A recital letter: `A.`, `AB.`, `Γ.`
    Letter(Num),
    /// A paragraph number: `12.`
    Number(Num, u32),
    /// A point: `(a)`, `(iv)`, `b)`, `(1)`. An alphabetic point may also read as a Roman one
    /// (`(i)`, `(v)`): `maybe_roman` says so, the reader decides from context.
    Point {
        num: Num,
        kind: PointKind,
        maybe_roman: bool,
    },
    /// A footnote marker opening a note text: `[1]`.
    Note(String),
    /// A paragraph or point number above [`MAX_NUMBER`]: `4294967296.`, `(99999)`. No motion
    /// numbers that far; the reader reports it and keeps the text.
    TooLarge(Num),
}

/// The largest paragraph number the reader takes for one: seven digits, as before (a generated
/// motion of a million paragraphs is read whole); more is no paragraph number and could overflow.
pub const MAX_NUMBER: u32 = 9_999_999;

/// The largest point number in parentheses: points stay far below (the corpus under 30); a
/// four-digit `(2019)` is a year, kept as text.
const MAX_POINT_DIGITS: usize = 4;

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '-' | '•' | '‒' | '−' | '▪' | '·')
}

/// Whitespace after a label: spaces, tabs, no-break and figure spaces.
fn gap(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(s.len(), |(i, _)| i)
}

/// Reads a label at the start of `text`. Returns it and the byte offset of the text after it
/// (past the whitespace). A label must be followed by whitespace and some text.
pub fn read(text: &str, profile: &Profile) -> Option<(Label, usize)> {
    let first = text.chars().next()?;
    // The label must be followed by whitespace, or end the line (its text may follow on the next).
    let after = |len: usize| -> Option<usize> {
        let g = gap(&text[len..]);
        (g > 0 || len == text.len()).then_some(len + g)
    };
    if is_dash(first) {
        return after(first.len_utf8()).map(|at| (Label::Dash, at));
    }
    if first == '[' {
        let close = text.find(']')?;
        let inner = &text[1..close];
        if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
            return after(close + 1).map(|at| (Label::Note(inner.to_string()), at));
        }
        return None;
    }
    if first == '(' {
        let close = text[1..].find(')')? + 1;
        let inner = &text[1..close];
        return point(inner, &text[..=close]).and_then(|l| after(close + 1).map(|at| (l, at)));
    }
    if first.is_ascii_digit() {
        let d = text.bytes().take_while(u8::is_ascii_digit).count();
        let len = number_end(&text[d..])?;
        let num = Num::printed(&text[..d + len]);
        let label = match text[..d].parse::<u32>() {
            Ok(value) if value <= MAX_NUMBER => Label::Number(num, value),
            _ => Label::TooLarge(num),
        };
        return after(d + len).map(|at| (label, at));
    }
    // Recital letters: one or two capitals of the language's alphabet (or one of the language's
    // recital numbers, such as Greek `ΣΤ`) and a full stop.
    let letters = profile_letters(profile);
    let numbers = &profile.recital_numbers;
    let longest = numbers.iter().map(|n| n.chars().count()).max().unwrap_or(2);
    let n: usize = text
        .chars()
        .take_while(|c| letters.contains(*c))
        .take(longest + 1)
        .map(char::len_utf8)
        .sum();
    let listed = numbers.is_empty() || numbers.iter().any(|v| *v == text[..n]);
    if n > 0 && text[..n].chars().count() <= longest && listed && text[n..].starts_with('.') {
        let num = Num::printed(&text[..=n]);
        return after(n + 1).map(|at| (Label::Letter(num), at));
    }
    // "a) text", "iv) text", "a. text"
    let n = text.bytes().take_while(u8::is_ascii_lowercase).count();
    if (1..=4).contains(&n) && text[n..].starts_with([')', '.']) {
        return point(&text[..n], &text[..=n]).and_then(|l| after(n + 1).map(|at| (l, at)));
    }
    None
}

/// The length of what closes a paragraph number after its digits: `.` (`1.`), `)` (`1)`) or a
/// full stop after one space (`1 .`, followed by whitespace or the end of the line).
fn number_end(rest: &str) -> Option<usize> {
    if rest.starts_with(['.', ')']) {
        return Some(1);
    }
    let spaced = rest.strip_prefix(' ')?.strip_prefix('.')?;
    (spaced.is_empty() || spaced.starts_with(char::is_whitespace)).then_some(2)
}

/// Whether a point label reads `a.`, a shape that also starts ordinary text (`v. Commission` in a
/// case name): such a label opens a block only after finished text.
pub fn is_dotted_point(label: &Label) -> bool {
    matches!(label, Label::Point { num, .. } if num.text.ends_with('.'))
}

fn profile_letters(profile: &Profile) -> &str {
    &profile.recital_letters
}

/// A point number from what is inside its parenthesis.
fn point(inner: &str, written: &str) -> Option<Label> {
    let num = |_inner: &str| Num::printed(written);
    if !inner.is_empty()
        && inner.bytes().all(|b| b.is_ascii_digit())
        && inner.len() > MAX_POINT_DIGITS
    {
        return Some(Label::TooLarge(num(inner)));
    }
    if inner.is_empty() || inner.len() > 5 {
        return None;
    }
    if inner.bytes().all(|b| b.is_ascii_digit()) && inner.len() <= 3 {
        return Some(Label::Point {
            num: num(inner),
            kind: PointKind::Digit,
            maybe_roman: false,
        });
    }
    if !inner.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let roman = inner
        .bytes()
        .all(|b| matches!(b, b'i' | b'v' | b'x' | b'l'));
    if inner.len() == 1 {
        return Some(Label::Point {
            num: num(inner),
            kind: PointKind::Alpha,
            maybe_roman: roman,
        });
    }
    if roman {
        return Some(Label::Point {
            num: num(inner),
            kind: PointKind::Roman,
            maybe_roman: true,
        });
    }
    // "(aa)" after "(z)".
    (inner.len() == 2 && inner.as_bytes()[0] == inner.as_bytes()[1]).then(|| Label::Point {
        num: num(inner),
        kind: PointKind::Alpha,
        maybe_roman: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::read::text::testing::en;

    #[test]
    fn reads_labels() {
        assert_eq!(read("– having regard", en()), Some((Label::Dash, 4)));
        assert!(
            matches!(read("A.\u{a0}whereas", en()), Some((Label::Letter(n), 4)) if n.value == "A")
        );
        assert!(
            matches!(read("AB. whereas", en()), Some((Label::Letter(n), 4)) if n.value == "AB")
        );
        assert!(matches!(
            read("12.      Calls", en()),
            Some((Label::Number(_, 12), 9))
        ));
        assert!(matches!(
            read("(iv) text", en()),
            Some((
                Label::Point {
                    kind: PointKind::Roman,
                    ..
                },
                5
            ))
        ));
        assert!(matches!(
            read("(i) text", en()),
            Some((
                Label::Point {
                    kind: PointKind::Alpha,
                    maybe_roman: true,
                    ..
                },
                4
            ))
        ));
        assert!(matches!(
            read("b) text", en()),
            Some((
                Label::Point {
                    kind: PointKind::Alpha,
                    ..
                },
                3
            ))
        ));
        assert_eq!(
            read("[1] Judgment", en()),
            Some((Label::Note("1".into()), 4))
        );
        assert_eq!(read("9.7 million", en()), None);
        assert!(matches!(read("A.", en()), Some((Label::Letter(_), 2))));
        assert_eq!(read("A.B", en()), None);
        assert_eq!(read("European", en()), None);
    }

    #[test]
    fn reads_numbering_variants() {
        let number = |t: &str| match read(t, en()) {
            Some((Label::Number(n, v), at)) => Some((n.text, v, at)),
            _ => None,
        };
        assert_eq!(number("12. Calls"), Some(("12.".into(), 12, 4)));
        assert_eq!(number("12) Calls"), Some(("12)".into(), 12, 4)));
        assert_eq!(number("12 . Calls"), Some(("12 .".into(), 12, 5)));
        assert_eq!(number("12 .5 Calls"), None);
        assert_eq!(number("12 Calls"), None);
        assert_eq!(number("2021 and"), None);
        let point = |t: &str| match read(t, en()) {
            Some((l @ Label::Point { .. }, _)) => Some(is_dotted_point(&l)),
            _ => None,
        };
        assert_eq!(point("(a) one"), Some(false));
        assert_eq!(point("a) one"), Some(false));
        assert_eq!(point("a. one"), Some(true));
        assert_eq!(point("iv. one"), Some(true));
        assert_eq!(point("i.e. one"), None);
        assert_eq!(point("ab. one"), None);
    }

    #[test]
    fn reads_recital_numbers_of_other_alphabets() {
        let el = crate::lang::profile("el").unwrap();
        let letter = |t: &str| match read(t, el) {
            Some((Label::Letter(n), _)) => Some(n.value),
            _ => None,
        };
        assert_eq!(letter("ΣΤ. λαμβάνοντας υπόψη").as_deref(), Some("ΣΤ"));
        assert_eq!(letter("ΙΣΤ. λαμβάνοντας υπόψη").as_deref(), Some("ΙΣΤ"));
        assert_eq!(letter("Α. λαμβάνοντας υπόψη").as_deref(), Some("Α"));
        // Not a Greek numeral, and Latin capitals are not Greek ones.
        assert_eq!(letter("ΑΑ. λαμβάνοντας"), None);
        assert_eq!(letter("A. whereas"), None);
        let bg = crate::lang::profile("bg").unwrap();
        assert!(
            matches!(read("Й. като има предвид", bg), Some((Label::Letter(n), _)) if n.value == "Й")
        );
    }
}
