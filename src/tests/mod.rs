//! Tests that span several stages.
