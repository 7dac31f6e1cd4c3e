//! `batch2argo validate`: Argo manifests written by anyone, checked like `argo lint --offline`
//! and like the API server with Argo's full CRDs, with every finding at its line.
//!
//! The rules follow `argo-target.md` §2 (one file per section: [`object`], [`template`],
//! [`flow`] for steps, DAGs, references and arguments) plus the run-time failures `argo lint`
//! misses and the v4 CRD limits. Unlike `argo lint`, a run reports every finding, not the first
//! per object. The same rules gate what `convert` writes (`emit::validate`).

pub mod crds;
mod flow;
pub mod node;
mod object;
pub mod schema;
pub mod scope;
mod template;
pub use template::quantity_ok;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, SourceMap, Span};
use crate::error::Error;
use crate::source::syntax::{self, Node};
use node::{str_at, Report};

/// The Argo kinds that are validated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Workflow = 0,
    WorkflowTemplate = 1,
    ClusterWorkflowTemplate = 2,
    CronWorkflow = 3,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Workflow => "Workflow",
            Kind::WorkflowTemplate => "WorkflowTemplate",
            Kind::ClusterWorkflowTemplate => "ClusterWorkflowTemplate",
            Kind::CronWorkflow => "CronWorkflow",
        }
    }

    fn parse(kind: &str) -> Option<Kind> {
        [
            Kind::Workflow,
            Kind::WorkflowTemplate,
            Kind::ClusterWorkflowTemplate,
            Kind::CronWorkflow,
        ]
        .into_iter()
        .find(|k| k.as_str() == kind)
    }
}

/// One Argo object to check.
pub struct Doc<'a> {
    pub file: FileId,
    pub kind: Kind,
    pub node: &'a Node,
}

impl Doc<'_> {
    /// The name a person would use for the object: its name, generateName, or its kind.
    pub fn display(&self) -> String {
        let meta = self.node.get("metadata");
        meta.and_then(|m| str_at(m, "name").or_else(|| str_at(m, "generateName")))
            .map_or_else(|| self.kind.as_str().to_string(), str::to_string)
    }
}

/// The (Cluster)WorkflowTemplates among the files, for `templateRef` and `workflowTemplateRef`.
#[derive(Default)]
pub struct Index<'a> {
    by_name: BTreeMap<(bool, String), &'a Doc<'a>>,
}

impl<'a> Index<'a> {
    pub fn new(docs: &'a [Doc<'a>]) -> Index<'a> {
        let mut by_name = BTreeMap::new();
        for d in docs {
            let cluster = match d.kind {
                Kind::WorkflowTemplate => false,
                Kind::ClusterWorkflowTemplate => true,
                _ => continue,
            };
            if let Some(name) = d.node.get("metadata").and_then(|m| str_at(m, "name")) {
                by_name.entry((cluster, name.to_string())).or_insert(d);
            }
        }
        Index { by_name }
    }

    /// The spec of a (Cluster)WorkflowTemplate.
    pub fn spec(&self, cluster: bool, name: &str) -> Option<(&'a Doc<'a>, &'a Node)> {
        let d = self.by_name.get(&(cluster, name.to_string()))?;
        Some((d, d.node.get("spec")?))
    }
}

/// Checks every document, with references resolved among them; findings in document order.
pub fn check(docs: &[Doc], schema: bool) -> Vec<Diagnostic> {
    check_with(docs, &Index::new(docs), schema)
}

