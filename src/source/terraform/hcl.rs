//! A module's files → its declarations ([`Scope`]), and each Batch resource of the file being
//! loaded → evaluated arguments → the project.

use std::path::{Path, PathBuf};

use hcl_edit::structure::{Body, Structure};
use hcl_edit::Span as _;

use super::eval::{self, BodyRef, Def, Eval, Fail, Resource, Scope, Variable};
use super::resources;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, Span};
use crate::ir::Project;
use crate::source::syntax::{Node, Value};
use crate::source::ReadOptions;

/// Largest sibling `.tf` or `.tfvars` file read.
const MAX_MODULE_FILE: u64 = 16 * 1024 * 1024;
/// Most sibling files read for one module.
const MAX_MODULE_FILES: usize = 256;

/// HCL text → body, or the byte offset and message of the syntax error.
pub fn parse_body(text: &str) -> Result<Body, (usize, String)> {
    hcl_edit::parser::parse_body(text).map_err(|e| {
        let loc = e.location();
        // The offset is a byte offset; keep it on a character boundary.
        let mut at = loc.offset().min(text.len());
        while at > 0 && !text.is_char_boundary(at) {
            at -= 1;
        }
        (at, e.message().to_string())
    })
}

fn span_of(r: Option<std::ops::Range<usize>>) -> Span {
    r.map_or(Span::new(0, 0), |r| Span::new(r.start, r.end))
}

/// Adds a file's declarations to the scope.
fn declare<'m>(scope: &mut Scope<'m>, file: usize, body: &'m Body) {
    for s in body.iter() {
        let Structure::Block(b) = s else { continue };
        let labels: Vec<&str> = b.labels.iter().map(|l| l.as_str()).collect();
        match (b.ident.as_str(), labels.as_slice()) {
            ("variable", [name]) => {
                let kind = b.body.get_attribute("type").map(|a| {
                    let t = a.value.to_string();
                    t.trim().to_string()
                });
                scope.variables.entry(name.to_string()).or_insert(Variable {
                    file,
                    default: b.body.get_attribute("default").map(|a| Def::Hcl(&a.value)),
                    kind,
                });
            }
            ("locals", []) => {
                for a in b.body.attributes() {
                    scope
                        .locals
                        .entry(a.key.as_str().to_string())
                        .or_insert((file, Def::Hcl(&a.value)));
                }
            }
            ("resource", [kind, name]) => {
                scope
                    .resources
                    .entry((kind.to_string(), name.to_string()))
                    .or_insert(Resource {
                        file,
                        kind: kind.to_string(),
                        name: name.to_string(),
                        body: BodyRef::Hcl(&b.body),
                        span: span_of(b.span()),
                    });
            }
            _ => {}
        }
    }
}

/// The other files of the module (`*.tf` in the same folder), sorted, as (name, text).
fn siblings(path: &Path) -> Vec<(String, String)> {
    let Some(dir) = path.parent() else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let own = path.file_name();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".tf") && !name.starts_with('.') && p.file_name() != own
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .take(MAX_MODULE_FILES)
        .filter_map(|p| {
            let meta = std::fs::symlink_metadata(&p).ok()?;
            if !meta.is_file() || meta.len() > MAX_MODULE_FILE {
                return None;
            }
            let text = String::from_utf8(std::fs::read(&p).ok()?).ok()?;
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, text))
        })
        .collect()
}

/// `.tfvars` files Terraform loads by itself (`terraform.tfvars`, `*.auto.tfvars`, and their
/// `.json` forms), then the `--var-file` ones, in order.
fn var_files(dir: Option<&Path>, read: &ReadOptions) -> Vec<PathBuf> {
    let mut auto: Vec<PathBuf> = Vec::new();
    if let Some(dir) = dir {
        if let Ok(entries) = std::fs::read_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        }) {
            auto = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    n == "terraform.tfvars"
                        || n == "terraform.tfvars.json"
                        || n.ends_with(".auto.tfvars")
                        || n.ends_with(".auto.tfvars.json")
                })
                .collect();
        }
    }
    auto.sort_by(|a, b| {
        let key = |p: &PathBuf| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .starts_with("terraform.tfvars")
        };
        (key(a), a).cmp(&(key(b), b))
    });
    auto.extend(read.var_files.iter().cloned());
    auto
}

