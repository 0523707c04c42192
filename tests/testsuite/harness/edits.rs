//! The edits of issue 17: recitals, paragraphs and points deleted, inserted, moved and reworded,
//! and a cover field changed, each applied to a motion's model the way a clerk would (numbers
//! stay in place, so the blocks after an insertion or deletion are renumbered), with the change
//! list `compare` must give for it, worked out from the edit alone.

use motion_export::compare::{Change, ChangeKind, Part, Side};
use motion_export::model::*;
use motion_export::vocab::part_ids;

/// One edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The middle one deleted.
    Delete(Target),
    /// A new one inserted in the middle.
    Insert(Target),
    /// The first moved after the third.
    Move(Target),
    /// The second word of one from the middle on replaced.
    Reword(Target),
    /// A word added to the cover's title.
    CoverTitle,
}

/// What an edit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Recitals,
    Paragraphs,
    /// The points of the first paragraph (else recital) with three or more, all of one style.
    Points,
}

/// Every edit.
pub const EDITS: [Edit; 13] = {
    use Edit::*;
    use Target::*;
    [
        Delete(Recitals),
        Insert(Recitals),
        Move(Recitals),
        Reword(Recitals),
        Delete(Paragraphs),
        Insert(Paragraphs),
        Move(Paragraphs),
        Reword(Paragraphs),
        Delete(Points),
        Insert(Points),
        Move(Points),
        Reword(Points),
        CoverTitle,
    ]
};

/// The word a rewording puts in.
pub const REWORDED: &str = "REWORDED";

/// Something numbered (or not, for headings) in a sequence the edits change.
trait Item: Clone {
    fn num(&self) -> Option<&Num>;
    fn num_mut(&mut self) -> Option<&mut Num>;
    /// Its own text, the part a rewording changes.
    fn content_mut(&mut self) -> Option<&mut Vec<Para>>;
    /// Every word, in reading order.
    fn words(&self) -> Vec<String>;
    fn part(&self) -> Part;
    /// A new one of the same kind.
    fn fresh(&self) -> Self;
}

impl Item for Recital {
    fn num(&self) -> Option<&Num> {
        Some(&self.num)
    }
    fn num_mut(&mut self) -> Option<&mut Num> {
        Some(&mut self.num)
    }
    fn content_mut(&mut self) -> Option<&mut Vec<Para>> {
        Some(&mut self.content)
    }
    fn words(&self) -> Vec<String> {
        let mut w = para_words(&self.content);
        w.extend(self.points.iter().flat_map(Item::words));
        w
    }
    fn part(&self) -> Part {
        Part::Recital
    }
    fn fresh(&self) -> Self {
        Recital {
            num: self.num.clone(),
            content: vec![super::para(
                "whereas an inserted recital says something else entirely;",
            )],
            points: vec![],
            span: super::span(),
        }
    }
}

impl Item for BodyItem {
    fn num(&self) -> Option<&Num> {
        match self {
            BodyItem::Paragraph(p) => Some(&p.num),
            BodyItem::Heading(_) => None,
        }
    }
    fn num_mut(&mut self) -> Option<&mut Num> {
        match self {
            BodyItem::Paragraph(p) => Some(&mut p.num),
            BodyItem::Heading(_) => None,
        }
    }
    fn content_mut(&mut self) -> Option<&mut Vec<Para>> {
        match self {
            BodyItem::Paragraph(p) => Some(&mut p.content),
            BodyItem::Heading(_) => None,
        }
    }
    fn words(&self) -> Vec<String> {
        match self {
            BodyItem::Paragraph(p) => {
                let mut w = para_words(&p.content);
                w.extend(p.points.iter().flat_map(Item::words));
                w.extend(para_words(&p.wrap_up));
                w
            }
            BodyItem::Heading(h) => para_words(std::slice::from_ref(&h.text)),
        }
    }
    fn part(&self) -> Part {
        match self {
            BodyItem::Paragraph(_) => Part::Paragraph,
            BodyItem::Heading(_) => Part::Heading,
        }
    }
    fn fresh(&self) -> Self {
        let num = self.num().cloned().unwrap_or_else(|| Num::printed("1."));
        BodyItem::Paragraph(Paragraph {
            num,
            content: vec![super::para(
                "Inserts a new paragraph that no version had before;",
            )],
            points: vec![],
            wrap_up: vec![],
            span: super::span(),
        })
    }
}

impl Item for Point {
    fn num(&self) -> Option<&Num> {
        Some(&self.num)
    }
    fn num_mut(&mut self) -> Option<&mut Num> {
        Some(&mut self.num)
    }
    fn content_mut(&mut self) -> Option<&mut Vec<Para>> {
        Some(&mut self.content)
    }
    fn words(&self) -> Vec<String> {
        let mut w = para_words(&self.content);
        w.extend(self.points.iter().flat_map(Item::words));
        w
    }
    fn part(&self) -> Part {
        Part::Point
    }
    fn fresh(&self) -> Self {
        Point {
            num: self.num.clone(),
            content: vec![super::para("an inserted point with words of its own;")],
            points: vec![],
            span: super::span(),
        }
    }
}

