//! Generated documentation stays in step with the code. Run with `UPDATE_DOCS=1` to rewrite.

use super::root;

fn check(path: &str, expected: &str) {
    let file = root().join(path);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&file, expected).expect("write docs");
        return;
    }
    let actual = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        actual == expected,
        "{path} is stale: run `UPDATE_DOCS=1 cargo test docs` and commit it"
    );
}

#[test]
fn diagnostics_page_is_generated_from_the_registry() {
    check("docs/diagnostics.md", &crate::cli::explain_all());
}

#[test]
fn mapping_page_is_generated_from_the_table() {
    check("docs/mapping.md", &crate::lower::coverage::markdown());
}