/// Reads the variable values of `.tfvars` files and `--var` into `scope.overrides`.
fn overrides(
    scope: &mut Scope<'_>,
    dir: Option<&Path>,
    read: &ReadOptions,
    file: FileId,
    diags: &mut Diagnostics,
) {
    for path in var_files(dir, read) {
        let shown = path.to_string_lossy().replace('\\', "/");
        let text = match std::fs::metadata(&path) {
            Ok(m) if m.len() > MAX_MODULE_FILE => Err("it is larger than 16 MiB".to_string()),
            _ => std::fs::read(&path)
                .map_err(|e| e.to_string())
                .and_then(|b| String::from_utf8(b).map_err(|_| "it is not UTF-8".to_string())),
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                diags.push(Diagnostic::new(
                    Code::TerraformFile,
                    format!("the variables file `{shown}` cannot be read: {e}"),
                ));
                continue;
            }
        };
        if shown.ends_with(".json") {
            match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(serde_json::Value::Object(map)) => {
                    for (k, v) in map {
                        scope.overrides.insert(k, from_json(&v, 0));
                    }
                }
                _ => diags.push(Diagnostic::new(
                    Code::TerraformSyntax,
                    format!("the variables file `{shown}` is not a JSON object"),
                )),
            }
            continue;
        }
        let body = match parse_body(&text) {
            Ok(b) => b,
            Err((at, m)) => {
                let line = text[..at.min(text.len())].matches('\n').count() + 1;
                diags.push(Diagnostic::new(
                    Code::TerraformSyntax,
                    format!("the variables file `{shown}` is not valid HCL (line {line}): {m}"),
                ));
                continue;
            }
        };
        let empty = Scope::default();
        let mut scratch = Diagnostics::new();
        let mut ev = Eval::new(&empty, file, &mut scratch);
        let loc = eval::Loc {
            file: eval::FOREIGN,
            base: 0,
            text: &text,
        };
        let mut values = Vec::new();
        for a in body.attributes() {
            if let Ok(v) = ev.expr(&a.value, loc) {
                values.push((a.key.as_str().to_string(), v));
            }
        }
        for d in scratch.into_sorted() {
            diags.push(Diagnostic::new(
                d.code,
                format!("in the variables file `{shown}`: {}", d.message),
            ));
        }
        scope.overrides.extend(values);
    }
    for (k, v) in &read.vars {
        let complex = scope
            .variables
            .get(k)
            .and_then(|d| d.kind.as_deref())
            .is_some_and(|t| t != "string");
        let mut node = eval::str_node(v.clone(), Span::new(0, 0));
        if complex {
            if let Ok(expr) = hcl_edit::parser::parse_expr(v) {
                let empty = Scope::default();
                let mut scratch = Diagnostics::new();
                let mut ev = Eval::new(&empty, file, &mut scratch);
                let loc = eval::Loc {
                    file: eval::FOREIGN,
                    base: 0,
                    text: v,
                };
                if let Ok(n) = ev.expr(&expr, loc) {
                    node = n;
                }
            }
        }
        scope.overrides.insert(k.clone(), node);
    }
}

fn from_json(v: &serde_json::Value, depth: usize) -> Node {
    use crate::source::syntax::{Entry, Scalar, ScalarKind};
    let span = Span::new(0, 0);
    let scalar = |text: String, kind| Node {
        value: Value::Scalar(Scalar {
            text,
            kind,
            plain: false,
        }),
        span,
        tag: None,
    };
    if depth > 64 {
        return scalar("null".into(), ScalarKind::Null);
    }
    match v {
        serde_json::Value::Null => scalar("null".into(), ScalarKind::Null),
        serde_json::Value::Bool(b) => scalar(b.to_string(), ScalarKind::Bool(*b)),
        serde_json::Value::Number(n) => scalar(n.to_string(), ScalarKind::Number),
        serde_json::Value::String(s) => scalar(s.clone(), ScalarKind::Str),
        serde_json::Value::Array(a) => Node {
            value: Value::Seq(a.iter().map(|x| from_json(x, depth + 1)).collect()),
            span,
            tag: None,
        },
        serde_json::Value::Object(o) => Node {
            value: Value::Map(
                o.iter()
                    .map(|(k, x)| Entry {
                        key: k.clone(),
                        key_span: span,
                        value: from_json(x, depth + 1),
                    })
                    .collect(),
            ),
            span,
            tag: None,
        },
    }
}

