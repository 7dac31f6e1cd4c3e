//! `job.cfg` (the `bcs sub --file` INI format) → a job description tree.
//!
//! `bcs sub --file job.cfg` reads the file with Python's `ConfigParser` and turns it into a
//! CreateJob description (`Type: "DAG"`). This module builds the same tree, so the BatchCompute
//! reader sees one shape however the job was written. The INI rules are ConfigParser's defaults
//! (`[DEFAULT]` inheritance, `=`/`:` delimiters, full-line `#`/`;` comments only, indented
//! continuation lines, `%(name)s` interpolation); the option semantics are those of `bcs` 1.7.7
//! (`action/job_submit.py`, `util/util.py`).
//!
//! Every value remembers where its bytes came from ([`Text`]), so a diagnostic about one `env`
//! entry or one `deps` name points at that entry, even after interpolation.
//!
//! What bcs takes from the user's local `bcs config` (default image and instance type, the OSS
//! folder it uploads packages and logs to, the default VPC CIDR block) is unknown here and left
//! out; `pack` keeps the local path as written.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::diagnostics::{Code, Diagnostic, FileId, Origin, Severity, Span};
use crate::source::syntax::{Entry, Node, Parsed, Scalar, ScalarKind, Value, MAX_FILE_BYTES};

/// The `Timeout` bcs gives a task that states none (`TIMEOUT` in `job_submit.py`).
const DEFAULT_TIMEOUT: &str = "86400";
/// ConfigParser's `MAX_INTERPOLATION_DEPTH`.
const MAX_INTERPOLATION_DEPTH: usize = 10;
/// Bytes that `%` interpolation and `$` substitution may produce for one file. Both can grow a
/// value exponentially (`a=%(b)s%(b)s`, `$a=$b$b`); Python would run out of memory.
const EXPANSION_BUDGET: usize = 32 << 20;
/// What each expanded value costs at least, so that many small expansions count too.
const EXPANSION_STEP: usize = 16;

/// Job-level options; bcs reads them in `[DEFAULT]` and in every task section (the last wins).
pub(crate) const JOB_OPTIONS: &[&str] = &[
    "job_name",
    "description",
    "priority",
    "force",
    "auto_release",
    "notification_endpoint",
    "notification_topic",
    "notification_events",
];
/// Task options; a task section overrides `[DEFAULT]` except for [`MERGED_OPTIONS`].
pub(crate) const TASK_OPTIONS: &[&str] = &[
    "cmd",
    "pack",
    "timeout",
    "nodes",
    "cluster",
    "image",
    "type",
    "resource_type",
    "spot_price_limit",
    "disk",
    "user_data",
    "vpc_cidr_block",
    "vpc_id",
    "reserve_on_fail",
    "no_cache_support",
    "nas_access_group",
    "nas_file_system",
    "env",
    "docker",
    "mount",
    "read_mount",
    "write_mount",
    "log_mapping",
    "lock",
    "locale",
];
/// Options bcs applies twice, `[DEFAULT]`'s value first, so the task's entries add to
/// `[DEFAULT]`'s instead of replacing them.
const MERGED_OPTIONS: &[&str] = &[
    "env",
    "docker",
    "mount",
    "read_mount",
    "write_mount",
    "log_mapping",
    "user_data",
];
/// The events a job notification may name (`EVENTS['JOB']` in bcs's `const.py`).
const JOB_EVENTS: &[&str] = &[
    "OnJobWaiting",
    "OnJobRunning",
    "OnJobStopped",
    "OnJobFinished",
    "OnJobFailed",
    "OnTaskWaiting",
    "OnTaskRunning",
    "OnTaskStopped",
    "OnTaskFinished",
    "OnTaskFailed",
    "OnInstanceWaiting",
    "OnInstanceRunning",
    "OnInstanceStopped",
    "OnInstanceFinished",
    "OnInstanceFailed",
    "OnPriorityChange",
];
/// In the `src:::dst` mount form bcs swaps the sides when `dst` is one of these.
const MOUNT_PROTOCOLS: &[&str] = &["smb://", "lustre://", "nasplus://", "nas://", "oss://"];
/// `vpc_cidr_block` values bcs reads as "no block" (`FALSE_ARR`).
const NO_CIDR: &[&str] = &["", "null", "None", "false", "False", "0"];
/// How to write a mount, for messages.
const MOUNT_FORMAT: &str = "write `oss://bucket/dir/:/local/dir/` (optionally `:true` or `:false`)";

/// Parses a job.cfg file into (at most) one job description document.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut sink = Sink::new(file);
    if text.len() > MAX_FILE_BYTES {
        let message = format!(
            "the file is {} bytes; batch2argo reads files of at most {MAX_FILE_BYTES} bytes",
            text.len()
        );
        sink.report(Code::InputLimit, Span::new(0, 0), message);
        return sink.finish(None);
    }
    // A byte order mark is not content (Python would read it as part of the first line).
    let start = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let ini = read_ini(text, start, &mut sink);
    if !ini.holds_a_job() {
        // Some other INI file (setup.cfg, tox.ini, …): the caller reports it as unrecognised.
        return Parsed {
            documents: Vec::new(),
            diagnostics: Vec::new(),
        };
    }
    if sink.errors {
        return sink.finish(None);
    }
    let Some(values) = evaluate(&ini, &mut sink) else {
        return sink.finish(None);
    };
    let mut builder = Builder {
        ini: &ini,
        values: &values,
        sink: &mut sink,
    };
    let doc = builder.job(Span::new(start, text.len()));
    sink.finish(Some(doc))
}

// ------------------------------------------------------------------------------ diagnostics

/// Collects diagnostics, once per code and place: a `[DEFAULT]` value is read by every task, and
/// its problem is one problem.
struct Sink {
    file: FileId,
    diagnostics: Vec<Diagnostic>,
    seen: HashSet<(Code, Span)>,
    errors: bool,
}

impl Sink {
    fn new(file: FileId) -> Sink {
        Sink {
            file,
            diagnostics: Vec::new(),
            seen: HashSet::new(),
            errors: false,
        }
    }

    fn report(&mut self, code: Code, span: Span, message: impl Into<String>) {
        if !self.seen.insert((code, span)) {
            return;
        }
        self.errors |= code.severity() == Severity::Error;
        self.diagnostics
            .push(Diagnostic::new(code, message).at(&Origin::new(self.file, span, "")));
    }

    /// Reports a failed expansion; false when the budget ran out and reading must stop.
    fn fail(&mut self, fail: Fail, opt: &Opt) -> bool {
        match fail {
            Fail::Syntax(span, message) => {
                self.report(Code::IniSyntax, span, message);
                true
            }
            Fail::Budget => {
                let message = format!(
                    "`%(…)s` interpolation and `$` variables expand `{}` (and the values before it) to more than {} MiB; batch2argo stops here",
                    opt.name,
                    EXPANSION_BUDGET >> 20
                );
                self.report(Code::InputLimit, opt.name_span, message);
                false
            }
        }
    }

    /// The result: the document only when no error was found, never a partial job.
    fn finish(self, doc: Option<Node>) -> Parsed {
        let documents = if self.errors {
            Vec::new()
        } else {
            doc.into_iter().collect()
        };
        Parsed {
            documents,
            diagnostics: self.diagnostics,
        }
    }
}

// ------------------------------------------------------------------------------ spanned text

/// A value's text and, for each run of bytes, where it came from: copied from the file (exact
/// positions) or inserted by interpolation, joining or substitution (the span of whatever caused
/// it: the `%(name)s` or `$name` reference, the line break).
#[derive(Clone, Debug, Default)]
struct Text {
    s: String,
    pieces: Vec<Piece>,
    /// Where an empty value is: just after its delimiter.
    anchor: Span,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    /// Offset of the run in `Text::s`; the run ends where the next piece starts.
    at: usize,
    src: Src,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Src {
    /// Copied from this file offset on.
    Copied(usize),
    /// Inserted; every byte maps to the whole span.
    Inserted(Span),
}

impl Text {
    fn new(anchor: Span) -> Text {
        Text {
            s: String::new(),
            pieces: Vec::new(),
            anchor,
        }
    }

    /// Appends `file[range]`, which maps byte for byte.
    fn push_file(&mut self, file: &str, range: Range<usize>) {
        if let Some(part) = file.get(range.clone()) {
            self.push(part, Src::Copied(range.start));
        }
    }

    fn push_made(&mut self, part: &str, span: Span) {
        self.push(part, Src::Inserted(span));
    }

    fn push(&mut self, part: &str, src: Src) {
        if part.is_empty() {
            return;
        }
        let continues = self
            .pieces
            .last()
            .is_some_and(|last| match (last.src, src) {
                (Src::Copied(from), Src::Copied(next)) => from + (self.s.len() - last.at) == next,
                (a, b) => a == b,
            });
        if !continues {
            self.pieces.push(Piece {
                at: self.s.len(),
                src,
            });
        }
        self.s.push_str(part);
    }

    fn end_of(&self, i: usize) -> usize {
        self.pieces.get(i + 1).map_or(self.s.len(), |p| p.at)
    }

    /// The piece holding byte `at`.
    fn piece_at(&self, at: usize) -> usize {
        self.pieces
            .partition_point(|p| p.at <= at)
            .saturating_sub(1)
    }

    /// Appends `other.s[range]` with its origins.
    fn push_slice(&mut self, other: &Text, range: Range<usize>) {
        let mut i = other.piece_at(range.start);
        while let Some(piece) = other.pieces.get(i) {
            if piece.at >= range.end {
                break;
            }
            let (from, to) = (range.start.max(piece.at), range.end.min(other.end_of(i)));
            if let Some(part) = other.s.get(from..to) {
                let src = match piece.src {
                    Src::Copied(o) => Src::Copied(o + (from - piece.at)),
                    inserted => inserted,
                };
                self.push(part, src);
            }
            i += 1;
        }
    }

    /// The file span of `s[range]`: the smallest span covering where its bytes came from.
    fn span_of(&self, range: Range<usize>) -> Span {
        let first = self.piece_at(range.start);
        if range.start >= range.end {
            return match self.pieces.get(first) {
                Some(Piece {
                    at,
                    src: Src::Copied(o),
                }) => {
                    let p = o + range.start.saturating_sub(*at);
                    Span::new(p, p)
                }
                Some(Piece {
                    src: Src::Inserted(span),
                    ..
                }) => *span,
                None => self.anchor,
            };
        }
        let (mut start, mut end) = (usize::MAX, 0);
        let mut i = first;
        while let Some(piece) = self.pieces.get(i) {
            if piece.at >= range.end {
                break;
            }
            let (from, to) = (range.start.max(piece.at), range.end.min(self.end_of(i)));
            if from < to {
                let (a, b) = match piece.src {
                    Src::Copied(o) => (o + (from - piece.at), o + (to - piece.at)),
                    Src::Inserted(span) => (span.start as usize, span.end as usize),
                };
                start = start.min(a);
                end = end.max(b);
            }
            i += 1;
        }
        if start > end {
            self.anchor
        } else {
            Span::new(start, end)
        }
    }

    fn span(&self) -> Span {
        self.span_of(0..self.s.len())
    }

    /// Python's `str.rstrip()`.
    fn rstrip(&mut self) {
        let keep = self.s.trim_end_matches(py_space).len();
        self.s.truncate(keep);
        while self.pieces.last().is_some_and(|p| p.at >= keep) {
            self.pieces.pop();
        }
    }
}

/// Python's `str.isspace()`: Unicode white space plus the four separators U+001C..U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `range` of `s` without Python white space at either end.
fn trim(s: &str, range: Range<usize>) -> Range<usize> {
    let Some(part) = s.get(range.clone()) else {
        return range.start..range.start;
    };
    let body = part.trim_start_matches(py_space);
    let start = range.start + (part.len() - body.len());
    start..start + body.trim_end_matches(py_space).len()
}

/// The ranges of `s[range]` between occurrences of `sep`, as Python's `str.split(sep)`.
fn split(s: &str, range: Range<usize>, sep: &str) -> Vec<Range<usize>> {
    let part = s.get(range.clone()).unwrap_or("");
    let mut out = Vec::new();
    let mut from = 0;
    for (at, _) in part.match_indices(sep) {
        out.push(range.start + from..range.start + at);
        from = at + sep.len();
    }
    out.push(range.start + from..range.start + part.len());
    out
}

/// `s[range]`, or "" for a range that is not one.
fn at(s: &str, range: Range<usize>) -> &str {
    s.get(range).unwrap_or("")
}

// ------------------------------------------------------------------------------ INI reading

/// The file as ConfigParser holds it: raw (uninterpolated) values, option names lowercased.
#[derive(Default)]
struct Ini {
    defaults: Section,
    default_header: Option<Span>,
    /// Task sections in file order.
    sections: Vec<Section>,
    by_name: HashMap<String, usize>,
}

#[derive(Default)]
struct Section {
    name: String,
    header: Span,
    line: usize,
    options: Vec<Opt>,
    by_name: HashMap<String, usize>,
}

struct Opt {
    name: String,
    name_span: Span,
    line: usize,
    raw: Text,
}

impl Ini {
    /// Whether any task section has a `cmd` (its own or `[DEFAULT]`'s): what makes a job.cfg.
    fn holds_a_job(&self) -> bool {
        !self.sections.is_empty()
            && (self.defaults.get("cmd").is_some()
                || self.sections.iter().any(|s| s.get("cmd").is_some()))
    }

