//! Optimal-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981) over
//! boxes, glue and penalties measured in points.
//!
//! A first pass accepts lines stretched up to [`TOLERANCE`]; if a paragraph cannot be set that
//! way a second pass accepts any stretch, and if even that fails (a box wider than the line,
//! which the caller avoids by splitting long words) a greedy fallback breaks wherever it must.

/// An element of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Item {
    /// Something that cannot be broken or resized (a word, part of one, a glyph).
    Box { width: f32 },
    /// Space that may stretch or shrink, and where a line may break (when it follows a box).
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A possible break with a cost; [`FORCE`] or less forces it, [`NEVER`] or more forbids it.
    Penalty { cost: f32 },
    /// A place to hyphenate a word: a break that costs [`HYPHEN_PENALTY`] and adds a hyphen of
    /// this width to the end of its line.
    Hyphen { width: f32 },
}

/// A penalty at or below this forces a break.
pub(super) const FORCE: f32 = -10_000.0;
/// A penalty at or above this forbids a break.
pub(super) const NEVER: f32 = 10_000.0;
/// Stretch that fills any line: the glue before a forced break ends a ragged line.
pub(super) const FILL: f32 = 100_000.0;

/// The most a justified line's spaces stretch (times their stretch): a line that would need
/// more is set short rather than with gaps that look like columns, to the eye and to text
/// extraction (pdftotext splits a line whose spaces pass about an em). The second pass avoids
/// such lines when it can.
pub(super) const MAX_RATIO: f32 = 3.0;

/// Largest adjustment ratio accepted in the first pass: spaces stretched to 1.6 times their
/// width (their stretch is half of it), the house limit.
const TOLERANCE: f32 = 1.2;
/// Lines looser than [`TOLERANCE`] cost this many times their badness in the second pass, so
/// that a paragraph that cannot keep every line within the limit keeps as many as it can.
const LOOSE_FACTOR: f64 = 20.0;
/// Cost of a break at a hyphen (TeX's `\hyphenpenalty`).
pub(super) const HYPHEN_PENALTY: f32 = 50.0;
/// Demerits for two hyphenated lines in a row (TeX's `\doublehyphendemerits`).
const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
/// Most hyphenated lines in a row.
const MAX_HYPHENS: u8 = 2;
/// Demerits for a line besides its badness (TeX's `\linepenalty`).
const LINE_PENALTY: f64 = 10.0;
/// Points by which a line must miss the tolerance before the search stops looking at later
/// breaks for it: far more than rounding, far less than anything visible.
const SLACK: f32 = 0.01;
/// Demerits for adjacent lines of very different tightness (TeX's `\adjdemerits`).
const ADJ_DEMERITS: f64 = 10_000.0;

/// Where a line ends (the index of the glue or penalty it breaks at) and how much its glue
/// stretches (positive ratio, of the stretch) or shrinks (negative, of the shrink).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Break {
    pub(super) at: usize,
    pub(super) ratio: f32,
}

/// The measure of a paragraph's lines, in points: its first line's and every later line's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Measure {
    pub(super) first: f32,
    pub(super) rest: f32,
}

impl Measure {
    /// Every line `width` points wide.
    #[cfg(test)]
    pub(super) fn even(width: f32) -> Measure {
        Measure {
            first: width,
            rest: width,
        }
    }

    /// The width of line `line` (0 for the first).
    fn of(self, line: usize) -> f32 {
        if line == 0 {
            self.first
        } else {
            self.rest
        }
    }

    fn narrowest(self) -> f32 {
        self.first.min(self.rest)
    }
}

/// Breaks `items` into lines of `measure`. The last item must be a forced penalty. Returns one
/// break per line, in order.
pub(super) fn break_lines(items: &[Item], measure: Measure) -> Vec<Break> {
    if items.is_empty() {
        return Vec::new();
    }
    let sums = Sums::new(items);
    optimal(items, &sums, measure, Some(TOLERANCE))
        .or_else(|| optimal(items, &sums, measure, None))
        .unwrap_or_else(|| greedy(items, &sums, measure))
}

/// Running totals of width, stretch and shrink before each item.
struct Sums {
    width: Vec<f32>,
    stretch: Vec<f32>,
    shrink: Vec<f32>,
    /// No item has a negative width or stretch: a line from a later start to the same break is
    /// then never wider, nor more stretchable, than one from an earlier start.
    monotone: bool,
}