/// The words of paragraphs as the change list gives them: each run's whitespace-separated
/// words, a footnote call as its marker.
pub fn para_words(paras: &[Para]) -> Vec<String> {
    let mut out = Vec::new();
    for p in paras {
        for inline in &p.inlines {
            match inline {
                Inline::Text { text, .. } => out.extend(text.split_whitespace().map(String::from)),
                Inline::NoteRef { marker, .. } if !marker.trim().is_empty() => {
                    out.push(marker.to_string())
                }
                _ => {}
            }
        }
    }
    out
}

/// What an edit did to a sequence: where each new item came from, which old item moved, which
/// was reworded and the word it lost.
struct Done {
    origin: Vec<Option<usize>>,
    moved: Option<usize>,
    reworded: Option<(usize, String)>,
}

/// Applies `edit` to the items `v` (numbers stay in place); `None` when `v` does not lend itself.
fn edit_items<T: Item>(v: &mut Vec<T>, edit: Edit) -> Option<Done> {
    let numbered: Vec<usize> = (0..v.len()).filter(|&i| v[i].num().is_some()).collect();
    if numbered.len() < 3 {
        return None;
    }
    let nums: Vec<Num> = numbered
        .iter()
        .map(|&i| v[i].num().unwrap().clone())
        .collect();
    let mut origin: Vec<Option<usize>> = (0..v.len()).map(Some).collect();
    let mut done = Done {
        origin: Vec::new(),
        moved: None,
        reworded: None,
    };
    match edit {
        Edit::Delete(_) => {
            let at = numbered[numbered.len() / 2];
            v.remove(at);
            origin.remove(at);
        }
        Edit::Insert(_) => {
            let at = numbered[numbered.len() / 2];
            let fresh = v[at].fresh();
            v.insert(at, fresh);
            origin.insert(at, None);
        }
        Edit::Move(_) => {
            let from = numbered[0];
            let item = v.remove(from);
            let o = origin.remove(from);
            // Right after the third numbered item, which the removal moved back by one.
            let to = numbered[2];
            v.insert(to, item);
            origin.insert(to, o);
            done.moved = Some(from);
        }
        Edit::Reword(_) => {
            let (at, word) = (numbered[numbered.len() / 2..].iter())
                .find_map(|&i| reword(&mut v[i]).map(|w| (i, w)))?;
            done.reworded = Some((at, word));
        }
        Edit::CoverTitle => return None,
    }
    // Numbers in place: the k-th numbered item gets the k-th number, a new last one a new number.
    let mut k = 0;
    for item in v.iter_mut() {
        if let Some(num) = item.num_mut() {
            *num = match nums.get(k) {
                Some(n) => n.clone(),
                None => next_num(nums.last().unwrap(), k + 1),
            };
            k += 1;
        }
    }
    done.origin = origin;
    Some(done)
}

/// Replaces the second word of the first run of two words or more in the item's first
/// paragraph, when its text has four words or more; returns the word replaced.
fn reword<T: Item>(item: &mut T) -> Option<String> {
    let content = item.content_mut()?;
    if para_words(content).len() < 4 {
        return None;
    }
    for inline in &mut content.first_mut()?.inlines {
        if let Inline::Text { text, .. } = inline {
            let words: Vec<&str> = text.split(' ').collect();
            let plain = |w: &str| !w.is_empty() && !w.contains(char::is_whitespace);
            if words.len() >= 2 && plain(words[0]) && plain(words[1]) {
                let old = words[1].to_string();
                let mut new: Vec<&str> = words.clone();
                new[1] = REWORDED;
                *text = new.join(" ").into();
                return Some(old);
            }
        }
    }
    None
}

/// A number after `last` for a new last item, the `ordinal`-th.
fn next_num(last: &Num, ordinal: usize) -> Num {
    let value = last.value.as_str();
    let next = if part_ids::is_dash(&last.text) || value.is_empty() {
        return Num::from_printed(&last.text, ordinal);
    } else if let Ok(n) = value.parse::<u64>() {
        (n + 1).to_string()
    } else if value.len() == 1
        && value
            .chars()
            .all(|c| c.is_ascii_alphabetic() && !"zZ".contains(c))
    {
        ((value.as_bytes()[0] + 1) as char).to_string()
    } else {
        format!("{value}x")
    };
    Num::from_printed(&last.text.replacen(value, &next, 1), ordinal)
}

