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

/// The kustomization listing the WorkflowTemplates (applied with `kubectl apply -k`). Workflows
/// are not listed: applying them would start them; submit them with `argo submit`.
pub fn kustomization(docs: &[Document]) -> String {
    let mut out = String::from(super::YAML_HEADER);
    out.push_str("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:");
    let resources: Vec<&str> = docs
        .iter()
        .filter(|d| d.kind == super::model::Kind::WorkflowTemplate)
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

    let mut files: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.path.clone(), d.text.clone()))
        .collect();
    files.push((KUSTOMIZATION.to_string(), kustomization(docs)));
    files.sort();
    let record = Record {
        generator: "batch2argo".into(),
        options: RecordOptions {
            output_format: format.extension().into(),
            ..options
        },
        files: files.iter().map(|(p, _)| p.clone()).collect(),
    };

    // Refuse to overwrite files batch2argo does not own.
    for (path, _) in &files {
        let target = inside(dir, path).ok_or_else(|| {
            Error::Usage(format!(
                "refusing to write outside the output directory: {path}"
            ))
        })?;
        if target.exists() && !owned.contains(path.as_str()) {
            return Err(Error::Usage(format!(
                "`{}` exists and was not written by batch2argo; move it away or choose another output directory",
                target.display()
            )));
        }
    }

    // Stage everything, then rename into place.
    let mut staged = Vec::new();
    let record_text = serde_json::to_string_pretty(&record).unwrap_or_default() + "\n";
    let all = files
        .iter()
        .cloned()
        .chain(std::iter::once((RECORD.to_string(), record_text)));
    for (i, (path, text)) in all.enumerate() {
        let target = inside(dir, &path).ok_or_else(|| {
            Error::Usage(format!(
                "refusing to write outside the output directory: {path}"
            ))
        })?;
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        let temp = target.with_file_name(format!(".batch2argo-tmp-{i}"));
        if let Err(e) = fs::write(&temp, text) {
            for (t, _) in &staged {
                let _ = fs::remove_file(t);
            }
            return Err(io(&temp, e));
        }
        staged.push((temp, target));
    }
    for (temp, target) in &staged {
        fs::rename(temp, target).map_err(|e| io(target, e))?;
    }
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