    fn first_header(&self) -> Option<Span> {
        self.sections.first().map(|s| s.header)
    }
}

impl Section {
    fn get(&self, name: &str) -> Option<&Opt> {
        self.by_name.get(name).and_then(|&i| self.options.get(i))
    }
}

/// Where option lines go.
#[derive(Clone, Copy)]
enum Target {
    Defaults,
    Section(usize),
    /// A repeated section, already reported.
    Ignored,
}

/// The lines of `text` from `start` as Python's universal newlines split them (`\n`, `\r\n`
/// and a lone `\r`), without their line ends.
fn lines(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut begin = start;
    let mut bytes = text.bytes().enumerate().skip(start).peekable();
    while let Some((i, b)) = bytes.next() {
        if b == b'\n' || b == b'\r' {
            out.push(begin..i);
            begin = i + 1;
            if b == b'\r' && bytes.next_if(|&(_, n)| n == b'\n').is_some() {
                begin = i + 2;
            }
        }
    }
    if begin < text.len() {
        out.push(begin..text.len());
    }
    out
}

/// The `header` of a `[header]` line, as ConfigParser's `\[(?P<header>.+)\]` matches it (up to
/// the last `]`; anything after it is ignored).
fn header_name(text: &str, line: Range<usize>) -> Option<Range<usize>> {
    let value = text.get(line.clone())?;
    if !value.starts_with('[') {
        return None;
    }
    let close = value.rfind(']')?;
    (close >= 2).then(|| line.start + 1..line.start + close)
}

/// Reads the INI structure, reporting what ConfigParser would refuse.
fn read_ini(text: &str, start: usize, sink: &mut Sink) -> Ini {
    let mut reader = Reader {
        text,
        ini: Ini::default(),
        ignored: Section::default(),
        target: None,
        option: None,
        indent_level: 0,
        headerless: false,
    };
    for (index, line) in lines(text, start).into_iter().enumerate() {
        reader.line(index + 1, line, sink);
    }
    let mut ini = reader.ini;
    for section in std::iter::once(&mut ini.defaults).chain(ini.sections.iter_mut()) {
        for opt in &mut section.options {
            opt.raw.rstrip();
        }
    }
    ini
}

/// ConfigParser's `_read` loop, one line at a time.
struct Reader<'t> {
    text: &'t str,
    ini: Ini,
    ignored: Section,
    target: Option<Target>,
    /// The option continuation lines add to.
    option: Option<usize>,
    indent_level: usize,
    headerless: bool,
}

impl Reader<'_> {
    fn line(&mut self, number: usize, line: Range<usize>, sink: &mut Sink) {
        let stripped = trim(self.text, line.clone());
        let value = at(self.text, stripped.clone());
        if value.starts_with('#') || value.starts_with(';') {
            // A comment, even inside a multi-line value; it does not end the value.
            return;
        }
        if value.is_empty() {
            // A blank line inside a multi-line value is part of it (trailing ones are stripped).
            let anchor = Span::new(line.start, line.start);
            if let Some(opt) = self.current_option() {
                opt.raw.push_made("\n", anchor);
            }
            return;
        }
        let indent = at(self.text, line.start..stripped.start).chars().count();
        if indent > self.indent_level && self.option.is_some() {
            let text = self.text;
            if let Some(opt) = self.current_option() {
                opt.raw
                    .push_made("\n", Span::new(stripped.start, stripped.start));
                opt.raw.push_file(text, stripped);
                return;
            }
        }
        self.indent_level = indent;
        if let Some(name) = header_name(self.text, stripped.clone()) {
            let header = Span::new(stripped.start, name.end + 1);
            self.open_section(at(self.text, name), header, number, sink);
            return;
        }
        let Some(target) = self.target else {
            if !self.headerless {
                self.headerless = true;
                let message = "this line comes before any `[section]` header; a job.cfg starts with `[DEFAULT]` or a task section";
                sink.report(Code::IniSyntax, span_of_range(&stripped), message);
            }
            return;
        };
        if value.starts_with('[') {
            let message = "this section header has no closing `]`";
            sink.report(Code::IniSyntax, span_of_range(&stripped), message);
            return;
        }
        self.option_line(target, number, stripped, sink);
    }

    fn current_option(&mut self) -> Option<&mut Opt> {
        let i = self.option?;
        let section = match self.target? {
            Target::Defaults => &mut self.ini.defaults,
            Target::Section(s) => self.ini.sections.get_mut(s)?,
            Target::Ignored => &mut self.ignored,
        };
        section.options.get_mut(i)
    }

    fn open_section(&mut self, name: &str, header: Span, number: usize, sink: &mut Sink) {
        self.option = None;
        if name == "DEFAULT" {
            self.ini.default_header.get_or_insert(header);
            self.target = Some(Target::Defaults);
        } else if let Some(first) = self
            .ini
            .by_name
            .get(name)
            .and_then(|&i| self.ini.sections.get(i))
        {
            let message = format!(
                "the section [{name}] appears twice (first on line {}); ConfigParser refuses the file",
                first.line
            );
            sink.report(Code::IniSyntax, header, message);
            self.ignored = Section::default();
            self.target = Some(Target::Ignored);
        } else {
            self.ini
                .by_name
                .insert(name.to_string(), self.ini.sections.len());
            self.target = Some(Target::Section(self.ini.sections.len()));
            self.ini.sections.push(Section {
                name: name.to_string(),
                header,
                line: number,
                ..Section::default()
            });
        }
    }

    /// `name = value` or `name: value`: the first `=` or `:` ends the name.
    fn option_line(
        &mut self,
        target: Target,
        number: usize,
        stripped: Range<usize>,
        sink: &mut Sink,
    ) {
        let value = at(self.text, stripped.clone());
        let Some(delimiter) = value.find(['=', ':']) else {
            let message = "this line is not `option = value`, a `[section]` header or a comment (indent it to continue the previous value)";
            sink.report(Code::IniSyntax, span_of_range(&stripped), message);
            return;
        };
        let name_range = trim(self.text, stripped.start..stripped.start + delimiter);
        if name_range.is_empty() {
            let message = "this line has no option name before its `=` or `:`";
            sink.report(Code::IniSyntax, span_of_range(&stripped), message);
            return;
        }
        let value_range = trim(self.text, stripped.start + delimiter + 1..stripped.end);
        let name = at(self.text, name_range.clone()).to_lowercase();
        let name_span = span_of_range(&name_range);
        let section = match target {
            Target::Defaults => &mut self.ini.defaults,
            Target::Section(s) => match self.ini.sections.get_mut(s) {
                Some(section) => section,
                None => return,
            },
            Target::Ignored => &mut self.ignored,
        };
        if let Some(first) = section.get(&name) {
            if !matches!(target, Target::Ignored) {
                let owner = if matches!(target, Target::Defaults) {
                    "DEFAULT"
                } else {
                    section.name.as_str()
                };
                let message = format!(
                    "the option `{name}` appears twice in [{owner}] (first on line {}); ConfigParser refuses the file",
                    first.line
                );
                sink.report(Code::IniSyntax, name_span, message);
            }
            return;
        }
        let anchor = Span::new(value_range.start, value_range.start);
        let mut raw = Text::new(anchor);
        raw.push_file(self.text, value_range);
        section.by_name.insert(name.clone(), section.options.len());
        self.option = Some(section.options.len());
        section.options.push(Opt {
            name,
            name_span,
            line: number,
            raw,
        });
    }
}

fn span_of_range(range: &Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

// ------------------------------------------------------------------------------ evaluation

/// Why an expansion stopped.
enum Fail {
    Syntax(Span, String),
    Budget,
}

/// The expansion budget left, and the options `%(name)s` references used.
struct Budget {
    left: usize,
    /// Helper options that exist only to be interpolated are not unknown options.
    referenced: HashSet<String>,
    /// When set, every name a reference looks up, found or not.
    trace: Option<Vec<String>>,
}

impl Budget {
    fn spend(&mut self, n: usize) -> Result<(), Fail> {
        self.left = self.left.checked_sub(n).ok_or(Fail::Budget)?;
        Ok(())
    }
}

/// Where `%(name)s` looks names up: a task section, then `[DEFAULT]`; or `[DEFAULT]` alone.
#[derive(Clone, Copy)]
struct Scope<'a> {
    ini: &'a Ini,
    section: Option<&'a Section>,
}

impl<'a> Scope<'a> {
    fn lookup(&self, name: &str) -> Option<&'a Opt> {
        self.section
            .and_then(|s| s.get(name))
            .or_else(|| self.ini.defaults.get(name))
    }

    fn describe(&self) -> String {
        match self.section {
            Some(s) => format!("[{}] or [DEFAULT]", s.name),
            None => "[DEFAULT]".to_string(),
        }
    }

    /// ConfigParser's `BasicInterpolation` of a raw value.
    fn interpolate(&self, raw: &Text, budget: &mut Budget) -> Result<Text, Fail> {
        budget.spend(EXPANSION_STEP)?;
        if !raw.s.contains('%') {
            return Ok(raw.clone());
        }
        let mut out = Text::new(raw.anchor);
        self.expand(raw, 1, None, &mut out, budget)?;
        Ok(out)
    }

    /// Appends `src` with its references expanded. Text from a referenced value maps to the
    /// outermost reference (`over`); errors point where the faulty reference is written.
    fn expand(
        &self,
        src: &Text,
        depth: usize,
        over: Option<Span>,
        out: &mut Text,
        budget: &mut Budget,
    ) -> Result<(), Fail> {
        let s = src.s.as_str();
        let mut done = 0;
        while let Some(found) = s.get(done..).and_then(|rest| rest.find('%')) {
            let pct = done + found;
            copy(out, src, done..pct, over);
            budget.spend(pct - done)?;
            let after = s.get(pct + 1..).unwrap_or("");
            if after.starts_with('%') {
                out.push_made("%", over.unwrap_or_else(|| src.span_of(pct..pct + 2)));
                done = pct + 2;
            } else if after.starts_with('(') {
                done = self.reference(src, pct, depth, over, out, budget)?;
            } else {
                let message =
                    "a `%` must be followed by `%` (write `%%` for a percent sign) or by `(name)s`";
                return Err(Fail::Syntax(src.span_of(pct..pct + 1), message.to_string()));
            }
        }
        copy(out, src, done..s.len(), over);
        budget.spend(s.len() - done)
    }

    /// Expands the `%(name)s` at `pct`; returns where the text after it starts.
    fn reference(
        &self,
        src: &Text,
        pct: usize,
        depth: usize,
        over: Option<Span>,
        out: &mut Text,
        budget: &mut Budget,
    ) -> Result<usize, Fail> {
        let s = src.s.as_str();
        let name_start = pct + 2;
        let close = s
            .get(name_start..)
            .and_then(|rest| rest.find(')'))
            .map(|i| name_start + i)
            .filter(|&close| close > name_start && s.get(close + 1..close + 2) == Some("s"));
        let Some(close) = close else {
            let message = "`%(` must start a `%(name)s` reference (write `%%` for a percent sign)";
            return Err(Fail::Syntax(src.span_of(pct..pct + 2), message.to_string()));
        };
        let end = close + 2;
        let here = src.span_of(pct..end);
        let name = at(s, name_start..close).to_lowercase();
        if let Some(trace) = &mut budget.trace {
            trace.push(name.clone());
        }
        let Some(target) = self.lookup(&name) else {
            let message = format!(
                "`{}` names no option in {}",
                at(s, pct..end),
                self.describe()
            );
            return Err(Fail::Syntax(here, message));
        };
        if !budget.referenced.contains(&name) {
            budget.referenced.insert(name);
        }
        let over = over.unwrap_or(here);
        if !target.raw.s.contains('%') {
            out.push_made(&target.raw.s, over);
            budget.spend(target.raw.s.len())?;
        } else if depth >= MAX_INTERPOLATION_DEPTH {
            // Reported at the reference written in the option being read, as Python names it.
            let message = format!(
                "this reference does not resolve within {MAX_INTERPOLATION_DEPTH} levels of `%(name)s` (a reference loop?)"
            );
            return Err(Fail::Syntax(over, message));
        } else {
            self.expand(&target.raw, depth + 1, Some(over), out, budget)?;
        }
        Ok(end)
    }
}

fn copy(out: &mut Text, src: &Text, range: Range<usize>, over: Option<Span>) {
    match over {
        Some(span) => out.push_made(at(&src.s, range), span),
        None => out.push_slice(src, range),
    }
}

/// The `$name` variables: every option whose name starts with `$`, from any section, replaced
/// as text in every value after `%` interpolation (bcs's `fit_vars`).
#[derive(Default)]
struct Vars {
    keys: Vec<String>,
    values: Vec<Text>,
    index: HashMap<String, usize>,
    /// The distinct key lengths, to find keys at a `$` without trying every key.
    lengths: Vec<usize>,
}

