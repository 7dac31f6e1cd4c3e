//! Diagnostics as the report shows them: where they point, the user's line, and which kind of
//! mapping they stand for.
//!
//! **The counting rule** (also printed in every report's footer): the field table
//! [`crate::lower::coverage::FIELDS`] says, per input field, whether it maps exactly,
//! approximately or not at all, and which codes report the loss. A finding whose code an
//! `Approximate` row names is one approximate mapping; one whose code only `Unsupported` rows name
//! is one unsupported mapping. A code named by both kinds of row (device mappings) counts as
//! approximate, because it is raised where the value was still lowered. Every other finding
//! (input errors, hygiene, notes) is counted by severity only. A definition or job graph with an
//! error-level finding is not converted; any other is mapped exactly when none of its findings
//! is approximate or unsupported, else by its worst one.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::render::JsonDiagnostic;
use crate::diagnostics::{Code, Diagnostic, SourceFile, SourceMap};
use crate::lower::coverage::{Mapping, FIELDS};

/// How well something maps: the worst of its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MappingKind {
    Exact,
    Approximate,
    Unsupported,
}

/// The codes of the field table that stand for a lossy mapping.
pub struct MappingCodes(BTreeMap<Code, MappingKind>);

impl MappingCodes {
    pub fn from_fields() -> MappingCodes {
        let mut map = BTreeMap::new();
        for row in FIELDS {
            match row.mapping {
                Mapping::Approximate(codes) => {
                    for &c in codes {
                        map.insert(c, MappingKind::Approximate);
                    }
                }
                Mapping::Unsupported(codes) => {
                    for &c in codes {
                        map.entry(c).or_insert(MappingKind::Unsupported);
                    }
                }
                Mapping::Exact | Mapping::Checked(_) | Mapping::Kept(_) | Mapping::Structural => {}
            }
        }
        MappingCodes(map)
    }

    /// The mapping a finding of this code stands for, if any.
    pub fn of(&self, code: Code) -> Option<MappingKind> {
        self.0.get(&code).copied()
    }
}

/// One diagnostic, ready for a template.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Finding {
    pub code: &'static str,
    pub severity: &'static str,
    /// The registry's one-line summary of the code.
    pub summary: &'static str,
    pub mapping: Option<MappingKind>,
    pub message: String,
    pub help: Option<String>,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub pointer: Option<String>,
    /// `file:line:column`.
    pub location: Option<String>,
    /// The line the diagnostic points at (none when it points at no file).
    pub source: Option<SourceLine>,
    /// A Markdown code fence longer than any run of backticks in the line.
    pub fence: String,
}

/// One line of the input, split around the span the diagnostic points at. Control and
/// bidirectional-override characters are shown as `\u{…}` escapes, so the line reads as what the
/// file holds; long lines are cut around the span.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct SourceLine {
    /// The line number, right-aligned to the width of `gutter`.
    pub number: String,
    /// Spaces as wide as `number`, for the caret line.
    pub gutter: String,
    pub before: String,
    pub marked: String,
    pub after: String,
    /// Spaces and carets under `marked`, for plain-text renderings.
    pub carets: String,
}

/// Most characters of a source line shown.
const LINE_CHARS: usize = 160;

impl Finding {
    pub fn new(d: &Diagnostic, files: &SourceMap, mapping: &MappingCodes) -> Finding {
        let j = JsonDiagnostic::from_diagnostic(d, files);
        let source = d
            .origin
            .as_ref()
            .and_then(|o| Some((o, files.get(o.file)?)))
            .map(|(o, f)| source_line(f, o.span.start as usize, o.span.end as usize));
        let fence = match &source {
            Some(s) => fence_for(&format!("{}{}{}", s.before, s.marked, s.after)),
            None => "```".to_string(),
        };
        let location = match (&j.file, j.line, j.column) {
            (Some(f), Some(l), Some(c)) => Some(format!("{f}:{l}:{c}")),
            _ => None,
        };
        Finding {
            location,
            code: j.code,
            severity: j.severity,
            summary: d.code.summary(),
            mapping: mapping.of(d.code),
            message: j.message,
            help: j.help,
            file: j.file,
            line: j.line,
            column: j.column,
            pointer: j.pointer.filter(|p| !p.is_empty()),
            source,
            fence,
        }
    }
}

