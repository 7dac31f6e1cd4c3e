//! `batch2argo convert`: sources → manifests on standard output or in a directory.

use std::io::Write;

use super::{print_diagnostics, ConvertArgs, ExitStatus, MessageFormat, OutputFormat};
use crate::diagnostics::Severity;
use crate::emit::{self, write, Format};

pub fn run(args: ConvertArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    let format = match args.output_format {
        OutputFormat::Yaml => Format::Yaml,
        OutputFormat::Json => Format::Json,
    };
    let mut options = match super::config::discover(args.config.as_deref()) {
        Ok(c) => c.options,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return ExitStatus::Failure;
        }
    };
    options.self_contained = args.self_contained;
    if let Some(p) = args.platform {
        options.platform = p.into();
    }
    if let Some(q) = args.queueing {
        options.queueing = q.into();
    }
    if let Some(ns) = args.namespace.clone() {
        options.namespace = ns;
    }
    if let Err(e) = options.validate() {
        let _ = writeln!(stderr, "error: {e}");
        return ExitStatus::Failure;
    }
    let result = match crate::convert(&args.paths, &options, format) {
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
    if result.has_internal_errors() {
        summary(
            stderr,
            "batch2argo found a bug in its own output; nothing was written".into(),
        );
        return ExitStatus::Failure;
    }
    if result.has_errors() {
        summary(
            stderr,
            format!("{errors} error(s), {warnings} warning(s); nothing was written"),
        );
        return ExitStatus::Findings;
    }
    match &args.output {
        Some(dir) => {
            let record = write::RecordOptions {
                self_contained: options.self_contained,
                output_format: String::new(),
                platform: options.platform.as_str().into(),
                queueing: options.queueing.as_str().into(),
                namespace: options.namespace.clone(),
            };
            match write::write_dir(dir, &result.documents, format, record) {
                Ok(files) => summary(
                    stderr,
                    format!(
                        "wrote {} files to {} ({warnings} warning(s))",
                        files.len(),
                        dir.display()
                    ),
                ),
                Err(e) => {
                    // I/O and ownership failures are shown whatever the format.
                    let _ = writeln!(stderr, "error: {e}");
                    return ExitStatus::Failure;
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
        }
    }
    ExitStatus::Success
}
