//! claimtrack: a fact-claim verification tracker.
pub mod extract;
