//! The EU's official languages: their codes and the reading profiles the parser uses.
//!
//! Every keyword the reader looks for (formula, openers, cover words, furniture) lives in one
//! TOML file per language under `src/lang/data/`, turned into JSON by `build.rs`, compiled into
//! the binary and parsed once.

mod detect;
pub mod furniture;
mod profile;

pub use detect::{detect, from_name};
pub use profile::{PartLabels, Profile};
use std::sync::OnceLock;

/// A language's profile, as `build.rs` turns its TOML into JSON.
macro_rules! data {
    ($($code:literal),* $(,)?) => {
        &[$(($code, include_str!(concat!(env!("OUT_DIR"), "/lang/", $code, ".json")))),*]
    };
}

/// The data files, by ISO 639-1 code.
static DATA: &[(&str, &str)] = data![
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv",
    "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

/// Every language profile, parsed on first use.
pub fn profiles() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        DATA.iter()
            .map(|(code, text)| {
                // The data is part of the program; a broken file is a bug caught by the tests.
                let profile: Profile = serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("src/lang/data/{code}.toml: {e}"));
                assert_eq!(&profile.code, code, "src/lang/data/{code}.toml: code field");
                profile
            })
            .collect()
    })
}

/// Every language's whole-line furniture, for quick lookup.
pub struct FurnitureIndex {
    /// Keyed by [`crate::vocab::loose::loose_key`], with the codes of the languages it belongs to.
    pub lines: std::collections::HashMap<String, Vec<&'static str>>,
    /// The longest furniture line, in bytes: longer lines need no lookup.
    pub longest: usize,
}

/// The furniture lines of every language, with its masthead and plenary-sitting words: page
/// furniture wherever the cover reader does not keep them.
pub fn furniture_lines() -> &'static FurnitureIndex {
    static INDEX: OnceLock<FurnitureIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = FurnitureIndex {
            lines: std::collections::HashMap::new(),
            longest: 0,
        };
        for p in profiles() {
            for line in p
                .furniture_lines
                .iter()
                .chain(&p.masthead)
                .chain(&p.sitting)
            {
                // Input lines may carry more whitespace than the data; allow for it.
                index.longest = index.longest.max(line.len() * 2 + 8);
                let owners = (index.lines)
                    .entry(crate::vocab::loose::loose_key(line))
                    .or_default();
                if !owners.contains(&p.code.as_str()) {
                    owners.push(p.code.as_str());
                }
            }
        }
        index
    })
}

/// Every language's EU motto ("United in diversity"), as lookup keys.
pub fn mottos() -> &'static std::collections::HashSet<String> {
    static MOTTOS: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    MOTTOS.get_or_init(|| {
        profiles()
            .iter()
            .filter(|p| !p.motto.is_empty())
            .map(|p| crate::vocab::loose::loose_key(&p.motto))
            .collect()
    })
}

/// The profile for an ISO 639-1 code, any case.
pub fn profile(code: &str) -> Option<&'static Profile> {
    profiles()
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(code))
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
        assert!(!super::profiles().is_empty());
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