impl Vars {
    /// A definition keeps the position of the first one and the value of the last.
    fn define(&mut self, key: &str, value: Text) {
        match self.index.get(key) {
            Some(&i) => {
                if let Some(slot) = self.values.get_mut(i) {
                    *slot = value;
                }
            }
            None => {
                self.index.insert(key.to_string(), self.keys.len());
                self.keys.push(key.to_string());
                self.values.push(value);
            }
        }
    }

    fn seal(&mut self) {
        let mut lengths: Vec<usize> = self.keys.iter().map(String::len).collect();
        lengths.sort_unstable();
        lengths.dedup();
        self.lengths = lengths;
    }

    /// bcs's `for k in vars: if k in v: v = v.replace(k, vars[k])`: keys in order, each
    /// replacing all its occurrences, later keys also seeing what earlier ones inserted.
    fn substitute(&self, text: Text, budget: &mut Budget) -> Result<Text, Fail> {
        if self.keys.is_empty() || !text.s.contains('$') {
            return Ok(text);
        }
        let mut current = text;
        let mut next = 0;
        while let Some(i) = self.first_present(&current.s, next, budget)? {
            let (Some(key), Some(value)) = (self.keys.get(i), self.values.get(i)) else {
                break;
            };
            current = replace_all(&current, key, &value.s, budget)?;
            next = i + 1;
        }
        Ok(current)
    }

    /// The first key from index `from` on that occurs in `s`.
    fn first_present(
        &self,
        s: &str,
        from: usize,
        budget: &mut Budget,
    ) -> Result<Option<usize>, Fail> {
        let mut best: Option<usize> = None;
        for (dollar, _) in s.match_indices('$') {
            for &len in &self.lengths {
                let Some(candidate) = s.get(dollar..dollar + len) else {
                    continue;
                };
                budget.spend(1 + len)?;
                if let Some(&i) = self.index.get(candidate) {
                    if i >= from && best.is_none_or(|b| i < b) {
                        best = Some(i);
                    }
                }
            }
        }
        Ok(best)
    }
}

/// Python's `str.replace(key, value)` on a [`Text`]; the inserted text maps to the key it replaced.
fn replace_all(text: &Text, key: &str, value: &str, budget: &mut Budget) -> Result<Text, Fail> {
    let mut out = Text::new(text.anchor);
    let mut done = 0;
    for (found, _) in text.s.match_indices(key) {
        budget.spend(value.len() + (found - done))?;
        out.push_slice(text, done..found);
        out.push_made(value, text.span_of(found..found + key.len()));
        done = found + key.len();
    }
    out.push_slice(text, done..text.s.len());
    Ok(out)
}

/// Every value bcs reads, interpolated in the section that reads it and with `$` variables
/// replaced.
struct Values {
    /// Per task section, per own option: the value (`None` for options bcs does not read).
    own: Vec<Vec<Option<Text>>>,
    /// `[DEFAULT]` values as `[DEFAULT]` reads them, which is how every task reads them unless
    /// it defines a name they reference.
    shared: Vec<Option<Text>>,
    /// Per task section: the `[DEFAULT]` values it reads differently (by `[DEFAULT]` position).
    local: Vec<HashMap<usize, Text>>,
    /// `deps`, which bcs reads from `[DEFAULT]` itself.
    deps: Option<Text>,
    /// Option names some `%(name)s` reference uses.
    referenced: HashSet<String>,
}

fn is_read(name: &str) -> bool {
    name == "deps" || JOB_OPTIONS.contains(&name) || TASK_OPTIONS.contains(&name)
}

/// `[DEFAULT]`'s values read in `[DEFAULT]` itself, and the names each `%` value looked up: a
/// task section that defines none of those names reads the same value, so only the sections
/// that do are read again (the file stays linear however many tasks share a `[DEFAULT]`).
struct Base {
    values: Vec<Result<Text, Fail>>,
    users: HashMap<String, Vec<usize>>,
}

fn read_defaults(ini: &Ini, budget: &mut Budget) -> Base {
    let scope = Scope { ini, section: None };
    let mut base = Base {
        values: Vec::with_capacity(ini.defaults.options.len()),
        users: HashMap::new(),
    };
    for (d, opt) in ini.defaults.options.iter().enumerate() {
        budget.trace = Some(Vec::new());
        let value = scope.interpolate(&opt.raw, budget);
        for name in budget.trace.take().unwrap_or_default() {
            let users = base.users.entry(name).or_default();
            if users.last() != Some(&d) {
                users.push(d);
            }
        }
        base.values.push(value);
    }
    base
}

/// The `[DEFAULT]` values that `section` reads differently from `[DEFAULT]`: those that look up
/// a name the section defines.
fn affected(section: &Section, base: &Base) -> Vec<usize> {
    let mut out: Vec<usize> = (section.options.iter())
        .filter_map(|opt| base.users.get(&opt.name))
        .flatten()
        .copied()
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Interpolates and substitutes every value, reporting bad `%` references. `None` when the file
/// has errors.
fn evaluate(ini: &Ini, sink: &mut Sink) -> Option<Values> {
    let mut budget = Budget {
        left: EXPANSION_BUDGET,
        referenced: HashSet::new(),
        trace: None,
    };
    let count = ini.sections.len();
    let mut values = Values {
        own: Vec::with_capacity(count),
        shared: ini.defaults.options.iter().map(|_| None).collect(),
        local: (0..count).map(|_| HashMap::new()).collect(),
        deps: None,
        referenced: HashSet::new(),
    };
    let mut vars = Vars::default();
    let defaults = &ini.defaults.options;
    let base = read_defaults(ini, &mut budget);
    for (result, opt) in base.values.iter().zip(defaults) {
        if matches!(result, Err(Fail::Budget)) {
            sink.fail(Fail::Budget, opt);
            return None;
        }
    }
    let dollars: Vec<usize> = (defaults.iter().enumerate())
        .filter(|(_, o)| o.name.starts_with('$'))
        .map(|(d, _)| d)
        .collect();
    // For each [DEFAULT] value that failed: the sections that do not read that failure.
    let mut spared: HashMap<usize, HashSet<usize>> = HashMap::new();
    for (s, section) in ini.sections.iter().enumerate() {
        let scope = Scope {
            ini,
            section: Some(section),
        };
        let mut own = Vec::with_capacity(section.options.len());
        for opt in &section.options {
            let text = match scope.interpolate(&opt.raw, &mut budget) {
                Ok(text) => text,
                Err(fail) => {
                    own.push(None);
                    if sink.fail(fail, opt) {
                        continue;
                    }
                    return None;
                }
            };
            if opt.name.starts_with('$') {
                vars.define(&opt.name, text.clone());
            }
            own.push(is_read(&opt.name).then_some(text));
        }
        values.own.push(own);
        let mut mine = HashMap::new();
        for d in affected(section, &base) {
            let Some(opt) = defaults.get(d) else {
                continue;
            };
            // A task's own value replaces [DEFAULT]'s, except for merged options.
            let shadowed = section.by_name.contains_key(&opt.name);
            if base.values.get(d).is_some_and(Result::is_err) {
                spared.entry(d).or_default().insert(s);
            }
            if shadowed && !MERGED_OPTIONS.contains(&opt.name.as_str()) {
                continue;
            }
            match scope.interpolate(&opt.raw, &mut budget) {
                Ok(text) => {
                    mine.insert(d, text);
                }
                Err(fail) => {
                    if !sink.fail(fail, opt) {
                        return None;
                    }
                }
            }
        }
        for opt in &section.options {
            let Some(&d) = ini.defaults.by_name.get(&opt.name) else {
                continue;
            };
            let merged = MERGED_OPTIONS.contains(&opt.name.as_str());
            if !merged && base.values.get(d).is_some_and(Result::is_err) {
                spared.entry(d).or_default().insert(s);
            }
        }
        // Variables take their place from the first section and their value from the last.
        if s == 0 || s + 1 == count {
            for &d in &dollars {
                let Some(opt) = defaults.get(d) else {
                    continue;
                };
                if section.by_name.contains_key(&opt.name) {
                    continue;
                }
                let read = mine.get(&d).or_else(|| base.values.get(d)?.as_ref().ok());
                if let Some(text) = read {
                    vars.define(&opt.name, text.clone());
                }
            }
        }
        mine.retain(|d, _| defaults.get(*d).is_some_and(|o| is_read(&o.name)));
        if let Some(local) = values.local.get_mut(s) {
            *local = mine;
        }
    }
    for ((d, result), opt) in base.values.into_iter().enumerate().zip(defaults) {
        match result {
            Ok(text) if opt.name == "deps" => values.deps = Some(text),
            Ok(text) if is_read(&opt.name) => {
                if let Some(slot) = values.shared.get_mut(d) {
                    *slot = Some(text);
                }
            }
            Ok(_) => {}
            // bcs reads `deps` in [DEFAULT] itself.
            Err(fail) if opt.name == "deps" => {
                sink.fail(fail, opt);
            }
            Err(_) => {
                let spared = spared.get(&d);
                let reader = (ini.sections.iter().enumerate())
                    .find(|(s, _)| !spared.is_some_and(|set| set.contains(s)));
                // Read it again from that section, for a message that names it.
                if let Some((_, section)) = reader {
                    let scope = Scope {
                        ini,
                        section: Some(section),
                    };
                    if let Err(fail) = scope.interpolate(&opt.raw, &mut budget) {
                        if !sink.fail(fail, opt) {
                            return None;
                        }
                    }
                }
            }
        }
    }
    if sink.errors {
        return None;
    }
    vars.seal();
    values.referenced = std::mem::take(&mut budget.referenced);
    match substitute_all(&mut values, &vars, &mut budget) {
        Ok(()) => Some(values),
        Err(_) => {
            let message = format!(
                "`$` variables expand the values to more than {} MiB; batch2argo stops here",
                EXPANSION_BUDGET >> 20
            );
            let span = ini.first_header().unwrap_or_default();
            sink.report(Code::InputLimit, span, message);
            None
        }
    }
}

fn substitute_all(values: &mut Values, vars: &Vars, budget: &mut Budget) -> Result<(), Fail> {
    let own = values.own.iter_mut().flatten().flatten();
    let local = values.local.iter_mut().flat_map(|m| m.values_mut());
    let shared = values.shared.iter_mut().flatten();
    for text in own.chain(local).chain(shared).chain(values.deps.iter_mut()) {
        *text = vars.substitute(std::mem::take(text), budget)?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------ tree building

/// A mapping being built: insertion order kept (a later `set` of a key replaces the value in
/// place, like a Python dict). Most maps are small; a hash index is built only for large ones.
struct Map {
    span: Span,
    entries: Vec<(String, Span, Node)>,
    index: Option<HashMap<String, usize>>,
}

/// Entries from which a [`Map`] finds keys by hash instead of by scanning.
const HASHED_FROM: usize = 16;

impl Map {
    fn new(span: Span) -> Map {
        Map {
            span,
            entries: Vec::new(),
            index: None,
        }
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(k, _, _)| k == key),
        }
    }

    fn set(&mut self, key: &str, key_span: Span, value: Node) {
        if let Some(entry) = self.position(key).and_then(|i| self.entries.get_mut(i)) {
            *entry = (key.to_string(), key_span, value);
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(key.to_string(), self.entries.len());
        }
        self.entries.push((key.to_string(), key_span, value));
        if self.index.is_none() && self.entries.len() >= HASHED_FROM {
            let keys = self.entries.iter().enumerate();
            self.index = Some(keys.map(|(i, (k, _, _))| (k.clone(), i)).collect());
        }
    }

    fn set_map(&mut self, key: &str, key_span: Span, map: Map) {
        self.set(key, key_span, map.into_node());
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn into_node(self) -> Node {
        let entries = self.entries.into_iter();
        let entries = entries.map(|(key, key_span, value)| Entry {
            key,
            key_span,
            value,
        });
        Node {
            value: Value::Map(entries.collect()),
            span: self.span,
            tag: None,
        }
    }
}

fn scalar(text: &str, kind: ScalarKind, span: Span) -> Node {
    Node {
        value: Value::Scalar(Scalar {
            text: text.to_string(),
            kind,
            plain: kind != ScalarKind::Str,
        }),
        span,
        tag: None,
    }
}

fn string(text: &str, span: Span) -> Node {
    scalar(text, ScalarKind::Str, span)
}

fn number(text: &str, span: Span) -> Node {
    scalar(text, ScalarKind::Number, span)
}

fn boolean(value: bool, span: Span) -> Node {
    let text = if value { "true" } else { "false" };
    scalar(text, ScalarKind::Bool(value), span)
}

fn list(items: Vec<Node>, span: Span) -> Node {
    Node {
        value: Value::Seq(items),
        span,
        tag: None,
    }
}

/// An option's value as one section reads it.
#[derive(Clone, Copy)]
struct View<'a> {
    opt: &'a Opt,
    text: &'a Text,
}

impl<'a> View<'a> {
    fn str(&self) -> &'a str {
        &self.text.s
    }

    fn name(&self) -> &'a str {
        &self.opt.name
    }

    /// The option name's span: the key span of what the option sets.
    fn key(&self) -> Span {
        self.opt.name_span
    }

    fn span(&self) -> Span {
        self.text.span()
    }

    /// The whole `name = value`: the span of objects the option creates.
    fn whole(&self) -> Span {
        let key = self.key();
        Span::new(key.start as usize, key.end.max(self.span().end) as usize)
    }

    fn at(&self, range: Range<usize>) -> Span {
        self.text.span_of(range)
    }

    fn string(&self) -> Node {
        string(self.str(), self.span())
    }

    /// The text and span of part of the value.
    fn item(&self, range: Range<usize>) -> (&'a str, Span) {
        (at(self.str(), range.clone()), self.at(range))
    }
}

