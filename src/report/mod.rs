//! The migration report of `convert --report`: what each definition and job graph became, what
//! maps only approximately, and what must be done by hand, for a person rather than a log.
//!
//! [`build`] turns a [`Conversion`] into a [`Report`], a plain serialisable model; the
//! Markdown and HTML renderers fill handlebars templates (`templates/`, embedded) from it. The
//! model holds user text unescaped: each renderer escapes for its own format, so a job named
//! `<script>` is text in both. Everything is sorted by file path and position, never by
//! discovery or hash order, so the same inputs give a byte-identical report.

mod checklist;
mod findings;
mod graph;
mod html;
mod markdown;
mod svg;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

pub use checklist::{AccountStep, Checklist, ObjectRef, SecretStep, Step, UsedBy};
pub use findings::{Finding, MappingKind};
pub use graph::DependencyGraph;
pub use svg::{layout, Layout, MAX_NODES};

use crate::diagnostics::{Diagnostic, Origin, Severity, SourceMap};
use crate::emit::Document;
use crate::ir::JobGraph;
use crate::lower::resolve::Registry;
use crate::lower::Options;
use crate::Conversion;
use findings::MappingCodes;

/// The report's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
}

impl Format {
    /// The format a file name asks for: `.md`/`.markdown` or `.html`/`.htm`.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// What happened to the documents, as the CLI knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written into this directory (as the user named it).
    Directory(String),
    /// Printed on standard output.
    Stdout,
    /// The documents were ready but writing them failed.
    WriteFailed(String),
    /// Not written because the conversion has errors.
    NotWritten,
}

/// A template failed to render: a bug in a template, which the tests catch.
#[derive(Debug, thiserror::Error)]
#[error("the {format} report template failed: {message}")]
pub struct RenderError {
    format: &'static str,
    message: String,
}