/// The changes of an edit of one sequence, from what it did: deleted, inserted, moved,
/// reworded, and renumbered wherever a number changed.
fn changes<T: Item>(
    old: &[T],
    new: &[T],
    old_ids: &[String],
    new_ids: &[String],
    done: &Done,
) -> Vec<Change> {
    let side = |item: &T, eid: &String| Side {
        eid: eid.clone(),
        num: item.num().map(|n| n.text.to_string()),
    };
    let change = |kind, part, old: Option<Side>, new: Option<Side>, removed, added| Change {
        kind,
        part,
        field: None,
        old,
        new,
        removed,
        added,
        line: None,
    };
    let mut out = Vec::new();
    for (o, item) in old.iter().enumerate() {
        if !done.origin.contains(&Some(o)) {
            out.push(change(
                ChangeKind::Deleted,
                item.part(),
                Some(side(item, &old_ids[o])),
                None,
                item.words(),
                vec![],
            ));
        }
    }
    for (n, item) in new.iter().enumerate() {
        let Some(o) = done.origin[n] else {
            out.push(change(
                ChangeKind::Inserted,
                item.part(),
                None,
                Some(side(item, &new_ids[n])),
                vec![],
                item.words(),
            ));
            continue;
        };
        let (a, b) = (side(&old[o], &old_ids[o]), side(item, &new_ids[n]));
        if done.moved == Some(o) {
            out.push(change(
                ChangeKind::Moved,
                item.part(),
                Some(a),
                Some(b),
                vec![],
                vec![],
            ));
        } else if let Some((_, word)) = done.reworded.as_ref().filter(|(r, _)| *r == o) {
            out.push(change(
                ChangeKind::Changed,
                item.part(),
                Some(a),
                Some(b),
                vec![word.clone()],
                vec![REWORDED.to_string()],
            ));
        } else if a.num != b.num {
            out.push(change(
                ChangeKind::Renumbered,
                item.part(),
                Some(a),
                Some(b),
                vec![],
                vec![],
            ));
        }
    }
    out
}

/// `motion` with `edit` applied, and the change list it must give; `None` when the motion has
/// nothing the edit applies to.
pub fn apply_edit(motion: &Motion, edit: Edit) -> Option<(Motion, Vec<Change>)> {
    let mut new = motion.clone();
    let target = match edit {
        Edit::CoverTitle => {
            let title = new.cover.title.as_mut()?;
            title.inlines.push(Inline::text(" AMENDED"));
            let change = Change {
                kind: ChangeKind::FieldChanged,
                part: Part::Field,
                field: Some("cover.title".into()),
                old: None,
                new: None,
                removed: vec![],
                added: vec!["AMENDED".into()],
                line: None,
            };
            return Some((new, vec![change]));
        }
        Edit::Delete(t) | Edit::Insert(t) | Edit::Move(t) | Edit::Reword(t) => t,
    };
    let changes = match target {
        Target::Recitals => {
            let done = edit_items(&mut new.recitals, edit)?;
            let (a, b) = (
                part_ids::recitals(&motion.recitals),
                part_ids::recitals(&new.recitals),
            );
            changes(&motion.recitals, &new.recitals, &a, &b, &done)
        }
        Target::Paragraphs => {
            let done = edit_items(&mut new.body, edit)?;
            let (a, b) = (part_ids::body(&motion.body), part_ids::body(&new.body));
            changes(&motion.body, &new.body, &a, &b, &done)
        }
        Target::Points => {
            let one_style = |points: &[Point]| {
                points.len() >= 3
                    && (points.iter().all(|p| part_ids::is_dash(&p.num.text))
                        || points.iter().all(|p| !part_ids::is_dash(&p.num.text)))
            };
            let body_ids = part_ids::body(&motion.body);
            let paragraph = (0..motion.body.len()).find(
                |&i| matches!(&motion.body[i], BodyItem::Paragraph(p) if one_style(&p.points)),
            );
            if let Some(i) = paragraph {
                let BodyItem::Paragraph(old_p) = &motion.body[i] else {
                    unreachable!()
                };
                let BodyItem::Paragraph(new_p) = &mut new.body[i] else {
                    unreachable!()
                };
                let done = edit_items(&mut new_p.points, edit)?;
                let ids = |points: &[Point]| -> Vec<String> {
                    part_ids::points(&body_ids[i], points)
                        .into_iter()
                        .map(|(_, id)| id)
                        .collect()
                };
                changes(
                    &old_p.points,
                    &new_p.points,
                    &ids(&old_p.points),
                    &ids(&new_p.points),
                    &done,
                )
            } else {
                let i =
                    (0..motion.recitals.len()).find(|&i| one_style(&motion.recitals[i].points))?;
                let list = part_ids::block_list(&part_ids::recitals(&motion.recitals)[i]);
                let done = edit_items(&mut new.recitals[i].points, edit)?;
                let (a, b) = (&motion.recitals[i].points, &new.recitals[i].points);
                changes(
                    a,
                    b,
                    &part_ids::items(&list, a),
                    &part_ids::items(&list, b),
                    &done,
                )
            }
        }
    };
    Some((new, changes))
}
