//! Goal form (being written).