/// Builds the document from the evaluated values, as bcs's `trans_file_to_job_desc` and
/// `fix_by_opt` do.
struct Builder<'a, 's> {
    ini: &'a Ini,
    values: &'a Values,
    sink: &'s mut Sink,
}

/// Which of the two applications of a merged option: `[DEFAULT]`'s value, then the value the
/// task sees (its own, or `[DEFAULT]`'s again).
#[derive(Clone, Copy)]
enum Phase {
    Defaults,
    Task,
}

impl<'a> Builder<'a, '_> {
    fn own(&self, s: usize, name: &str) -> Option<View<'a>> {
        let section = self.ini.sections.get(s)?;
        let &i = section.by_name.get(name)?;
        let text = self.values.own.get(s)?.get(i)?.as_ref()?;
        Some(View {
            opt: section.options.get(i)?,
            text,
        })
    }

    /// `[DEFAULT]`'s value of `name` as task `s` reads it.
    fn inherited(&self, s: usize, name: &str) -> Option<View<'a>> {
        let &d = self.ini.defaults.by_name.get(name)?;
        let opt = self.ini.defaults.options.get(d)?;
        let local = self.values.local.get(s).and_then(|m| m.get(&d));
        let text = local.or_else(|| self.values.shared.get(d)?.as_ref())?;
        Some(View { opt, text })
    }

    /// What ConfigParser's `get(section, name)` returns: the section's value, else `[DEFAULT]`'s.
    fn visible(&self, s: usize, name: &str) -> Option<View<'a>> {
        let own = self.ini.sections.get(s)?.by_name.contains_key(name);
        if own {
            self.own(s, name)
        } else {
            self.inherited(s, name)
        }
    }

    fn phase(&self, phase: Phase, s: usize, name: &str) -> Option<View<'a>> {
        match phase {
            Phase::Defaults => self.inherited(s, name),
            Phase::Task => self.visible(s, name),
        }
    }

    // -------------------------------------------------------------------------- the job

    fn job(&mut self, root: Span) -> Node {
        let ini = self.ini;
        let first = ini.first_header().unwrap_or(root);
        let anchor = ini.default_header.unwrap_or(first);
        let mut job = Map::new(root);
        job.set("Name", anchor, string("cli-job", anchor));
        job.set(
            "Description",
            anchor,
            string("BatchCompute cli job", anchor),
        );
        job.set("Type", anchor, string("DAG", anchor));
        job.set("Priority", anchor, number("1", anchor));
        job.set("JobFailOnInstanceFail", anchor, boolean(true, anchor));
        job.set("AutoRelease", anchor, boolean(false, anchor));
        let mut topic = Map::new(anchor);
        // bcs sets these from every task section in turn: the last section's view wins.
        for s in 0..ini.sections.len() {
            self.job_options(s, &mut job, &mut topic);
        }
        if !topic.is_empty() {
            let span = topic.span;
            let mut notification = Map::new(span);
            notification.set_map("Topic", span, topic);
            job.set_map("Notification", span, notification);
        }
        let mut tasks = Map::new(first);
        for (s, section) in ini.sections.iter().enumerate() {
            let task = self.task(s, section);
            tasks.set_map(&section.name, section.header, task);
        }
        let mut dag = Map::new(first);
        dag.set_map("Tasks", first, tasks);
        let (deps_key, deps) = self.dependencies(first);
        dag.set_map("Dependencies", deps_key, deps);
        job.set_map("DAG", first, dag);
        self.unknown_options();
        job.into_node()
    }

    fn job_options(&mut self, s: usize, job: &mut Map, topic: &mut Map) {
        if let Some(v) = self.visible(s, "job_name") {
            job.set("Name", v.key(), v.string());
        }
        if let Some(v) = self.visible(s, "description") {
            job.set("Description", v.key(), v.string());
        }
        if let Some(v) = self.visible(s, "priority") {
            if let Some(text) = self.integer(v) {
                job.set("Priority", v.key(), number(text, v.span()));
            }
        }
        if let Some(v) = self.visible(s, "force") {
            if let Some(force) = self.boolean(v) {
                job.set("JobFailOnInstanceFail", v.key(), boolean(!force, v.span()));
            }
        }
        if let Some(v) = self.visible(s, "auto_release") {
            if let Some(release) = self.boolean(v) {
                job.set("AutoRelease", v.key(), boolean(release, v.span()));
            }
        }
        for (name, key) in [
            ("notification_endpoint", "Endpoint"),
            ("notification_topic", "Name"),
        ] {
            if let Some(v) = self.visible(s, name) {
                if topic.is_empty() {
                    topic.span = v.whole();
                }
                topic.set(key, v.key(), v.string());
            }
        }
        if let Some(v) = self.visible(s, "notification_events") {
            if topic.is_empty() {
                topic.span = v.whole();
            }
            topic.set("Events", v.key(), self.events(v));
        }
    }

    /// `notification_events`: `,`-separated job event names, as written (bcs does not trim them).
    fn events(&mut self, v: View) -> Node {
        let mut items = Vec::new();
        for range in split(v.str(), 0..v.str().len(), ",") {
            let (event, span) = v.item(range);
            if !JOB_EVENTS.contains(&event) {
                let message = format!(
                    "`{event}` is not a BatchCompute job event ({}); bcs refuses it",
                    JOB_EVENTS.join(", ")
                );
                self.sink.report(Code::InvalidValue, span, message);
            }
            items.push(string(event, span));
        }
        list(items, v.span())
    }

    // -------------------------------------------------------------------------- one task

    fn task(&mut self, s: usize, section: &Section) -> Map {
        let header = section.header;
        let mut task = Map::new(header);
        task.set("InstanceCount", header, number("1", header));
        if let Some(v) = self.visible(s, "nodes") {
            if let Some(text) = self.positive(v, "bcs would have run 1 instance") {
                task.set("InstanceCount", v.key(), number(text, v.span()));
            }
        }
        task.set("MaxRetryCount", header, number("0", header));
        task.set("Timeout", header, number(DEFAULT_TIMEOUT, header));
        if let Some(v) = self.visible(s, "timeout") {
            let note = format!("bcs would have used {DEFAULT_TIMEOUT}");
            if let Some(text) = self.positive(v, &note) {
                task.set("Timeout", v.key(), number(text, v.span()));
            }
        }
        match self.visible(s, "cluster") {
            Some(v) if !v.str().is_empty() && !v.str().contains('=') => {
                task.set("ClusterId", v.key(), v.string());
                // bcs still reads it (and refuses a bad one) before dropping it.
                self.check_booleans(s, "reserve_on_fail");
            }
            cluster => {
                // An empty `cluster` means bcs's default image and type, which are unknown here.
                task.set("ClusterId", header, string("", header));
                let cluster = cluster.filter(|v| v.str().contains('='));
                let auto = self.auto_cluster(s, header, cluster);
                task.set_map("AutoCluster", header, auto);
            }
        }
        let parameters = self.parameters(s, section);
        task.set_map("Parameters", header, parameters);
        task.set_map("InputMapping", header, Map::new(header));
        let outputs = self.mappings(s, header, "write_mount");
        task.set_map("OutputMapping", header, outputs);
        let logs = self.mappings(s, header, "log_mapping");
        task.set_map("LogMapping", header, logs);
        if let Some((key, mounts)) = self.mounts(s) {
            task.set_map("Mounts", key, mounts);
        }
        task.set("WriteSupport", header, boolean(true, header));
        task
    }

    /// `AutoCluster` from `cluster=img=…:type=…` (or none) and the options that tune it.
    fn auto_cluster(&mut self, s: usize, header: Span, cluster: Option<View>) -> Map {
        let mut auto = Map::new(cluster.map_or(header, |v| v.whole()));
        if let Some(v) = cluster {
            self.cluster_keys(v, &mut auto);
        }
        // `image` and `type` override what `cluster` says.
        for (name, key) in [("image", "ImageId"), ("type", "InstanceType")] {
            if let Some(v) = self.visible(s, name).filter(|v| !v.str().is_empty()) {
                auto.set(key, v.key(), v.string());
            }
        }
        let resource_type = self.visible(s, "resource_type");
        match resource_type {
            Some(v) => auto.set("ResourceType", v.key(), v.string()),
            None => auto.set("ResourceType", header, string("OnDemand", header)),
        }
        if let Some(v) = self.visible(s, "spot_price_limit") {
            let spot = resource_type.is_some_and(|r| r.str() == "Spot");
            self.spot(v, spot, &mut auto);
        }
        if let Some((key, configs)) = self.configs(s) {
            auto.set_map("Configs", key, configs);
        }
        let mut user_data: Option<(Span, Map)> = None;
        for phase in [Phase::Defaults, Phase::Task] {
            if let Some(v) = self.phase(phase, s, "user_data") {
                let (_, map) = user_data.get_or_insert_with(|| (v.key(), Map::new(v.whole())));
                pairs(v, map);
            }
        }
        if let Some((key, map)) = user_data {
            auto.set_map("UserData", key, map);
        }
        auto.set("ReserveOnFail", header, boolean(false, header));
        self.check_booleans(s, "reserve_on_fail");
        if let Some(v) = self.visible(s, "reserve_on_fail") {
            if let Some(reserve) = self.boolean(v) {
                auto.set("ReserveOnFail", v.key(), boolean(reserve, v.span()));
            }
        }
        auto
    }

    /// `img=<image>:type=<instance type>`, `:`-separated.
    fn cluster_keys(&mut self, v: View, auto: &mut Map) {
        for range in split(v.str(), 0..v.str().len(), ":") {
            let (item, span) = v.item(range.clone());
            let Some(eq) = item.find('=') else {
                let part = if item.is_empty() {
                    "an empty part (a stray `:`)".to_string()
                } else {
                    format!("`{item}`")
                };
                let message = format!(
                    "{part} in `cluster` is not `img=<image id>` or `type=<instance type>`; write `cluster=img=img-ubuntu:type=ecs.sn1.medium` or a cluster id"
                );
                self.sink.report(Code::InvalidValue, span, message);
                continue;
            };
            let (key, value) = (at(item, 0..eq), at(item, eq + 1..item.len()));
            let value_span = v.at(range.start + eq + 1..range.end);
            match key {
                "img" if value.starts_with("img-") || value.starts_with("m-") => {
                    auto.set("ImageId", v.key(), string(value, value_span));
                }
                "img" => {
                    let message = format!(
                        "`{value}` is not a BatchCompute image id (`img-…` or `m-…`); bcs refuses it"
                    );
                    self.sink.report(Code::InvalidValue, value_span, message);
                }
                "type" => auto.set("InstanceType", v.key(), string(value, value_span)),
                _ => {
                    let message = format!(
                        "`{key}` is not a `cluster` key; bcs reads `img=<image id>` and `type=<instance type>`"
                    );
                    self.sink.report(Code::InvalidValue, span, message);
                }
            }
        }
    }

    /// `spot_price_limit`: a price above 0 caps the spot price; 0 follows the market price.
    fn spot(&mut self, v: View<'a>, spot: bool, auto: &mut Map) {
        let Some((text, price)) = self.price(v) else {
            return;
        };
        if !spot {
            let message =
                "`spot_price_limit` works only with `resource_type=Spot`; bcs refuses it otherwise";
            self.sink.report(Code::InvalidValue, v.span(), message);
        } else if price > 0.0 {
            auto.set(
                "SpotStrategy",
                v.key(),
                string("SpotWithPriceLimit", v.span()),
            );
            auto.set("SpotPriceLimit", v.key(), number(text, v.span()));
        } else {
            auto.set("SpotStrategy", v.key(), string("SpotAsPriceGo", v.span()));
        }
    }

    /// `AutoCluster.Configs`: disks from `disk`, the VPC from `vpc_cidr_block` and `vpc_id`.
    fn configs(&mut self, s: usize) -> Option<(Span, Map)> {
        let disk = self.visible(s, "disk");
        let cidr = self
            .visible(s, "vpc_cidr_block")
            .filter(|v| !NO_CIDR.contains(&v.str()));
        let vpc_id = self.visible(s, "vpc_id");
        let first = disk.or(cidr).or(vpc_id)?;
        let mut configs = Map::new(first.whole());
        if let Some(v) = disk {
            let disks = self.disks(v);
            configs.set_map("Disks", v.key(), disks);
        }
        if let Some(v) = cidr.or(vpc_id) {
            let mut vpc = Map::new(v.whole());
            if let Some(c) = cidr {
                vpc.set("CidrBlock", c.key(), c.string());
            }
            if let Some(id) = vpc_id {
                vpc.set("VpcId", id.key(), id.string());
            }
            let mut networks = Map::new(v.whole());
            networks.set_map("VPC", v.key(), vpc);
            configs.set_map("Networks", v.key(), networks);
        }
        Some((first.key(), configs))
    }

    /// `disk=system:<type>:<GiB>,data:<type>:<GiB>:<mount point>`; type `default` means "".
    fn disks(&mut self, v: View) -> Map {
        let mut disks = Map::new(v.whole());
        let s = v.str();
        for range in split(s, 0..s.len(), ",") {
            let range = trim(s, range);
            let info = at(s, range.clone());
            let parts = split(s, range.clone(), ":");
            let disk = match parts.as_slice() {
                [_, kind, size] if info.starts_with("system:") => {
                    Some(("SystemDisk", kind.clone(), size.clone(), None))
                }
                [_, kind, size, mount] if info.starts_with("data:") => {
                    Some(("DataDisk", kind.clone(), size.clone(), Some(mount.clone())))
                }
                _ => None,
            };
            let size_ok = disk
                .as_ref()
                .is_some_and(|(_, _, size, _)| is_integer(at(s, trim(s, size.clone()))));
            let Some((key, kind, size, mount)) = disk.filter(|_| size_ok) else {
                let info = if info.is_empty() {
                    "an empty entry (a stray `,`)".to_string()
                } else {
                    format!("`{info}`")
                };
                let message = format!(
                    "{info} is not a disk; write `system:<type>:<GiB>` or `data:<type>:<GiB>:<mount point>`, e.g. `disk=system:cloud_ssd:40,data:cloud:500:/home/disk`"
                );
                self.sink.report(Code::InvalidValue, v.at(range), message);
                continue;
            };
            let mut disk = Map::new(v.at(range));
            let kind = trim(s, kind);
            let kind_text = match at(s, kind.clone()) {
                "default" => "",
                other => other,
            };
            disk.set("Type", v.key(), string(kind_text, v.at(kind)));
            let size = trim(s, size);
            disk.set("Size", v.key(), number(at(s, size.clone()), v.at(size)));
            if let Some(mount) = mount {
                let mount = trim(s, mount);
                disk.set(
                    "MountPoint",
                    v.key(),
                    string(at(s, mount.clone()), v.at(mount)),
                );
            }
            disks.set_map(key, v.key(), disk);
        }
        disks
    }

    fn parameters(&mut self, s: usize, section: &Section) -> Map {
        let header = section.header;
        let mut command = Map::new(header);
        match self.visible(s, "cmd") {
            Some(v) if !v.str().is_empty() => command.set("CommandLine", v.key(), v.string()),
            Some(v) => {
                let message = format!(
                    "`cmd` is empty for the task [{}]; bcs sub needs a command line for every task",
                    section.name
                );
                self.sink.report(Code::MissingField, v.key(), message);
            }
            None => {
                let message = format!(
                    "the task [{}] has no `cmd` (in its section or in [DEFAULT]); bcs sub needs a command line for every task",
                    section.name
                );
                self.sink.report(Code::MissingField, header, message);
            }
        }
        // A local folder or file list that bcs tars and uploads; the reader sees it is local.
        match self.visible(s, "pack") {
            Some(v) => command.set("PackagePath", v.key(), v.string()),
            None => command.set("PackagePath", header, string("", header)),
        }
        let env = self.env_vars(s, header);
        command.set_map("EnvVars", header, env);
        let mut parameters = Map::new(header);
        parameters.set_map("Command", header, command);
        let mut config = Map::new(header);
        config.set("Lock", header, boolean(false, header));
        if let Some(v) = self.visible(s, "lock") {
            if let Some(lock) = self.boolean(v) {
                config.set("Lock", v.key(), boolean(lock, v.span()));
            }
        }
        if let Some(v) = self.visible(s, "locale") {
            config.set("Locale", v.key(), v.string());
        }
        parameters.set_map("InputMappingConfig", header, config);
        parameters
    }

    /// `EnvVars`: `env` pairs and the `docker` variables, `[DEFAULT]`'s first.
    fn env_vars(&mut self, s: usize, header: Span) -> Map {
        let mut env = Map::new(header);
        for phase in [Phase::Defaults, Phase::Task] {
            if let Some(v) = self.phase(phase, s, "env") {
                pairs(v, &mut env);
            }
            if let Some(v) = self.phase(phase, s, "docker") {
                self.docker(v, &mut env);
            }
        }
        env
    }

    /// `docker=<image>@oss://<registry>/` (an image in an OSS registry) or `docker=registry…`.
    fn docker(&mut self, v: View, env: &mut Map) {
        let s = v.str();
        if s.starts_with("registry") {
            env.set("BATCH_COMPUTE_DOCKER_IMAGE", v.key(), v.string());
            return;
        }
        let Some(split_at) = s.find("@oss://").filter(|&i| i > 1) else {
            let message = format!(
                "`docker` must be `<image>@oss://<registry folder>/` or a `registry…` image name, found `{s}`; bcs refuses it"
            );
            self.sink.report(Code::InvalidValue, v.span(), message);
            return;
        };
        let image = at(s, 0..split_at);
        let image = if image.starts_with("localhost:5000/") {
            image.to_string()
        } else {
            format!("localhost:5000/{image}")
        };
        let image_span = v.at(0..split_at);
        env.set(
            "BATCH_COMPUTE_DOCKER_IMAGE",
            v.key(),
            string(&image, image_span),
        );
        let registry = split_at + 1..s.len();
        let registry_node = string(at(s, registry.clone()), v.at(registry));
        env.set(
            "BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH",
            v.key(),
            registry_node,
        );
    }

    /// `Mounts`: entries from `mount` and `read_mount`, NAS settings, the cache switch.
    fn mounts(&mut self, s: usize) -> Option<(Span, Map)> {
        let mut entries = MountEntries::default();
        let mut first: Option<View> = None;
        for phase in [Phase::Defaults, Phase::Task] {
            for name in ["mount", "read_mount"] {
                if let Some(v) = self.phase(phase, s, name) {
                    first.get_or_insert(v);
                    self.mount_entries(v, &mut entries);
                }
            }
        }
        let access = self.visible(s, "nas_access_group");
        let systems = self.visible(s, "nas_file_system");
        self.check_booleans(s, "no_cache_support");
        let cache = self.visible(s, "no_cache_support");
        let first = first.or(access).or(systems).or(cache)?;
        let mut mounts = Map::new(first.whole());
        if !entries.nodes.is_empty() {
            mounts.set("Entries", first.key(), list(entries.nodes, first.whole()));
        }
        if let Some(any) = access.or(systems) {
            let mut nas = Map::new(any.whole());
            for (v, key) in [(access, "AccessGroup"), (systems, "FileSystem")] {
                if let Some(v) = v {
                    nas.set(key, v.key(), plain_list(v));
                }
            }
            mounts.set_map("NAS", any.key(), nas);
        }
        if let Some(v) = cache {
            if let Some(no_cache) = self.boolean(v) {
                mounts.set("CacheSupport", v.key(), boolean(!no_cache, v.span()));
            }
        }
        Some((first.key(), mounts))
    }

    fn mount_entries(&mut self, v: View, entries: &mut MountEntries) {
        let s = v.str();
        for range in split(s, 0..s.len(), ",") {
            let range = trim(s, range);
            if range.is_empty() {
                continue;
            }
            let Some(mount) = parse_mount(s, range.clone()) else {
                let message = format!(
                    "`{}` is not a mount; {MOUNT_FORMAT}, or `<source>:::<destination>[:::true|false]` for other protocols",
                    at(s, range.clone())
                );
                self.sink.report(Code::InvalidValue, v.at(range), message);
                continue;
            };
            let source = at(s, mount.source.clone());
            let destination = drive(at(s, mount.destination.clone()));
            let (write, write_span) = match mount.write {
                Some((write, flag)) => (write, v.at(flag)),
                None => (source.ends_with('/'), v.at(mount.source.clone())),
            };
            let mut entry = Map::new(v.at(range));
            entry.set("Source", v.key(), string(source, v.at(mount.source)));
            let destination_span = v.at(mount.destination);
            entry.set(
                "Destination",
                v.key(),
                string(&destination, destination_span),
            );
            entry.set("WriteSupport", v.key(), boolean(write, write_span));
            entries.set((source.to_string(), destination), entry.into_node());
        }
    }

    /// `write_mount` (→ `OutputMapping`) and `log_mapping` (→ `LogMapping`): `oss:local` pairs
    /// keyed by the local path.
    fn mappings(&mut self, s: usize, header: Span, name: &str) -> Map {
        let mut out = Map::new(header);
        for phase in [Phase::Defaults, Phase::Task] {
            if let Some(v) = self.phase(phase, s, name) {
                self.mapping(v, &mut out);
            }
        }
        out
    }

    fn mapping(&mut self, v: View, out: &mut Map) {
        let s = v.str();
        // bcs builds {oss: local} first, then reverses it: a repeated oss path keeps its last
        // local path.
        let mut forward: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for range in split(s, 0..s.len(), ",") {
            let range = trim(s, range);
            if range.is_empty() {
                continue;
            }
            let Some((oss, local)) = parse_mapping(s, range.clone()) else {
                let message = format!(
                    "`{}` in `{}` is not `<oss path>:<local path>`; {MOUNT_FORMAT}",
                    at(s, range.clone()),
                    v.name()
                );
                self.sink.report(Code::InvalidValue, v.at(range), message);
                continue;
            };
            match index.get(at(s, oss.clone())) {
                Some(&i) => {
                    if let Some(slot) = forward.get_mut(i) {
                        *slot = (oss, local);
                    }
                }
                None => {
                    index.insert(at(s, oss.clone()), forward.len());
                    forward.push((oss, local));
                }
            }
        }
        for (oss, local) in forward {
            let oss_node = string(at(s, oss.clone()), v.at(oss));
            out.set(&drive(at(s, local.clone())), v.at(local), oss_node);
        }
    }

    // -------------------------------------------------------------------------- deps

    /// `Dependencies` from `[DEFAULT]`'s `deps`: upstream → the tasks that wait for it.
    fn dependencies(&mut self, first: Span) -> (Span, Map) {
        let ini = self.ini;
        let (Some(opt), Some(text)) = (ini.defaults.get("deps"), self.values.deps.as_ref()) else {
            return (first, Map::new(first));
        };
        let v = View { opt, text };
        let mut edges = Edges::default();
        let s = v.str();
        for part in split(s, 0..s.len(), ";") {
            let part = trim(s, part);
            if part.is_empty() {
                continue;
            }
            if !at(s, part.clone()).contains("->") {
                let message = format!(
                    "`{}` in `deps` has no `->`; write each edge as `upstream->downstream` and separate edges with `;`",
                    at(s, part.clone())
                );
                self.sink.report(Code::DepsSyntax, v.at(part), message);
                continue;
            }
            let sides = self.deps_sides(v, part);
            for pair in sides.windows(2) {
                if let [upstream, downstream] = pair {
                    for (name, span) in upstream {
                        for (down, down_span) in downstream {
                            edges.add(name, *span, down, *down_span);
                        }
                    }
                }
            }
        }
        (v.key(), edges.into_map(v.whole()))
    }

    /// The names on each side of the `->`s of one edge (a chain has more than two sides).
    fn deps_sides(&mut self, v: View, part: Range<usize>) -> Vec<Vec<(String, Span)>> {
        let s = v.str();
        let sides = split(s, part, "->");
        let last = sides.len().saturating_sub(1);
        let mut out = Vec::with_capacity(sides.len());
        for (i, side) in sides.iter().enumerate() {
            let trimmed = trim(s, side.clone());
            if trimmed.is_empty() {
                // Point at the arrow that lacks a name.
                let (arrow, place) = if i == 0 {
                    (side.end..side.end + 2, "before this `->`")
                } else if i == last {
                    (side.start.saturating_sub(2)..side.start, "after this `->`")
                } else {
                    (
                        side.start.saturating_sub(2)..side.start,
                        "between these `->`",
                    )
                };
                let message = format!("`deps` has no task {place}");
                self.sink.report(Code::DepsSyntax, v.at(arrow), message);
                out.push(Vec::new());
                continue;
            }
            let mut names = Vec::new();
            for name in split(s, side.clone(), ",") {
                let name = trim(s, name);
                if name.is_empty() {
                    let message = format!(
                        "`{}` in `deps` has an empty task name; separate names with single commas",
                        at(s, trimmed.clone())
                    );
                    self.sink
                        .report(Code::DepsSyntax, v.at(trimmed.clone()), message);
                    continue;
                }
                let (text, span) = v.item(name);
                self.check_task_name(text, span);
                names.push((text.to_string(), span));
            }
            out.push(names);
        }
        out
    }

    fn check_task_name(&mut self, name: &str, span: Span) {
        if self.ini.by_name.contains_key(name) {
            return;
        }
        if name.contains(['\n', '>', '<']) {
            let message = format!(
                "`{}` in `deps` is not a task name; write edges as `a->b,c` and separate them with `;`",
                name.escape_debug()
            );
            self.sink.report(Code::DepsSyntax, span, message);
        } else {
            let message = format!("`deps` names `{name}`, but the file has no [{name}] section");
            self.sink.report(Code::UnknownJob, span, message);
        }
    }

    // -------------------------------------------------------------------------- checks

    fn unknown_options(&mut self) {
        let ini = self.ini;
        for opt in &ini.defaults.options {
            if !is_read(&opt.name) && !opt.name.starts_with('$') {
                self.unknown(opt);
            }
        }
        for section in &ini.sections {
            for opt in &section.options {
                if opt.name == "deps" {
                    let message = format!(
                        "`deps` in the task section [{}] is ignored: bcs reads `deps` only from [DEFAULT]",
                        section.name
                    );
                    self.sink
                        .report(Code::UnknownOption, opt.name_span, message);
                } else if !is_read(&opt.name) && !opt.name.starts_with('$') {
                    self.unknown(opt);
                }
            }
        }
    }

    fn unknown(&mut self, opt: &Opt) {
        if self.values.referenced.contains(&opt.name) {
            return;
        }
        let message = format!(
            "`{}` is not an option `bcs sub` reads from a job.cfg; it was ignored",
            opt.name
        );
        self.sink
            .report(Code::UnknownOption, opt.name_span, message);
    }

    /// ConfigParser's `getint` (and bcs's `int()`): the text when it is a whole number.
    fn integer(&mut self, v: View<'a>) -> Option<&'a str> {
        let text = v.str().trim_matches(py_space);
        if is_integer(text) {
            return Some(text);
        }
        let message = format!("`{}` must be a whole number, found `{}`", v.name(), v.str());
        self.sink.report(Code::WrongType, v.span(), message);
        None
    }

    /// A whole number above 0; bcs silently replaced others, which hides a mistake.
    fn positive(&mut self, v: View<'a>, replaced: &str) -> Option<&'a str> {
        let text = self.integer(v)?;
        let digits = text.strip_prefix('+').unwrap_or(text);
        if !digits.starts_with('-') && digits.bytes().any(|b| b != b'0') {
            return Some(text);
        }
        let message = format!(
            "`{}` must be at least 1, found `{text}` ({replaced})",
            v.name()
        );
        self.sink.report(Code::InvalidValue, v.span(), message);
        None
    }

    /// Python's `float()` of a decimal number.
    fn price(&mut self, v: View<'a>) -> Option<(&'a str, f64)> {
        let text = v.str().trim_matches(py_space);
        let parsed = is_decimal(text).then(|| text.parse::<f64>().ok()).flatten();
        if let Some(price) = parsed {
            return Some((text, price));
        }
        let message = format!(
            "`{}` must be a price (a decimal number), found `{}`",
            v.name(),
            v.str()
        );
        self.sink.report(Code::WrongType, v.span(), message);
        None
    }

    /// bcs reads some booleans from `[DEFAULT]` even when the task overrides them.
    fn check_booleans(&mut self, s: usize, name: &str) {
        for phase in [Phase::Defaults, Phase::Task] {
            if let Some(v) = self.phase(phase, s, name) {
                self.boolean(v);
            }
        }
    }

    /// ConfigParser's `getboolean`.
    fn boolean(&mut self, v: View) -> Option<bool> {
        match v.str().to_lowercase().as_str() {
            "1" | "yes" | "true" | "on" => Some(true),
            "0" | "no" | "false" | "off" => Some(false),
            _ => {
                let message = format!(
                    "`{}` must be a boolean (true/false, yes/no, on/off, 1/0), found `{}`",
                    v.name(),
                    v.str()
                );
                self.sink.report(Code::WrongType, v.span(), message);
                None
            }
        }
    }
}

/// `k:v,k2:v2` pairs into `map` (`env`, `user_data`); blank items are skipped, a missing value is
/// "".
fn pairs(v: View, map: &mut Map) {
    let s = v.str();
    for range in split(s, 0..s.len(), ",") {
        if trim(s, range.clone()).is_empty() {
            continue;
        }
        let (key, value) = match at(s, range.clone()).find(':') {
            Some(colon) => (
                trim(s, range.start..range.start + colon),
                trim(s, range.start + colon + 1..range.end),
            ),
            None => (trim(s, range.clone()), range.end..range.end),
        };
        let node = string(at(s, value.clone()), v.at(value));
        map.set(at(s, key.clone()), v.at(key), node);
    }
}

/// A `,`-separated list kept as written (bcs splits NAS ids without trimming them).
fn plain_list(v: View) -> Node {
    let items = split(v.str(), 0..v.str().len(), ",");
    let items = items.into_iter().map(|range| {
        let (text, span) = v.item(range);
        string(text, span)
    });
    list(items.collect(), v.span())
}

/// A one-letter destination is a Windows drive: `E` means `E:`.
fn drive(destination: &str) -> String {
    let mut chars = destination.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_alphabetic() => format!("{c}:"),
        _ => destination.to_string(),
    }
}

