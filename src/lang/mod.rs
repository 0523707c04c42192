//! The EU's official languages: codes now, and the per-language reading profiles.

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
    fn maps_codes() {
        assert_eq!(super::iso639_2("EN"), "eng");
        assert_eq!(super::iso639_2("el"), "ell");
        assert_eq!(super::iso639_2("xx"), "und");
    }
}