/// Renders a report.
pub fn render(report: &Report, format: Format) -> Result<String, RenderError> {
    match format {
        Format::Markdown => markdown::render(report),
        Format::Html => html::render(report),
    }
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Report {
    pub version: &'static str,
    pub outcome: OutcomeView,
    pub options: OptionsView,
    pub summary: Summary,
    pub checklist: Checklist,
    pub definitions: Vec<DefinitionSection>,
    pub graphs: Vec<GraphSection>,
    /// Findings outside any definition or job graph (queues, compute environments, whole
    /// files), by file.
    pub other: Vec<FileFindings>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct OutcomeView {
    pub written: bool,
    /// The output directory, when written into one.
    pub directory: Option<String>,
    pub stdout: bool,
    /// Objects written (the kustomization of a directory not counted).
    pub objects: usize,
    /// Why nothing was written.
    pub errors: usize,
    pub internal: bool,
    pub write_error: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct OptionsView {
    pub platform: &'static str,
    pub queueing: &'static str,
    pub namespace: String,
    pub self_contained: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub definitions: usize,
    pub graphs: usize,
    pub jobs: usize,
    pub queues: usize,
    pub compute_environments: usize,
    pub scheduling_policies: usize,
    /// Objects written, by kind: WorkflowTemplates, Workflows, then the others by name.
    pub kinds: Vec<KindCount>,
    pub mappings: MappingCounts,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub findings: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct KindCount {
    pub kind: String,
    pub count: usize,
}

/// The counts of the rule in `findings.rs`: sections (definitions and job graphs) by their worst
/// finding, and the findings themselves.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct MappingCounts {
    /// Sections with an error-level finding: they cannot be converted as they are.
    pub failed_sections: usize,
    pub exact_sections: usize,
    pub approximate_sections: usize,
    pub unsupported_sections: usize,
    pub approximate_findings: usize,
    pub unsupported_findings: usize,
}

/// How a definition or job graph converts: its worst finding.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Exact,
    Approximate,
    Unsupported,
    /// It has an error-level finding.
    Failed,
}

/// A written object.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct ObjectView {
    pub kind: String,
    pub name: String,
    pub path: String,
}

/// A job that calls a definition.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct JobRef {
    pub graph: String,
    pub job: String,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DefinitionSection {
    /// An id for links inside the report (HTML).
    pub anchor: String,
    pub name: String,
    pub file: String,
    pub line: usize,
    pub status: Status,
    pub counts: SeverityCounts,
    /// The WorkflowTemplates written for it.
    pub templates: Vec<ObjectView>,
    /// With `--self-contained`: the Workflows its templates were inlined into.
    pub inlined_into: Vec<ObjectView>,
    /// Jobs of the job graphs that call it (the first few) and how many more.
    pub called_by: Vec<JobRef>,
    pub called_by_more: usize,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct GraphSection {
    pub anchor: String,
    pub name: String,
    pub file: String,
    pub line: usize,
    pub status: Status,
    pub counts: SeverityCounts,
    pub workflows: Vec<ObjectView>,
    /// The jobs, in input order (at most [`MAX_NODES`]), and how many more.
    pub jobs: Vec<JobRow>,
    pub jobs_more: usize,
    pub findings: Vec<Finding>,
    /// Whether the graph has array jobs and N_TO_N dependencies, for the legend.
    pub arrays: bool,
    pub n_to_n: bool,
    /// The drawing for HTML.
    pub layout: Layout,
    /// The drawing for Markdown: a Mermaid `flowchart`, the jobs it shows, and the most
    /// dependencies Mermaid draws.
    pub mermaid: String,
    pub mermaid_jobs: usize,
    pub mermaid_edges: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct JobRow {
    pub name: String,
    pub definition: String,
    pub array: Option<i64>,
    pub sequential: bool,
    pub depends_on: Vec<DependencyView>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct DependencyView {
    pub job: String,
    pub n_to_n: bool,
}

#[derive(Clone, Copy, Debug, Default, Serialize, PartialEq, Eq)]
pub struct SeverityCounts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FileFindings {
    /// `None` for findings about no file.
    pub file: Option<String>,
    pub findings: Vec<Finding>,
}

/// How many callers a definition section names.
const CALLERS_SHOWN: usize = 10;

/// Builds the report of a conversion. `outcome` is what the CLI did with the documents; a
/// conversion with errors is never reported as written, whatever it says.
pub fn build(conversion: &Conversion, options: &Options, outcome: &Outcome) -> Report {
    let files = &conversion.files;
    let project = &conversion.project;
    let mapping = MappingCodes::from_fields();

    // Definitions and graphs in file and position order, each with its diagnostics.
    let mut defs: Vec<usize> = (0..project.job_definitions.len()).collect();
    defs.sort_by_key(|&i| position(files, &project.job_definitions[i].origin));
    let mut graphs: Vec<usize> = (0..project.graphs.len()).collect();
    graphs.sort_by_key(|&i| position(files, &project.graphs[i].origin));
    let owners: Vec<(Owner, &Origin)> = defs
        .iter()
        .map(|&i| (Owner::Definition(i), &project.job_definitions[i].origin))
        .chain(
            graphs
                .iter()
                .map(|&i| (Owner::Graph(i), &project.graphs[i].origin)),
        )
        .collect();
    let mut owned: BTreeMap<Owner, Vec<&Diagnostic>> = BTreeMap::new();
    let mut other: BTreeMap<Option<String>, Vec<&Diagnostic>> = BTreeMap::new();
    let index = OwnerIndex::new(&owners);
    for d in sorted(&conversion.diagnostics, files) {
        match d.origin.as_ref().and_then(|o| index.owner(o)) {
            Some(owner) => owned.entry(owner).or_default().push(d),
            None => other
                .entry(d.origin.as_ref().map(|o| files.path(o.file).to_string()))
                .or_default()
                .push(d),
        }
    }
    let findings_of = |owner: Owner| -> Vec<Finding> {
        owned
            .get(&owner)
            .map(|ds| {
                ds.iter()
                    .map(|d| Finding::new(d, files, &mapping))
                    .collect()
            })
            .unwrap_or_default()
    };

    let written = !conversion.has_errors()
        && !conversion.documents.is_empty()
        && matches!(outcome, Outcome::Directory(_) | Outcome::Stdout);
    let shown_docs: &[Document] = if written { &conversion.documents } else { &[] };
    // Each object read back once: the sections and the checklist look into them.
    let objects: Vec<(&Document, serde_json::Value)> = shown_docs
        .iter()
        .zip(read_back(shown_docs))
        .filter_map(|(d, v)| Some((d, v?)))
        .collect();
    let annotation = |v: &serde_json::Value, key: &str| -> Option<String> {
        v["metadata"]["annotations"][format!("batch2argo.io/{key}")]
            .as_str()
            .map(str::to_string)
    };
    // (source file, job definition) → its WorkflowTemplates; source file → its Workflows with
    // the original name of their job graph.
    let mut templates_by_def: BTreeMap<(String, String), Vec<ObjectView>> = BTreeMap::new();
    let mut workflows_by_file: BTreeMap<String, Vec<(String, ObjectView)>> = BTreeMap::new();
    for (d, v) in &objects {
        let Some(source) = annotation(v, "source") else {
            continue;
        };
        match d.kind {
            "WorkflowTemplate" => {
                if let Some(def) = annotation(v, "job-definition") {
                    templates_by_def
                        .entry((source, def))
                        .or_default()
                        .push(object_view(d));
                }
            }
            "Workflow" => {
                let original = annotation(v, "original-name").unwrap_or_else(|| d.name.clone());
                workflows_by_file
                    .entry(source)
                    .or_default()
                    .push((original, object_view(d)));
            }
            _ => {}
        }
    }
    let workflows_of = |g: &JobGraph| -> Vec<ObjectView> {
        workflows_by_file
            .get(files.path(g.origin.file))
            .into_iter()
            .flatten()
            .filter(|(original, _)| *original == g.name)
            .map(|(_, o)| o.clone())
            .collect()
    };

    // Which jobs call each definition, resolved as the lowering resolves them.
    let registry = Registry::new(&project.job_definitions);
    let mut callers: BTreeMap<usize, BTreeSet<JobRef>> = BTreeMap::new();
    let mut graph_of_def: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (gi, g) in project.graphs.iter().enumerate() {
        for job in &g.jobs {
            if let Ok(d) = registry.resolve(&project.job_definitions, &job.job_definition.value) {
                callers.entry(d).or_default().insert(JobRef {
                    graph: g.name.clone(),
                    job: job.name.value.clone(),
                });
                graph_of_def.entry(d).or_default().insert(gi);
            }
        }
    }

    let mut counts = MappingCounts::default();
    let mut tally = |findings: &[Finding]| -> (Status, SeverityCounts) {
        let mut worst = MappingKind::Exact;
        let mut sev = SeverityCounts::default();
        for f in findings {
            match f.mapping {
                Some(MappingKind::Approximate) => counts.approximate_findings += 1,
                Some(MappingKind::Unsupported) => counts.unsupported_findings += 1,
                _ => {}
            }
            worst = worst.max(f.mapping.unwrap_or(MappingKind::Exact));
            match f.severity {
                "error" => sev.errors += 1,
                "warning" => sev.warnings += 1,
                _ => sev.infos += 1,
            }
        }
        let status = match worst {
            _ if sev.errors > 0 => Status::Failed,
            MappingKind::Exact => Status::Exact,
            MappingKind::Approximate => Status::Approximate,
            MappingKind::Unsupported => Status::Unsupported,
        };
        match status {
            Status::Failed => counts.failed_sections += 1,
            Status::Exact => counts.exact_sections += 1,
            Status::Approximate => counts.approximate_sections += 1,
            Status::Unsupported => counts.unsupported_sections += 1,
        }
        (status, sev)
    };

    let mut definitions = Vec::with_capacity(defs.len());
    for (k, &i) in defs.iter().enumerate() {
        let def = &project.job_definitions[i];
        let findings = findings_of(Owner::Definition(i));
        let (worst, sev) = tally(&findings);
        let file = files.path(def.origin.file).to_string();
        let templates = templates_by_def
            .get(&(file.clone(), def.display_name()))
            .cloned()
            .unwrap_or_default();
        let inlined_into = if options.self_contained {
            graph_of_def
                .get(&i)
                .into_iter()
                .flatten()
                .flat_map(|&g| workflows_of(&project.graphs[g]))
                .collect()
        } else {
            Vec::new()
        };
        let calls = callers.remove(&i).unwrap_or_default();
        definitions.push(DefinitionSection {
            anchor: format!("definition-{}", k + 1),
            name: def.display_name(),
            line: line_of(files, &def.origin),
            file,
            status: worst,
            counts: sev,
            templates,
            inlined_into,
            called_by_more: calls.len().saturating_sub(CALLERS_SHOWN),
            called_by: calls.into_iter().take(CALLERS_SHOWN).collect(),
            findings,
        });
    }

    let mut graph_sections = Vec::with_capacity(graphs.len());
    for (k, &i) in graphs.iter().enumerate() {
        let g = &project.graphs[i];
        let findings = findings_of(Owner::Graph(i));
        let (worst, sev) = tally(&findings);
        let dependencies = DependencyGraph::from_ir(g);
        let layout = svg::layout(&dependencies);
        let (mermaid, mermaid_jobs) = markdown::mermaid(&dependencies, &layout);
        let jobs: Vec<JobRow> = dependencies
            .nodes
            .iter()
            .enumerate()
            .take(MAX_NODES)
            .map(|(j, node)| JobRow {
                name: node.name.clone(),
                definition: node.definition.clone(),
                array: node.array,
                sequential: node.sequential,
                depends_on: dependencies
                    .edges
                    .iter()
                    .filter(|e| e.to == j)
                    .map(|e| DependencyView {
                        job: dependencies.nodes[e.from].name.clone(),
                        n_to_n: e.n_to_n,
                    })
                    .collect(),
            })
            .collect();
        graph_sections.push(GraphSection {
            anchor: format!("graph-{}", k + 1),
            name: g.name.clone(),
            file: files.path(g.origin.file).to_string(),
            line: line_of(files, &g.origin),
            status: worst,
            counts: sev,
            workflows: workflows_of(g),
            jobs_more: dependencies.nodes.len().saturating_sub(jobs.len()),
            arrays: dependencies.nodes.iter().any(|n| n.array.is_some()),
            n_to_n: dependencies.edges.iter().any(|e| e.n_to_n),
            jobs,
            findings,
            layout,
            mermaid,
            mermaid_jobs,
            mermaid_edges: markdown::MERMAID_EDGES,
        });
    }

    let count = |s: Severity| {
        conversion
            .diagnostics
            .iter()
            .filter(|d| d.severity() == s)
            .count()
    };
    let mut kinds: BTreeMap<(u8, &str), usize> = BTreeMap::new();
    for d in shown_docs {
        let rank = match d.kind {
            "WorkflowTemplate" => 0,
            "Workflow" => 1,
            _ => 2,
        };
        *kinds.entry((rank, d.kind)).or_default() += 1;
    }
    let summary = Summary {
        files: files.len(),
        definitions: project.job_definitions.len(),
        graphs: project.graphs.len(),
        jobs: project.graphs.iter().map(|g| g.jobs.len()).sum(),
        queues: project.queues.len(),
        compute_environments: project.compute_environments.len(),
        scheduling_policies: project.scheduling_policies.len(),
        kinds: kinds
            .into_iter()
            .map(|((_, kind), count)| KindCount {
                kind: kind.to_string(),
                count,
            })
            .collect(),
        mappings: counts,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        findings: conversion.diagnostics.len(),
    };
    let checklist = checklist::build(
        &objects,
        project,
        &conversion.diagnostics,
        files,
        &mapping,
        &options.namespace,
    );
    Report {
        version: env!("CARGO_PKG_VERSION"),
        outcome: OutcomeView {
            written,
            directory: match outcome {
                Outcome::Directory(dir) if written => Some(dir.clone()),
                _ => None,
            },
            stdout: written && *outcome == Outcome::Stdout,
            objects: shown_docs.len(),
            errors: summary.errors,
            internal: conversion.has_internal_errors(),
            write_error: match outcome {
                Outcome::WriteFailed(e) if !conversion.has_errors() => Some(e.clone()),
                _ => None,
            },
        },
        options: OptionsView {
            platform: options.platform.as_str(),
            queueing: options.queueing.as_str(),
            namespace: options.namespace.clone(),
            self_contained: options.self_contained,
        },
        summary,
        checklist,
        definitions,
        graphs: graph_sections,
        other: other
            .into_iter()
            .map(|(file, ds)| FileFindings {
                file,
                findings: ds
                    .into_iter()
                    .map(|d| Finding::new(d, files, &mapping))
                    .collect(),
            })
            .collect(),
    }
}

/// Every document as JSON, read back on all cores: re-reading YAML is most of the cost of a
/// report over thousands of objects. The order is the documents' order.
fn read_back(docs: &[Document]) -> Vec<Option<serde_json::Value>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    if threads == 1 || docs.len() < 64 {
        return docs.iter().map(Document::value).collect();
    }
    let chunk = docs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = docs
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(Document::value).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .zip(docs.chunks(chunk))
            .flat_map(|(w, part)| {
                // A worker that panicked loses only its own objects' checklist entries.
                w.join().unwrap_or_else(|_| vec![None; part.len()])
            })
            .collect()
    })
}

fn object_view(d: &Document) -> ObjectView {
    ObjectView {
        kind: d.kind.to_string(),
        name: d.name.clone(),
        path: d.path.clone(),
    }
}

/// What a diagnostic is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Definition(usize),
    Graph(usize),
}

