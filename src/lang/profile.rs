//! A language profile: the words and shapes of motions in one language, read from
//! `src/lang/data/<code>.toml`.

use serde::Deserialize;

/// Everything the reader needs to know about one language. See `src/lang/data/en.toml` for the
/// meaning of each field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// ISO 639-1 code, lower case (`en`).
    pub code: String,
    /// The language's English name (`English`).
    pub name: String,
    /// The enacting formula (`The European Parliament,`).
    pub formula: Vec<String>,
    /// Words that open a citation (`having regard to`).
    pub citation_openers: Vec<String>,
    /// Words that open a recital (`whereas`).
    pub recital_openers: Vec<String>,
    /// The recital openers that never open an operative paragraph: by them a run of items is
    /// read as recitals when its printed numbers cannot be trusted. Empty: `recital_openers`.
    #[serde(default)]
    pub list_openers: Vec<String>,
    /// A line that closes the citations and opens the recitals, where the language has one.
    #[serde(default)]
    pub recitals_intro: Vec<String>,
    /// A line that opens the operative part, where the language has one.
    #[serde(default)]
    pub body_intro: Vec<String>,
    /// How the resolution's own title begins (`European Parliament resolution`).
    pub resolution_titles: Vec<String>,
    /// The cover kind of a joint motion, in capitals (`JOINT MOTION FOR A RESOLUTION`).
    pub kind_joint: Vec<String>,
    /// The cover kind of a motion, in capitals (`MOTION FOR A RESOLUTION`).
    pub kind_motion: Vec<String>,
    /// The cover kind of an adopted text, in capitals (`TEXTS ADOPTED`).
    pub kind_adopted: Vec<String>,
    /// How the request for a debate begins (`with request for inclusion in the agenda`).
    pub request: Vec<String>,
    /// How the Rule line begins (`pursuant to Rule`).
    pub rule_line: Vec<String>,
    /// The word for Rule, plural first (`Rules`, `Rule`).
    pub rule_words: Vec<String>,
    /// Words besides `rule_words` after which a number is tied in paged outputs, so that no
    /// line ends between them (`No`, `Article`, `point`).
    #[serde(default)]
    pub before_number: Vec<String>,
    /// What comes before a group's name (`on behalf of the`).
    pub group_prefix: Vec<String>,
    /// What comes after a group's name (`Group`).
    pub group_suffix: Vec<String>,
    /// A group line must end with one of `group_suffix` (languages whose prefix is empty or a
    /// common word: Finnish "S&D-ryhmän puolesta", Swedish "för S&D-gruppen").
    #[serde(default)]
    pub group_suffix_required: bool,
    /// How a joint motion's list of replaced motions begins.
    pub replacing: Vec<String>,
    /// How the closing instruction begins (`Instructs its President to forward`).
    pub forward: Vec<String>,
    /// The institution line of the Parliament's masthead (`European Parliament`), which the
    /// reader keeps on the cover when it stands before the document number.
    #[serde(default)]
    pub masthead: Vec<String>,
    /// The plenary-sitting line under the masthead (`Plenary sitting`, `Plenarsitzungsdokument`),
    /// kept on the cover when it stands before the document number.
    #[serde(default)]
    pub sitting: Vec<String>,
    /// Whole lines of the Parliament's web pages that are not part of the motion.
    #[serde(default)]
    pub furniture_lines: Vec<String>,
    /// Beginnings of such lines (`Last updated:`).
    #[serde(default)]
    pub furniture_prefixes: Vec<String>,
    /// The Union's motto in the language (`United in diversity`), printed in page footers.
    #[serde(default)]
    pub motto: String,
    /// Prefixes that keep their hyphen when a word is joined across a line break.
    #[serde(default)]
    pub hyphen_prefixes: Vec<String>,
    /// The letters that number recitals, in order.
    pub recital_letters: String,
    /// The recital numbers in order, when they are not the letters of `recital_letters` taken
    /// one then two at a time (Greek numerals: `Α`, `Β`, ..., `Ε`, `ΣΤ`, `Ζ`, ..., `ΙΑ`).
    #[serde(default)]
    pub recital_numbers: Vec<String>,
    /// The names of the months, January first, for written dates.
    #[serde(default)]
    pub months: Vec<String>,
    /// The names of the parts of a motion, for bookmarks and labels.
    #[serde(default)]
    pub labels: Option<PartLabels>,
}

/// The names of the parts of a motion in one language (`[labels]` in the profile), as PDF
/// bookmarks and other labels show them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartLabels {
    /// The cover page (`Cover`).
    pub cover: String,
    /// The citations (`Citations`).
    pub citations: String,
    /// The recitals (`Recitals`).
    pub recitals: String,
    /// One operative paragraph, before its number (`Paragraph`).
    pub paragraph: String,
    /// Several operative paragraphs, before their range (`Paragraphs`).
    pub paragraphs: String,
    /// The notes printed after the text (`Notes`).
    pub notes: String,
    /// What a redline inserted, as a screen reader announces it (`Inserted`).
    pub inserted: String,
    /// What a redline deleted, as a screen reader announces it (`Deleted`).
    pub deleted: String,
}

impl Profile {
    /// The recital letters as characters, in order.
    pub fn letters(&self) -> Vec<char> {
        self.recital_letters
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// The openers that make a run of items a list of recitals whatever their printed numbers.
    pub fn recital_list_openers(&self) -> &[String] {
        match self.list_openers.is_empty() {
            true => &self.recital_openers,
            false => &self.list_openers,
        }
    }

    /// The 0-based position of a recital number (`A` -> 0, `AA` -> 26, Greek `ΣΤ` -> 5) in the
    /// language's numbering, or `None` when it is not a recital number.
    pub fn recital_index(&self, value: &str) -> Option<usize> {
        if self.recital_numbers.is_empty() {
            crate::vocab::number::letter_index(value, &self.letters())
        } else {
            self.recital_numbers.iter().position(|n| n == value)
        }
    }

    /// The recital number at `index` (the inverse of [`Profile::recital_index`]).
    pub fn recital_number(&self, index: usize) -> Option<String> {
        if !self.recital_numbers.is_empty() {
            return self.recital_numbers.get(index).cloned();
        }
        let letters = self.letters();
        let n = letters.len();
        if index < n {
            Some(letters[index].to_string())
        } else if index < n * (n + 1) {
            Some(format!("{}{}", letters[index / n - 1], letters[index % n]))
        } else {
            None
        }
    }
}
