//! A worker's finished reports, sent to the printing thread a few at a time: each send may wake
//! that thread (a `futex` call), so a report with nothing to print waits for a handful of others
//! or a short while, and one to print goes at once with those before it.

use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

/// At most this many reports wait in a worker.
const MAX_HELD: usize = 32;
/// Nor longer than this, so a slow batch still shows progress.
const MAX_WAIT: Duration = Duration::from_millis(100);

/// The reports a worker holds, by input index.
pub struct Finished<R> {
    sender: Sender<Vec<(usize, R)>>,
    held: Vec<(usize, R)>,
    since: Option<Instant>,
}

impl<R> Finished<R> {
    pub fn new(sender: Sender<Vec<(usize, R)>>) -> Self {
        Finished {
            sender,
            held: Vec::with_capacity(MAX_HELD),
            since: None,
        }
    }

    /// Adds the report of input `i`; sends what is held when `urgent` (it has something to
    /// show), when enough is held, or when the first held has waited long enough. False when
    /// the printing thread is gone.
    pub fn push(&mut self, i: usize, report: R, urgent: bool) -> bool {
        self.held.push((i, report));
        let since = *self.since.get_or_insert_with(Instant::now);
        if urgent || self.held.len() >= MAX_HELD || since.elapsed() >= MAX_WAIT {
            return self.send();
        }
        true
    }

    /// Sends what is held, if anything. False when the printing thread is gone.
    pub fn send(&mut self) -> bool {
        self.since = None;
        if self.held.is_empty() {
            return true;
        }
        let held = std::mem::replace(&mut self.held, Vec::with_capacity(MAX_HELD));
        self.sender.send(held).is_ok()
    }
}

impl<R> Drop for Finished<R> {
    fn drop(&mut self) {
        self.send();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_quiet_reports_and_sends_urgent_ones_at_once() {
        let (tx, rx) = std::sync::mpsc::channel();
        let mut f = Finished::new(tx);
        assert!(f.push(0, "a", false));
        assert!(rx.try_recv().is_err());
        assert!(f.push(1, "b", true));
        assert_eq!(rx.try_recv().unwrap(), [(0, "a"), (1, "b")]);
        for i in 0..MAX_HELD {
            assert!(f.push(i, "c", false));
        }
        assert_eq!(rx.try_recv().unwrap().len(), MAX_HELD);
        f.push(99, "d", false);
        drop(f);
        assert_eq!(rx.try_recv().unwrap(), [(99, "d")]);
    }
}
