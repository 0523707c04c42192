//! The validator: checks a [`Motion`] against the rules of the project's Akoma Ntoso profile.

use crate::diag::Diagnostic;
use crate::model::Motion;

/// Checks a motion; returns its diagnostics.
pub fn validate(_motion: &Motion) -> Vec<Diagnostic> {
    Vec::new()
}