/// Sorts by file path (not file id, which follows discovery), then position.
fn position<'a>(files: &'a SourceMap, o: &Origin) -> (&'a str, u32, u32) {
    (files.path(o.file), o.span.start, o.span.end)
}

fn line_of(files: &SourceMap, o: &Origin) -> usize {
    files.get(o.file).map_or(0, |f| f.line_col(o.span.start).0)
}

fn sorted<'a>(diagnostics: &'a [Diagnostic], files: &SourceMap) -> Vec<&'a Diagnostic> {
    let mut out: Vec<&Diagnostic> = diagnostics.iter().collect();
    out.sort_by(|a, b| {
        let key = |d: &'a Diagnostic| {
            (
                d.origin.as_ref().map(|o| position(files, o)),
                d.code,
                d.message.as_str(),
            )
        };
        key(a).cmp(&key(b))
    });
    out
}

/// Finds the definition or graph whose span holds a diagnostic. Per file, spans sorted by
/// start, so a lookup is a binary search plus a walk back over the spans that start before it.
struct OwnerIndex {
    by_file: BTreeMap<crate::diagnostics::FileId, Vec<(u32, u32, Owner)>>,
}

impl OwnerIndex {
    fn new(owners: &[(Owner, &Origin)]) -> OwnerIndex {
        let mut by_file: BTreeMap<_, Vec<(u32, u32, Owner)>> = BTreeMap::new();
        for (owner, o) in owners {
            by_file
                .entry(o.file)
                .or_default()
                .push((o.span.start, o.span.end, *owner));
        }
        for spans in by_file.values_mut() {
            spans.sort();
        }
        OwnerIndex { by_file }
    }

