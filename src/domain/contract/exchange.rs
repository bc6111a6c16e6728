//! Proposal and agreement files (being written).
