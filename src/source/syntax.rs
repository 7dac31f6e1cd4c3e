//! JSON and YAML text → a tree of [`Node`]s that remember their byte spans.
//!
//! This is the one place the parsers are used. Plain serde deserialisation would lose positions,
//! so both formats are read through saphyr's event parser (JSON is also YAML 1.2) and built into
//! our own tree with an explicit stack: hostile nesting cannot overflow the call stack. JSON is
//! first checked with serde_json, so JSON errors read like JSON errors and JSON's rules (no
//! comments, no trailing commas) hold.
//!
//! Plain YAML scalars keep the text as written: `0755` stays `0755` when a string is expected,
//! whatever a YAML 1.1 or 1.2 reader would make of it.

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::diagnostics::{Code, Diagnostic, FileId, Origin, Span};

/// Deepest nesting accepted; no AWS Batch object comes near it.
pub const MAX_DEPTH: usize = 128;
/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 128 * 1024 * 1024;
/// Most nodes that alias expansion may create per document (guards against "billion laughs").
const MAX_NODES: usize = 20_000_000;

/// A value with its span in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// A YAML tag such as `!Ref`, kept for dialects that give tags a meaning.
    pub tag: Option<Box<str>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A key and its value in a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

/// A scalar: its text as written (decoded for quoted strings) and what it resolves to.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub kind: ScalarKind,
    /// Written without quotes or block indicator (its type came from resolution).
    pub plain: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    Null,
    Bool(bool),
    Number,
    Str,
}

