//! A language profile: the words and shapes of motions in one language, read from
//! `src/lang/data/<code>.toml`.

use serde::Deserialize;

/// Everything the reader needs to know about one language. See `src/lang/data/en.toml` for the
/// meaning of each field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub code: String,
    pub name: String,
    pub formula: Vec<String>,
    pub citation_openers: Vec<String>,
    pub recital_openers: Vec<String>,
    #[serde(default)]
    pub recitals_intro: Vec<String>,
    #[serde(default)]
    pub body_intro: Vec<String>,
    pub resolution_titles: Vec<String>,
    pub kind_joint: Vec<String>,
    pub kind_motion: Vec<String>,
    pub kind_adopted: Vec<String>,
    pub request: Vec<String>,
    pub rule_line: Vec<String>,
    pub rule_words: Vec<String>,
    pub group_prefix: Vec<String>,
    pub group_suffix: Vec<String>,
    pub replacing: Vec<String>,
    pub forward: Vec<String>,
    #[serde(default)]
    pub furniture_lines: Vec<String>,
    #[serde(default)]
    pub furniture_prefixes: Vec<String>,
    #[serde(default)]
    pub motto: String,
    #[serde(default)]
    pub hyphen_prefixes: Vec<String>,
    pub recital_letters: String,
    #[serde(default)]
    pub months: Vec<String>,
}

impl Profile {
    /// The recital letters as characters, in order.
    pub fn letters(&self) -> Vec<char> {
        self.recital_letters
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }
}
