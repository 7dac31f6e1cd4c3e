//! The BatchCompute conversion matrix (`src/lower/coverage_batchcompute.rs`) against the fields
//! the BatchCompute fixtures use, the codes the fixtures fire, the `job.cfg` options the parser
//! reads, and `docs/batchcompute.md`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::root;
use crate::lower::coverage_batchcompute::{Document, FIELDS};

/// Markers around the generated tables in `docs/batchcompute.md`.
const START: &str = "<!-- generated from src/lower/coverage_batchcompute.rs: start -->\n";
const END: &str = "<!-- generated: end -->";

/// Every JSON input under `dir`, recursively.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// Which document a fixture holds, by the keys that tell them apart.
fn document(doc: &Value) -> Option<Document> {
    let o = doc.as_object()?;
    if o.get("Type").and_then(Value::as_str) == Some("App") {
        Some(Document::AppJob)
    } else if o.contains_key("DAG") {
        Some(Document::Job)
    } else if o.contains_key("CommandLine") {
        Some(Document::App)
    } else if o.contains_key("Groups") {
        Some(Document::Cluster)
    } else {
        None
    }
}

/// Keys whose children are names the user chose (tasks, variables, paths, parameters).
fn named_children(document: Document, path: &str) -> bool {
    let user_maps = [
        "DAG.Tasks",
        "DAG.Dependencies",
        "Groups",
        "InputParameters",
        "OutputParameters",
        "App.Inputs",
        "App.Outputs",
    ];
    let task_maps = ["EnvVars", "InputMapping", "OutputMapping", "LogMapping"];
    user_maps.contains(&path)
        || task_maps
            .iter()
            .any(|m| path == *m || path.ends_with(&format!(".{m}")))
        || (document == Document::App && path == "Config")
}

/// Maps whose values are data, not fields.
fn opaque(path: &str) -> bool {
    [
        "UserData",
        "Events",
        "AccessGroup",
        "FileSystem",
        "Mounts.OSS",
        "Networks",
    ]
    .iter()
    .any(|o| path.ends_with(o))
}

/// Collects `(document, path)` for every field of `value`.
fn walk(document: Document, prefix: &str, value: &Value, out: &mut BTreeSet<(Document, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                // A task's AutoCluster has a cluster description's fields.
                if prefix.ends_with(".*") && prefix.starts_with("DAG.Tasks") && k == "AutoCluster" {
                    out.insert((document, format!("{prefix}.{k}")));
                    walk(Document::Cluster, "", v, out);
                    continue;
                }
                let named = named_children(document, prefix);
                let key = if named {
                    let special = k.starts_with("BATCH_COMPUTE_DOCKER_");
                    if special {
                        k.as_str()
                    } else {
                        "*"
                    }
                } else {
                    k.as_str()
                };
                let path = if prefix.is_empty() {
                    key.to_string()
                } else {
                    format!("{prefix}.{key}")
                };
                if document == Document::App && prefix == "Config" {
                    // `Config.<Key>` names the key; its fields are alike for every key.
                    out.insert((document, format!("Config.{k}")));
                    for field in v.as_object().into_iter().flat_map(|o| o.keys()) {
                        out.insert((document, format!("Config.*.{field}")));
                    }
                    continue;
                }
                if named && key == "*" && document == Document::Job && prefix.ends_with("EnvVars") {
                    out.insert((document, path));
                    continue;
                }
                out.insert((document, path.clone()));
                if !opaque(&path) {
                    walk(document, &path, v, out);
                }
            }
        }
        Value::Array(items) => {
            if prefix.ends_with("Dependencies.*") {
                return;
            }
            for item in items {
                if item.is_object() {
                    let path = format!("{prefix}[]");
                    walk(document, &path, item, out);
                }
            }
        }
        _ => {}
    }
}