impl Node {
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar(s) => match s.kind {
                ScalarKind::Null => "null",
                ScalarKind::Bool(_) => "a boolean",
                ScalarKind::Number => "a number",
                ScalarKind::Str => "a string",
            },
            Value::Seq(_) => "a list",
            Value::Map(_) => "an object",
        }
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The value of `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// The string value of `key`, when it is a scalar string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        let s = self.get(key)?.as_scalar()?;
        (s.kind == ScalarKind::Str).then_some(s.text.as_str())
    }
}

/// A parsed file: its documents, or the reason it could not be read.
pub struct Parsed {
    pub documents: Vec<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Which syntax a file is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Yaml,
    /// A `bcs` job.cfg (INI), read by `batchcompute::jobcfg`.
    Ini,
}

impl Format {
    /// JSON for `.json` files and for text that starts with `{` or `[`; YAML otherwise.
    pub fn detect(path: &str, text: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".json") {
            return Format::Json;
        }
        if lower.ends_with(".cfg") {
            return Format::Ini;
        }
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            return Format::Yaml;
        }
        match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('{') | Some('[') => Format::Json,
            _ => Format::Yaml,
        }
    }
}

/// Parses one file into its documents. Syntax problems become diagnostics, never panics.
pub fn parse(file: FileId, path: &str, text: &str) -> Parsed {
    let mut diagnostics = Vec::new();
    if text.len() > MAX_FILE_BYTES {
        diagnostics.push(
            Diagnostic::new(
                Code::InputLimit,
                format!(
                    "the file is {} bytes; batch2argo reads files of at most {MAX_FILE_BYTES} bytes",
                    text.len()
                ),
            )
            .at(&Origin::new(file, Span::new(0, 0), "")),
        );
        return Parsed {
            documents: Vec::new(),
            diagnostics,
        };
    }
    // A UTF-8 byte order mark is not content.
    let offset = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = &text[offset..];
    if Format::detect(path, body) == Format::Ini {
        return super::batchcompute::jobcfg::parse(file, text);
    }
    if path.to_ascii_lowercase().ends_with(".tf") {
        return super::terraform::parse(file, path, text);
    }
    if Format::detect(path, body) == Format::Json {
        if let Err(e) = check_json(body) {
            let at = byte_offset_of_line_col(body, e.line(), e.column()) + offset;
            let message = if e.to_string().contains("recursion limit") {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InputLimit,
                        format!("the JSON nests deeper than {MAX_DEPTH} levels"),
                    )
                    .at(&Origin::new(file, Span::new(at, at + 1), "")),
                );
                return Parsed {
                    documents: Vec::new(),
                    diagnostics,
                };
            } else {
                json_message(&e)
            };
            diagnostics.push(
                Diagnostic::new(Code::Syntax, format!("invalid JSON: {message}")).at(&Origin::new(
                    file,
                    Span::new(at, at + 1),
                    "",
                )),
            );
            return Parsed {
                documents: Vec::new(),
                diagnostics,
            };
        }
    }
    // JSON may write a character beyond U+FFFF as a UTF-16 surrogate pair, which the YAML
    // reader refuses; such strings are read with the character itself instead.
    let joined = if Format::detect(path, body) == Format::Json {
        join_surrogates(body)
    } else {
        None
    };
    let body = joined.as_deref().unwrap_or(body);
    let mut builder = Builder::new(file, body, offset);
    let documents = match builder.run() {
        Ok(()) => {
            diagnostics.append(&mut builder.diagnostics);
            builder.documents
        }
        Err(d) => match reindented(file, body, offset, &d) {
            Some(mut parsed) => {
                diagnostics.append(&mut parsed.diagnostics);
                parsed.documents
            }
            None => {
                diagnostics.push(d);
                diagnostics.append(&mut builder.diagnostics);
                Vec::new()
            }
        },
    };
    if diagnostics
        .iter()
        .any(|d| d.code == Code::Syntax || d.code == Code::InputLimit)
    {
        return Parsed {
            documents: Vec::new(),
            diagnostics,
        };
    }
    Parsed {
        documents,
        diagnostics,
    }
}

/// JSON text with every surrogate-pair escape (`\ud83d\ude80`) replaced by the character it
/// encodes, or `None` when there is none. The bytes saved are added as spaces right after the
/// string's closing quote (insignificant between JSON tokens), so every offset outside the
/// string stays where it was and spans still point into the original text.
fn join_surrogates(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if !["\\ud8", "\\ud9", "\\uda", "\\udb"]
        .iter()
        .any(|p| lower.contains(p))
    {
        return None;
    }
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut in_string, mut pad, mut changed) = (0, false, 0usize, false);
    while i < bytes.len() {
        let c = bytes[i];
        if !in_string {
            in_string = c == b'"';
            out.push(char::from(c));
            i += 1;
            continue;
        }
        match c {
            b'"' => {
                out.push('"');
                out.extend(std::iter::repeat_n(' ', pad));
                pad = 0;
                in_string = false;
                i += 1;
            }
            b'\\' => {
                let pair = text.get(i..i + 12).and_then(|s| {
                    let high = hex(s.get(2..6)?)?;
                    let low = hex(s.get(8..12)?)?;
                    let ok = s.get(6..8)? == "\\u"
                        && (0xD800..0xDC00).contains(&high)
                        && (0xDC00..0xE000).contains(&low);
                    ok.then(|| char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)))?
                });
                match pair {
                    Some(ch) => {
                        out.push(ch);
                        pad += 12 - ch.len_utf8();
                        changed = true;
                        i += 12;
                    }
                    None => {
                        // Any other escape: copy it and the character it escapes.
                        out.push('\\');
                        let next = text[i + 1..].chars().next();
                        if let Some(n) = next {
                            out.push(n);
                            i += 1 + n.len_utf8();
                        } else {
                            i += 1;
                        }
                    }
                }
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('\u{fffd}');
                out.push(ch);
                i += ch.len_utf8().max(1);
            }
        }
    }
    changed.then_some(out)
}

/// Applies YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`), as Kubernetes' YAML reader does:
/// the merged mappings' entries are added unless the mapping sets the key itself, earlier
/// mappings of a list first.
fn merge_keys(entries: Vec<Entry>) -> Vec<Entry> {
    if !entries.iter().any(|e| e.key == "<<") {
        return entries;
    }
    let (merges, mut own): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| e.key == "<<");
    for merge in merges {
        let sources: Vec<Node> = match merge.value.value {
            Value::Map(_) => vec![merge.value],
            Value::Seq(items) => items,
            Value::Scalar(_) => {
                // Not a mapping: kept as written, for the reader to report.
                own.push(Entry {
                    key: merge.key,
                    key_span: merge.key_span,
                    value: merge.value,
                });
                continue;
            }
        };
        for source in sources {
            if let Value::Map(inherited) = source.value {
                for e in inherited {
                    if !own.iter().any(|o| o.key == e.key) {
                        own.push(e);
                    }
                }
            }
        }
    }
    own
}

