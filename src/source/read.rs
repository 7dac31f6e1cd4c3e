//! Typed, position-keeping reads from the syntax tree into the IR.
//!
//! An [`Obj`] wraps one mapping and remembers which keys were read. `finish` reports every key
//! nobody read as B2A006, so an input field is never dropped without a diagnostic. Wrong types
//! are reported here too, with the JSON pointer of the value.

use super::syntax::{Node, ScalarKind, Value};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, Spanned};
use crate::ir::{KeyValue, Text};

/// Escapes a key for a JSON pointer (RFC 6901).
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A node with its file and JSON pointer.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub node: &'a Node,
    pub file: FileId,
    pub ptr: &'a str,
}

/// Reading context: the file being read, and whose API its objects follow (named in messages).
#[derive(Clone, Copy)]
pub struct Ctx {
    pub file: FileId,
    pub api: Api,
}

/// The API an input's objects belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    AwsBatch,
    BatchCompute,
}

impl Api {
    /// Who requires a type, in messages ("AWS requires a string").
    fn owner(self) -> &'static str {
        match self {
            Api::AwsBatch => "AWS",
            Api::BatchCompute => "BatchCompute",
        }
    }
}

impl Ctx {
    pub fn origin(&self, node: &Node, ptr: &str) -> Origin {
        Origin::new(self.file, node.span, ptr)
    }
}

/// One mapping being read.
pub struct Obj<'a> {
    pub node: &'a Node,
    pub ptr: String,
    pub ctx: Ctx,
    used: Vec<bool>,
}

impl<'a> Obj<'a> {
    /// Wraps `node`, reporting B2A004 when it is not a mapping.
    pub fn new(ctx: Ctx, node: &'a Node, ptr: String, diags: &mut Diagnostics) -> Option<Obj<'a>> {
        match &node.value {
            Value::Map(entries) => Some(Obj {
                node,
                ptr,
                ctx,
                used: vec![false; entries.len()],
            }),
            _ => {
                diags.report(
                    Code::WrongType,
                    &ctx.origin(node, &ptr),
                    format!("expected an object, found {}", node.kind_name()),
                );
                None
            }
        }
    }

    pub fn origin(&self) -> Origin {
        self.ctx.origin(self.node, &self.ptr)
    }

    fn entries(&self) -> &'a [super::syntax::Entry] {
        self.node.as_map().unwrap_or(&[])
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries()
            .iter()
            .any(|e| e.key == key && !is_absent(&e.value))
    }

    /// The value of `key`, marked as read. Nulls count as absent.
    pub fn take(&mut self, key: &str) -> Option<(&'a Node, String)> {
        let entries = self.entries();
        let i = entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        let node = &entries[i].value;
        if is_absent(node) {
            return None;
        }
        Some((node, format!("{}/{}", self.ptr, pointer_token(key))))
    }

    /// Marks keys as read without using them (output-only fields of `describe-*` dumps).
    pub fn ignore(&mut self, keys: &[&str]) {
        for key in keys {
            let _ = self.take(key);
        }
    }

    /// The origin of a key's value, if present.
    pub fn origin_of(&self, key: &str) -> Option<Origin> {
        let entries = self.entries();
        entries.iter().find(|e| e.key == key).map(|e| {
            self.ctx
                .origin(&e.value, &format!("{}/{}", self.ptr, pointer_token(key)))
        })
    }

    pub fn string(&mut self, key: &str, diags: &mut Diagnostics) -> Option<Text> {
        let (node, ptr) = self.take(key)?;
        read_string(self.ctx, node, &ptr, diags)
    }