/// One `mount`/`read_mount` item, as ranges of the value.
struct Mount {
    source: Range<usize>,
    destination: Range<usize>,
    /// An explicit `true`/`false` and where it is written.
    write: Option<(bool, Range<usize>)>,
}

/// bcs's `trans_mount_dup` for one trimmed item: `oss://src:/dst[:true|false]`,
/// `/dst:oss://src[:true|false]` or `src:::dst[:::true]`.
fn parse_mount(s: &str, item: Range<usize>) -> Option<Mount> {
    let text = at(s, item.clone());
    let mount = if text.contains(":::") {
        let parts = split(s, item, ":::");
        let (mut source, mut destination) = (parts.first()?.clone(), parts.get(1)?.clone());
        let write = match parts.as_slice() {
            [_, _, flag] => Some((at(s, flag.clone()) == "true", flag.clone())),
            _ => None,
        };
        if MOUNT_PROTOCOLS.contains(&at(s, destination.clone())) {
            std::mem::swap(&mut source, &mut destination);
        }
        Mount {
            source,
            destination,
            write,
        }
    } else if text.starts_with("oss://") || text.starts_with("nas://") {
        let (mut source, mut destination) = split_last_colon(s, item)?;
        let mut write = None;
        let flag = at(s, destination.clone());
        if flag == "true" || flag == "false" {
            write = Some((flag == "true", destination.clone()));
            (source, destination) = split_last_colon(s, source)?;
        }
        Mount {
            source,
            destination,
            write,
        }
    } else {
        let found = text.find(":oss://").or_else(|| text.find(":nas://"))?;
        let destination = item.start..item.start + found;
        let mut source = item.start + found + 1..item.end;
        let mut write = None;
        for (suffix, value) in [(":true", true), (":false", false)] {
            if at(s, source.clone()).ends_with(suffix) {
                let flag = source.end - suffix.len() + 1..source.end;
                source.end -= suffix.len();
                write = Some((value, flag));
                break;
            }
        }
        Mount {
            source,
            destination,
            write,
        }
    };
    let usable =
        !at(s, mount.source.clone()).is_empty() && !at(s, mount.destination.clone()).is_empty();
    usable.then_some(mount)
}