/// How many repairs [`reindented`] tries before it gives up.
const MAX_REINDENTS: usize = 256;
/// Files larger than this are not repaired (a Kubernetes object is at most about 1.5 MiB).
const MAX_REINDENT_BYTES: usize = 2 * 1024 * 1024;

/// Reads text that libyaml (and so Kubernetes) accepts but saphyr does not: lines inside a flow
/// collection or a multi-line quoted scalar indented less than the block around them, as in
/// `args: ["` … `"]` with the closing line at the key's column. Leading spaces on such lines are
/// not content, so they are added until saphyr accepts the text; spans are mapped back to the
/// original text. Returns `None` when the error is of another kind or the repair does not help.
fn reindented(file: FileId, body: &str, offset: usize, error: &Diagnostic) -> Option<Parsed> {
    // Each repair parses the file again: bound the work on big files.
    if body.len() > MAX_REINDENT_BYTES {
        return None;
    }
    let mut text = body.to_string();
    // Insertions as (position in `text`, spaces added), in text order.
    let mut inserts: Vec<(usize, usize)> = Vec::new();
    let mut error = error.clone();
    for _ in 0..MAX_REINDENTS {
        let at = error.origin.as_ref()?.span.start as usize - offset;
        let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        let mut add: Vec<(usize, usize)> = Vec::new();
        if error
            .message
            .ends_with("invalid indentation in quoted scalar")
        {
            let column = text[line_start..at].chars().count();
            let quote = text[at..].chars().next()?;
            let mut escaped = false;
            let mut pending_line: Option<usize> = None;
            for (k, c) in text[at + quote.len_utf8()..].char_indices() {
                let pos = at + quote.len_utf8() + k;
                if let Some(start) = pending_line {
                    if c != ' ' {
                        let have = pos - start;
                        if have < column && c != '\n' {
                            add.push((start, column - have));
                        }
                        pending_line = None;
                    }
                }
                if c == '\n' {
                    pending_line = Some(pos + 1);
                    escaped = false;
                    continue;
                }
                if quote == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == quote && !escaped {
                    // `''` inside a single-quoted scalar is an escaped quote.
                    if quote == '\'' && text[pos + 1..].starts_with('\'') {
                        escaped = true;
                        continue;
                    }
                    break;
                }
                escaped = false;
            }
        } else if error.message.ends_with("invalid indentation") {
            add.push((line_start, 1));
        } else {
            return None;
        }
        if add.is_empty() {
            return None;
        }
        for &(pos, n) in add.iter().rev() {
            text.insert_str(pos, &" ".repeat(n));
            for ins in inserts.iter_mut().filter(|(p, _)| *p >= pos) {
                ins.0 += n;
            }
            inserts.push((pos, n));
        }
        inserts.sort_unstable();
        let mut builder = Builder::new(file, &text, offset);
        match builder.run() {
            Ok(()) => {
                let map = |r: u32| -> u32 {
                    let r = r as usize;
                    let mut shift = 0;
                    for &(pos, n) in &inserts {
                        let pos = pos + offset;
                        if r >= pos + n {
                            shift += n;
                        } else if r > pos {
                            return u32::try_from(pos - shift).unwrap_or(u32::MAX);
                        } else {
                            break;
                        }
                    }
                    u32::try_from(r - shift).unwrap_or(u32::MAX)
                };
                let mut documents = builder.documents;
                let mut stack: Vec<&mut Node> = documents.iter_mut().collect();
                while let Some(n) = stack.pop() {
                    n.span = Span {
                        start: map(n.span.start),
                        end: map(n.span.end),
                    };
                    match &mut n.value {
                        Value::Scalar(_) => {}
                        Value::Seq(items) => stack.extend(items.iter_mut()),
                        Value::Map(entries) => {
                            for e in entries.iter_mut() {
                                e.key_span = Span {
                                    start: map(e.key_span.start),
                                    end: map(e.key_span.end),
                                };
                                stack.push(&mut e.value);
                            }
                        }
                    }
                }
                let mut diagnostics = builder.diagnostics;
                for d in &mut diagnostics {
                    if let Some(o) = &mut d.origin {
                        o.span = Span {
                            start: map(o.span.start),
                            end: map(o.span.end),
                        };
                    }
                }
                return Some(Parsed {
                    documents,
                    diagnostics,
                });
            }
            Err(next) => error = next,
        }
    }
    None
}

