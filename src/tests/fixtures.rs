//! One snapshot per fixture: every case under `fixtures/convert/`, `fixtures/codes/` and
//! `fixtures/malformed/` is converted and its diagnostics and manifests are snapshotted. Adding a
//! fixture needs no Rust change.

use std::path::PathBuf;

use super::{relative, render_case, root, settings};
use crate::lower::Options;

/// The cases of a fixture folder: each file and each sub-folder, sorted.
pub fn cases(folder: &str) -> Vec<PathBuf> {
    let dir = root().join("fixtures").join(folder);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    out.sort();
    out
}

/// The snapshot name of a case: its file or folder name without extension.
pub fn case_name(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.rsplit_once('.') {
        Some((stem, _)) if path.is_file() => stem.to_string(),
        _ => name,
    }
}

/// The options a fixture is converted with: those of a `.batch2argo.yaml` in its folder (hidden,
/// so it is not an input), and `--self-contained` when the folder holds a file named
/// `self-contained` (no extension, so it is not an input either).
pub fn options_for(case: &std::path::Path) -> Options {
    let config = case.join(crate::cli::config::FILE_NAME);
    let mut options = if config.is_file() {
        match crate::cli::config::load(&config) {
            Ok(c) => c.options,
            Err(e) => panic!("{e}"),
        }
    } else {
        Options::default()
    };
    options.self_contained = case.join("self-contained").is_file();
    options
}

fn snapshot_folder(folder: &str) {
    let cases = cases(folder);
    assert!(!cases.is_empty(), "no fixtures in {folder}");
    let s = settings(folder);
    for case in cases {
        let rel = relative(&case);
        let (text, _) = render_case(std::slice::from_ref(&rel), &options_for(&case));
        let name = case_name(&case);
        let mut s = s.clone();
        s.set_input_file(&case);
        s.bind(|| insta::assert_snapshot!(name, text));
    }
}

#[test]
fn convert_cases() {
    snapshot_folder("convert");
}

#[test]
fn code_cases() {
    snapshot_folder("codes");
}

#[test]
fn malformed_cases() {
    snapshot_folder("malformed");
}

#[test]
fn cloudformation_cases() {
    snapshot_folder("cloudformation");
}

#[test]
fn terraform_cases() {
    snapshot_folder("terraform");
}

/// `--self-contained` on a few cases.
#[test]
fn self_contained_cases() {
    let s = settings("self-contained");
    for case in ["hello-world", "map-reduce", "container-overrides"] {
        let path = PathBuf::from("fixtures/convert").join(case);
        let (text, _) = render_case(
            &[path],
            &Options {
                self_contained: true,
                ..Options::default()
            },
        );
        s.bind(|| insta::assert_snapshot!(case, text));
    }
}

/// Every snapshot file belongs to a fixture: renamed or deleted fixtures leave none behind.
#[test]
fn no_orphan_snapshots() {
    let mut orphans = Vec::new();
    for folder in [
        "convert",
        "codes",
        "malformed",
        "lint",
        "batchcompute",
        "cloudformation",
        "terraform",
    ] {
        let names: Vec<String> = cases(folder).iter().map(|c| case_name(c)).collect();
        let dir = root().join("snapshots").join(folder);
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some(stem) = file.strip_suffix(".snap") else {
                orphans.push(format!("{folder}/{file} (pending or foreign file)"));
                continue;
            };
            if !names.contains(&stem.to_string()) {
                orphans.push(format!("{folder}/{file}"));
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "snapshots without a fixture: {orphans:?}"
    );
}