    fn owner(&self, o: &Origin) -> Option<Owner> {
        let spans = self.by_file.get(&o.file)?;
        let end = spans.partition_point(|s| s.0 <= o.span.start);
        // Spans of one parse tree nest or are disjoint: the last one starting before the
        // diagnostic that holds it is the smallest.
        spans[..end]
            .iter()
            .rev()
            .find(|s| s.1 >= o.span.end)
            .map(|s| s.2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_read_back_on_all_cores_keep_their_order() {
        let docs: Vec<Document> = (0..200)
            .map(|i| Document {
                kind: "ConfigMap",
                name: format!("c{i}"),
                path: format!("configmaps/c{i}.yaml"),
                text: format!("kind: ConfigMap\nmetadata:\n  name: c{i}\n"),
            })
            .collect();
        let values = read_back(&docs);
        let names: Vec<Option<&str>> = values
            .iter()
            .map(|v| v.as_ref().and_then(|v| v["metadata"]["name"].as_str()))
            .collect();
        let expected: Vec<String> = (0..200).map(|i| format!("c{i}")).collect();
        assert_eq!(
            names,
            expected
                .iter()
                .map(|n| Some(n.as_str()))
                .collect::<Vec<_>>()
        );
    }

    /// Strict mode: a field the model does not have is an error, not an empty string.
    #[test]
    fn a_misspelt_field_in_a_template_is_an_error() {
        let hb = html::registry(html::text);
        let data = serde_json::json!({"summary": {"files": 1}});
        assert_eq!(
            hb.render_template("{{summary.files}}", &data)
                .ok()
                .as_deref(),
            Some("1")
        );
        assert!(hb.render_template("{{summary.fiels}}", &data).is_err());
        assert!(hb
            .render_template("{{#each summary.nope}}x{{/each}}", &data)
            .is_err());
        // Also in conditions, which the built-in `if` would read as false.
        assert!(hb
            .render_template("{{#if summary.nope}}x{{/if}}", &data)
            .is_err());
        assert!(hb
            .render_template("{{#unless summary.nope}}x{{/unless}}", &data)
            .is_err());
        assert_eq!(
            hb.render_template("{{#if summary.files}}yes{{else}}no{{/if}}", &data)
                .ok()
                .as_deref(),
            Some("yes")
        );
    }
}