fn check_json(text: &str) -> Result<(), serde_json::Error> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).map(|_| ())
}

fn json_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line X column Y"; the span already says where.
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn byte_offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column.saturating_sub(1)).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

/// Converts saphyr's character indices into byte offsets, walking forward as events arrive.
struct CharCursor<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> CharCursor<'a> {
    fn new(text: &'a str) -> Self {
        CharCursor {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        if char_index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        let rest = &self.text[self.bytes..];
        for (count, (i, _)) in rest.char_indices().enumerate() {
            if self.chars + count == char_index {
                self.bytes += i;
                self.chars = char_index;
                return self.bytes;
            }
        }
        self.chars += rest.chars().count();
        self.bytes = self.text.len();
        self.bytes
    }
}

enum Frame {
    Seq {
        start: usize,
        items: Vec<Node>,
        tag: Option<Box<str>>,
        anchor: usize,
    },
    Map {
        start: usize,
        entries: Vec<Entry>,
        pending_key: Option<(String, Span)>,
        tag: Option<Box<str>>,
        anchor: usize,
    },
}

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    /// Bytes cut from the front of the file (a byte order mark), added back to every span.
    offset: usize,
    cursor: CharCursor<'a>,
    stack: Vec<Frame>,
    anchors: Vec<(usize, Node)>,
    documents: Vec<Node>,
    diagnostics: Vec<Diagnostic>,
    nodes: usize,
}

impl<'a> Builder<'a> {
    fn new(file: FileId, text: &'a str, offset: usize) -> Self {
        Builder {
            file,
            text,
            offset,
            cursor: CharCursor::new(text),
            stack: Vec::new(),
            anchors: Vec::new(),
            documents: Vec::new(),
            diagnostics: Vec::new(),
            nodes: 0,
        }
    }

    fn span(&mut self, start_char: usize, end_char: usize) -> Span {
        let start = self.cursor.byte(start_char) + self.offset;
        let end = self.cursor.byte(end_char) + self.offset;
        Span::new(start, end)
    }

    fn origin(&self, span: Span) -> Origin {
        Origin::new(self.file, span, "")
    }