/// Splits `oss://…:rest` at its last `:`, which must come after the scheme's `://`.
fn split_last_colon(s: &str, range: Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let colon = at(s, range.clone()).rfind(':')?;
    (colon >= "oss://".len()).then(|| {
        (
            range.start..range.start + colon,
            range.start + colon + 1..range.end,
        )
    })
}

/// bcs's `trans_mount` for one trimmed item: (oss side, local side).
fn parse_mapping(s: &str, item: Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let text = at(s, item.clone());
    let (oss, local) = if text.starts_with("oss://") || text.starts_with("nas://") {
        split_last_colon(s, item)?
    } else if let Some(found) = text.find(":oss://").or_else(|| text.find(":nas://")) {
        (
            item.start + found + 1..item.end,
            item.start..item.start + found,
        )
    } else {
        let colon = text.find(':')?;
        (
            item.start..item.start + colon,
            item.start + colon + 1..item.end,
        )
    };
    (!at(s, oss.clone()).is_empty() && !at(s, local.clone()).is_empty()).then_some((oss, local))
}

/// Mount entries keyed by (source, destination): a repeated pair replaces the earlier one in
/// place.
#[derive(Default)]
struct MountEntries {
    nodes: Vec<Node>,
    index: HashMap<(String, String), usize>,
}

impl MountEntries {
    fn set(&mut self, key: (String, String), node: Node) {
        match self.index.get(&key) {
            Some(&i) => {
                if let Some(slot) = self.nodes.get_mut(i) {
                    *slot = node;
                }
            }
            None => {
                self.index.insert(key, self.nodes.len());
                self.nodes.push(node);
            }
        }
    }
}

/// `Dependencies` being collected: edges merged, no duplicates, first-seen order.
#[derive(Default)]
struct Edges {
    upstreams: Vec<(String, Span, Vec<Node>, HashSet<String>)>,
    index: HashMap<String, usize>,
}

impl Edges {
    fn add(&mut self, upstream: &str, span: Span, downstream: &str, down_span: Span) {
        let i = match self.index.get(upstream) {
            Some(&i) => i,
            None => {
                self.index
                    .insert(upstream.to_string(), self.upstreams.len());
                let entry = (upstream.to_string(), span, Vec::new(), HashSet::new());
                self.upstreams.push(entry);
                self.upstreams.len() - 1
            }
        };
        if let Some((_, _, list, seen)) = self.upstreams.get_mut(i) {
            if seen.insert(downstream.to_string()) {
                list.push(string(downstream, down_span));
            }
        }
    }

    fn into_map(self, span: Span) -> Map {
        let mut map = Map::new(span);
        for (name, key_span, items, _) in self.upstreams {
            let list_span = items.first().map_or(key_span, |n| n.span);
            map.set(&name, key_span, list(items, list_span));
        }
        map
    }
}

