//! The EU's official languages: their codes and the reading profiles the parser uses.
//!
//! Every keyword the reader looks for (formula, openers, cover words, furniture) lives in one
//! TOML file per language under `src/lang/data/`, turned into JSON by `build.rs`, compiled into
//! the binary and parsed the first time the language is used; what takes every language at once
//! (recognising the language, page furniture, mottos) is in tables `build.rs` makes (`index`).

mod detect;
pub mod furniture;
mod index;
mod profile;

pub use detect::{detect, from_name};
pub use profile::{PartLabels, Profile};
use std::sync::OnceLock;

/// The profile at `at` in [`index::DATA`], parsed on first use.
fn profile_at(at: usize) -> &'static Profile {
    static PARSED: [OnceLock<Profile>; 24] = [const { OnceLock::new() }; 24];
    PARSED[at].get_or_init(|| {
        let (code, text) = index::DATA[at];
        // The data is part of the program; a broken file is a bug caught by the tests.
        let profile: Profile =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("src/lang/data/{code}.toml: {e}"));
        assert_eq!(profile.code, code, "src/lang/data/{code}.toml: code field");
        profile
    })
}

/// Every language profile, in code order (each parsed on first use).
pub fn profiles() -> impl Iterator<Item = &'static Profile> {
    (0..index::DATA.len()).map(profile_at)
}

/// Whether `key` (a line as [`crate::vocab::loose::loose_key`] makes it) is whole-line furniture
/// of some language: the codes of the languages it belongs to.
pub fn furniture_owners(key: &str) -> Option<&'static [&'static str]> {
    index::lookup(index::FURNITURE, key).copied()
}

/// The longest whole-line furniture of any language, in bytes, with room for extra whitespace:
/// longer lines need no lookup.
pub const FURNITURE_LONGEST: usize = index::FURNITURE_LONGEST;

/// Whether `key` (as [`crate::vocab::loose::loose_key`] makes it) is a language's EU motto
/// ("United in diversity").
pub fn is_motto(key: &str) -> bool {
    index::MOTTOS.binary_search(&key).is_ok()
}

/// The profile for an ISO 639-1 code, any case.
pub fn profile(code: &str) -> Option<&'static Profile> {
    let at = index::DATA
        .iter()
        .position(|(c, _)| c.eq_ignore_ascii_case(code))?;
    Some(profile_at(at))
}

/// The 24 official languages of the EU: ISO 639-1 code, ISO 639-2/T code, English name.
pub const LANGUAGES: [(&str, &str, &str); 24] = [
    ("bg", "bul", "Bulgarian"),
    ("cs", "ces", "Czech"),
    ("da", "dan", "Danish"),
    ("de", "deu", "German"),
    ("el", "ell", "Greek"),
    ("en", "eng", "English"),
    ("es", "spa", "Spanish"),
    ("et", "est", "Estonian"),
    ("fi", "fin", "Finnish"),
    ("fr", "fra", "French"),
    ("ga", "gle", "Irish"),
    ("hr", "hrv", "Croatian"),
    ("hu", "hun", "Hungarian"),
    ("it", "ita", "Italian"),
    ("lt", "lit", "Lithuanian"),
    ("lv", "lav", "Latvian"),
    ("mt", "mlt", "Maltese"),
    ("nl", "nld", "Dutch"),
    ("pl", "pol", "Polish"),
    ("pt", "por", "Portuguese"),
    ("ro", "ron", "Romanian"),
    ("sk", "slk", "Slovak"),
    ("sl", "slv", "Slovenian"),
    ("sv", "swe", "Swedish"),
];