fn used_fields() -> BTreeSet<(Document, String)> {
    let mut files = Vec::new();
    json_files(&root().join("fixtures/batchcompute"), &mut files);
    json_files(&root().join("fixtures/codes"), &mut files);
    let mut out = BTreeSet::new();
    for f in files {
        // The fixture of B2A404 misspells fields on purpose.
        if f.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("B2A404"))
        {
            continue;
        }
        let Ok(doc) =
            serde_json::from_str::<Value>(&std::fs::read_to_string(&f).unwrap_or_default())
        else {
            continue;
        };
        if let Some(d) = document(&doc) {
            walk(d, "", &doc, &mut out);
        }
    }
    // Array items of a known list show up as `Entries[]`; the list itself is a row too.
    out
}

#[test]
fn every_field_the_fixtures_use_has_a_row() {
    let rows: BTreeSet<(Document, &str)> = FIELDS.iter().map(|f| (f.document, f.path)).collect();
    let missing: Vec<String> = used_fields()
        .iter()
        .filter(|(d, p)| !rows.contains(&(*d, p.as_str())))
        .map(|(d, p)| format!("{d:?} {p}"))
        .collect();
    assert!(missing.is_empty(), "fields without a row: {missing:#?}");
}

#[test]
fn every_row_is_used_by_a_fixture() {
    let used = used_fields();
    let unused: Vec<String> = FIELDS
        .iter()
        .filter(|f| f.document != Document::JobCfg)
        .filter(|f| !used.contains(&(f.document, f.path.to_string())))
        .map(|f| format!("{:?} {}", f.document, f.path))
        .collect();
    assert!(unused.is_empty(), "rows no fixture uses: {unused:#?}");
}

#[test]
fn rows_are_unique_and_lossy_rows_name_codes() {
    let mut seen = BTreeSet::new();
    for f in FIELDS {
        assert!(
            seen.insert((f.document, f.path)),
            "{:?} {} twice",
            f.document,
            f.path
        );
        assert!(
            !f.mapping.is_lossy() || !f.mapping.codes().is_empty(),
            "{:?} {} is lossy without a code",
            f.document,
            f.path
        );
    }
}

/// Each code a row names fires in some BatchCompute fixture or code fixture.
#[test]
fn every_code_a_row_names_fires() {
    let mut fired = BTreeSet::new();
    let mut cases = super::fixtures::cases("batchcompute");
    cases.extend(super::fixtures::cases("codes"));
    let wanted: BTreeSet<_> = FIELDS
        .iter()
        .flat_map(|f| f.mapping.codes().iter().copied())
        .collect();
    for case in cases {
        let rel = super::relative(&case);
        if let Ok(r) = crate::lint(&[rel], &super::fixtures::options_for(&case)) {
            fired.extend(r.diagnostics.iter().map(|d| d.code));
        }
    }
    let silent: Vec<&str> = wanted
        .iter()
        .filter(|c| !fired.contains(c))
        .map(|c| c.as_str())
        .collect();
    assert!(silent.is_empty(), "codes no fixture fires: {silent:?}");
}

#[test]
fn docs_batchcompute_holds_the_generated_tables() {
    let path = root().join("docs/batchcompute.md");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = crate::lower::coverage_batchcompute::markdown();
    let (Some(start), Some(end)) = (text.find(START), text.find(END)) else {
        panic!("docs/batchcompute.md lacks the markers");
    };
    let current = &text[start + START.len()..end];
    if current != generated {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let updated = format!("{}{START}{generated}{}", &text[..start], &text[end..]);
            std::fs::write(&path, updated).expect("docs/batchcompute.md is writable");
        } else {
            panic!(
                "docs/batchcompute.md is stale: run `UPDATE_DOCS=1 cargo test docs_batchcompute`"
            );
        }
    }
}

/// Every option the job.cfg parser reads has a row, and every option row names one it reads.
#[test]
fn every_job_cfg_option_has_a_row() {
    use crate::source::batchcompute::jobcfg::{JOB_OPTIONS, TASK_OPTIONS};
    let read: BTreeSet<&str> = JOB_OPTIONS
        .iter()
        .chain(TASK_OPTIONS)
        .copied()
        .chain(["deps"])
        .collect();
    let rows: BTreeSet<&str> = FIELDS
        .iter()
        .filter(|f| f.document == Document::JobCfg)
        .map(|f| f.path)
        .filter(|p| p.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    assert_eq!(read, rows);
}
