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

#[test]
fn platforms_page_is_generated_from_the_table() {
    check("docs/platforms.md", &crate::lower::platforms::markdown());
}

/// Each label, annotation or code a cell of the platforms table names appears in the output of
/// that mode for `fixtures/queues` (codes may also fire in other snapshots).
#[test]
fn platforms_table_matches_the_output() {
    use crate::lower::{Platform, Queueing};
    let dir = root().join("snapshots/queues");
    let snaps: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("snapshots/queues")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(e.path()).unwrap_or_default())
        })
        .collect();
    let mut everything = String::new();
    for folder in ["codes", "convert"] {
        for e in std::fs::read_dir(root().join("snapshots").join(folder))
            .into_iter()
            .flatten()
            .flatten()
        {
            everything.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    let mut problems = Vec::new();
    let mut check_cell = |cell: &str, mode: &str, filter: &dyn Fn(&str) -> bool| {
        let texts: Vec<&str> = snaps
            .iter()
            .filter(|(n, _)| filter(n))
            .map(|(_, t)| t.as_str())
            .collect();
        let in_mode = |token: &str| texts.iter().any(|t| t.contains(token));
        for token in cell.split('`').skip(1).step_by(2) {
            if token.contains('/') && !in_mode(token) {
                problems.push(format!("{mode}: `{token}` appears in no output"));
            }
        }
        for word in cell.split(|c: char| !c.is_ascii_alphanumeric()) {
            if word.len() == 6
                && word.starts_with("B2A")
                && !in_mode(word)
                && !everything.contains(word)
            {
                problems.push(format!("{mode}: {word} fires nowhere"));
            }
        }
    };
    for row in crate::lower::platforms::ROWS {
        for (i, p) in Platform::ALL.iter().enumerate() {
            let tag = format!("@{}+", p.as_str());
            check_cell(row.platforms[i], p.as_str(), &|n: &str| n.contains(&tag));
        }
        for (i, q) in Queueing::ALL.iter().enumerate() {
            let tag = format!("+{}.snap", q.as_str());
            check_cell(row.queueing[i], q.as_str(), &|n: &str| n.ends_with(&tag));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
