//! Stage 1: find input files, parse them, recognise each document's dialect and build the IR.
//!
//! Adding a dialect means one module here and one entry in [`DIALECTS`].

pub mod aws;
pub mod batchcompute;
pub mod cloudformation;
pub mod discover;
pub mod read;
pub mod syntax;
pub mod terraform;

use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, SourceMap, Span};
use crate::error::Error;
use crate::ir::Project;
use syntax::Node;

/// An input dialect: how to recognise its documents and read them into the IR.
pub struct Dialect {
    pub name: &'static str,
    /// Returns a description of the document's shape when it belongs to this dialect.
    pub detect: fn(&Node) -> Option<&'static str>,
    pub load: fn(FileId, &str, &Node, &mut Project, &mut Diagnostics, &ReadOptions),
}

/// Choices that change how inputs are read, not what they become: values for CloudFormation
/// template parameters and Terraform variables, and a dialect forced over detection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// `--dialect`: the dialect's `name`, tried alone.
    pub dialect: Option<String>,
    /// `--param KEY=VALUE`: CloudFormation parameter values and pseudo parameters
    /// (`AWS::Region`, `AWS::AccountId`, `AWS::StackName`).
    pub params: std::collections::BTreeMap<String, String>,
    /// `--var KEY=VALUE`: Terraform variable values (over `.tfvars` files and defaults).
    pub vars: std::collections::BTreeMap<String, String>,
    /// `--var-file FILE`: Terraform `.tfvars` files, in order (later ones win).
    pub var_files: Vec<PathBuf>,
}

/// Every dialect, tried in order.
pub const DIALECTS: &[Dialect] = &[
    Dialect {
        name: "aws-batch-api",
        detect: |doc| aws::detect(doc).map(aws::Shape::describe),
        load: |file, stem, doc, project, diags, _| {
            if let Some(shape) = aws::detect(doc) {
                aws::load(file, stem, doc, shape, project, diags);
            }
        },
    },
    Dialect {
        name: "alibaba-batchcompute",
        detect: |doc| batchcompute::detect(doc).map(batchcompute::Shape::describe),
        load: |file, _, doc, project, diags, _| {
            if let Some(shape) = batchcompute::detect(doc) {
                batchcompute::load(file, doc, shape, project, diags);
            }
        },
    },
    Dialect {
        name: "cloudformation",
        detect: cloudformation::detect,
        load: cloudformation::load,
    },
    Dialect {
        name: "terraform",
        detect: |doc| terraform::detect(doc).map(terraform::Shape::describe),
        load: |file, _, doc, project, diags, read| terraform::load(file, doc, project, diags, read),
    },
];

/// What the source stage produced.
pub struct Loaded {
    pub files: SourceMap,
    pub project: Project,
    pub diagnostics: Diagnostics,
}

/// Reads every input under `paths`. Only I/O failures are errors; everything else is a
/// diagnostic.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, Error> {
    load_with(paths, &ReadOptions::default())
}

/// [`load`] with read options.
pub fn load_with(paths: &[PathBuf], read: &ReadOptions) -> Result<Loaded, Error> {
    let mut diagnostics = Diagnostics::new();
    let inputs = discover::discover(paths, &mut diagnostics)?;
    let mut contents = Vec::with_capacity(inputs.len());
    for input in inputs {
        let bytes = std::fs::read(&input.path).map_err(|source| Error::Read {
            path: input.display.clone(),
            source,
        })?;
        contents.push((input, bytes));
    }
    Ok(load_contents_with(contents, diagnostics, read))
}

/// Reads inputs whose bytes are already at hand (files read from disk, or from a git revision
/// by `diff`), in the order given.
pub fn load_contents(
    contents: Vec<(discover::Input, Vec<u8>)>,
    diagnostics: Diagnostics,
) -> Loaded {
    load_contents_with(contents, diagnostics, &ReadOptions::default())
}