/// Python's `int()` of a stripped string, ASCII digits only.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal number: `[+-](digits[.digits]|.digits)([eE][+-]digits)`.
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(e) => (
            at(unsigned, 0..e),
            Some(at(unsigned, e + 1..unsigned.len())),
        ),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(is_integer);
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The tree as JSON, numbers as numbers, so it reads like `bcs sub --show_json` output.
    fn to_json(node: &Node) -> serde_json::Value {
        match &node.value {
            Value::Scalar(s) => match s.kind {
                ScalarKind::Null => serde_json::Value::Null,
                ScalarKind::Bool(b) => serde_json::Value::Bool(b),
                ScalarKind::Number => serde_json::from_str(&s.text)
                    .unwrap_or_else(|_| serde_json::Value::String(s.text.clone())),
                ScalarKind::Str => serde_json::Value::String(s.text.clone()),
            },
            Value::Seq(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
            Value::Map(entries) => serde_json::Value::Object(
                (entries.iter())
                    .map(|e| (e.key.clone(), to_json(&e.value)))
                    .collect(),
            ),
        }
    }

    /// The document of a file that must read without errors.
    fn doc(text: &str) -> Node {
        let parsed = parse(FileId(0), text);
        let errors: Vec<_> = (parsed.diagnostics.iter())
            .filter(|d| d.severity() == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(parsed.documents.len(), 1);
        parsed.documents.into_iter().next().expect("a document")
    }

    /// The node at a `/`-separated path of keys.
    fn get<'n>(node: &'n Node, path: &str) -> &'n Node {
        path.split('/').fold(node, |n, key| {
            n.get(key)
                .unwrap_or_else(|| panic!("no `{key}` in {}", to_json(n)))
        })
    }

    fn task(doc: &Node, name: &str) -> serde_json::Value {
        to_json(get(doc, &format!("DAG/Tasks/{name}")))
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    fn line_of(text: &str, span: Span) -> usize {
        text[..span.start as usize].matches('\n').count() + 1
    }

    /// Each diagnostic as (code, line, the text it points at).
    fn findings(text: &str) -> Vec<(Code, usize, String)> {
        let parsed = parse(FileId(0), text);
        if parsed
            .diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
        {
            assert!(parsed.documents.is_empty(), "an erroneous file gave a job");
        }
        let mut out: Vec<_> = (parsed.diagnostics.iter())
            .map(|d| {
                let span = d.origin.as_ref().expect("an origin").span;
                (d.code, line_of(text, span), slice(text, span).to_string())
            })
            .collect();
        out.sort();
        out
    }

    const LOG_COUNT: &str = "\
[DEFAULT]
job_name=log-count
description=demo
force=True
deps=split->count;count->merge
env=k:v,k2:v2
read_mount=oss://bucket/input/:/home/input/
write_mount=oss://bucket/output/:/home/output/
pack=./src/
[split]
cmd=python split.py
cluster=img=img-ubuntu:type=ecs.sn1.medium
nodes=1
[count]
cmd=python count.py
nodes=3
[merge]
cmd=python merge.py
";

    /// What the task of the log-count job prints in `bcs sub --show_json`, minus the local
    /// configuration (default image and type, OSS upload folder).
    fn log_count_task(cmd: &str, nodes: u32, cluster: serde_json::Value) -> serde_json::Value {
        json!({
            "InstanceCount": nodes, "MaxRetryCount": 0, "Timeout": 86400, "ClusterId": "",
            "AutoCluster": cluster,
            "Parameters": {
                "Command": {"CommandLine": cmd, "PackagePath": "./src/", "EnvVars": {"k": "v", "k2": "v2"}},
                "InputMappingConfig": {"Lock": false}
            },
            "InputMapping": {},
            "OutputMapping": {"/home/output/": "oss://bucket/output/"},
            "LogMapping": {},
            "Mounts": {"Entries": [
                {"Source": "oss://bucket/input/", "Destination": "/home/input/", "WriteSupport": true}
            ]},
            "WriteSupport": true
        })
    }

    #[test]
    fn the_log_count_job_reads_as_bcs_builds_it() {
        let node = doc(LOG_COUNT);
        let default_cluster = json!({"ResourceType": "OnDemand", "ReserveOnFail": false});
        let expected = json!({
            "Name": "log-count", "Description": "demo", "Type": "DAG", "Priority": 1,
            "JobFailOnInstanceFail": false, "AutoRelease": false,
            "DAG": {
                "Tasks": {
                    "split": log_count_task("python split.py", 1, json!({
                        "ImageId": "img-ubuntu", "InstanceType": "ecs.sn1.medium",
                        "ResourceType": "OnDemand", "ReserveOnFail": false
                    })),
                    "count": log_count_task("python count.py", 3, default_cluster.clone()),
                    "merge": log_count_task("python merge.py", 1, default_cluster),
                },
                "Dependencies": {"split": ["count"], "count": ["merge"]}
            }
        });
        assert_eq!(to_json(&node), expected);
        // Tasks in file order, kinds as the API has them.
        let tasks = get(&node, "DAG/Tasks").as_map().expect("tasks");
        let names: Vec<_> = tasks.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(names, ["split", "count", "merge"]);
        let count = get(&node, "DAG/Tasks/count/InstanceCount")
            .as_scalar()
            .expect("n");
        assert_eq!(
            (count.text.as_str(), count.kind, count.plain),
            ("3", ScalarKind::Number, true)
        );
        let cmd = get(&node, "DAG/Tasks/count/Parameters/Command/CommandLine");
        assert!(!cmd.as_scalar().expect("cmd").plain);
    }

    #[test]
    fn spans_point_at_option_names_values_and_section_headers() {
        let node = doc(LOG_COUNT);
        let count = get(&node, "DAG/Tasks/count");
        assert_eq!(slice(LOG_COUNT, count.span), "[count]");
        let entries = count.as_map().expect("task");
        let nodes = entries
            .iter()
            .find(|e| e.key == "InstanceCount")
            .expect("nodes");
        assert_eq!(slice(LOG_COUNT, nodes.key_span), "nodes");
        assert_eq!(slice(LOG_COUNT, nodes.value.span), "3");
        // A default bcs hard-codes points at the task's header.
        let timeout = entries
            .iter()
            .find(|e| e.key == "Timeout")
            .expect("timeout");
        assert_eq!(slice(LOG_COUNT, timeout.key_span), "[count]");
        // Each element of a list option has its own span, also when it comes from [DEFAULT].
        let env = get(count, "Parameters/Command/EnvVars")
            .as_map()
            .expect("env");
        assert_eq!(slice(LOG_COUNT, env[1].key_span), "k2");
        assert_eq!(slice(LOG_COUNT, env[1].value.span), "v2");
        let source = get(count, "Mounts/Entries").as_seq().expect("entries")[0]
            .get("Source")
            .expect("source");
        assert_eq!(slice(LOG_COUNT, source.span), "oss://bucket/input/");
        let deps = get(&node, "DAG/Dependencies").as_map().expect("deps");
        assert_eq!(slice(LOG_COUNT, deps[1].key_span), "count");
        assert_eq!(line_of(LOG_COUNT, deps[1].key_span), 5);
        let name = get(&node, "Name");
        assert_eq!(slice(LOG_COUNT, name.span), "log-count");
    }

    #[test]
    fn default_options_reach_every_task_and_a_section_overrides_them() {
        let node = doc("\
[DEFAULT]
cmd=python main.py
nodes=2
timeout=600
cluster=cls-0123
locale=UTF-8
[a]
[b]
nodes=5
cmd=python other.py
cluster=img=img-centos
");
        let a = task(&node, "a");
        assert_eq!(a["Parameters"]["Command"]["CommandLine"], "python main.py");
        assert_eq!(
            (a["InstanceCount"].clone(), a["Timeout"].clone()),
            (json!(2), json!(600))
        );
        assert_eq!(a["ClusterId"], "cls-0123");
        assert!(a.get("AutoCluster").is_none());
        assert_eq!(a["Parameters"]["InputMappingConfig"]["Locale"], "UTF-8");
        let b = task(&node, "b");
        assert_eq!(b["Parameters"]["Command"]["CommandLine"], "python other.py");
        assert_eq!(
            (b["InstanceCount"].clone(), b["Timeout"].clone()),
            (json!(5), json!(600))
        );
        assert_eq!(b["ClusterId"], "");
        let auto =
            json!({"ImageId": "img-centos", "ResourceType": "OnDemand", "ReserveOnFail": false});
        assert_eq!(b["AutoCluster"], auto);
    }

    #[test]
    fn list_options_merge_default_first_and_the_task_wins_per_key() {
        let node = doc("\
[DEFAULT]
env=A:1,B:2, C
user_data=u1:a,u2:b
read_mount=oss://b/in/:/in/,oss://b/ref:/ref/:false
write_mount=oss://b/out/:/out/
log_mapping=oss://b/logs/:/var/log/app.log
docker=myimg@oss://b/dockers/
[t]
cmd=run
env=B:3,D:4
user_data=u2:c
read_mount=/x/:oss://b/x/:true,oss://b/in/:/in/
mount=smb://host/share:::E:::true
write_mount=oss://b/out2/:/out/,oss://b/more/:/more/
");
        let t = task(&node, "t");
        let env = json!({
            "A": "1", "B": "3", "C": "", "D": "4",
            "BATCH_COMPUTE_DOCKER_IMAGE": "localhost:5000/myimg",
            "BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH": "oss://b/dockers/"
        });
        assert_eq!(t["Parameters"]["Command"]["EnvVars"], env);
        assert_eq!(t["AutoCluster"]["UserData"], json!({"u1": "a", "u2": "c"}));
        let entries = json!([
            {"Source": "oss://b/in/", "Destination": "/in/", "WriteSupport": true},
            {"Source": "oss://b/ref", "Destination": "/ref/", "WriteSupport": false},
            {"Source": "smb://host/share", "Destination": "E:", "WriteSupport": true},
            {"Source": "oss://b/x/", "Destination": "/x/", "WriteSupport": true},
        ]);
        assert_eq!(t["Mounts"], json!({"Entries": entries}));
        let outputs = json!({"/out/": "oss://b/out2/", "/more/": "oss://b/more/"});
        assert_eq!(t["OutputMapping"], outputs);
        assert_eq!(
            t["LogMapping"],
            json!({"/var/log/app.log": "oss://b/logs/"})
        );
        // Merged maps keep first-insertion order, as Python dicts do: [DEFAULT]'s `env` and
        // `docker`, then the task's.
        let node_env = get(&node, "DAG/Tasks/t/Parameters/Command/EnvVars");
        let keys: Vec<_> = node_env
            .as_map()
            .expect("env")
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        let docker = [
            "BATCH_COMPUTE_DOCKER_IMAGE",
            "BATCH_COMPUTE_DOCKER_REGISTRY_OSS_PATH",
        ];
        assert_eq!(keys, ["A", "B", "C", docker[0], docker[1], "D"]);
    }

    #[test]
    fn dollar_variables_replace_text_after_interpolation_in_definition_order() {
        let text = "\
[DEFAULT]
$bucket=oss://my-bucket/%(project)s
$ab=XX
$a=YY
project=demo
job_name=job-$a
[run]
cmd=python run.py $bucket $ab $a $Bucket
read_mount=$bucket/in/:/in/
";
        let node = doc(text);
        assert_eq!(get(&node, "Name").as_scalar().expect("name").text, "job-YY");
        let run = task(&node, "run");
        // `$ab` is defined before `$a`, so it is replaced first; keys are lowercased option
        // names, so `$Bucket` is not a variable.
        let cmd = "python run.py oss://my-bucket/demo XX YY $Bucket";
        assert_eq!(run["Parameters"]["Command"]["CommandLine"], cmd);
        assert_eq!(
            run["Mounts"]["Entries"][0]["Source"],
            "oss://my-bucket/demo/in/"
        );
        // The substituted source maps to where `$bucket/in/` is written.
        let source = get(&node, "DAG/Tasks/run/Mounts/Entries");
        let source = source.as_seq().expect("entries")[0]
            .get("Source")
            .expect("source");
        assert_eq!(slice(text, source.span), "$bucket/in/");
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn a_later_section_redefines_a_variable_for_the_whole_file() {
        let node = doc("[a]\ncmd=echo $v\n$v=1\n[b]\ncmd=echo $v\n$v=2\n");
        assert_eq!(
            task(&node, "a")["Parameters"]["Command"]["CommandLine"],
            "echo 2"
        );
        assert_eq!(
            task(&node, "b")["Parameters"]["Command"]["CommandLine"],
            "echo 2"
        );
    }

    #[test]
    fn percent_interpolation_reads_the_section_then_default() {
        let text = "\
[DEFAULT]
dir=/home
script=%(dir)s/%(name)s.py
cmd=python %(script)s --rate 100%% --Dir %(DIR)s
[a]
name=alpha
[b]
name=beta
dir=/opt
";
        let node = doc(text);
        let command = |t: &str| task(&node, t)["Parameters"]["Command"]["CommandLine"].clone();
        assert_eq!(
            command("a"),
            "python /home/alpha.py --rate 100% --Dir /home"
        );
        assert_eq!(command("b"), "python /opt/beta.py --rate 100% --Dir /opt");
        // Interpolated text points at the reference that produced it.
        let cmd = get(&node, "DAG/Tasks/a/Parameters/Command/CommandLine");
        assert_eq!(
            slice(text, cmd.span),
            "python %(script)s --rate 100%% --Dir %(DIR)s"
        );
        // Helper options used only by interpolation are not unknown options.
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn continuation_lines_blank_lines_and_comments_follow_configparser() {
        let node = doc("\
[t]
cmd = python run.py
    --first

  # a comment inside the value
    --second
; a comment
nodes : 2
");
        let t = task(&node, "t");
        let cmd = "python run.py\n--first\n\n--second";
        assert_eq!(t["Parameters"]["Command"]["CommandLine"], cmd);
        assert_eq!(t["InstanceCount"], 2);
        let text = "[t]\ncmd=x\nforce=True ; not a comment\n";
        let found = findings(text);
        assert_eq!(
            found,
            [(Code::WrongType, 3, "True ; not a comment".to_string())]
        );
    }

    #[test]
    fn deps_read_chains_fan_out_and_fan_in_and_merge_edges() {
        let text = "\
[DEFAULT]
cmd=run
deps=a->b,c; b , c->d;a->b;
  d->e->f;;
[a]
[b]
[c]
[d]
[e]
[f]
";
        let node = doc(text);
        let expected = json!({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["e"], "e": ["f"]});
        assert_eq!(to_json(get(&node, "DAG/Dependencies")), expected);
        let deps = get(&node, "DAG/Dependencies").as_map().expect("deps");
        let keys: Vec<_> = deps.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c", "d", "e"]);
        let d = &deps[3];
        assert_eq!(
            (slice(text, d.key_span), line_of(text, d.key_span)),
            ("d", 4)
        );
    }

    #[test]
    fn ini_errors_are_reported_at_their_line() {
        let cases: &[(&str, usize, &str)] = &[
            ("cmd=x\n[a]\ncmd=y\n", 1, "cmd=x"),
            ("[a]\ncmd=y\n[b\nnodes=2\n", 3, "[b"),
            ("[a]\ncmd=y\n[a]\ncmd=z\n", 3, "[a]"),
            ("[a]\ncmd=y\nCMD=z\n", 3, "CMD"),
            (
                "[DEFAULT]\nnodes=1\n[DEFAULT]\nnodes=2\n[a]\ncmd=y\n",
                4,
                "nodes",
            ),
            ("[a]\ncmd=y\njust words\n", 3, "just words"),
            ("[a]\ncmd=y\n= value\n", 3, "= value"),
            ("[a]\ncmd=echo %(missing)s\n", 2, "%(missing)s"),
            ("[a]\ncmd=echo 5%\n", 2, "%"),
            ("[a]\ncmd=echo %(name\n", 2, "%("),
            (
                "[DEFAULT]\ncmd=python %(script)s\n[a]\nscript=a.py\n[b]\n",
                2,
                "%(script)s",
            ),
            ("[DEFAULT]\ndeps=%(x)s\n[a]\ncmd=y\nx=a->a\n", 2, "%(x)s"),
        ];
        for (text, line, at) in cases {
            let found = findings(text);
            let expected = vec![(Code::IniSyntax, *line, at.to_string())];
            assert_eq!(found, expected, "{text:?}");
        }
        // A loop fails for every option that reads it, each at its own reference.
        let found = findings("[a]\ncmd=echo %(loop)s\nloop=%(loop)s\n");
        let expected = vec![
            (Code::IniSyntax, 2, "%(loop)s".to_string()),
            (Code::IniSyntax, 3, "%(loop)s".to_string()),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn interpolation_stops_after_ten_levels_like_python() {
        let chain = |n: usize| {
            let mut text = String::from("[a]\ncmd=%(v0)s\n");
            for i in 0..n {
                text.push_str(&format!("v{i}=%(v{})s\n", i + 1));
            }
            text.push_str(&format!("v{n}=end%%\n"));
            text
        };
        // cmd → v0 → … → v8 ends at depth 10; one more level is too many.
        let node = doc(&chain(8));
        assert_eq!(
            task(&node, "a")["Parameters"]["Command"]["CommandLine"],
            "end%"
        );
        let found = findings(&chain(9));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (Code::IniSyntax, 2));
    }

    #[test]
    fn malformed_deps_point_at_the_offending_part() {
        let cases: &[(&str, Code, &str)] = &[
            ("a->", Code::DepsSyntax, "->"),
            ("->b", Code::DepsSyntax, "->"),
            ("a->b->", Code::DepsSyntax, "->"),
            ("a,,b->c", Code::DepsSyntax, "a,,b"),
            ("a->b;c", Code::DepsSyntax, "c"),
            ("a=>b", Code::DepsSyntax, "a=>b"),
            ("a->>b", Code::DepsSyntax, ">b"),
            ("a->b;a->zz", Code::UnknownJob, "zz"),
            ("a->DEFAULT", Code::UnknownJob, "DEFAULT"),
        ];
        for (deps, code, at) in cases {
            let text = format!("[DEFAULT]\ncmd=x\ndeps={deps}\n[a]\n[b]\n[c]\n");
            let found = findings(&text);
            assert_eq!(found, vec![(*code, 3, at.to_string())], "deps={deps}");
        }
        // Task names are case-sensitive.
        let found = findings("[DEFAULT]\ncmd=x\ndeps=a->B\n[a]\n[b]\n");
        assert_eq!(found, vec![(Code::UnknownJob, 3, "B".to_string())]);
    }

    #[test]
    fn values_bcs_refuses_are_invalid() {
        let cases: &[(&str, Code, &str)] = &[
            (
                "cluster=img=img-ubuntu:tpye=ecs.t5",
                Code::InvalidValue,
                "tpye=ecs.t5",
            ),
            ("cluster=img=ubuntu", Code::InvalidValue, "ubuntu"),
            (
                "read_mount=oss://bucket/in/",
                Code::InvalidValue,
                "oss://bucket/in/",
            ),
            ("mount=/local/only", Code::InvalidValue, "/local/only"),
            ("write_mount=nowhere", Code::InvalidValue, "nowhere"),
            ("disk=system:cloud", Code::InvalidValue, "system:cloud"),
            (
                "disk=system:cloud:40,data:cloud:big:/d",
                Code::InvalidValue,
                "data:cloud:big:/d",
            ),
            ("nodes=0", Code::InvalidValue, "0"),
            ("nodes=-2", Code::InvalidValue, "-2"),
            ("timeout=0", Code::InvalidValue, "0"),
            ("docker=ubuntu", Code::InvalidValue, "ubuntu"),
            ("spot_price_limit=1.5", Code::InvalidValue, "1.5"),
            (
                "notification_events=OnJobFailed,OnJobExploded",
                Code::InvalidValue,
                "OnJobExploded",
            ),
            ("nodes=three", Code::WrongType, "three"),
            ("priority=high", Code::WrongType, "high"),
            ("force=maybe", Code::WrongType, "maybe"),
            ("reserve_on_fail=", Code::WrongType, ""),
            (
                "resource_type=Spot\nspot_price_limit=cheap",
                Code::WrongType,
                "cheap",
            ),
        ];
        for (option, code, at) in cases {
            let text = format!("[t]\ncmd=run\n{option}\n");
            let found = findings(&text);
            let line = 3 + option.matches('\n').count();
            assert_eq!(found, vec![(*code, line, at.to_string())], "{option}");
        }
    }

    #[test]
    fn a_task_without_cmd_is_missing_a_field() {
        let found = findings("[a]\ncmd=run\n[b]\nnodes=2\n[c]\ncmd=\n");
        let expected = vec![
            (Code::MissingField, 3, "[b]".to_string()),
            (Code::MissingField, 6, "cmd".to_string()),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn unknown_options_are_warnings_and_the_job_is_still_read() {
        let text = "[DEFAULT]\ngpu=1\n[t]\ncomand=run\ncmd=run\ndeps=t->t\n";
        let parsed = parse(FileId(0), text);
        assert_eq!(parsed.documents.len(), 1);
        let found = findings(text);
        let expected = vec![
            (Code::UnknownOption, 2, "gpu".to_string()),
            (Code::UnknownOption, 4, "comand".to_string()),
            (Code::UnknownOption, 6, "deps".to_string()),
        ];
        assert_eq!(found, expected);
        assert!(parsed
            .diagnostics
            .iter()
            .all(|d| d.severity() == Severity::Warning));
    }

    #[test]
    fn other_ini_files_give_nothing() {
        for text in [
            "[metadata]\nname = batch2argo\n\n[options]\npackages = find:\n",
            "[tox]\nenvlist = py311\n[testenv]\ncommands = pytest %(x)s\n",
            "just words\n[broken\n",
            "cmd=python run.py\n",
            "[DEFAULT]\ncmd=run\n",
            "",
        ] {
            let parsed = parse(FileId(0), text);
            assert!(parsed.documents.is_empty(), "{text:?}");
            assert!(
                parsed.diagnostics.is_empty(),
                "{text:?}: {:?}",
                parsed.diagnostics
            );
        }
    }

    #[test]
    fn crlf_lone_cr_and_a_byte_order_mark_keep_spans_on_the_text() {
        let text = "\u{feff}[DEFAULT]\r\njob_name=ünïcode\r\n[tâche]\r\ncmd=echo é\r\n  suite\r\nnodes=2\rtimeout=9\r\n";
        let node = doc(text);
        assert_eq!(
            get(&node, "Name").as_scalar().expect("name").text,
            "ünïcode"
        );
        let t = task(&node, "tâche");
        assert_eq!(t["Parameters"]["Command"]["CommandLine"], "echo é\nsuite");
        assert_eq!(
            (t["InstanceCount"].clone(), t["Timeout"].clone()),
            (json!(2), json!(9))
        );
        let name = get(&node, "Name");
        assert_eq!(slice(text, name.span), "ünïcode");
        let header = get(&node, "DAG/Tasks/tâche");
        assert_eq!(slice(text, header.span), "[tâche]");
        let cmd = get(&node, "DAG/Tasks/tâche/Parameters/Command/CommandLine");
        assert_eq!(slice(text, cmd.span), "echo é\r\n  suite");
    }

    #[test]
    fn cluster_spot_disk_vpc_and_nas_options() {
        let node = doc("\
[DEFAULT]
reserve_on_fail=yes
nas_access_group=ag1,ag2
nas_file_system=fs1
no_cache_support=true
[spot]
cmd=render
cluster=img=m-123:type=ecs.gn6i-c4g1.xlarge
image=img-override
resource_type=Spot
spot_price_limit=1.25
disk=system:default:40,data:cloud_ssd:200:/scratch
vpc_cidr_block=10.0.0.0/8
vpc_id=vpc-1
user_data=role:render
[market]
cmd=render
resource_type=Spot
spot_price_limit=0
vpc_cidr_block=False
[fixed]
cmd=stitch
cluster=cls-0123
no_cache_support=off
");
        let spot = task(&node, "spot");
        let auto = json!({
            "ImageId": "img-override", "InstanceType": "ecs.gn6i-c4g1.xlarge",
            "ResourceType": "Spot", "SpotStrategy": "SpotWithPriceLimit", "SpotPriceLimit": 1.25,
            "Configs": {
                "Disks": {
                    "SystemDisk": {"Type": "", "Size": 40},
                    "DataDisk": {"Type": "cloud_ssd", "Size": 200, "MountPoint": "/scratch"}
                },
                "Networks": {"VPC": {"CidrBlock": "10.0.0.0/8", "VpcId": "vpc-1"}}
            },
            "UserData": {"role": "render"},
            "ReserveOnFail": true
        });
        assert_eq!(spot["AutoCluster"], auto);
        let mounts = json!({"NAS": {"AccessGroup": ["ag1", "ag2"], "FileSystem": ["fs1"]}, "CacheSupport": false});
        assert_eq!(spot["Mounts"], mounts);
        let market = task(&node, "market");
        let auto =
            json!({"ResourceType": "Spot", "SpotStrategy": "SpotAsPriceGo", "ReserveOnFail": true});
        assert_eq!(market["AutoCluster"], auto);
        let fixed = task(&node, "fixed");
        assert_eq!(fixed["ClusterId"], "cls-0123");
        assert!(fixed.get("AutoCluster").is_none());
        assert_eq!(fixed["Mounts"]["CacheSupport"], true);
    }

    #[test]
    fn job_options_take_the_last_task_section_view() {
        let node = doc("\
[DEFAULT]
job_name=from-default
priority=5
notification_topic=events
notification_events=OnJobFinished,OnJobFailed
[a]
cmd=1
job_name=from-a
auto_release=on
[b]
cmd=2
priority=7
force=no
");
        let job = to_json(&node);
        assert_eq!(
            (job["Name"].clone(), job["Priority"].clone()),
            (json!("from-default"), json!(7))
        );
        assert_eq!(
            (
                job["AutoRelease"].clone(),
                job["JobFailOnInstanceFail"].clone()
            ),
            (json!(true), json!(true))
        );
        let topic = json!({"Name": "events", "Events": ["OnJobFinished", "OnJobFailed"]});
        assert_eq!(job["Notification"], json!({"Topic": topic}));
        // Without notification options there is no Notification.
        assert!(to_json(&doc(LOG_COUNT)).get("Notification").is_none());
    }

    #[test]
    fn the_same_text_gives_the_same_tree() {
        let a = parse(FileId(0), LOG_COUNT).documents;
        let b = parse(FileId(0), LOG_COUNT).documents;
        assert_eq!(a, b);
    }

    #[test]
    fn a_large_file_reads_whole() {
        let mut text =
            String::from("[DEFAULT]\n$bucket=oss://big\nroot=/data\nenv=ROOT:%(root)s\n");
        // Many [DEFAULT] values with references, read by every task: each is expanded once.
        for i in 0..50 {
            text.push_str(&format!(
                "extra{i}=%(root)s/{i}/with/a/longer/path/to/expand\n"
            ));
        }
        text.push_str("deps=t0->t1");
        for i in 2..20_000 {
            text.push_str(&format!(";t{}->t{i}", i - 1));
        }
        text.push('\n');
        for i in 0..20_000 {
            text.push_str(&format!(
                "[t{i}]\ncmd=python step.py {i} $bucket %(root)s\nnodes={}\nread_mount=$bucket/{i}/:/in/\n",
                i % 7 + 1
            ));
        }
        let node = doc(&text);
        let t = task(&node, "t19999");
        assert_eq!(
            t["Parameters"]["Command"]["CommandLine"],
            "python step.py 19999 oss://big /data"
        );
        assert_eq!(
            get(&node, "DAG/Dependencies").as_map().map(<[_]>::len),
            Some(19_999)
        );
    }

    #[test]
    fn exponential_expansions_stop_with_an_input_limit() {
        let mut text = String::from("[a]\ncmd=%(v0)s\n");
        for i in 0..9 {
            let next = format!("%(v{})s", i + 1);
            text.push_str(&format!("v{i}={}\n", next.repeat(40)));
        }
        text.push_str("v9=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
        let found = findings(&text);
        assert!(found.iter().any(|f| f.0 == Code::InputLimit), "{found:?}");
        let mut vars = String::from("[a]\ncmd=$a0\n");
        for i in 0..40 {
            vars.push_str(&format!("$a{i}=$a{}$a{}\n", i + 1, i + 1));
        }
        let found = findings(&vars);
        assert!(found.iter().any(|f| f.0 == Code::InputLimit), "{found:?}");
    }

    #[test]
    fn hostile_text_never_panics_and_spans_stay_on_char_boundaries() {
        const FRAGMENTS: &[&str] = &[
            "[a]",
            "[DEFAULT]",
            "[é",
            "]",
            "cmd",
            "=",
            ":",
            "%",
            "%(",
            ")s",
            "%%",
            "$v",
            "$",
            "->",
            ",",
            ";",
            "\n",
            "\r",
            "\r\n",
            "  ",
            "\t",
            "é",
            "ü:",
            "oss://",
            ":::",
            "nodes",
            "deps",
            "env",
            "mount",
            "cluster",
            "img=",
            "disk",
            "system:",
            "#",
            "\u{feff}",
            "\u{1c}",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..40 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(FRAGMENTS[(seed % FRAGMENTS.len() as u64) as usize]);
            }
            let parsed = parse(FileId(0), &text);
            let mut stack: Vec<&Node> = parsed.documents.iter().collect();
            let mut spans: Vec<Span> = (parsed.diagnostics.iter())
                .filter_map(|d| d.origin.as_ref().map(|o| o.span))
                .collect();
            while let Some(node) = stack.pop() {
                spans.push(node.span);
                match &node.value {
                    Value::Scalar(_) => {}
                    Value::Seq(items) => stack.extend(items),
                    Value::Map(entries) => {
                        spans.extend(entries.iter().map(|e| e.key_span));
                        stack.extend(entries.iter().map(|e| &e.value));
                    }
                }
            }
            for span in spans {
                let range = span.start as usize..span.end as usize;
                assert!(text.get(range).is_some(), "{span:?} in {text:?}");
            }
        }
    }
}
