//! The Terraform dialect: `aws_batch_*` resources from HCL `.tf` files, Terraform's JSON syntax
//! (`.tf.json`) and `terraform show -json` output (state or plan).
//!
//! Each resource's arguments are evaluated as far as the configuration alone allows
//! ([`eval`]), translated to the camelCase API object ([`resources`]) and read by the AWS Batch
//! API readers, so a Terraform definition becomes exactly the IR of its API request.
//!
//! A `.tf` file is parsed twice: once by [`parse`] (syntax errors are reported like any input's)
//! and again by [`load`], which also needs the variables (`--var`, `--var-file`, `.tfvars`
//! files Terraform loads by itself), and the variables, locals and resources of the other `.tf`
//! files of the folder (a module is a folder). Only files inside the folder are ever read.

pub mod eval;
pub mod hcl;
pub mod resources;
pub mod text;

#[cfg(test)]
mod tests;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, Span};
use crate::ir::Project;
use crate::source::syntax::{Entry, Node, Parsed, Scalar, ScalarKind, Value};
use crate::source::ReadOptions;

/// Tag of the document a `.tf` file becomes: its path and text, read again by [`load`]. YAML
/// tags never contain a space, so no YAML input can forge it.
pub const HCL_TAG: &str = " terraform-hcl";

/// What a document is, when it belongs to this dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Hcl,
    TfJson,
    Show,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::Hcl => "Terraform configuration (.tf)",
            Shape::TfJson => "Terraform JSON configuration (.tf.json)",
            Shape::Show => "terraform show -json output",
        }
    }
}

const TOP_LEVEL: &[&str] = &[
    "resource",
    "variable",
    "locals",
    "terraform",
    "provider",
    "output",
    "module",
    "data",
    "//",
];

/// Recognises a document of this dialect.
pub fn detect(doc: &Node) -> Option<Shape> {
    if doc.tag.as_deref() == Some(HCL_TAG) {
        return Some(Shape::Hcl);
    }
    let entries = doc.as_map()?;
    if doc.get("format_version").is_some()
        && (doc.get("values").is_some() || doc.get("planned_values").is_some())
    {
        return Some(Shape::Show);
    }
    let batch = |r: &Node| {
        r.as_map()
            .is_some_and(|m| m.iter().any(|e| e.key.starts_with("aws_batch_")))
    };
    let has_batch = match doc.get("resource").map(|r| &r.value) {
        Some(Value::Map(_)) => doc.get("resource").is_some_and(batch),
        Some(Value::Seq(items)) => items.iter().any(batch),
        _ => false,
    };
    if has_batch {
        return Some(Shape::TfJson);
    }
    let terraform_only = !entries.is_empty()
        && entries.iter().all(|e| TOP_LEVEL.contains(&e.key.as_str()))
        && entries.iter().any(|e| {
            matches!(
                e.key.as_str(),
                "resource" | "variable" | "locals" | "terraform" | "provider"
            )
        });
    terraform_only.then_some(Shape::TfJson)
}

/// Parses a `.tf` file: HCL syntax errors are reported here; the document carries the path and
/// text for [`load`].
pub fn parse(file: FileId, path: &str, text: &str) -> Parsed {
    let body = text.replacen('\u{feff}', "   ", usize::from(text.starts_with('\u{feff}')));
    if let Err(d) = hcl::parse_body(&body) {
        let at = d.0.min(text.len());
        return Parsed {
            documents: Vec::new(),
            diagnostics: vec![Diagnostic::new(
                Code::TerraformSyntax,
                format!("invalid HCL: {}", d.1),
            )
            .at(&Origin::new(
                file,
                Span::new(at, (at + 1).min(text.len().max(at))),
                "",
            ))],
        };
    }
    let whole = Span::new(0, text.len());
    let entry = |key: &str, value: &str| Entry {
        key: key.to_string(),
        key_span: whole,
        value: Node {
            value: Value::Scalar(Scalar {
                text: value.to_string(),
                kind: ScalarKind::Str,
                plain: false,
            }),
            span: whole,
            tag: None,
        },
    };
    Parsed {
        documents: vec![Node {
            value: Value::Map(vec![entry("path", path), entry("text", &body)]),
            span: whole,
            tag: Some(HCL_TAG.into()),
        }],
        diagnostics: Vec::new(),
    }
}

/// Reads one detected document into the project.
pub fn load(
    file: FileId,
    doc: &Node,
    project: &mut Project,
    diags: &mut Diagnostics,
    read: &ReadOptions,
) {
    match detect(doc) {
        Some(Shape::Hcl) => {
            let path = doc.get_str("path").unwrap_or("");
            let text = doc.get_str("text").unwrap_or("");
            hcl::load(file, path, text, project, diags, read);
        }
        Some(Shape::TfJson) => hcl::load_tf_json(file, doc, project, diags, read),
        Some(Shape::Show) => load_show(file, doc, project, diags),
        None => {}
    }
}

/// `terraform show -json`: `values.root_module` (state) or `planned_values.root_module` (plan),
/// with their `child_modules`. Values are resolved; JSON strings are still strings.
fn load_show(file: FileId, doc: &Node, project: &mut Project, diags: &mut Diagnostics) {
    let (key, values) = match (doc.get("values"), doc.get("planned_values")) {
        (Some(v), _) => ("values", v),
        (None, Some(v)) => ("planned_values", v),
        (None, None) => return,
    };
    let positions = std::collections::HashMap::new();
    let tr = resources::Tr {
        file,
        positions: &positions,
        json_source: true,
    };
    let mut found = 0usize;
    // (module node, pointer), walked without recursion.
    let mut stack: Vec<(&Node, String)> = Vec::new();
    if let Some(root) = values.get("root_module") {
        stack.push((root, format!("/{key}/root_module")));
    }
    let mut modules = Vec::new();
    while let Some((m, ptr)) = stack.pop() {
        modules.push((m, ptr.clone()));
        if let Some(children) = m.get("child_modules").and_then(Node::as_seq) {
            for (i, c) in children.iter().enumerate().rev() {
                stack.push((c, format!("{ptr}/child_modules/{i}")));
            }
        }
        if modules.len() > 10_000 {
            break;
        }
    }
    for (m, ptr) in modules {
        let Some(list) = m.get("resources").and_then(Node::as_seq) else {
            continue;
        };
        for (i, r) in list.iter().enumerate() {
            let kind = r.get_str("type").unwrap_or("");
            if !resources::is_batch(kind) || r.get_str("mode").is_some_and(|m| m != "managed") {
                continue;
            }
            let Some(values) = r.get("values") else {
                continue;
            };
            found += 1;
            let address = r.get_str("address").unwrap_or(kind);
            resources::read(
                &tr,
                kind,
                address,
                values,
                format!("{ptr}/resources/{i}/values"),
                project,
                diags,
            );
        }
    }
    if found == 0 {
        diags.report(
            Code::TerraformNoBatch,
            &Origin::new(file, Span::new(0, 0), ""),
            "this terraform show output holds no AWS Batch resource",
        );
    }
}
