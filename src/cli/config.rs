//! The config file, `.batch2argo.yaml`, looked up from the working directory upwards.
//!
//! ```yaml
//! lint:
//!   select: [B2A1, B2A2]      # codes or prefixes; default: everything
//!   ignore: [B2A161]
//!   deny-warnings: true
//!   per-file-ignores:
//!     "legacy/**": [B2A165]
//! ```
//!
//! Unknown keys and unknown codes are errors: a typo must not silently switch a check off.

use std::path::{Path, PathBuf};

use crate::diagnostics::select::{CodePattern, Selection};
use crate::diagnostics::{Diagnostics, SourceMap};
use crate::source::read::{Ctx, Obj};
use crate::source::syntax;

pub const FILE_NAME: &str = ".batch2argo.yaml";

/// The nearest config file from `start` upwards.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir {
        let candidate = d.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = d.parent();
    }
    None
}

fn codes(items: Option<Vec<crate::ir::Text>>, errors: &mut Vec<String>) -> Vec<CodePattern> {
    items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| {
            CodePattern::parse(&t.value)
                .map_err(|e| errors.push(e))
                .ok()
        })
        .collect()
}

/// Reads the `lint` section of a config file into a selection.
pub fn load(path: &Path) -> Result<Selection, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let mut files = SourceMap::default();
    let shown = path.display().to_string();
    let id = files.add(shown.clone(), text.as_str());
    let parsed = syntax::parse(id, &shown, &text);
    let mut diags = Diagnostics::new();
    let mut errors: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    let mut selection = Selection::default();
    if let Some(doc) = parsed.documents.first() {
        let ctx = Ctx { file: id };
        if let Some(mut root) = Obj::new(ctx, doc, String::new(), &mut diags) {
            if let Some(mut lint) = root.obj("lint", &mut diags) {
                selection.select = codes(
                    lint.strings("select", &mut diags).map(|s| s.value),
                    &mut errors,
                );
                selection.ignore = codes(
                    lint.strings("ignore", &mut diags).map(|s| s.value),
                    &mut errors,
                );
                selection.deny_warnings = lint
                    .bool("deny-warnings", &mut diags)
                    .is_some_and(|b| b.value);
                if let Some(map) = lint.obj("per-file-ignores", &mut diags) {
                    for entry in map.node.as_map().unwrap_or(&[]) {
                        let list: Vec<crate::ir::Text> = entry
                            .value
                            .as_seq()
                            .unwrap_or(&[])
                            .iter()
                            .filter_map(|n| {
                                crate::source::read::read_string(ctx, n, "", &mut diags)
                            })
                            .collect();
                        let patterns = codes(Some(list), &mut errors);
                        if let Err(e) = selection.ignore_in(&entry.key, patterns) {
                            errors.push(e);
                        }
                    }
                    // Every key of this map is a glob, read above.
                    let _ = map;
                }
                lint.finish(&mut diags);
            }
            root.finish(&mut diags);
        }
    }
    for d in diags.iter() {
        let line = d
            .origin
            .as_ref()
            .and_then(|o| files.get(o.file).map(|f| f.line_col(o.span.start).0))
            .unwrap_or(0);
        errors.push(format!("line {line}: {}", d.message));
    }
    if errors.is_empty() {
        Ok(selection)
    } else {
        Err(format!("{}: {}", path.display(), errors.join("; ")))
    }
}