/// One resource, with its instances (`count`, `for_each`), read into the project.
fn read_resource(
    ev: &mut Eval<'_, '_>,
    res: &Resource<'_>,
    project: &mut Project,
    json_source: bool,
) {
    let loc = ev.loc(0);
    let meta = |key: &str| res.body.attr(key);
    // Instances: none (one), `count`, or `for_each`.
    let mut instances: Vec<(String, Vec<(String, Node)>)> = vec![(String::new(), Vec::new())];
    for key in ["count", "for_each"] {
        let Some(def) = meta(key) else { continue };
        let Ok(v) = ev.def(def, loc) else { return };
        instances = match (&v.value, key) {
            (Value::Scalar(s), "count") => match s.text.trim().parse::<usize>() {
                Ok(n) if n <= eval::MAX_ITEMS => (0..n)
                    .map(|i| {
                        let idx = Node {
                            value: Value::Scalar(crate::source::syntax::Scalar {
                                text: i.to_string(),
                                kind: crate::source::syntax::ScalarKind::Number,
                                plain: true,
                            }),
                            span: v.span,
                            tag: None,
                        };
                        (format!("[{i}]"), eval::instance_vars(&idx, &idx))
                    })
                    .collect(),
                _ => {
                    ev.report(
                        Code::InvalidValue,
                        v.span,
                        format!(
                            "`count` must be a whole number up to {}, not `{}`",
                            eval::MAX_ITEMS,
                            s.text
                        ),
                    );
                    return;
                }
            },
            (Value::Map(entries), "for_each") => entries
                .iter()
                .map(|e| {
                    let k = eval::str_node(e.key.clone(), e.key_span);
                    (
                        format!("[\"{}\"]", e.key),
                        eval::instance_vars(&k, &e.value),
                    )
                })
                .collect(),
            (Value::Seq(items), "for_each") => items
                .iter()
                .filter_map(|i| {
                    let s = i.as_scalar()?;
                    let k = eval::str_node(s.text.clone(), i.span);
                    Some((format!("[\"{}\"]", s.text), eval::instance_vars(&k, &k)))
                })
                .collect(),
            _ => {
                ev.report(
                    Code::InvalidValue,
                    v.span,
                    format!(
                        "`{key}` must be {}",
                        if key == "count" {
                            "a number"
                        } else {
                            "a map or a set of strings"
                        }
                    ),
                );
                return;
            }
        };
    }
    for (suffix, vars) in instances {
        let attrs = ev.with_bound(vars, |ev| match res.body {
            BodyRef::Hcl(b) => ev.body(b, res.span, loc),
            BodyRef::Json(n) => {
                let mut v = ev.json(n, loc)?;
                if let Value::Map(entries) = &mut v.value {
                    entries.retain(|e| {
                        !eval::META.contains(&e.key.as_str())
                            && !eval::META_BLOCKS.contains(&e.key.as_str())
                    });
                }
                Ok::<Node, Fail>(v)
            }
        });
        let Ok(attrs) = attrs else { continue };
        let address = format!("{}.{}{suffix}", res.kind, res.name);
        let ptr = format!(
            "/resource/{}/{}{}",
            res.kind,
            crate::source::read::pointer_token(&res.name),
            if suffix.is_empty() {
                String::new()
            } else {
                format!(
                    "/{}",
                    suffix.trim_matches(|c| c == '[' || c == ']' || c == '"')
                )
            }
        );
        let positions = std::mem::take(&mut ev.positions);
        let tr = resources::Tr {
            file: ev.file,
            positions: &positions,
            json_source,
        };
        resources::read(&tr, &res.kind, &address, &attrs, ptr, project, ev.diags);
        ev.positions = positions;
    }
}