/// The ISO 639-2/T code (`eng`) for an ISO 639-1 code (`en`, any case); `und` when unknown.
pub fn iso639_2(code: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|(two, _, _)| two.eq_ignore_ascii_case(code))
        .map_or("und", |(_, three, _)| three)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_profile_parses() {
        assert_eq!(super::profiles().count(), super::LANGUAGES.len());
        for p in super::profiles() {
            assert!(!p.formula.is_empty(), "{}: formula", p.code);
            assert_ne!(
                super::iso639_2(&p.code),
                "und",
                "{}: not an EU language",
                p.code
            );
        }
    }

    #[test]
    fn every_eu_language_has_a_complete_profile() {
        for (code, _, name) in super::LANGUAGES {
            let p = super::profile(code).unwrap_or_else(|| panic!("no profile for {code}"));
            assert_eq!(p.name, name, "{code}: name");
            let lists = [
                ("citation_openers", &p.citation_openers),
                ("resolution_titles", &p.resolution_titles),
                ("kind_joint", &p.kind_joint),
                ("kind_motion", &p.kind_motion),
                ("kind_adopted", &p.kind_adopted),
                ("request", &p.request),
                ("rule_line", &p.rule_line),
                ("group_prefix", &p.group_prefix),
                ("replacing", &p.replacing),
                ("forward", &p.forward),
                ("furniture_lines", &p.furniture_lines),
                ("masthead", &p.masthead),
                ("sitting", &p.sitting),
            ];
            for (field, list) in lists {
                assert!(!list.is_empty(), "{code}: {field} is empty");
                assert!(
                    list.iter().all(|w| w.trim() == w),
                    "{code}: {field} has an entry with outer spaces"
                );
            }
            assert!(!p.motto.is_empty(), "{code}: motto");
            let labels = p
                .labels
                .as_ref()
                .unwrap_or_else(|| panic!("{code}: labels"));
            for label in [
                &labels.cover,
                &labels.citations,
                &labels.recitals,
                &labels.paragraph,
                &labels.paragraphs,
                &labels.notes,
            ] {
                assert!(
                    !label.trim().is_empty() && label.trim() == label,
                    "{code}: label {label:?}"
                );
            }
            assert_eq!(p.months.len(), 12, "{code}: months");
            assert!(p.letters().len() >= 19, "{code}: recital letters");
            assert!(
                p.group_suffix_required <= !p.group_suffix.is_empty(),
                "{code}: a required group suffix needs suffixes"
            );
            // Recital numbers read back as what they number, for the first hundred.
            for i in 0..99 {
                let n = p.recital_number(i).unwrap();
                assert_eq!(p.recital_index(&n), Some(i), "{code}: recital {n}");
            }
            // Every cover kind is written in capitals, as on the covers.
            for kind in p.kind_joint.iter().chain(&p.kind_motion) {
                assert!(
                    !kind.chars().any(char::is_lowercase),
                    "{code}: cover kind {kind} is not in capitals"
                );
            }
        }
    }

    /// The tables `build.rs` makes hold every profile's phrases, furniture and motto under the
    /// keys the program looks them up by.
    #[test]
    fn the_generated_tables_hold_every_profile() {
        use crate::vocab::loose::{first_word_key, loose_key};
        for (at, p) in super::profiles().enumerate() {
            assert_eq!(super::index::DATA[at].0, p.code);
            assert_eq!(super::LANGUAGES[at].0, p.code);
            for phrase in p
                .formula
                .iter()
                .chain(&p.citation_openers)
                .chain(&p.recital_openers)
                .chain(&p.resolution_titles)
            {
                let found = super::index::lookup(super::index::TRIGGERS, &first_word_key(phrase))
                    .unwrap_or_else(|| panic!("{}: {phrase}", p.code));
                assert!(found.iter().any(|t| t.profile == at && t.phrase == phrase));
            }
            for line in p
                .furniture_lines
                .iter()
                .chain(&p.masthead)
                .chain(&p.sitting)
            {
                let owners = super::furniture_owners(&loose_key(line)).unwrap();
                assert!(owners.contains(&p.code.as_str()), "{}: {line}", p.code);
                assert!(line.len() * 2 + 8 <= super::FURNITURE_LONGEST);
            }
            assert!(super::is_motto(&loose_key(&p.motto)), "{}", p.code);
        }
    }

    #[test]
    fn greek_recitals_use_greek_numerals() {
        let el = super::profile("el").unwrap();
        assert_eq!(el.recital_index("Ε"), Some(4));
        assert_eq!(el.recital_index("ΣΤ"), Some(5));
        assert_eq!(el.recital_index("Ζ"), Some(6));
        assert_eq!(el.recital_index("ΙΑ"), Some(10));
        assert_eq!(el.recital_index("ΑΑ"), None);
        let en = super::profile("en").unwrap();
        assert_eq!(en.recital_index("AA"), Some(26));
        assert_eq!(en.recital_number(27).as_deref(), Some("AB"));
    }

    #[test]
    fn maps_codes() {
        assert_eq!(super::iso639_2("EN"), "eng");
        assert_eq!(super::iso639_2("el"), "ell");
        assert_eq!(super::iso639_2("xx"), "und");
    }
}