/// The line holding byte `start` of `file`, with `start..end` (cut at the line's end) marked.
fn source_line(file: &SourceFile, start: usize, end: usize) -> SourceLine {
    let text: &str = &file.text;
    let start = floor_char(text, start.min(text.len()));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = floor_char(text, end.clamp(start, line_end));
    let content_end = line_start + text[line_start..line_end].trim_end_matches('\r').len();
    let end = end.min(content_end).max(start);
    let (before, marked, after) = (
        &text[line_start..start],
        &text[start..end],
        text.get(end..content_end).unwrap_or(""),
    );
    // Cut long lines around the span: some context before, the span, the rest to the width.
    let before_chars: Vec<char> = before.chars().collect();
    let keep_before = LINE_CHARS / 3;
    let before = if before_chars.len() > keep_before {
        let tail: String = before_chars[before_chars.len() - keep_before..]
            .iter()
            .collect();
        format!("…{tail}")
    } else {
        before.to_string()
    };
    let budget = LINE_CHARS.saturating_sub(before.chars().count());
    let marked = if marked.chars().count() > budget {
        let cut: String = marked.chars().take(budget).collect();
        (format!("{cut}…"), String::new())
    } else {
        let left = budget - marked.chars().count();
        let after = if after.chars().count() > left {
            let cut: String = after.chars().take(left).collect();
            format!("{cut}…")
        } else {
            after.to_string()
        };
        (marked.to_string(), after)
    };
    let (before, marked, after) = (visible(&before), visible(&marked.0), visible(&marked.1));
    let number = file.line_col(start as u32).0.to_string();
    let carets = format!(
        "{}{}",
        " ".repeat(before.chars().count()),
        "^".repeat(marked.chars().count().max(1))
    );
    SourceLine {
        gutter: " ".repeat(number.len()),
        number,
        before,
        marked,
        after,
        carets,
    }
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A backtick fence longer than the longest run of backticks in `text` (at least three).
pub fn fence_for(text: &str) -> String {
    "`".repeat(longest_run(text, '`').max(2) + 1)
}

pub fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in text.chars() {
        run = if x == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Text as a person should see it in a report: tabs and line breaks become spaces, and control
/// or bidirectional-formatting characters (which could hide or reorder text, the "Trojan
/// Source" trick) are shown as `\u{…}` escapes. Everything else, Unicode included, is kept.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' => out.push(' '),
            '\r' => {}
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Origin, Span};

    fn line(text: &str, start: usize, end: usize) -> SourceLine {
        source_line(&SourceFile::new("f".into(), text), start, end)
    }

    #[test]
    fn the_span_is_marked_on_its_line() {
        let l = line("a\n  \"x\": 1\nb", 4, 7);
        assert_eq!(
            (
                l.number.as_str(),
                l.before.as_str(),
                l.marked.as_str(),
                l.after.as_str()
            ),
            ("2", "  ", "\"x\"", ": 1")
        );
        assert_eq!(l.carets, "  ^^^");
        // A span over several lines is marked to the end of its first line.
        let l = line("{\n  \"a\": 1\n}\n", 0, 12);
        assert_eq!((l.marked.as_str(), l.after.as_str()), ("{", ""));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let text = format!("{}NEEDLE{}", "x".repeat(500), "y".repeat(500));
        let l = line(&text, 500, 506);
        assert_eq!(l.marked, "NEEDLE");
        assert!(l.before.starts_with('…') && l.after.ends_with('…'));
        let shown = l.before.chars().count() + l.marked.chars().count() + l.after.chars().count();
        assert!(shown <= LINE_CHARS + 2, "{shown}");
    }

    #[test]
    fn hidden_characters_are_shown() {
        assert_eq!(visible("a\u{202e}b\tc\u{7}"), "a\\u{202e}b c\\u{7}");
        assert_eq!(visible("名前 ünï"), "名前 ünï");
        let l = line("é\u{202e}x\r\n", 0, 2);
        assert_eq!((l.marked.as_str(), l.after.as_str()), ("é", "\\u{202e}x"));
    }

    #[test]
    fn fences_are_longer_than_any_backtick_run() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
    }

    #[test]
    fn approximate_wins_over_unsupported_and_other_codes_count_by_severity_only() {
        let m = MappingCodes::from_fields();
        assert_eq!(m.of(Code::JobRole), Some(MappingKind::Approximate));
        assert_eq!(m.of(Code::EcsOnly), Some(MappingKind::Unsupported));
        // Named by an Approximate and an Unsupported row.
        assert_eq!(m.of(Code::Devices), Some(MappingKind::Approximate));
        assert_eq!(m.of(Code::Cycle), None);
        let files = {
            let mut f = SourceMap::default();
            f.add("a.json".into(), "{\"jobRoleArn\": \"r\"}");
            f
        };
        let d = Diagnostic::new(Code::JobRole, "m").at(&Origin::new(
            FileId(0),
            Span::new(15, 18),
            "/jobRoleArn",
        ));
        let f = Finding::new(&d, &files, &m);
        assert_eq!(f.mapping, Some(MappingKind::Approximate));
        assert_eq!((f.line, f.column), (Some(1), Some(16)));
        assert_eq!(f.source.map(|s| s.marked), Some("\"r\"".to_string()));
    }
}
