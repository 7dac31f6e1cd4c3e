//! Tests that span several stages: fixture snapshots, the code registry, generated docs, the CLI.
//!
//! The top level of the repository has no `tests/` folder, so these live here, under
//! `#[cfg(test)]`, in one test binary.

mod batchcompute;
mod cli;
mod codes;
mod coverage;
mod coverage_batchcompute;
mod crd_schemas;
mod diff;
mod docs;
mod equivalence;
mod fixtures;
mod lint;
mod queues;
mod reachability;
mod report;
mod robustness;
mod sarif;
mod validate;

use std::path::{Path, PathBuf};

use crate::diagnostics::render::{self, HumanStyle};
use crate::emit::{self, Format};
use crate::lower::Options;

/// The repository root (tests run there).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Paths relative to the root, so output does not depend on where the checkout is.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root())
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Converts `paths` and renders everything a reviewer needs into one text: diagnostics as a
/// person sees them, then the manifests.
pub fn render_case(paths: &[PathBuf], options: &Options) -> (String, crate::Conversion) {
    let result = crate::convert(paths, options, Format::Yaml).expect("inputs are readable");
    let mut out = String::new();
    out.push_str("# diagnostics\n");
    let human = render::human(&result.diagnostics, &result.files, HumanStyle::default());
    out.push_str(if human.is_empty() { "(none)\n" } else { &human });
    out.push_str("\n# manifests\n");
    if result.documents.is_empty() {
        out.push_str("(none)\n");
    } else {
        // Objects beside the Workflows first: they are short, and a long Workflow is abridged.
        let mut docs = result.documents.clone();
        docs.sort_by_key(|d| matches!(d.kind, "Workflow" | "WorkflowTemplate"));
        out.push_str(&abridged(&emit::stream(&docs, Format::Yaml)));
    }
    (out, result)
}

/// Most manifest lines a snapshot shows; the rest is summarised by a hash, so a change anywhere
/// still changes the snapshot.
const SHOWN_LINES: usize = 400;

fn abridged(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= SHOWN_LINES {
        return text.to_string();
    }
    let mut out = lines[..SHOWN_LINES].join("\n");
    out.push_str(&format!(
        "\n… {} more lines, {} bytes in all, fnv32 {}\n",
        lines.len() - SHOWN_LINES,
        text.len(),
        crate::lower::names::short_hash(text)
    ));
    out
}

/// insta settings shared by every snapshot: one flat `snapshots/` folder, no module prefix.
pub fn settings(folder: &str) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(root().join("snapshots").join(folder));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s
}