    /// A string that must be present.
    pub fn required_string(
        &mut self,
        key: &str,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<Text> {
        let value = self.string(key, diags);
        if value.is_none() && !self.has(key) {
            diags.report(
                Code::MissingField,
                &self.origin(),
                format!("{what} has no `{key}`"),
            );
        }
        value
    }

    pub fn int(&mut self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<i64>> {
        let (node, ptr) = self.take(key)?;
        read_int(self.ctx, node, &ptr, diags)
    }

    pub fn bool(&mut self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
        let (node, ptr) = self.take(key)?;
        read_bool(self.ctx, node, &ptr, diags)
    }

    /// A nested object.
    pub fn obj(&mut self, key: &str, diags: &mut Diagnostics) -> Option<Obj<'a>> {
        let (node, ptr) = self.take(key)?;
        Obj::new(self.ctx, node, ptr, diags)
    }

    /// The items of a list, each with its pointer.
    pub fn list(&mut self, key: &str, diags: &mut Diagnostics) -> Vec<(&'a Node, String)> {
        let Some((node, ptr)) = self.take(key) else {
            return Vec::new();
        };
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| (n, format!("{ptr}/{i}")))
                .collect(),
            _ => {
                diags.report(
                    Code::WrongType,
                    &self.ctx.origin(node, &ptr),
                    format!("`{key}` must be a list, found {}", node.kind_name()),
                );
                Vec::new()
            }
        }
    }

    /// A list of objects.
    pub fn objects(&mut self, key: &str, diags: &mut Diagnostics) -> Vec<Obj<'a>> {
        let ctx = self.ctx;
        self.list(key, diags)
            .into_iter()
            .filter_map(|(n, p)| Obj::new(ctx, n, p, diags))
            .collect()
    }

    /// A list of strings.
    pub fn strings(&mut self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Vec<Text>>> {
        let origin = self.origin_of(key);
        let (node, _) = self.take(key)?;
        let origin = origin?;
        if node.as_seq().is_none() {
            diags.report(
                Code::WrongType,
                &origin,
                format!(
                    "`{key}` must be a list of strings, found {}",
                    node.kind_name()
                ),
            );
            return None;
        }
        let items = node
            .as_seq()
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                read_string(self.ctx, n, &format!("{}/{i}", origin.pointer), diags)
            })
            .collect();
        Some(Spanned::new(items, origin))
    }

    /// A `map<string,string>` (parameters, tags, options), in input order.
    pub fn string_map(&mut self, key: &str, diags: &mut Diagnostics) -> Vec<KeyValue> {
        let Some(mut map) = self.obj(key, diags) else {
            return Vec::new();
        };
        let entries = map.entries();
        let mut out = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            map.used[i] = true;
            let ptr = format!("{}/{}", map.ptr, pointer_token(&e.key));
            let key_origin = Origin::new(self.ctx.file, e.key_span, ptr.clone());
            let value = if is_absent(&e.value) {
                Some(Spanned::new(String::new(), self.ctx.origin(&e.value, &ptr)))
            } else {
                read_string(self.ctx, &e.value, &ptr, diags)
            };
            if let Some(value) = value {
                out.push(KeyValue {
                    key: Spanned::new(e.key.clone(), key_origin),
                    value,
                });
            }
        }
        out
    }

    /// A list of `{name, value}` objects (environment variables).
    pub fn name_values(&mut self, key: &str, diags: &mut Diagnostics) -> Vec<KeyValue> {
        let mut out = Vec::new();
        for mut item in self.objects(key, diags) {
            let name = item.required_string("name", "an environment variable", diags);
            let origin = item.origin();
            let value = item
                .string("value", diags)
                .unwrap_or_else(|| Spanned::new(String::new(), origin));
            item.finish(diags);
            if let Some(name) = name {
                out.push(KeyValue { key: name, value });
            }
        }
        out
    }

    /// Reports every key that was not read.
    pub fn finish(self, diags: &mut Diagnostics) {
        let entries = self.entries();
        for (i, e) in entries.iter().enumerate() {
            // A repeated key is reported as a duplicate (B2A010), not as unknown.
            let repeated = entries[..i].iter().any(|earlier| earlier.key == e.key);
            if !self.used[i] && !repeated {
                let ptr = format!("{}/{}", self.ptr, pointer_token(&e.key));
                let (code, api) = match self.ctx.api {
                    Api::AwsBatch => (Code::UnknownField, "AWS Batch"),
                    Api::BatchCompute => (Code::UnknownBatchComputeField, "BatchCompute"),
                };
                diags.push(
                    Diagnostic::new(
                        code,
                        format!(
                            "`{}` is not a field of this {api} object; it was ignored",
                            e.key
                        ),
                    )
                    .at(&Origin::new(self.ctx.file, e.key_span, ptr)),
                );
            }
        }
    }
}

