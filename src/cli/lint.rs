//! `batch2argo lint`: every check of the compiler on the inputs, no output files.

use std::io::Write;

use super::{config, Color, ExitStatus, LintArgs, LintFormat};
use crate::diagnostics::render::{self, HumanStyle};
use crate::diagnostics::select::CodePattern;
use crate::diagnostics::{Diagnostic, Severity, SourceMap};

pub fn run(args: LintArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let read = args.read.read_options();
    check(args, stdout, stderr, |paths, options| {
        crate::lint_with(paths, options, &read).map(|r| (r.files, r.diagnostics))
    })
}

/// `batch2argo validate`: the Argo rules over any Argo manifests, reported like `lint`.
pub fn validate(args: LintArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    check(args, stdout, stderr, |paths, _| {
        crate::validate::validate(paths).map(|r| (r.files, r.diagnostics))
    })
}

type Findings = Result<(SourceMap, Vec<Diagnostic>), crate::error::Error>;

/// Runs `engine` over the paths and reports its findings with the selection of the flags and
/// the config file; the exit status is the same for every engine.
fn check(
    args: LintArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    engine: impl FnOnce(&[std::path::PathBuf], &crate::lower::Options) -> Findings,
) -> ExitStatus {
    let config = match config::discover(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => return usage(stderr, &e),
    };
    let mut selection = config.selection;
    let parse = |list: &[String]| -> Result<Vec<CodePattern>, String> {
        list.iter()
            .flat_map(|item| item.split(','))
            .filter(|s| !s.trim().is_empty())
            .map(CodePattern::parse)
            .collect()
    };
    match (parse(&args.select), parse(&args.ignore)) {
        (Ok(select), Ok(ignore)) => {
            if !select.is_empty() {
                selection.select = select;
            }
            selection.ignore.extend(ignore);
        }
        (Err(e), _) | (_, Err(e)) => return usage(stderr, &e),
    }
    if args.deny.iter().any(|d| d == "warnings") {
        selection.deny_warnings = true;
    }
    if let Some(other) = args.deny.iter().find(|d| *d != "warnings") {
        return usage(
            stderr,
            &format!("`--deny {other}`: only `--deny warnings` exists"),
        );
    }

    let (files, diagnostics) = match engine(&args.paths, &config.options) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Failure;
        }
    };
    let diagnostics = selection.apply(diagnostics, &files);
    let text = match args.format {
        LintFormat::Json => render::json(&diagnostics, &files),
        LintFormat::Sarif => render::sarif(&diagnostics, &files),
        LintFormat::Github => render::github(&diagnostics, &files),
        LintFormat::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::IsTerminal::is_terminal(&std::io::stdout())
                        && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let mut text = render::human(
                &diagnostics,
                &files,
                HumanStyle {
                    color,
                    ..HumanStyle::default()
                },
            );
            let count = |s: Severity| diagnostics.iter().filter(|d| d.severity() == s).count();
            text.push_str(&format!(
                "{} file(s) checked: {} error(s), {} warning(s), {} note(s)\n",
                files.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            ));
            text
        }
    };
    let _ = stdout.write_all(text.as_bytes());
    if diagnostics
        .iter()
        .any(|d| d.code.as_str().starts_with("B2A9"))
    {
        return ExitStatus::Failure;
    }
    if selection.fails(&diagnostics) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

fn usage(stderr: &mut dyn Write, message: &str) -> ExitStatus {
    let _ = writeln!(stderr, "error: {message}");
    ExitStatus::Failure
}
