//! Tests: fixtures through the public pipeline.
