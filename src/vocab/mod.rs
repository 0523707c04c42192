//! The vocabulary's shared rules, which the readers, the validator and the exporters all follow:
//! how document numbers, dates and procedures are written ([`patterns`]), the values of printed
//! numbers ([`number`]), loose matching of typed words ([`loose`]), the Akoma Ntoso naming
//! convention for identifiers ([`eid`]) and the eIds of a motion's parts ([`part_ids`]), and the
//! characters XML allows ([`chars`]).

pub mod chars;
pub mod eid;
pub mod loose;
pub mod number;
pub mod part_ids;
pub mod patterns;

/// The Akoma Ntoso 3.0 namespace.
pub const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
