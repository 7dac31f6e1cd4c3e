//! `cargo bench --bench validate [-- --runs N] [--examples DIR] [--no-python]`
//!
//! How long `batch2argo validate` takes over Argo's own example manifests
//! (`../shared/argo/examples`, 217 files), one process per run, against the target of
//! 100 ms; and, side by side on the same files, `check-jsonschema` against Argo's published
//! schema (`../shared/argo/schema.json`), which checks types only, with no Argo rule and no
//! unknown-field check. check-jsonschema comes from PyPI into a scratch venv under the Cargo
//! target directory (`bench-venv/`), installed on first use (`--no-python` skips it). It reads
//! one document per file, so multi-document files count as failures there; the figure is its
//! time, not a comparison of verdicts.

// A benchmark harness reports on standard output and standard error.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const TARGET: Duration = Duration::from_millis(100);
const CHECK_JSONSCHEMA: &str = "check-jsonschema==0.39.0";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let bench = args.iter().any(|a| a == "--bench");
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let runs: usize = value("--runs")
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 20 } else { 2 });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let examples = value("--examples")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/argo/examples"));
    let files: Vec<PathBuf> = match std::fs::read_dir(&examples) {
        Ok(dir) => {
            let mut f: Vec<PathBuf> = dir
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            f.sort();
            f
        }
        Err(e) => {
            eprintln!("cannot read {}: {e}", examples.display());
            return ExitCode::FAILURE;
        }
    };
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_batch2argo"));
    println!("{} example files in {}", files.len(), examples.display());

    let ours = time(runs, || {
        Command::new(&binary)
            .arg("validate")
            .args(&files)
            .args(["--format", "json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
    });
    let Some((min, median)) = ours else {
        eprintln!("batch2argo validate could not be run");
        return ExitCode::FAILURE;
    };
    println!(
        "batch2argo validate: min {:.1} ms, median {:.1} ms over {runs} runs",
        ms(min),
        ms(median)
    );

    if !args.iter().any(|a| a == "--no-python") {
        match check_jsonschema(&binary) {
            Some(tool) => {
                let schema = root.join("../shared/argo/schema.json");
                let theirs = time(runs.min(5), || {
                    Command::new(&tool)
                        .arg("--schemafile")
                        .arg(&schema)
                        .args(&files)
                        .stdout(Stdio::null())
                        .stderr(Stdio::null())
                        .status()
                });
                if let Some((tmin, tmedian)) = theirs {
                    println!(
                        "check-jsonschema (published schema): min {:.1} ms, median {:.1} ms over {} runs",
                        ms(tmin),
                        ms(tmedian),
                        runs.min(5)
                    );
                }
            }
            None => println!("check-jsonschema: not available (no python3 venv or no PyPI)"),
        }
    }
    let verdict = if median <= TARGET { "PASS" } else { "FAIL" };
    println!(
        "{verdict}  validate {} files: median {:.1} ms (target ≤ {} ms)",
        files.len(),
        ms(median),
        TARGET.as_millis()
    );
    ExitCode::SUCCESS
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One unmeasured run, then `runs` measured ones: (min, median). `None` if it cannot start.
fn time(
    runs: usize,
    mut run: impl FnMut() -> std::io::Result<std::process::ExitStatus>,
) -> Option<(Duration, Duration)> {
    run().ok()?;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        run().ok()?;
        times.push(start.elapsed());
    }
    times.sort();
    Some((times[0], times[times.len() / 2]))
}

/// `check-jsonschema` from a scratch venv next to the binary's target directory.
fn check_jsonschema(binary: &Path) -> Option<PathBuf> {
    let target = binary.parent()?.parent()?;
    let venv = target.join("bench-venv");
    let tool = venv.join("bin/check-jsonschema");
    if tool.exists() {
        return Some(tool);
    }
    let quiet = |c: &mut Command| c.stdout(Stdio::null()).stderr(Stdio::null()).status();
    let made = quiet(Command::new("python3").args(["-m", "venv"]).arg(&venv)).ok()?;
    if !made.success() {
        return None;
    }
    let pip = venv.join("bin/pip");
    let installed = quiet(Command::new(pip).args(["install", "--quiet", CHECK_JSONSCHEMA])).ok()?;
    (installed.success() && tool.exists()).then_some(tool)
}
