//! Renderers: human (miette, with the user's source lines), JSON, and GitHub annotations.
//!
//! They return strings; only the CLI prints them.

use std::fmt;
use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use serde::Serialize;

use super::{Diagnostic, Severity, SourceMap};

/// Options of the human renderer.
#[derive(Clone, Copy, Debug)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanStyle {
    fn default() -> Self {
        HumanStyle {
            color: false,
            width: 100,
        }
    }
}

/// Adapter giving a [`Diagnostic`] miette's view, with the source file it points into.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<NamedSource<String>>,
    label: Option<LabeledSpan>,
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MietteView")
            .field("code", &self.diagnostic.code)
            .finish()
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity() {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

/// Renders diagnostics the way a person reads them, with source snippets.
pub fn human(diagnostics: &[Diagnostic], files: &SourceMap, style: HumanStyle) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let mut out = String::new();
    for d in diagnostics {
        let (source, label) = match d
            .origin
            .as_ref()
            .and_then(|o| Some((o, files.get(o.file)?)))
        {
            Some((origin, file)) => {
                let (line, col) = file.line_col(origin.span.start);
                let name = format!("{}:{line}:{col}", file.path);
                let start = origin.span.start as usize;
                let len = (origin.span.end as usize).saturating_sub(start);
                let label_text = if origin.pointer.is_empty() {
                    None
                } else {
                    Some(origin.pointer.clone())
                };
                (
                    Some(NamedSource::new(name, file.text.to_string())),
                    Some(LabeledSpan::new(label_text, start, len)),
                )
            }
            None => (None, None),
        };
        let view = MietteView {
            diagnostic: d,
            source,
            label,
        };
        if handler.render_report(&mut out, &view).is_err() {
            let _ = writeln!(out, "{}: {}", d.code.as_str(), d.message);
        }
    }
    out
}

/// One diagnostic in the JSON format (`--message-format json`). The field set is documented in
/// the README and is stable.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    pub pointer: Option<String>,
    pub help: Option<String>,
}

impl JsonDiagnostic {
    pub fn from_diagnostic(d: &Diagnostic, files: &SourceMap) -> JsonDiagnostic {
        let located = d
            .origin
            .as_ref()
            .and_then(|o| files.get(o.file).map(|f| (o, f)));
        let (file, start, end, pointer) = match located {
            Some((o, f)) => (
                Some(f.path.clone()),
                Some(f.line_col(o.span.start)),
                Some(f.line_col(o.span.end)),
                Some(o.pointer.clone()),
            ),
            None => (None, None, None, None),
        };
        JsonDiagnostic {
            code: d.code.as_str(),
            severity: d.severity().as_str(),
            message: d.message.clone(),
            file,
            line: start.map(|p| p.0),
            column: start.map(|p| p.1),
            end_line: end.map(|p| p.0),
            end_column: end.map(|p| p.1),
            pointer,
            help: d.help.clone(),
        }
    }
}

/// A JSON array of [`JsonDiagnostic`], pretty-printed, with a trailing newline.
pub fn json(diagnostics: &[Diagnostic], files: &SourceMap) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic::from_diagnostic(d, files))
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

/// GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn github(diagnostics: &[Diagnostic], files: &SourceMap) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let j = JsonDiagnostic::from_diagnostic(d, files);
        let level = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("title={}", escape_property(j.code))];
        if let Some(file) = &j.file {
            props.push(format!("file={}", escape_property(file)));
        }
        for (key, value) in [
            ("line", j.line),
            ("col", j.column),
            ("endLine", j.end_line),
            ("endColumn", j.end_column),
        ] {
            if let Some(v) = value {
                props.push(format!("{key}={v}"));
            }
        }
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            props.join(","),
            escape_data(&format!("{} {}", j.code, j.message))
        );
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Origin, Span};

    #[test]
    fn json_reports_one_based_positions() {
        let mut files = SourceMap::default();
        let id = files.add("a.json".into(), "{\n  \"x\": 1\n}\n");
        let d = Diagnostic::new(Code::UnknownField, "unknown field `x`").at(&Origin::new(
            id,
            Span::new(4, 7),
            "/x",
        ));
        let j = JsonDiagnostic::from_diagnostic(&d, &files);
        assert_eq!((j.line, j.column), (Some(2), Some(3)));
        assert_eq!((j.end_line, j.end_column), (Some(2), Some(6)));
        assert_eq!(j.pointer.as_deref(), Some("/x"));
    }

    #[test]
    fn github_escapes_separators() {
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_data("50%\nx"), "50%25%0Ax");
    }
}
