//! Sources read from a git revision of the repository the command runs in, with the git
//! binary, into memory: nothing is checked out, nothing is left behind.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::source::discover::Input;

const EXTENSIONS: &[&str] = &["json", "yaml", "yml"];

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Whether a repository path is an input `discover` would read from a directory: a
/// JSON or YAML file with no hidden component.
fn is_input(path: &str) -> bool {
    let hidden = path.split('/').any(|c| c.starts_with('.'));
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    !hidden && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// The input files under `paths` at `rev`, with their bytes, in path order. `dir` is where the
/// command runs (paths are relative to it, as on the command line).
pub fn read(dir: &Path, rev: &str, paths: &[PathBuf]) -> Result<Vec<(Input, Vec<u8>)>, String> {
    // The revision must exist: an unknown one is a usage error, not an empty side.
    git(
        dir,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| {
        format!(
            "`{rev}` is not a commit of the repository in {}",
            dir.display()
        )
    })?;
    let prefix = String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-prefix"])?)
        .trim()
        .to_string();
    let mut out = Vec::new();
    for p in paths {
        let shown = p.to_string_lossy().replace('\\', "/");
        let listed = git(
            dir,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--full-name",
                "--name-only",
                rev,
                "--",
                &shown,
            ],
        )?;
        let mut names: Vec<String> = listed
            .split(|b| *b == 0)
            .filter(|n| !n.is_empty())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(format!("`{shown}` does not exist at `{rev}`"));
        }
        for full in names {
            // Shown relative to where the command runs, like files read from disk.
            let display = full.strip_prefix(&prefix).unwrap_or(&full).to_string();
            let explicit = display == shown.trim_start_matches("./");
            if !explicit && !is_input(&display) {
                continue;
            }
            let bytes = git(dir, &["cat-file", "blob", &format!("{rev}:{full}")])?;
            out.push((
                Input {
                    path: PathBuf::from(&display),
                    display,
                    explicit,
                },
                bytes,
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn inputs_are_json_and_yaml_outside_hidden_folders() {
        assert!(super::is_input("jobs/a.json"));
        assert!(super::is_input("b.YML"));
        assert!(!super::is_input(".github/x.yaml"));
        assert!(!super::is_input("README.md"));
    }
}