impl Sums {
    fn new(items: &[Item]) -> Sums {
        let n = items.len() + 1;
        let (mut width, mut stretch, mut shrink) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut w, mut y, mut z) = (0.0f32, 0.0f32, 0.0f32);
        let mut monotone = true;
        for item in items {
            width.push(w);
            stretch.push(y);
            shrink.push(z);
            match *item {
                Item::Box { width } => {
                    monotone &= width >= 0.0;
                    w += width;
                }
                Item::Glue {
                    width,
                    stretch,
                    shrink,
                } => {
                    monotone &= width >= 0.0 && stretch >= 0.0;
                    w += width;
                    y += stretch;
                    z += shrink;
                }
                Item::Penalty { .. } | Item::Hyphen { .. } => {}
            }
        }
        width.push(w);
        stretch.push(y);
        shrink.push(z);
        Sums {
            width,
            stretch,
            shrink,
            monotone,
        }
    }
}

/// Where the line after a break at `b` starts: past the glue and penalties that follow it.
pub(super) fn line_start_after(items: &[Item], b: usize) -> usize {
    let mut j = b + 1;
    while j < items.len() {
        match items[j] {
            Item::Box { .. } => break,
            Item::Penalty { cost } if cost <= FORCE => break,
            _ => j += 1,
        }
    }
    j
}

fn is_legal(items: &[Item], b: usize) -> bool {
    match items[b] {
        Item::Penalty { cost } => cost < NEVER,
        Item::Hyphen { .. } => true,
        Item::Glue { .. } => b > 0 && matches!(items[b - 1], Item::Box { .. }),
        Item::Box { .. } => false,
    }
}

fn is_forced(item: &Item) -> bool {
    matches!(*item, Item::Penalty { cost } if cost <= FORCE)
}

/// Adjustment ratio of a line of natural width `natural` to `target`.
fn ratio(natural: f32, target: f32, stretch: f32, shrink: f32) -> f32 {
    if natural < target {
        if stretch > 0.0 {
            (target - natural) / stretch
        } else {
            f32::INFINITY
        }
    } else if natural > target {
        if shrink > 0.0 {
            (target - natural) / shrink
        } else {
            f32::NEG_INFINITY
        }
    } else {
        0.0
    }
}

/// The badness of a line adjusted by `r`: TeX's, times [`LOOSE_FACTOR`] past [`TOLERANCE`]
/// and times 100 past [`MAX_RATIO`].
fn badness(r: f32) -> f64 {
    let badness = 100.0 * (r.abs() as f64).powi(3);
    if r > MAX_RATIO {
        badness * 100.0
    } else if r > TOLERANCE {
        badness * LOOSE_FACTOR
    } else {
        badness
    }
}

fn fitness(r: f32) -> u8 {
    if r < -0.5 {
        0
    } else if r <= 0.5 {
        1
    } else if r <= 1.0 {
        2
    } else {
        3
    }
}

struct Node {
    /// Index of the break item (`usize::MAX` for the start of the paragraph).
    at: usize,
    line: usize,
    fitness: u8,
    demerits: f64,
    ratio: f32,
    prev: Option<usize>,
    /// Index of the first item of the line after this break.
    start: usize,
    /// Hyphenated lines in a row ending at this break.
    hyphens: u8,
}

