//! The cover page: the Parliament's masthead, number, date, session number, kind, request and
//! Rule lines, title and procedure, authors with their groups, and the motions a joint motion
//! replaces.
//!
//! The masthead is read first, from the cover's first lines ([`masthead`]). The lines after it
//! are joined into items (a title or a Rule line hard-wrapped over several lines is
//! one item, [`join`]), then each item is read by its shape ([`shapes`]).

mod facts;
mod fields;
mod join;
mod masthead;
mod shapes;

use super::lines::Line;
use crate::diag::Collector;
use crate::lang::Profile;
use crate::model::Cover;

/// Reads the cover from `lines`, the first `cover_end` of the document's lines; `width` is the
/// document's [`super::lines::width`].
pub fn read(
    src: &str,
    lines: &[Line<'_>],
    cover_end: usize,
    width: usize,
    profile: &Profile,
    diags: &mut Collector,
) -> Cover {
    let cover_lines = &lines[..cover_end];
    let (masthead, from) = masthead::read(src, cover_lines, profile);
    let items = join::items(src, &cover_lines[from..], width, profile);
    let mut reader = shapes::Reader::new(profile, diags);
    for (i, item) in items.iter().enumerate() {
        reader.read(item, items.get(i + 1));
    }
    let mut cover = reader.finish();
    masthead.fill(&mut cover);
    cover
}
