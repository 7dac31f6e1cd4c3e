//! Writing documents into an output directory: atomically, only inside it, and touching only
//! the files batch2argo owns there.
//!
//! `DIR/.batch2argo.json` records the files batch2argo wrote and the options used, so a later
//! run replaces exactly those (deleting the stale ones) and leaves every other file alone. All
//! new files are first written under temporary names and renamed into place only once every
//! write succeeded.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Document, Format};
use crate::error::Error;

/// The record of what batch2argo owns in an output directory.
pub const RECORD: &str = ".batch2argo.json";
pub const KUSTOMIZATION: &str = "kustomization.yaml";

#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Record {
    pub generator: String,
    /// The options that change the output, so `diff --check` can repeat them.
    pub options: RecordOptions,
    pub files: Vec<String>,
}

#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq, Clone)]
#[serde(rename_all = "kebab-case")]
pub struct RecordOptions {
    pub self_contained: bool,
    pub output_format: String,
    #[serde(default)]
    pub platform: String,
    #[serde(default)]
    pub queueing: String,
    #[serde(default)]
    pub namespace: String,
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.display().to_string(),
        source,
    }
}

/// A relative, `/`-separated path that stays inside the directory.
fn inside(dir: &Path, relative: &str) -> Option<PathBuf> {
    let rel = Path::new(relative);
    if rel.components().all(|c| matches!(c, Component::Normal(_))) {
        Some(dir.join(rel))
    } else {
        None
    }
}

/// The kustomization listing the WorkflowTemplates and supporting objects (applied with
/// `kubectl apply -k`). Workflows are not listed: applying them would start them; submit them
/// with `argo submit`.
pub fn kustomization(docs: &[Document]) -> String {
    let mut out = String::from(super::YAML_HEADER);
    out.push_str("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:");
    let resources: Vec<&str> = docs
        .iter()
        .filter(|d| d.kind != super::model::Kind::Workflow.as_str())
        .map(|d| d.path.as_str())
        .collect();
    if resources.is_empty() {
        out.push_str(" []\n");
    } else {
        out.push('\n');
        for r in resources {
            out.push_str(&format!(
                "  - {}\n",
                serde_json::Value::String(r.to_string())
            ));
        }
    }
    out
}

/// Runs `job(0..n)` on all cores; the first error (in index order) wins.
fn in_parallel(n: usize, job: impl Fn(usize) -> Result<(), Error> + Sync) -> Result<(), Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, 8);
    if threads == 1 || n < 64 {
        return (0..n).try_for_each(job);
    }
    let chunk = n.div_ceil(threads);
    let results: Vec<Result<(), Error>> = std::thread::scope(|scope| {
        let job = &job;
        let workers: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| scope.spawn(move || (start..(start + chunk).min(n)).try_for_each(job)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join().unwrap_or_else(|_| {
                    Err(Error::Write {
                        path: String::new(),
                        source: std::io::Error::other("a writer thread panicked"),
                    })
                })
            })
            .collect()
    });
    results.into_iter().collect()
}

/// Writes `docs` into `dir`. Nothing is changed when any write fails before the renames.
pub fn write_dir(
    dir: &Path,
    docs: &[Document],
    format: Format,
    options: RecordOptions,
) -> Result<Vec<String>, Error> {
    fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let previous: Record = match fs::read_to_string(dir.join(RECORD)) {
        Ok(text) => serde_json::from_str(&text).unwrap_or_default(),
        Err(_) => Record::default(),
    };
    let owned: BTreeSet<&str> = previous.files.iter().map(String::as_str).collect();

    let kustomization = kustomization(docs);
    let mut files: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| (d.path.as_str(), d.text.as_str()))
        .collect();
    files.push((KUSTOMIZATION, kustomization.as_str()));
    files.sort();
    let record = Record {
        generator: "batch2argo".into(),
        options: RecordOptions {
            output_format: format.extension().into(),
            ..options
        },
        files: files.iter().map(|(p, _)| p.to_string()).collect(),
    };

    // Refuse to overwrite files batch2argo does not own.
    for (path, _) in &files {
        let target = inside(dir, path).ok_or_else(|| {
            Error::Usage(format!(
                "refusing to write outside the output directory: {path}"
            ))
        })?;
        if target.exists() && !owned.contains(path) {
            return Err(Error::Usage(format!(
                "`{}` exists and was not written by batch2argo; move it away or choose another output directory",
                target.display()
            )));
        }
    }

    // Stage everything, then rename into place; both on all cores (the files are independent).
    let record_text = serde_json::to_string_pretty(&record).unwrap_or_default() + "\n";
    let mut all: Vec<(&str, &str)> = files.clone();
    all.push((RECORD, record_text.as_str()));
    let mut targets = Vec::with_capacity(all.len());
    for (path, _) in &all {
        let target = inside(dir, path).ok_or_else(|| {
            Error::Usage(format!(
                "refusing to write outside the output directory: {path}"
            ))
        })?;
        targets.push(target);
    }
    let parents: BTreeSet<&Path> = targets.iter().filter_map(|t| t.parent()).collect();
    for parent in parents {
        fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    }
    let temps: Vec<PathBuf> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| t.with_file_name(format!(".batch2argo-tmp-{i}")))
        .collect();
    let written = in_parallel(all.len(), |i| {
        fs::write(&temps[i], all[i].1).map_err(|e| io(&temps[i], e))
    });
    if let Err(e) = written {
        for t in &temps {
            let _ = fs::remove_file(t);
        }
        return Err(e);
    }
    in_parallel(all.len(), |i| {
        fs::rename(&temps[i], &targets[i]).map_err(|e| io(&targets[i], e))
    })?;
    // Remove files of the previous run that this run did not write.
    let now: BTreeSet<&str> = record.files.iter().map(String::as_str).collect();
    for stale in owned.difference(&now) {
        if let Some(path) = inside(dir, stale) {
            let _ = fs::remove_file(&path);
            if let Some(parent) = path.parent() {
                if parent != dir {
                    let _ = fs::remove_dir(parent);
                }
            }
        }
    }
    Ok(record.files)
}