/// Loads a `.tf` file.
pub fn load(
    file: FileId,
    path: &str,
    text: &str,
    project: &mut Project,
    diags: &mut Diagnostics,
    read: &ReadOptions,
) {
    let Ok(body) = parse_body(text) else {
        return; // reported by `parse`
    };
    let path = Path::new(path);
    let dir = path.parent().map(|d| {
        if d.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            d.to_path_buf()
        }
    });
    let others = siblings(path);
    let other_bodies: Vec<Option<Body>> = others.iter().map(|(_, t)| parse_body(t).ok()).collect();
    let mut scope = Scope {
        dir: dir.clone(),
        ..Scope::default()
    };
    scope.names.push(
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    scope.texts.push(text);
    declare(&mut scope, 0, &body);
    for (i, ((name, t), b)) in others.iter().zip(&other_bodies).enumerate() {
        scope.names.push(name.clone());
        scope.texts.push(t);
        if let Some(b) = b {
            declare(&mut scope, i + 1, b);
        }
    }
    overrides(&mut scope, dir.as_deref(), read, file, diags);
    let ours: Vec<&Resource<'_>> = {
        let mut v: Vec<&Resource<'_>> = scope
            .resources
            .values()
            .filter(|r| r.file == 0 && resources::is_batch(&r.kind))
            .collect();
        v.sort_by_key(|r| r.span.start);
        v
    };
    if ours.is_empty() {
        let others = scope.resources.values().filter(|r| r.file == 0).count();
        diags.report(
            Code::TerraformNoBatch,
            &Origin::new(file, Span::new(0, 0), ""),
            format!("this Terraform file declares no AWS Batch resource ({others} other resource(s)); it was read for its variables and locals"),
        );
        return;
    }
    let mut ev = Eval::new(&scope, file, diags);
    for res in ours {
        read_resource(&mut ev, res, project, false);
    }
}

/// Loads a `.tf.json` file: `resource`, `variable` and `locals` in Terraform's JSON syntax,
/// whose strings are templates.
pub fn load_tf_json(
    file: FileId,
    doc: &Node,
    project: &mut Project,
    diags: &mut Diagnostics,
    read: &ReadOptions,
) {
    let mut scope = Scope::default();
    scope.names.push(String::new());
    scope.texts.push("");
    let blocks = |key: &str| -> Vec<&Node> {
        match doc.get(key).map(|n| &n.value) {
            Some(Value::Map(_)) => doc.get(key).into_iter().collect(),
            Some(Value::Seq(items)) => items.iter().collect(),
            _ => Vec::new(),
        }
    };
    for v in blocks("variable") {
        for e in v.as_map().unwrap_or(&[]) {
            scope.variables.entry(e.key.clone()).or_insert(Variable {
                file: 0,
                default: e.value.get("default").map(Def::Json),
                kind: e.value.get_str("type").map(str::to_string),
            });
        }
    }
    for l in blocks("locals") {
        for e in l.as_map().unwrap_or(&[]) {
            scope
                .locals
                .entry(e.key.clone())
                .or_insert((0, Def::Json(&e.value)));
        }
    }
    for r in blocks("resource") {
        for t in r.as_map().unwrap_or(&[]) {
            for n in t.value.as_map().unwrap_or(&[]) {
                // A resource body is an object, or a list of one object.
                let body = match &n.value.value {
                    Value::Seq(items) => items.first().unwrap_or(&n.value),
                    _ => &n.value,
                };
                scope
                    .resources
                    .entry((t.key.clone(), n.key.clone()))
                    .or_insert(Resource {
                        file: 0,
                        kind: t.key.clone(),
                        name: n.key.clone(),
                        body: BodyRef::Json(body),
                        span: body.span,
                    });
            }
        }
    }
    overrides(&mut scope, None, read, file, diags);
    let mut ours: Vec<&Resource<'_>> = scope
        .resources
        .values()
        .filter(|r| resources::is_batch(&r.kind))
        .collect();
    ours.sort_by_key(|r| r.span.start);
    if ours.is_empty() {
        diags.report(
            Code::TerraformNoBatch,
            &Origin::new(file, Span::new(0, 0), ""),
            "this Terraform JSON file declares no AWS Batch resource; it was read for its variables and locals",
        );
        return;
    }
    let mut ev = Eval::new(&scope, file, diags);
    for res in ours {
        read_resource(&mut ev, res, project, true);
    }
}