/// [`load_contents`] with read options.
pub fn load_contents_with(
    contents: Vec<(discover::Input, Vec<u8>)>,
    mut diagnostics: Diagnostics,
    read: &ReadOptions,
) -> Loaded {
    let mut files = SourceMap::default();
    let mut project = Project::default();
    // Parse on all cores (files are independent), then read the documents into the project in
    // order again: the result does not depend on the threads.
    let mut texts = Vec::with_capacity(contents.len());
    let mut inputs = Vec::with_capacity(contents.len());
    for (input, bytes) in contents {
        let (text, utf8_error) = match String::from_utf8(bytes) {
            Ok(t) => (t, None),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                (
                    String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    Some(valid),
                )
            }
        };
        let id = files.add(input.display.clone(), text);
        texts.push((id, utf8_error));
        inputs.push(input);
    }
    let parsed = parse_all(&files, &inputs, &texts);
    for ((input, (id, utf8_error)), parsed) in inputs.iter().zip(texts).zip(parsed) {
        if let Some(at) = utf8_error {
            diagnostics.report(
                Code::Syntax,
                &Origin::new(id, Span::new(at, at + 1), ""),
                "the file is not valid UTF-8",
            );
            continue;
        }
        let unreadable = !parsed.diagnostics.is_empty() && parsed.documents.is_empty();
        for d in parsed.diagnostics {
            diagnostics.push(d);
        }
        if unreadable {
            continue;
        }
        if parsed.documents.is_empty() {
            unknown(
                &mut diagnostics,
                id,
                Span::new(0, 0),
                input.explicit,
                "the file holds no document",
            );
        }
        let stem = discover::stem(&input.display);
        for doc in &parsed.documents {
            let forced = |d: &&Dialect| read.dialect.as_deref().is_none_or(|n| n == d.name);
            match DIALECTS
                .iter()
                .filter(forced)
                .find(|d| (d.detect)(doc).is_some())
            {
                Some(dialect) => {
                    files.set_dialect(id, dialect.name);
                    (dialect.load)(id, &stem, doc, &mut project, &mut diagnostics, read)
                }
                None => unknown(
                    &mut diagnostics,
                    id,
                    doc.span,
                    input.explicit,
                    &aws::unknown_shape_message(doc),
                ),
            }
        }
    }
    // App jobs and their Apps may come from different files.
    batchcompute::disambiguate(&mut project, &files);
    batchcompute::app::link(&mut project, &mut diagnostics);
    Loaded {
        files,
        project,
        diagnostics,
    }
}

/// Parses every file, spreading them over the available cores.
fn parse_all(
    files: &SourceMap,
    inputs: &[discover::Input],
    texts: &[(FileId, Option<usize>)],
) -> Vec<syntax::Parsed> {
    let parse_one = |k: usize| {
        let (id, utf8_error) = texts[k];
        match (utf8_error, files.get(id)) {
            (None, Some(f)) => syntax::parse(id, &inputs[k].display, &f.text),
            _ => syntax::Parsed {
                documents: Vec::new(),
                diagnostics: Vec::new(),
            },
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    if threads == 1 || texts.len() < 2 {
        return (0..texts.len()).map(parse_one).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<syntax::Parsed>> = (0..texts.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if k >= texts.len() {
                            break;
                        }
                        done.push((k, parse_one(k)));
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            for (k, p) in w.join().unwrap_or_default() {
                slots[k] = Some(p);
            }
        }
    });
    slots
        .into_iter()
        .enumerate()
        .map(|(k, p)| p.unwrap_or_else(|| parse_one(k)))
        .collect()
}

fn unknown(diags: &mut Diagnostics, file: FileId, span: Span, explicit: bool, message: &str) {
    let (code, text) = if explicit {
        (Code::UnknownShape, message.to_string())
    } else {
        (Code::SkippedUnknownShape, format!("{message}; skipped"))
    };
    let end = span.start.saturating_add(1).min(span.end.max(span.start));
    diags.push(
        Diagnostic::new(code, text)
            .at(&Origin::new(file, Span::new(span.start as usize, end as usize), ""))
            .with_help("batch2argo reads AWS Batch RegisterJobDefinition, SubmitJob, job graphs, CreateJobQueue, CreateComputeEnvironment, CreateSchedulingPolicy and their describe-* outputs, and Alibaba BatchCompute jobs, Apps, clusters and job.cfg files"),
    );
}
