//! Renderers: human (miette, with the user's source lines), JSON, SARIF and GitHub annotations.
//!
//! They return strings; only the CLI prints them.

use std::fmt;
use std::fmt::Write as _;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, SourceCode, SourceSpan,
    SpanContents,
};
use serde::Serialize;

use super::{Diagnostic, Severity, SourceFile, SourceMap};

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
    source: Option<Windowed>,
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
                let (window, start, len, first_line) =
                    window(file, origin.span.start as usize, origin.span.end as usize);
                let name = file.path.clone();
                let label_text = if origin.pointer.is_empty() {
                    None
                } else {
                    Some(origin.pointer.clone())
                };
                (
                    Some(Windowed {
                        name,
                        text: window,
                        first_line,
                    }),
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

/// The lines around a span, each cut to a bounded width, so a minified or hostile file cannot
/// flood the terminal. Returns the text and the span's offset and length in it.
fn window(file: &SourceFile, start: usize, end: usize) -> (String, usize, usize, usize) {
    let text: &str = &file.text;
    const CONTEXT: usize = 2;
    const WIDTH: usize = 160;
    let start = floor_char(text, start.min(text.len()));
    let end = floor_char(text, end.clamp(start, text.len()));
    // A span over a whole object is shown by its first line, cut to the width.
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = floor_char(text, end.min(first_line_end).min(start + WIDTH));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    // Cut the span's own line(s) around the span.
    let cut_start = floor_char(text, line_start.max(start.saturating_sub(WIDTH / 2)));
    let cut_end = floor_char(
        text,
        line_end
            .min(end.max(start + 1).saturating_add(WIDTH / 2))
            .max(end),
    );
    let mut before: Vec<&str> = text[..line_start].lines().rev().take(CONTEXT).collect();
    before.reverse();
    // 0-based line of `line_start`, from the file's line table (no rescan of the file).
    let first_line = (file.line_col(line_start as u32).0 - 1).saturating_sub(before.len());
    let after: Vec<&str> = text[line_end..].lines().skip(1).take(CONTEXT).collect();
    let clip = |l: &str| -> String {
        if l.chars().count() > WIDTH {
            let cut: String = l.chars().take(WIDTH).collect();
            format!("{cut}…")
        } else {
            l.to_string()
        }
    };
    let mut out = String::new();
    for l in &before {
        out.push_str(&clip(l));
        out.push('\n');
    }
    let prefix = if cut_start > line_start { "…" } else { "" };
    out.push_str(prefix);
    let offset = out.len() + (start - cut_start);
    out.push_str(&text[cut_start..cut_end]);
    if cut_end < line_end {
        out.push('…');
    }
    for l in &after {
        out.push('\n');
        out.push_str(&clip(l));
    }
    (out, offset, end - start, first_line)
}

/// A window of a file that reports line numbers of the whole file.
struct Windowed {
    name: String,
    text: String,
    first_line: usize,
}

struct Shifted<'a> {
    inner: Box<dyn SpanContents<'a> + 'a>,
    name: &'a str,
    first_line: usize,
}

impl<'a> SpanContents<'a> for Shifted<'a> {
    fn data(&self) -> &'a [u8] {
        self.inner.data()
    }
    fn span(&self) -> &SourceSpan {
        self.inner.span()
    }
    fn name(&self) -> Option<&str> {
        Some(self.name)
    }
    fn line(&self) -> usize {
        self.inner.line() + self.first_line
    }
    fn column(&self) -> usize {
        self.inner.column()
    }
    fn line_count(&self) -> usize {
        self.inner.line_count()
    }
}

impl SourceCode for Windowed {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(Shifted {
            inner,
            name: &self.name,
            first_line: self.first_line,
        }))
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    /// The dialect the file was read as (`aws-batch-api`, `alibaba-batchcompute`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dialect: Option<&'static str>,
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
            dialect: located.and_then(|(_, f)| f.dialect),
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
        let mut props = Vec::new();
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
        props.push(format!("title={}", escape_property(j.code)));
        let _ = writeln!(
            out,
            "::{level} {}::{}",
            props.join(","),
            escape_data(&format!("{} {}", j.code, j.message))
        );
    }
    out
}

/// SARIF 2.1.0, as GitHub code scanning reads it: one run, every code of the registry as a
/// rule (with its explanation as help), one result per diagnostic with its physical location.
pub fn sarif(diagnostics: &[Diagnostic], files: &SourceMap) -> String {
    use serde_json::json;
    let rules: Vec<serde_json::Value> = super::Code::ALL
        .iter()
        .map(|c| {
            let help = c
                .explanation()
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join("\n");
            json!({
                "id": c.as_str(),
                "name": c.slug(),
                "shortDescription": {"text": c.summary()},
                "fullDescription": {"text": c.summary()},
                "help": {"text": help.trim(), "markdown": help.trim()},
                "defaultConfiguration": {"level": sarif_level(c.severity())},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let j = JsonDiagnostic::from_diagnostic(d, files);
            let index = super::Code::ALL
                .iter()
                .position(|c| *c == d.code)
                .unwrap_or(0);
            let mut result = json!({
                "ruleId": j.code,
                "ruleIndex": index,
                "level": sarif_level(d.severity()),
                "message": {"text": j.message},
            });
            if let (Some(file), Some(line), Some(column)) = (&j.file, j.line, j.column) {
                let mut region = json!({"startLine": line, "startColumn": column});
                if let (Some(end_line), Some(end_column)) = (j.end_line, j.end_column) {
                    if (end_line, end_column) > (line, column) {
                        region["endLine"] = json!(end_line);
                        region["endColumn"] = json!(end_column);
                    }
                }
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {"uri": path_uri(file)},
                        "region": region,
                    }
                }]);
            }
            if let Some(p) = &j.pointer {
                if !p.is_empty() {
                    result["properties"] = json!({"jsonPointer": p});
                }
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "batch2argo",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            // Columns count characters (see `SourceFile::line_col`), not SARIF's default
            // UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

/// A file path as displayed (`/`-separated) made a SARIF `uri`: a URI reference relative to
/// the directory lint ran in (or an absolute path; `file:///C:/…` for a Windows drive), with
/// every byte outside RFC 3986's unreserved set and `/` percent-encoded, so spaces, `%`, `#`,
/// `?`, `:` and non-ASCII names survive.
fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && (bytes.len() == 2 || bytes[2] == b'/');
    let mut out = String::with_capacity(path.len() + 8);
    let rest = if drive {
        out.push_str("file:///");
        out.push_str(&path[..2]);
        &path[2..]
    } else {
        &path[..]
    };
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
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
    fn sarif_uris_are_percent_encoded() {
        assert_eq!(path_uri("jobs/a.json"), "jobs/a.json");
        assert_eq!(
            path_uri("odd dir/100%#?:x.json"),
            "odd%20dir/100%25%23%3F%3Ax.json"
        );
        assert_eq!(path_uri("é.yaml"), "%C3%A9.yaml");
        assert_eq!(path_uri("/tmp/a b.json"), "/tmp/a%20b.json");
        assert_eq!(path_uri("C:\\jobs\\a.json"), "file:///C:/jobs/a.json");
    }

    #[test]
    fn github_escapes_separators() {
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(escape_data("50%\nx"), "50%25%0Ax");
    }
}
