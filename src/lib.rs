//! batch2argo compiles AWS Batch job definitions, job graphs, queues and compute environments
//! into Argo Workflows manifests, with diagnostics that point at the input line behind them.
//!
//! The pipeline is four stages, each a module: `source` (files → IR, keeping spans), `ir` (the
//! neutral batch model and job DAG), `lower` (one file per mapping rule: IR → Argo model) and
//! `emit` (validation and deterministic YAML/JSON). `diagnostics` is shared by all of them;
//! `cli` drives them and is the only code that prints.
//!
//! ```
//! use batch2argo::{convert, emit::Format, lower::Options};
//!
//! let dir = std::env::temp_dir().join("batch2argo-doctest");
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("hello.json");
//! std::fs::write(&file, r#"{"jobDefinitionName": "hello", "type": "container",
//!   "containerProperties": {"image": "busybox:1.36", "command": ["echo", "hi"],
//!     "resourceRequirements": [{"type": "MEMORY", "value": "512"}]}}"#).unwrap();
//!
//! let result = convert(&[file], &Options::default(), Format::Yaml).unwrap();
//! assert!(!result.has_errors());
//! assert_eq!(result.documents[0].path, "workflowtemplates/hello.yaml");
//! assert!(result.documents[0].text.contains("memory: 512Mi"));
//! ```

pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod lower;
pub mod report;
pub mod source;
pub mod validate;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use diagnostics::{Diagnostic, Diagnostics, Severity, SourceMap};
use emit::{Document, Format};
use error::Error;
use lower::Options;

/// The result of one conversion: the documents (empty when any error was found) and every
/// diagnostic, sorted by location.
pub struct Conversion {
    pub files: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    pub documents: Vec<Document>,
    pub project: ir::Project,
    /// The platform the output was made for (BatchCompute inputs default to `ack-eci`).
    pub platform: lower::Platform,
}

impl Conversion {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }

    /// An internal bug was found in our own output (B2A9xx).
    pub fn has_internal_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.code.as_str().starts_with("B2A9"))
    }
}

/// Reads `paths` and runs every check and mapping rule, without producing manifests: what
/// `batch2argo lint` reports.
pub fn lint(paths: &[PathBuf], options: &Options) -> Result<Conversion, Error> {
    lint_with(paths, options, &source::ReadOptions::default())
}

/// [`lint`] with read options (a forced dialect, CloudFormation parameters, Terraform variables).
pub fn lint_with(
    paths: &[PathBuf],
    options: &Options,
    read: &source::ReadOptions,
) -> Result<Conversion, Error> {
    let loaded = source::load_with(paths, read)?;
    let mut diags: Diagnostics = loaded.diagnostics;
    let options = options.effective(&loaded.project);
    lower::lower(&loaded.project, &loaded.files, &options, &mut diags);
    Ok(Conversion {
        files: loaded.files,
        diagnostics: diags.into_sorted(),
        documents: Vec::new(),
        project: loaded.project,
        platform: options.platform,
    })
}

/// Reads `paths`, converts everything, and validates the output.
pub fn convert(paths: &[PathBuf], options: &Options, format: Format) -> Result<Conversion, Error> {
    convert_with(paths, options, &source::ReadOptions::default(), format)
}

/// [`convert`] with read options (a forced dialect, CloudFormation parameters, Terraform
/// variables).
pub fn convert_with(
    paths: &[PathBuf],
    options: &Options,
    read: &source::ReadOptions,
    format: Format,
) -> Result<Conversion, Error> {
    Ok(convert_loaded(
        source::load_with(paths, read)?,
        options,
        format,
    ))
}

/// Converts inputs already read (see [`source::load_contents`]).
pub fn convert_loaded(loaded: source::Loaded, options: &Options, format: Format) -> Conversion {
    let mut diags: Diagnostics = loaded.diagnostics;
    let options = options.effective(&loaded.project);
    let lowered = lower::lower(&loaded.project, &loaded.files, &options, &mut diags);
    let documents = if diags.has_errors() {
        Vec::new()
    } else {
        let mut docs = emit::emit(&lowered.manifests, format, &mut diags);
        docs.extend(emit::emit_objects(&lowered.objects, format, &mut diags));
        emit::check_references(&lowered.manifests, &lowered.objects, docs, &mut diags)
    };
    let documents = if diags.has_errors() {
        Vec::new()
    } else {
        documents
    };
    Conversion {
        files: loaded.files,
        diagnostics: diags.into_sorted(),
        documents,
        project: loaded.project,
        platform: options.platform,
    }
}
