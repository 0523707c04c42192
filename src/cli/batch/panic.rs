//! Panics caught in one file's job: a bug, reported for that file (E-INTERNAL) with the panic's
//! message and place, while the rest of the batch goes on. The message is not also printed by
//! the default panic hook, which would spill it onto stderr in the middle of the progress bar.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread runs a job under [`catching`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The message and place of the last panic caught on this thread.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once per process, a panic hook that keeps caught panics quiet (recording their
/// message) and hands every other panic to the hook that was there before.
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) {
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let message = format!("internal error: {}{place}", payload(info.payload()));
                CAUGHT.with(|c| *c.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic in it becomes `Err` with its message (and place, when the hook of
/// [`install_hook`] is in place).
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = CATCHING.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    result.map_err(|payload_box| {
        CAUGHT
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| format!("internal error: {}", payload(payload_box.as_ref())))
    })
}

/// The text of a panic's payload: `panic!("...")` gives a `&str` or a `String`.
fn payload(p: &(dyn std::any::Any + Send)) -> &str {
    p.downcast_ref::<&str>()
        .copied()
        .or_else(|| p.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}
