//! The font files motion-export embeds in its PDFs, as bytes: Liberation Serif 2.1.5, the four
//! faces, metric-compatible with Times New Roman (the face of the Parliament's documents and of
//! motion-export's DOCX). Licensed under the SIL Open Font License 1.1 (`LICENSE-OFL.txt`).

#![no_std]
#![warn(missing_docs)]

/// Liberation Serif, the four faces of the family.
pub mod liberation_serif {
    /// The family's name, as its `name` table gives it.
    pub const FAMILY: &str = "Liberation Serif";

    /// The regular face (TrueType).
    pub fn regular() -> &'static [u8] {
        include_bytes!("../files/LiberationSerif-Regular.ttf")
    }

    /// The bold face (TrueType).
    pub fn bold() -> &'static [u8] {
        include_bytes!("../files/LiberationSerif-Bold.ttf")
    }

    /// The italic face (TrueType).
    pub fn italic() -> &'static [u8] {
        include_bytes!("../files/LiberationSerif-Italic.ttf")
    }

    /// The bold italic face (TrueType).
    pub fn bold_italic() -> &'static [u8] {
        include_bytes!("../files/LiberationSerif-BoldItalic.ttf")
    }

    /// The SIL Open Font License and copyright notice the files come with.
    pub const LICENSE: &str = include_str!("../LICENSE-OFL.txt");
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::liberation_serif as face;
    use std::vec::Vec;

    #[test]
    fn every_face_is_a_truetype_file_of_the_family() {
        // The family name sits in each file's `name` table as UTF-16BE.
        let name: Vec<u8> = (face::FAMILY.encode_utf16())
            .flat_map(|unit| unit.to_be_bytes())
            .collect();
        for bytes in [
            face::regular(),
            face::bold(),
            face::italic(),
            face::bold_italic(),
        ] {
            assert_eq!(&bytes[..4], &[0, 1, 0, 0], "TrueType sfnt version");
            assert!(bytes.windows(name.len()).any(|w| w == name));
        }
        assert!(face::LICENSE.contains("SIL Open Font License"));
    }
}
