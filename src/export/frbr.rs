//! FRBR identity of a motion: the Work, Expression and Manifestation IRIs of the Akoma Ntoso
//! Naming Convention (`/akn/eu/statement/motionForResolution/ep/2021-02-09/B9-0146-2021/eng@2021-02-09`)
//! and the date they rest on; the XML's `meta` and the HTML's `head` both name the motion by them.

use crate::model::{Date, Motion};

/// The date used when neither the text nor the options give one.
const EPOCH: Date = Date {
    year: 1970,
    month: 1,
    day: 1,
};

/// What the FRBR metadata of one motion says.
#[derive(Debug, Clone)]
pub struct Frbr {
    /// The tabling date, or the fallback date when the text gives none.
    pub date: String,
    /// Whether `date` was read from the text.
    pub date_known: bool,
    /// The document number as printed (`B9-0146/2021`), or the source name, or `motion`.
    pub number: String,
    /// The number as an IRI segment (`B9-0146-2021`).
    pub number_token: String,
    /// ISO 639-2 code of the language (`eng`).
    pub lang: &'static str,
    /// Work IRI: `/akn/eu/statement/{name}/ep/{date}/{number}`.
    pub work: String,
    /// Expression IRI: the Work IRI plus `/{lang}@{date}`.
    pub expression: String,
}

impl Frbr {
    /// Derives the identity from the motion, `fallback_date` standing for the date the text
    /// does not state (the command line's `SOURCE_DATE_EPOCH`); the clock is never read.
    pub fn of(motion: &Motion, fallback_date: Option<Date>) -> Frbr {
        let cover = &motion.cover;
        let known = cover.date.as_ref().map(|d| d.value);
        let date = known.or(fallback_date).unwrap_or(EPOCH).to_string();
        let candidates = [
            cover.doc_number.as_ref().map(|n| n.value.as_str()),
            Some(motion.source_name.as_str()),
        ];
        let (number, number_token) = candidates
            .into_iter()
            .flatten()
            .map(|n| (n.trim(), iri_token(n)))
            .find(|(_, token)| !token.is_empty())
            .unwrap_or(("motion", "motion".to_string()));
        let number = number.to_string();
        let lang = crate::lang::iso639_2(&motion.lang);
        let work = format!(
            "/akn/eu/statement/{}/ep/{date}/{number_token}",
            cover.kind.akn_name()
        );
        let expression = format!("{work}/{lang}@{date}");
        Frbr {
            date,
            date_known: known.is_some(),
            number,
            number_token,
            lang,
            work,
            expression,
        }
    }

    /// The `@name` of the FRBR dates: `tabling` when the text gives the date, else `unknown`.
    pub fn date_name(&self) -> &'static str {
        if self.date_known {
            "tabling"
        } else {
            "unknown"
        }
    }
}

/// `s` as one IRI path segment: `/` and every character other than a letter, a digit, `-`, `.`
/// or `_` become `-`, runs of `-` shrink to one, and `-` or `.` at either end go.
/// `B9-0146/2021` -> `B9-0146-2021`, `my motion (draft).txt` -> `my-motion-draft-.txt`.
pub fn iri_token(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '.' | '_') {
            c
        } else {
            '-'
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_matches(|c| c == '-' || c == '.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Located;

    #[test]
    fn tokens_are_iri_safe() {
        for (printed, want) in [
            ("B9-0146/2021", "B9-0146-2021"),
            ("RC-B10-0249/2025", "RC-B10-0249-2025"),
            ("B8-0089-2015_EN", "B8-0089-2015_EN"),
            (" a b//c ", "a-b-c"),
            ("Ψήφισμα 1", "Ψήφισμα-1"),
            ("<&>\"#?%", ""),
            ("..x..", "x"),
        ] {
            assert_eq!(iri_token(printed), want, "{printed:?}");
        }
    }

    #[test]
    fn builds_the_iris_from_number_date_and_language() {
        let mut motion = Motion {
            lang: "en".into(),
            source_name: "file".into(),
            ..Motion::default()
        };
        motion.cover.doc_number = Some(Located {
            value: "B9-0146/2021".into(),
            span: Default::default(),
        });
        motion.cover.date = Some(Located {
            value: Date::new(2021, 2, 9).unwrap(),
            span: Default::default(),
        });
        let f = Frbr::of(&motion, None);
        assert_eq!(
            f.work,
            "/akn/eu/statement/motionForResolution/ep/2021-02-09/B9-0146-2021"
        );
        assert_eq!(f.expression, format!("{}/eng@2021-02-09", f.work));
        assert_eq!(f.date_name(), "tabling");
    }

    #[test]
    fn falls_back_on_source_name_and_dates() {
        let motion = Motion {
            lang: "el".into(),
            source_name: "my motion/1".into(),
            ..Motion::default()
        };
        let f = Frbr::of(&motion, None);
        assert_eq!(
            f.expression,
            "/akn/eu/statement/motionForResolution/ep/1970-01-01/my-motion-1/ell@1970-01-01"
        );
        assert_eq!(f.date_name(), "unknown");
        let fallback = Date::new(2024, 12, 31);
        assert_eq!(Frbr::of(&motion, fallback).date, "2024-12-31");
        let nameless = Motion::default();
        assert!(Frbr::of(&nameless, fallback)
            .work
            .ends_with("/2024-12-31/motion"));
    }
}