    fn run(&mut self) -> Result<(), Diagnostic> {
        let mut parser = Parser::new_from_str(self.text);
        loop {
            let (event, span) = match parser.next_event() {
                None => break,
                Some(Ok(pair)) => pair,
                Some(Err(e)) => {
                    let at = self.cursor.byte(e.marker().index()) + self.offset;
                    let kind = if Format::detect("", self.text) == Format::Json {
                        "JSON"
                    } else {
                        "YAML"
                    };
                    if e.info().contains("recursion limit") {
                        return Err(Diagnostic::new(
                            Code::InputLimit,
                            format!("the document nests deeper than the {kind} reader allows"),
                        )
                        .at(&Origin::new(
                            self.file,
                            Span::new(at, at + 1),
                            "",
                        )));
                    }
                    return Err(Diagnostic::new(
                        Code::Syntax,
                        format!("invalid {kind}: {}", e.info()),
                    )
                    .at(&Origin::new(self.file, Span::new(at, at + 1), "")));
                }
            };
            let start = span.start.index();
            let end = span.end.index();
            match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
                Event::DocumentStart(_) => self.anchors.clear(),
                Event::DocumentEnd => {}
                Event::Scalar(text, style, anchor, tag) => {
                    let span = self.span(start, end);
                    // A tagged scalar (`!!str on`) takes its type from the tag, not resolution.
                    let plain = style == ScalarStyle::Plain && tag.is_none();
                    let kind = if plain {
                        resolve_plain(&text)
                    } else {
                        ScalarKind::Str
                    };
                    let node = Node {
                        value: Value::Scalar(Scalar {
                            text: text.into_owned(),
                            kind,
                            plain,
                        }),
                        span,
                        tag: tag.map(|t| format!("{}{}", t.handle, t.suffix).into_boxed_str()),
                    };
                    if anchor > 0 {
                        self.anchors.push((anchor, node.clone()));
                    }
                    self.add(node)?;
                }
                Event::Alias(id) => {
                    let span = self.span(start, end);
                    let Some(node) = self
                        .anchors
                        .iter()
                        .rev()
                        .find(|(a, _)| *a == id)
                        .map(|(_, n)| n.clone())
                    else {
                        return Err(Diagnostic::new(Code::Syntax, "invalid YAML: unknown alias")
                            .at(&self.origin(span)));
                    };
                    self.nodes += count_nodes(&node);
                    if self.nodes > MAX_NODES {
                        return Err(Diagnostic::new(
                            Code::InputLimit,
                            "YAML aliases expand to more nodes than batch2argo reads",
                        )
                        .at(&self.origin(span)));
                    }
                    let mut node = node;
                    node.span = span;
                    self.add(node)?;
                }
                Event::SequenceStart(anchor, tag) => {
                    self.open(start, end)?;
                    let start = self.cursor.byte(start) + self.offset;
                    self.stack.push(Frame::Seq {
                        start,
                        items: Vec::new(),
                        tag: tag.map(|t| format!("{}{}", t.handle, t.suffix).into_boxed_str()),
                        anchor,
                    });
                }
                Event::MappingStart(anchor, tag) => {
                    self.open(start, end)?;
                    let start = self.cursor.byte(start) + self.offset;
                    self.stack.push(Frame::Map {
                        start,
                        entries: Vec::new(),
                        pending_key: None,
                        tag: tag.map(|t| format!("{}{}", t.handle, t.suffix).into_boxed_str()),
                        anchor,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let end = self.cursor.byte(end.max(start)) + self.offset;
                    let Some(frame) = self.stack.pop() else {
                        continue;
                    };
                    let (node, anchor) = match frame {
                        Frame::Seq {
                            start,
                            items,
                            tag,
                            anchor,
                        } => (
                            Node {
                                value: Value::Seq(items),
                                span: Span::new(start, end.max(start)),
                                tag,
                            },
                            anchor,
                        ),
                        Frame::Map {
                            start,
                            entries,
                            tag,
                            anchor,
                            ..
                        } => (
                            Node {
                                value: Value::Map(merge_keys(entries)),
                                span: Span::new(start, end.max(start)),
                                tag,
                            },
                            anchor,
                        ),
                    };
                    if anchor > 0 {
                        self.anchors.push((anchor, node.clone()));
                    }
                    self.add(node)?;
                }
            }
        }
        Ok(())
    }

    fn open(&mut self, start: usize, end: usize) -> Result<(), Diagnostic> {
        if self.stack.len() >= MAX_DEPTH {
            let span = self.span(start, end.max(start + 1));
            return Err(Diagnostic::new(
                Code::InputLimit,
                format!("the document nests deeper than {MAX_DEPTH} levels"),
            )
            .at(&self.origin(span)));
        }
        Ok(())
    }

    fn add(&mut self, node: Node) -> Result<(), Diagnostic> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Diagnostic::new(
                Code::InputLimit,
                "the document has more nodes than batch2argo reads",
            )
            .at(&self.origin(node.span)));
        }
        match self.stack.last_mut() {
            None => self.documents.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => {
                    let key = match &node.value {
                        Value::Scalar(s) => s.text.clone(),
                        _ => {
                            return Err(Diagnostic::new(
                                Code::Syntax,
                                "a mapping key must be a scalar (batch2argo does not read complex keys)",
                            )
                            .at(&Origin::new(self.file, node.span, "")));
                        }
                    };
                    if let Some(first) = entries.iter().find(|e| e.key == key) {
                        let before = (first.key_span.start as usize).saturating_sub(self.offset);
                        let line = self
                            .text
                            .get(..before)
                            .map_or(0, |t| t.matches('\n').count())
                            + 1;
                        let message = format!(
                            "the key `{key}` appears twice in this object (first on line {line})"
                        );
                        self.diagnostics.push(
                            Diagnostic::new(Code::DuplicateKey, message)
                                .at(&Origin::new(self.file, node.span, "")),
                        );
                    }
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                }),
            },
        }
        Ok(())
    }
}