fn optimal(
    items: &[Item],
    sums: &Sums,
    measure: Measure,
    tolerance: Option<f32>,
) -> Option<Vec<Break>> {
    let mut nodes = vec![Node {
        at: usize::MAX,
        line: 0,
        fitness: 1,
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
        start: 0,
        hyphens: 0,
    }];
    // The active breaks, in the order they were found: their lines start ever later.
    let mut active: Vec<usize> = vec![0];
    for b in 0..items.len() {
        if !is_legal(items, b) {
            continue;
        }
        let forced = is_forced(&items[b]);
        let (cost, hyphen) = match items[b] {
            Item::Penalty { cost } => (cost, 0.0),
            Item::Hyphen { width } => (HYPHEN_PENALTY, width),
            _ => (0.0, 0.0),
        };
        let flagged = matches!(items[b], Item::Hyphen { .. });
        // A line from an active break to `b` too short to be stretched within the tolerance
        // even to the narrowest measure: every later active break gives a line no longer and
        // no more stretchable, so none of them can end a line at `b`, and all stay active.
        let hopeless = |natural: f32, stretch: f32| match tolerance {
            Some(t) if sums.monotone && !forced => {
                natural + t * stretch < measure.narrowest() - SLACK
            }
            _ => false,
        };
        // The best way to each fitness class, by hyphenated lines in a row (slot
        // `class * 3 + hyphens`), which slots hold one, and the least total of them.
        let mut best = [(0.0f64, 0usize, 0.0f32); 12];
        let mut filled = 0u16;
        let mut least = f64::INFINITY;
        let mut kept = 0;
        for i in 0..active.len() {
            let a = active[i];
            let node = &nodes[a];
            let natural = sums.width[b] - sums.width[node.start] + hyphen;
            let stretch = sums.stretch[b] - sums.stretch[node.start];
            if hopeless(natural, stretch) {
                active.copy_within(i.., kept);
                kept += active.len() - i;
                break;
            }
            let target = measure.of(node.line);
            let r = ratio(
                natural,
                target,
                stretch,
                sums.shrink[b] - sums.shrink[node.start],
            );
            let hyphens = if flagged { node.hyphens + 1 } else { 0 };
            let feasible = r >= -1.0 && tolerance.is_none_or(|t| r <= t) && hyphens <= MAX_HYPHENS;
            if feasible {
                // Not capped (TeX caps at 10000): in the second pass a nearly empty line must
                // cost more than a merely loose one. A line without glue counts as if it had a
                // point of stretch.
                let r_bad = if r.is_finite() { r } else { target - natural };
                let mut d = (LINE_PENALTY + badness(r_bad)).powi(2);
                if cost >= 0.0 {
                    d += (cost as f64).powi(2);
                } else if !forced {
                    d -= (cost as f64).powi(2);
                }
                let class = fitness(r);
                if class.abs_diff(node.fitness) > 1 {
                    d += ADJ_DEMERITS;
                }
                if hyphens > 1 {
                    d += DOUBLE_HYPHEN_DEMERITS;
                }
                let total = node.demerits + d;
                let k = class as usize * 3 + hyphens as usize;
                if filled & (1 << k) == 0 || total < best[k].0 {
                    best[k] = (total, a, if r.is_finite() { r } else { 0.0 });
                    filled |= 1 << k;
                    least = least.min(total);
                }
            }
            if !(r < -1.0 || forced) {
                active[kept] = a;
                kept += 1;
            }
        }
        active.truncate(kept);
        // As TeX does: a break in another fitness class is worth keeping only if adjacency
        // demerits could make up the difference.
        if filled != 0 {
            let start = line_start_after(items, b);
            let mut rest = filled;
            while rest != 0 {
                let k = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                let (total, a, r) = best[k];
                if total > least + ADJ_DEMERITS + DOUBLE_HYPHEN_DEMERITS {
                    continue;
                }
                nodes.push(Node {
                    at: b,
                    line: nodes[a].line + 1,
                    fitness: (k / 3) as u8,
                    demerits: total,
                    ratio: r,
                    prev: Some(a),
                    start,
                    hyphens: (k % 3) as u8,
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    let last = items.len() - 1;
    let end = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].at == last)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    Some(path(&nodes, end))
}

/// The breaks on the way to node `end`, in order.
fn path(nodes: &[Node], end: usize) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut cur = Some(end);
    while let Some(i) = cur {
        let node = &nodes[i];
        if node.at != usize::MAX {
            breaks.push(Break {
                at: node.at,
                ratio: node.ratio,
            });
        }
        cur = node.prev;
    }
    breaks.reverse();
    breaks
}

/// First fit: break at the last legal place before the line overflows, or at the first legal
/// place after it when there is none.
fn greedy(items: &[Item], sums: &Sums, measure: Measure) -> Vec<Break> {
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut line = 0;
    let mut last_fit: Option<usize> = None;
    let mut b = 0;
    while b < items.len() {
        // Never at a hyphen: the fallback has no room to weigh them.
        if is_legal(items, b) && !matches!(items[b], Item::Hyphen { .. }) {
            let natural = sums.width[b] - sums.width[start];
            let fits = natural <= measure.of(line) + 0.001;
            let forced = is_forced(&items[b]);
            if fits && !forced {
                last_fit = Some(b);
            } else {
                let at = if fits {
                    b
                } else {
                    last_fit.filter(|&f| f >= start).unwrap_or(b)
                };
                let r = ratio(
                    sums.width[at] - sums.width[start],
                    measure.of(line),
                    sums.stretch[at] - sums.stretch[start],
                    sums.shrink[at] - sums.shrink[start],
                );
                breaks.push(Break {
                    at,
                    ratio: if r.is_finite() { r.max(-1.0) } else { 0.0 },
                });
                start = line_start_after(items, at);
                line += 1;
                last_fit = None;
                if at < b {
                    b = start;
                    continue;
                }
            }
        }
        b += 1;
    }
    breaks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths separated by spaces of width 3, ending a paragraph.
    fn para(words: &[f32]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &w) in words.iter().enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 3.0,
                    stretch: 1.5,
                    shrink: 1.0,
                });
            }
            items.push(Item::Box { width: w });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: FILL,
            shrink: 0.0,
        });
        items.push(Item::Penalty { cost: FORCE });
        items
    }

    /// A long paragraph of words of varied widths, with spaces like a serif font's.
    fn long_para() -> Vec<Item> {
        let widths: Vec<f32> = (0..300).map(|i| 8.0 + (i * 7 % 23) as f32).collect();
        para(&widths)
    }

    #[test]
    fn justified_lines_come_out_exactly_at_the_measure() {
        let items = long_para();
        let breaks = break_lines(&items, Measure::even(300.0));
        assert!(breaks.len() > 20);
        assert_eq!(breaks.last().unwrap().at, items.len() - 1);
        let sums = Sums::new(&items);
        let mut start = 0;
        for (i, b) in breaks.iter().enumerate() {
            assert!(b.ratio >= -1.0, "line {i} shrinks too much");
            let natural = sums.width[b.at] - sums.width[start];
            let adjust = if b.ratio >= 0.0 {
                sums.stretch[b.at] - sums.stretch[start]
            } else {
                sums.shrink[b.at] - sums.shrink[start]
            };
            if i + 1 < breaks.len() {
                let set = natural + b.ratio * adjust;
                assert!((set - 300.0).abs() < 0.01, "line {i} set to {set}");
            } else {
                assert!(natural <= 300.0);
            }
            start = line_start_after(&items, b.at);
        }
    }

    #[test]
    fn skipping_lines_too_short_to_end_finds_the_same_breaks() {
        // Paragraphs of words, hyphenation points and a wider first line, set with the search
        // that stops at the first active break too short to end a line and with the one that
        // looks at every active break.
        let mut seed = 7u32;
        let mut next = move |n: u32| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) % n
        };
        for case in 0..200 {
            let mut items = Vec::new();
            for i in 0..(20 + next(200)) {
                if i > 0 {
                    items.push(Item::Glue {
                        width: 3.0,
                        stretch: 1.5,
                        shrink: 1.0,
                    });
                }
                for part in 0..=next(3) {
                    if part > 0 {
                        items.push(Item::Hyphen { width: 4.0 });
                    }
                    items.push(Item::Box {
                        width: 4.0 + next(30) as f32,
                    });
                }
            }
            items.push(Item::Glue {
                width: 0.0,
                stretch: FILL,
                shrink: 0.0,
            });
            items.push(Item::Penalty { cost: FORCE });
            let measure = Measure {
                first: 150.0 + next(200) as f32,
                rest: 150.0 + next(200) as f32,
            };
            let sums = Sums::new(&items);
            assert!(sums.monotone);
            let every = Sums {
                monotone: false,
                ..Sums::new(&items)
            };
            for tolerance in [Some(TOLERANCE), None] {
                assert_eq!(
                    optimal(&items, &sums, measure, tolerance),
                    optimal(&items, &every, measure, tolerance),
                    "case {case}"
                );
            }
        }
    }

    #[test]
    fn optimal_fit_is_never_worse_than_first_fit() {
        let items = long_para();
        let sums = Sums::new(&items);
        // The total demerits optimal fit minimises (no penalties here but the final one).
        let demerits = |breaks: &[Break]| -> f64 {
            let mut prev = 1u8;
            breaks
                .iter()
                .map(|b| {
                    let badness = (100.0 * (b.ratio.abs() as f64).powi(3)).min(10_000.0);
                    let class = fitness(b.ratio);
                    let adj = if class.abs_diff(prev) > 1 {
                        ADJ_DEMERITS
                    } else {
                        0.0
                    };
                    prev = class;
                    (LINE_PENALTY + badness).powi(2) + adj
                })
                .sum()
        };
        for width in [150.0, 220.0, 300.0, 410.0] {
            let optimal = break_lines(&items, Measure::even(width));
            let first_fit = greedy(&items, &sums, Measure::even(width));
            let (o, f) = (demerits(&optimal), demerits(&first_fit));
            assert!(o <= f * 1.0001, "width {width}: {o} > {f}");
        }
    }

    #[test]
    fn a_box_wider_than_the_line_still_breaks() {
        let items = para(&[10.0, 500.0, 10.0]);
        let breaks = break_lines(&items, Measure::even(100.0));
        assert_eq!(breaks.len(), 3);
    }

    #[test]
    fn forced_breaks_are_kept() {
        let mut items = vec![Item::Box { width: 10.0 }];
        items.push(Item::Glue {
            width: 0.0,
            stretch: FILL,
            shrink: 0.0,
        });
        items.push(Item::Penalty { cost: FORCE });
        items.extend(para(&[10.0]));
        let breaks = break_lines(&items, Measure::even(100.0));
        assert_eq!(breaks.iter().map(|b| b.at).collect::<Vec<_>>(), vec![2, 5]);
    }
}
