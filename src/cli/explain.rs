//! `batch2argo explain CODE` and `explain --all` (the generator of docs/diagnostics.md).

use std::io::Write;

use super::{ExitStatus, ExplainArgs};
use crate::diagnostics::Code;

/// The explanation of one code, as Markdown.
pub fn explain(code: Code) -> String {
    format!(
        "## {} {} ({})\n\n{}\n\n{}",
        code.as_str(),
        code.slug(),
        code.severity(),
        code.summary(),
        code.explanation()
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
    )
}

/// Every code, as the Markdown page `docs/diagnostics.md`.
pub fn all() -> String {
    let mut out = String::from(
        "# Diagnostics\n\nGenerated from `src/diagnostics/codes.rs` by `batch2argo explain --all`; do not edit by hand.\n\n| code | severity | name | summary |\n|---|---|---|---|\n",
    );
    for c in Code::ALL {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            c.as_str(),
            c.severity(),
            c.slug(),
            c.summary().replace('|', "\\|")
        ));
    }
    for c in Code::ALL {
        out.push('\n');
        out.push_str(&explain(*c));
        out.push('\n');
    }
    out
}

pub fn run(args: ExplainArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> ExitStatus {
    if args.all {
        let _ = stdout.write_all(all().as_bytes());
        return ExitStatus::Success;
    }
    let text = args.code.unwrap_or_default();
    match Code::parse(&text) {
        Some(code) => {
            let _ = writeln!(stdout, "{}", explain(code));
            ExitStatus::Success
        }
        None => {
            let _ = writeln!(
                stderr,
                "error: `{text}` is not a batch2argo diagnostic code (they look like B2A104)"
            );
            ExitStatus::Failure
        }
    }
}
