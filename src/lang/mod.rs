//! The EU's official languages: their codes and the reading profiles the parser uses.
//!
//! Every keyword the reader looks for (formula, openers, cover words, furniture) lives in one
//! TOML file per language under `src/lang/data/`, compiled into the binary and parsed once.

mod detect;
mod profile;

pub use detect::{detect, from_name};
pub use profile::Profile;
use std::sync::OnceLock;

/// The data files, by ISO 639-1 code.
static DATA: &[(&str, &str)] = &[("en", include_str!("data/en.toml"))];

/// Every language profile, parsed on first use.
pub fn profiles() -> &'static [Profile] {
    static PROFILES: OnceLock<Vec<Profile>> = OnceLock::new();
    PROFILES.get_or_init(|| {
        DATA.iter()
            .map(|(code, text)| {
                // The data is part of the program; a broken file is a bug caught by the tests.
                let profile: Profile = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("src/lang/data/{code}.toml: {e}"));
                assert_eq!(&profile.code, code, "src/lang/data/{code}.toml: code field");
                profile
            })
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
    fn maps_codes() {
        assert_eq!(super::iso639_2("EN"), "eng");
        assert_eq!(super::iso639_2("el"), "ell");
        assert_eq!(super::iso639_2("xx"), "und");
    }
}
