//! Finding input files: explicit files as given, directories walked in a stable order.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::error::Error;

/// One file to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path shown in diagnostics: as given, with `/` separators.
    pub display: String,
    pub path: PathBuf,
    /// Named on the command line rather than found by walking a directory.
    pub explicit: bool,
}

const EXTENSIONS: &[&str] = &["json", "yaml", "yml", "cfg", "tf"];

fn has_input_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// The file name without its extensions (`jobs.graph.json` → `jobs.graph`).
pub fn stem(display: &str) -> String {
    let name = display.rsplit('/').next().unwrap_or(display);
    match name.rfind('.') {
        Some(i) if i > 0 => name[..i].to_string(),
        _ => name.to_string(),
    }
}

/// Every input file under `paths`, sorted and without duplicates, so the order of the
/// arguments never changes the output.
pub fn discover(paths: &[PathBuf], diags: &mut Diagnostics) -> Result<Vec<Input>, Error> {
    let mut inputs = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| Error::Read {
            path: display(path),
            source,
        })?;
        if meta.is_file() {
            inputs.push(Input {
                display: display(path),
                path: path.clone(),
                explicit: true,
            });
            continue;
        }
        let before = inputs.len();
        let walker = WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = entry.map_err(|e| Error::Walk {
                path: display(path),
                message: e.to_string(),
            })?;
            if entry.file_type().is_file() && has_input_extension(entry.path()) {
                inputs.push(Input {
                    display: display(entry.path()),
                    path: entry.path().to_path_buf(),
                    explicit: false,
                });
            }
        }
        if inputs.len() == before {
            diags.push(Diagnostic::new(
                Code::NoInput,
                format!(
                    "`{}` holds no .json, .yaml, .yml, .cfg or .tf file",
                    display(path)
                ),
            ));
        }
    }
    inputs.sort();
    inputs.dedup_by(|a, b| a.display == b.display);
    Ok(inputs)
}

/// Hidden files and folders (`.git`, `.terraform`, editor files) are never inputs.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drop_the_last_extension() {
        assert_eq!(stem("a/b/pipeline.json"), "pipeline");
        assert_eq!(stem("jobs.graph.yaml"), "jobs.graph");
        assert_eq!(stem(".hidden"), ".hidden");
    }
}
