//! Findings as data: one [`Diagnostic`] type, the code registry and the renderers.
//!
//! Every stage pushes diagnostics into a [`Diagnostics`] sink and keeps going, so one run reports
//! everything. A diagnostic names a [`Code`]; its severity comes from the registry.

pub mod codes;
pub mod render;
pub mod select;
pub mod span;

use std::fmt;

pub use codes::Code;
pub use span::{FileId, Origin, SourceFile, SourceMap, Span, Spanned};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The output would be wrong, or AWS would reject the input. Nothing is written.
    Error,
    /// A lossy or approximate mapping.
    Warning,
    /// A note the user should read, e.g. a manual step.
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: a code, a message, where in the input, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    pub origin: Option<Origin>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            message: message.into(),
            origin: None,
            help: None,
        }
    }

    pub fn at(mut self, origin: &Origin) -> Diagnostic {
        self.origin = Some(origin.clone());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The order diagnostics are reported in: by file, position, code, then message.
    fn sort_key(&self) -> (Option<(FileId, Span)>, Code, &str) {
        (
            self.origin.as_ref().map(|o| (o.file, o.span)),
            self.code,
            &self.message,
        )
    }
}

/// The sink every stage pushes findings into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Shorthand for a diagnostic at an origin.
    pub fn report(&mut self, code: Code, origin: &Origin, message: impl Into<String>) {
        self.push(Diagnostic::new(code, message).at(origin));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity() == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by location and without exact duplicates, so output is stable whatever order the
    /// passes ran in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }
}