/// `null`, and the empty strings, lists and objects of `--generate-cli-skeleton` files, mean
/// "not set".
fn is_absent(node: &Node) -> bool {
    match &node.value {
        Value::Scalar(s) => s.kind == ScalarKind::Null,
        Value::Seq(items) => items.is_empty(),
        Value::Map(entries) => entries.is_empty(),
    }
}

pub fn read_string(ctx: Ctx, node: &Node, ptr: &str, diags: &mut Diagnostics) -> Option<Text> {
    let origin = ctx.origin(node, ptr);
    match &node.value {
        Value::Scalar(s) => match s.kind {
            ScalarKind::Str => Some(Spanned::new(s.text.clone(), origin)),
            ScalarKind::Null => None,
            ScalarKind::Number | ScalarKind::Bool(_) => {
                diags.report(
                    Code::ScalarAsString,
                    &origin,
                    format!(
                        "{} stands where {} requires a string; read as \"{}\"",
                        node.kind_name(),
                        ctx.api.owner(),
                        s.text
                    ),
                );
                Some(Spanned::new(s.text.clone(), origin))
            }
        },
        _ => {
            diags.report(
                Code::WrongType,
                &origin,
                format!("expected a string, found {}", node.kind_name()),
            );
            None
        }
    }
}

pub fn read_int(ctx: Ctx, node: &Node, ptr: &str, diags: &mut Diagnostics) -> Option<Spanned<i64>> {
    let origin = ctx.origin(node, ptr);
    let Value::Scalar(s) = &node.value else {
        diags.report(
            Code::WrongType,
            &origin,
            format!("expected an integer, found {}", node.kind_name()),
        );
        return None;
    };
    let parsed = s.text.trim().parse::<i64>().ok();
    match (s.kind, parsed) {
        (ScalarKind::Number, Some(v)) => Some(Spanned::new(v, origin)),
        (ScalarKind::Str, Some(v)) => {
            diags.report(
                Code::ScalarAsString,
                &origin,
                format!(
                    "the string \"{}\" stands where {} requires an integer; read as {v}",
                    s.text,
                    ctx.api.owner()
                ),
            );
            Some(Spanned::new(v, origin))
        }
        _ => {
            diags.report(
                Code::WrongType,
                &origin,
                format!(
                    "expected an integer, found {} `{}`",
                    node.kind_name(),
                    s.text
                ),
            );
            None
        }
    }
}

pub fn read_bool(
    ctx: Ctx,
    node: &Node,
    ptr: &str,
    diags: &mut Diagnostics,
) -> Option<Spanned<bool>> {
    let origin = ctx.origin(node, ptr);
    match &node.value {
        Value::Scalar(s) => match s.kind {
            ScalarKind::Bool(b) => Some(Spanned::new(b, origin)),
            ScalarKind::Str
                if s.text.eq_ignore_ascii_case("true") || s.text.eq_ignore_ascii_case("false") =>
            {
                let b = s.text.eq_ignore_ascii_case("true");
                diags.report(
                    Code::ScalarAsString,
                    &origin,
                    format!(
                        "the string \"{}\" stands where {} requires a boolean; read as {b}",
                        s.text,
                        ctx.api.owner()
                    ),
                );
                Some(Spanned::new(b, origin))
            }
            _ => {
                diags.report(
                    Code::WrongType,
                    &origin,
                    format!(
                        "expected a boolean, found {} `{}`",
                        node.kind_name(),
                        s.text
                    ),
                );
                None
            }
        },
        _ => {
            diags.report(
                Code::WrongType,
                &origin,
                format!("expected a boolean, found {}", node.kind_name()),
            );
            None
        }
    }
}