/// Checks `docs`, resolving references in `index` (which may hold other documents too).
pub fn check_with(docs: &[Doc], index: &Index, schema: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in docs {
        let mut mine = Vec::new();
        if schema {
            let mut report = Report {
                file: d.file,
                out: &mut mine,
                root: d.node,
            };
            schema::check(d.kind, d.node, &mut report);
        }
        let rules_from = mine.len();
        let mut report = Report {
            file: d.file,
            out: &mut mine,
            root: d.node,
        };
        object::check(d, index, &mut report);
        // A rule that explains a schema error at the same place replaces it (a missing `name`
        // is one finding, not two).
        let explained: std::collections::BTreeSet<Span> = mine[rules_from..]
            .iter()
            .filter_map(|x| x.origin.as_ref().map(|o| o.span))
            .collect();
        let mut k = 0;
        mine.retain(|x| {
            k += 1;
            k > rules_from
                || x.code != Code::ArgoSchema
                || !x
                    .origin
                    .as_ref()
                    .is_some_and(|o| explained.contains(&o.span))
        });
        out.append(&mut mine);
    }
    out
}

/// The result of `validate`: the files read and every finding, sorted.
pub struct Validation {
    pub files: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
    /// How many Argo objects were checked.
    pub objects: usize,
}

/// Reads `paths` (files and folders of JSON or YAML, several documents per file) and checks
/// every Argo object in them.
pub fn validate(paths: &[PathBuf]) -> Result<Validation, Error> {
    let mut diags = Diagnostics::new();
    let inputs = crate::source::discover::discover(paths, &mut diags)?;
    let mut files = SourceMap::default();
    let mut parsed = Vec::new();
    for input in &inputs {
        let bytes = std::fs::read(&input.path).map_err(|source| Error::Read {
            path: input.display.clone(),
            source,
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let id = files.add(input.display.clone(), String::from_utf8_lossy(e.as_bytes()));
                diags.report(
                    Code::Syntax,
                    &Origin::new(id, Span::new(at, at + 1), ""),
                    "the file is not valid UTF-8",
                );
                continue;
            }
        };
        let id = files.add(input.display.clone(), text);
        let Some(file) = files.get(id) else { continue };
        let p = syntax::parse(id, &input.display, &file.text);
        for d in p.diagnostics {
            diags.push(d);
        }
        parsed.push((id, p.documents));
    }
    let mut docs = Vec::new();
    for (id, documents) in &parsed {
        // A `v1` `List` (as `kubectl get -o json` and `convert --output-format json` write it)
        // holds its objects in `items`.
        let objects = documents.iter().flat_map(|node| {
            let list =
                str_at(node, "kind") == Some("List") && str_at(node, "apiVersion") == Some("v1");
            match node.get("items").and_then(Node::as_seq) {
                Some(items) if list => items.iter().collect::<Vec<_>>(),
                _ => vec![node],
            }
        });
        for node in objects {
            if node::is_null(node) {
                // An empty document, as after a trailing `---`.
                continue;
            }
            match object_kind(node) {
                Ok(kind) => docs.push(Doc {
                    file: *id,
                    kind,
                    node,
                }),
                Err(what) => diags.report(
                    Code::ArgoSkippedDocument,
                    &Origin::new(*id, node.span, ""),
                    format!("{what} is not an Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow; skipped"),
                ),
            }
        }
    }
    if docs.is_empty() && !diags.has_errors() {
        let mut d = Diagnostic::new(
            Code::ArgoNoObject,
            "no Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow was found in the paths given",
        );
        if let Some((id, _)) = files.iter().next() {
            d = d.at(&Origin::new(id, Span::new(0, 0), ""));
        }
        diags.push(d);
    }
    for d in check(&docs, true) {
        diags.push(d);
    }
    Ok(Validation {
        files,
        diagnostics: diags.into_sorted(),
        objects: docs.len(),
    })
}

/// The Argo kind of a document, or what it is instead.
fn object_kind(node: &Node) -> Result<Kind, String> {
    let api = str_at(node, "apiVersion").unwrap_or("");
    let kind = str_at(node, "kind").unwrap_or("");
    if node.as_map().is_none() {
        return Err(format!("a document of {}", node.kind_name()));
    }
    match Kind::parse(kind) {
        Some(k) if api.starts_with("argoproj.io/") => Ok(k),
        _ if kind.is_empty() => Err("a document without `kind`".to_string()),
        _ => Err(format!("`{api}` `{kind}`")),
    }
}
