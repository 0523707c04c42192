//! The test harness: every helper the test modules share, one file for each kind of help.

mod batches;
mod bin;
mod cover;
mod edits;
mod files;
mod measure;
mod models;
mod reading;
mod tools;
mod variant;
mod words;

pub use batches::*;
pub use bin::*;
pub use cover::*;
pub use edits::*;
pub use files::*;
pub use measure::*;
pub use models::*;
pub use reading::*;
pub use tools::*;
pub use variant::*;
pub use words::*;
