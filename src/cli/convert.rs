//! `batch2argo convert`: sources → manifests on standard output or in a directory, and the
//! migration report (`--report`) beside them.

use std::io::Write;
use std::path::Path;

use super::{print_diagnostics, ConvertArgs, ExitStatus, MessageFormat, OutputFormat};
use crate::diagnostics::Severity;
use crate::emit::{self, write, Format};
use crate::report::{self, Outcome};

pub fn run(args: ConvertArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let format = match args.output_format {
        OutputFormat::Yaml => Format::Yaml,
        OutputFormat::Json => Format::Json,
    };
    // The report's format is settled before anything runs, so a bad name costs nothing.
    let report = match &args.report {
        Some(path) => match report_format(path, args.report_format.as_deref()) {
            Some(f) => Some((path.clone(), f)),
            None => {
                let _ = writeln!(
                    stderr,
                    "error: cannot tell the report format of `{}`: name it `.md` or `.html`, or pass --report-format md|html",
                    path.display()
                );
                return ExitStatus::Failure;
            }
        },
        None => None,
    };
    let options = match args.target.options() {
        Ok(o) => o,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Failure;
        }
    };
    let read = args.read.read_options();
    let result = match crate::convert_with(&args.paths, &options, &read, format) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Failure;
        }
    };
    print_diagnostics(&result.diagnostics, &result.files, &args.messages, stderr);
    let count = |s: Severity| {
        result
            .diagnostics
            .iter()
            .filter(|d| d.severity() == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    // Summary lines are for people; machine formats keep standard error parseable.
    let human = args.messages.message_format == MessageFormat::Human;
    let summary = |stderr: &mut dyn Write, text: String| {
        if human {
            let _ = writeln!(stderr, "{text}");
        }
    };
    let (status, outcome) = if result.has_internal_errors() {
        summary(
            stderr,
            "batch2argo found a bug in its own output; nothing was written".into(),
        );
        (ExitStatus::Failure, Outcome::NotWritten)
    } else if result.has_errors() {
        summary(
            stderr,
            format!("{errors} error(s), {warnings} warning(s); nothing was written"),
        );
        (ExitStatus::Findings, Outcome::NotWritten)
    } else {
        match &args.output {
            Some(dir) => {
                let record = write::RecordOptions {
                    self_contained: options.self_contained,
                    output_format: String::new(),
                    platform: result.platform.as_str().into(),
                    queueing: options.queueing.as_str().into(),
                    namespace: options.namespace.clone(),
                };
                match write::write_dir(dir, &result.documents, format, record) {
                    Ok(files) => {
                        summary(
                            stderr,
                            format!(
                                "wrote {} files to {} ({warnings} warning(s))",
                                files.len(),
                                dir.display()
                            ),
                        );
                        (
                            ExitStatus::Success,
                            Outcome::Directory(dir.display().to_string()),
                        )
                    }
                    Err(e) => {
                        // I/O and ownership failures are shown whatever the format.
                        let _ = writeln!(stderr, "error: {e}");
                        (ExitStatus::Failure, Outcome::WriteFailed(e.to_string()))
                    }
                }
            }
            None => {
                let _ = stdout.write_all(emit::stream(&result.documents, format).as_bytes());
                summary(
                    stderr,
                    format!(
                        "{} object(s), {warnings} warning(s)",
                        result.documents.len()
                    ),
                );
                (ExitStatus::Success, Outcome::Stdout)
            }
        }
    };
    if let Some((path, format)) = report {
        let text = report::render(&report::build(&result, &options, &outcome), format);
        let written = match text {
            Ok(text) => write_atomically(&path, &text)
                .map_err(|e| format!("cannot write the report `{}`: {e}", path.display())),
            Err(e) => Err(e.to_string()),
        };
        match written {
            Ok(()) => summary(stderr, format!("wrote the report to {}", path.display())),
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                return ExitStatus::Failure;
            }
        }
    }
    status
}

/// The format `--report-format` names, else the one the file's extension implies.
fn report_format(path: &Path, flag: Option<&str>) -> Option<report::Format> {
    match flag {
        Some("md") => Some(report::Format::Markdown),
        Some("html") => Some(report::Format::Html),
        Some(_) => None,
        None => report::Format::from_path(path),
    }
}

/// Writes `text` to a temporary file beside `path` and renames it into place, so a reader
/// never sees half a report and a failed run leaves the previous one intact.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!(
        ".{}.batch2argo-tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::write(&temp, text).and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