/// The content of a node as compact JSON with sorted keys and no positions: equal for equal
/// content however it was written.
pub fn canonical(node: &Node) -> String {
    fn value(node: &Node) -> serde_json::Value {
        match &node.value {
            Value::Scalar(s) => match s.kind {
                ScalarKind::Null => serde_json::Value::Null,
                ScalarKind::Bool(b) => serde_json::Value::Bool(b),
                ScalarKind::Number | ScalarKind::Str => serde_json::Value::String(s.text.clone()),
            },
            Value::Seq(items) => serde_json::Value::Array(items.iter().map(value).collect()),
            Value::Map(entries) => {
                let map: std::collections::BTreeMap<String, serde_json::Value> = entries
                    .iter()
                    .map(|e| (e.key.clone(), value(&e.value)))
                    .collect();
                serde_json::Value::Object(map.into_iter().collect())
            }
        }
    }
    value(node).to_string()
}

fn count_nodes(node: &Node) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        count += 1;
        match &n.value {
            Value::Scalar(_) => {}
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
        }
    }
    count
}

/// YAML 1.2 core-schema resolution of a plain scalar (JSON's literals are a subset).
fn resolve_plain(text: &str) -> ScalarKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" => return ScalarKind::Bool(true),
        "false" | "False" | "FALSE" => return ScalarKind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return ScalarKind::Number,
        _ => {}
    }
    if is_number(text) {
        ScalarKind::Number
    } else {
        ScalarKind::Str
    }
}

fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(oct) = text.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    // [0-9]+(\.[0-9]*)? | \.[0-9]+, then an optional exponent.
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
        Some((int, frac)) => {
            (int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b.is_ascii_digit()))
                && (!int.is_empty() || !frac.is_empty())
                && !(int.is_empty() && frac.is_empty())
        }
    };
    let exponent_ok = match exponent {
        None => true,
        Some(e) => {
            let digits = e.strip_prefix(['-', '+']).unwrap_or(e);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, path: &str) -> Node {
        let parsed = parse(FileId(0), path, text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        parsed.documents.into_iter().next().expect("a document")
    }

    #[test]
    fn json_surrogate_pairs_read_as_the_character() {
        let text = "{\"a\": \"go \\ud83d\\ude80 \\\"x\\\"\", \"b\": 1}";
        let node = one(text, "s.json");
        assert_eq!(node.get_str("a"), Some("go \u{1F680} \"x\""));
        let b = node.get("b").expect("b");
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "1");
    }

    #[test]
    fn merge_keys_are_applied_as_kubernetes_reads_them() {
        let node = one(
            "base: &b {image: alpine, args: [a]}\nother:\n  <<: *b\n  args: [x]\n",
            "m.yaml",
        );
        let other = node.get("other").expect("other");
        assert_eq!(other.get_str("image"), Some("alpine"));
        let args = other.get("args").and_then(Node::as_seq).expect("args");
        assert_eq!(args[0].as_scalar().map(|s| s.text.as_str()), Some("x"));
        assert!(other.get("<<").is_none());
    }

    #[test]
    fn flow_scalars_indented_less_than_their_block_read_as_libyaml_reads_them() {
        let text = "spec:\n  args: ['\nit''s\n  ', \"\nb\n\"]\n  after: 1\n";
        let node = one(text, "r.yaml");
        let spec = node.get("spec").expect("spec");
        let args = spec.get("args").and_then(Node::as_seq).expect("args");
        assert_eq!(args[0].as_scalar().map(|s| s.text.as_str()), Some(" it's "));
        assert_eq!(args[1].as_scalar().map(|s| s.text.as_str()), Some(" b "));
        // Spans point into the original text.
        let after = spec.get("after").expect("after");
        assert_eq!(
            &text[after.span.start as usize..after.span.end as usize],
            "1"
        );
    }

    #[test]
    fn spans_are_byte_offsets_even_after_multibyte_text() {
        let text = "{\"é\": \"ü\", \"k\": [1, true, null]}";
        let node = one(text, "a.json");
        let k = node.get("k").expect("k");
        assert_eq!(
            &text[k.span.start as usize..k.span.end as usize],
            "[1, true, null]"
        );
        let items = k.as_seq().expect("seq");
        assert_eq!(
            items[0].as_scalar().map(|s| s.kind),
            Some(ScalarKind::Number)
        );
        assert_eq!(
            items[1].as_scalar().map(|s| s.kind),
            Some(ScalarKind::Bool(true))
        );
        assert_eq!(items[2].as_scalar().map(|s| s.kind), Some(ScalarKind::Null));
    }

    #[test]
    fn plain_yaml_scalars_keep_their_text() {
        let node = one("a: 0755\nb: yes\nc: '1'\n", "a.yaml");
        let a = node.get("a").and_then(Node::as_scalar).expect("a");
        assert_eq!((a.text.as_str(), a.kind), ("0755", ScalarKind::Number));
        // YAML 1.2: `yes` is a string; the text is kept either way.
        assert_eq!(node.get_str("b"), Some("yes"));
        assert_eq!(node.get_str("c"), Some("1"));
    }

    #[test]
    fn truncated_json_is_a_syntax_error_with_a_position() {
        let parsed = parse(FileId(0), "a.json", "{\n  \"a\": [1, 2\n");
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].code, Code::Syntax);
        assert!(parsed.documents.is_empty());
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep_json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let parsed = parse(FileId(0), "a.json", &deep_json);
        assert_eq!(parsed.diagnostics[0].code, Code::InputLimit);
        let deep_yaml = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let parsed = parse(FileId(0), "a.yaml", &deep_yaml);
        assert_eq!(parsed.diagnostics[0].code, Code::InputLimit);
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let parsed = parse(FileId(0), "a.yaml", "a: 1\na: 2\n");
        assert_eq!(parsed.diagnostics[0].code, Code::DuplicateKey);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let parsed = parse(FileId(0), "a.yaml", &text);
        assert_eq!(parsed.diagnostics[0].code, Code::InputLimit);
    }

    #[test]
    fn numbers_follow_the_core_schema() {
        for n in ["1", "-2", "3.5", ".5", "5.", "1e3", "0x1F", "0o17", ".inf"] {
            assert_eq!(resolve_plain(n), ScalarKind::Number, "{n}");
        }
        for s in ["1_000", "1:20", "0b101", "e3", "1e", "-", "."] {
            assert_eq!(resolve_plain(s), ScalarKind::Str, "{s}");
        }
    }
}
