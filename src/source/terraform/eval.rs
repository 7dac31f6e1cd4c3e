//! Terraform expressions → values (spanned [`Node`]s), without running Terraform.
//!
//! What is known from the configuration alone is evaluated: literals, templates, variables
//! (defaults, `.tfvars`, `--var`), locals, `count.index` / `each.*`, configured arguments of
//! other resources, the names and ARNs of the Batch resources, and a few pure functions
//! (`jsonencode`, `file`, `templatefile`, …). Everything else is a B2A621 diagnostic at the
//! expression's span, never a guess. Recursion is bounded and local cycles are reported.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use hcl_edit::expr::{
    BinaryOperator, Expression, FuncCall, ObjectKey, TraversalOperator, UnaryOperator,
};
use hcl_edit::structure::{Body, Structure};
use hcl_edit::template::{Directive, Element, Template};
use hcl_edit::Span as _;

use super::text;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, Span};
use crate::source::syntax::{Entry, Node, Scalar, ScalarKind, Value};

/// Deepest expression nesting (through locals, variables and templates) evaluated.
pub const MAX_DEPTH: usize = 64;
/// Most elements a `for` expression, `count` or template loop may produce.
pub const MAX_ITEMS: usize = 10_000;
/// Largest file `file()` / `templatefile()` reads.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Marks a value made by `jsonencode`: the tree is kept (with its spans) and becomes JSON text
/// only where a string is needed. YAML tags never contain a space, so no input can forge it.
pub const JSON_TAG: &str = " jsonencode";
/// File index of text that is not a module file (a template read by `templatefile`, a
/// `.tfvars` file): its spans are shown at the expression that used it.
pub const FOREIGN: usize = usize::MAX;

/// An expression of the configuration: HCL, or a `.tf.json` value (whose strings are templates).
#[derive(Clone, Copy)]
pub enum Def<'m> {
    Hcl(&'m Expression),
    Json(&'m Node),
}

/// A resource or variable body: HCL or `.tf.json`.
#[derive(Clone, Copy)]
pub enum BodyRef<'m> {
    Hcl(&'m Body),
    Json(&'m Node),
}

impl<'m> BodyRef<'m> {
    /// The expression of a top-level argument.
    pub fn attr(&self, key: &str) -> Option<Def<'m>> {
        match self {
            BodyRef::Hcl(b) => b.get_attribute(key).map(|a| Def::Hcl(&a.value)),
            BodyRef::Json(n) => n.get(key).map(Def::Json),
        }
    }
}

pub struct Variable<'m> {
    pub file: usize,
    pub default: Option<Def<'m>>,
    /// The declared type, as written (`string`, `number`, `list(string)`…).
    pub kind: Option<String>,
}

pub struct Resource<'m> {
    pub file: usize,
    pub kind: String,
    pub name: String,
    pub body: BodyRef<'m>,
    pub span: Span,
}

/// The names a module declares, over all its files.
#[derive(Default)]
pub struct Scope<'m> {
    /// File names by index (0 is the file being loaded).
    pub names: Vec<String>,
    /// File texts by index (HCL literals are aligned against them).
    pub texts: Vec<&'m str>,
    pub variables: BTreeMap<String, Variable<'m>>,
    pub locals: BTreeMap<String, (usize, Def<'m>)>,
    pub resources: BTreeMap<(String, String), Resource<'m>>,
    /// Variable values from `.tfvars` files and `--var`, already evaluated.
    pub overrides: BTreeMap<String, Node>,
    /// The folder `file()` and `templatefile()` read from; `None` reads nothing.
    pub dir: Option<PathBuf>,
}

/// Where an expression's spans are: a module file (index and base offset) and its text.
#[derive(Clone, Copy)]
pub struct Loc<'t> {
    pub file: usize,
    pub base: usize,
    pub text: &'t str,
}

/// A failed evaluation; the diagnostic has been reported.
#[derive(Debug)]
pub struct Fail;

pub type R = Result<Node, Fail>;

pub struct Eval<'m, 'd> {
    pub scope: &'m Scope<'m>,
    pub file: FileId,
    pub diags: &'d mut Diagnostics,
    /// Byte positions of strings made by templates, keyed by the string's span.
    pub positions: HashMap<(u32, u32), Vec<u32>>,
    locals: HashMap<String, Option<Node>>,
    in_progress: Vec<String>,
    bound: Vec<(String, Node)>,
    depth: usize,
    /// Where, in the file being loaded, evaluation of another file's expression started.
    site: Option<Span>,
}

pub fn str_node(text: impl Into<String>, span: Span) -> Node {
    scalar(text.into(), ScalarKind::Str, span)
}

fn scalar(text: String, kind: ScalarKind, span: Span) -> Node {
    Node {
        value: Value::Scalar(Scalar {
            text,
            kind,
            plain: false,
        }),
        span,
        tag: None,
    }
}

fn num_node(f: f64, span: Span) -> Node {
    let text = if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    };
    scalar(text, ScalarKind::Number, span)
}

fn bool_node(b: bool, span: Span) -> Node {
    scalar(b.to_string(), ScalarKind::Bool(b), span)
}

fn range(r: Option<std::ops::Range<usize>>) -> (usize, usize) {
    r.map_or((0, 0), |r| (r.start, r.end))
}

impl<'m, 'd> Eval<'m, 'd> {
    /// The (key, value) pairs a `for` iterates: index and item of a list, key and value of a map.
    fn iteration(
        &mut self,
        coll: &Node,
        what: &str,
        at: Option<std::ops::Range<usize>>,
        loc: Loc<'_>,
    ) -> Result<Vec<(Node, Node)>, Fail> {
        match &coll.value {
            Value::Seq(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, v)| (num_node(i as f64, v.span), v.clone()))
                .collect()),
            Value::Map(entries) => Ok(entries
                .iter()
                .map(|e| (str_node(e.key.clone(), e.key_span), e.value.clone()))
                .collect()),
            Value::Scalar(_) => Err(self.fail(
                Code::InvalidValue,
                loc,
                at,
                format!("{what} needs a list or a map, not {}", coll.kind_name()),
            )),
        }
    }

    /// Evaluates every item, so each failure is reported, and fails if any did.
    fn all<I>(
        &mut self,
        items: I,
        mut f: impl FnMut(&mut Self, I::Item) -> R,
    ) -> Result<Vec<Node>, Fail>
    where
        I: Iterator,
    {
        let mut out = Vec::new();
        let mut failed = false;
        for item in items {
            match f(self, item) {
                Ok(n) => out.push(n),
                Err(Fail) => failed = true,
            }
        }
        if failed {
            Err(Fail)
        } else {
            Ok(out)
        }
    }

    pub fn new(scope: &'m Scope<'m>, file: FileId, diags: &'d mut Diagnostics) -> Eval<'m, 'd> {
        Eval {
            scope,
            file,
            diags,
            positions: HashMap::new(),
            locals: HashMap::new(),
            in_progress: Vec::new(),
            bound: Vec::new(),
            depth: 0,
            site: None,
        }
    }

    /// The location of a module file's text.
    pub fn loc(&self, file: usize) -> Loc<'m> {
        Loc {
            file,
            base: 0,
            text: self.scope.texts.get(file).copied().unwrap_or(""),
        }
    }

    /// Binds `count.index` / `each.key` / `each.value` (or template variables) while `f` runs.
    pub fn with_bound<T>(
        &mut self,
        vars: Vec<(String, Node)>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let n = self.bound.len();
        self.bound.extend(vars);
        let out = f(self);
        self.bound.truncate(n);
        out
    }

    /// A span in the file being loaded for a range of `loc`'s text.
    pub fn span(&self, loc: Loc<'_>, r: Option<std::ops::Range<usize>>) -> Span {
        if loc.file == 0 {
            let (s, e) = range(r);
            Span::new(loc.base + s, loc.base + e)
        } else {
            self.site.unwrap_or(Span::new(0, 0))
        }
    }

    fn where_(&self, loc: Loc<'_>) -> String {
        if loc.file == 0 {
            String::new()
        } else if loc.file == FOREIGN {
            " (in a file it reads)".to_string()
        } else {
            format!(
                " (in {})",
                self.scope.names.get(loc.file).map_or("?", String::as_str)
            )
        }
    }

    pub fn report(&mut self, code: Code, span: Span, message: impl Into<String>) -> Fail {
        let message = message.into();
        if self.site.is_none() && span == Span::new(0, 0) && self.in_progress.is_empty() {
            self.diags.push(Diagnostic::new(code, message));
        } else {
            self.diags
                .push(Diagnostic::new(code, message).at(&Origin::new(self.file, span, "")));
        }
        Fail
    }

    fn fail(
        &mut self,
        code: Code,
        loc: Loc<'_>,
        r: Option<std::ops::Range<usize>>,
        m: String,
    ) -> Fail {
        let span = self.span(loc, r);
        let m = format!("{m}{}", self.where_(loc));
        self.report(code, span, m)
    }

    fn unknown(&mut self, loc: Loc<'_>, r: Option<std::ops::Range<usize>>, what: String) -> Fail {
        self.fail(
            Code::TerraformUnknownValue,
            loc,
            r,
            format!("{what} is only known when Terraform runs; batch2argo does not guess it"),
        )
    }

    /// Evaluates an expression of the configuration.
    pub fn def(&mut self, def: Def<'_>, loc: Loc<'_>) -> R {
        match def {
            Def::Hcl(e) => self.expr(e, loc),
            Def::Json(n) => self.json(n, loc),
        }
    }

    /// Evaluates an expression of another module file, reporting at `site`.
    fn def_in(&mut self, def: Def<'_>, file: usize, site: Span) -> R {
        let loc = self.loc(file);
        if file == 0 {
            return self.def(def, loc);
        }
        let saved = self.site.replace(self.site.unwrap_or(site));
        let out = self.def(def, loc);
        self.site = saved;
        out.map(|mut n| {
            text::respan(&mut n, site);
            n
        })
    }

    fn enter(&mut self, loc: Loc<'_>, r: Option<std::ops::Range<usize>>) -> Result<(), Fail> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(self.fail(
                Code::TerraformCycle,
                loc,
                r,
                format!("expressions nest deeper than {MAX_DEPTH} levels (through locals, variables or templates)"),
            ));
        }
        Ok(())
    }

    pub fn expr(&mut self, e: &Expression, loc: Loc<'_>) -> R {
        self.enter(loc, e.span())?;
        let out = self.expr_inner(e, loc);
        self.depth -= 1;
        out
    }

    fn expr_inner(&mut self, e: &Expression, loc: Loc<'_>) -> R {
        let span = self.span(loc, e.span());
        match e {
            Expression::Null(_) => Ok(scalar("null".into(), ScalarKind::Null, span)),
            Expression::Bool(b) => Ok(bool_node(*b.value(), span)),
            Expression::Number(n) => Ok(scalar(n.value().to_string(), ScalarKind::Number, span)),
            Expression::String(s) => {
                if loc.file == 0 {
                    let (a, b) = range(e.span());
                    let raw = loc.text.get(a..b).unwrap_or("");
                    let pos = text::align(s.value(), raw, loc.base + a);
                    self.positions.insert((span.start, span.end), pos);
                }
                Ok(str_node(s.value().clone(), span))
            }
            Expression::Array(a) => {
                let items = self.all(a.iter(), |e, x| e.expr(x, loc))?;
                Ok(Node {
                    value: Value::Seq(items),
                    span,
                    tag: None,
                })
            }
            Expression::Object(o) => {
                let mut entries = Vec::new();
                let mut failed = false;
                for (k, v) in o.iter() {
                    let key_span = self.span(loc, k.span());
                    let key = match k {
                        ObjectKey::Ident(i) => i.as_str().to_string(),
                        ObjectKey::Expression(x) => match self.expr(x, loc) {
                            Ok(n) => match self.to_string(&n, loc, x.span()) {
                                Ok(s) => s,
                                Err(Fail) => {
                                    failed = true;
                                    continue;
                                }
                            },
                            Err(Fail) => {
                                failed = true;
                                continue;
                            }
                        },
                    };
                    match self.expr(v.expr(), loc) {
                        Ok(value) => entries.push(Entry {
                            key,
                            key_span,
                            value,
                        }),
                        Err(Fail) => failed = true,
                    }
                }
                if failed {
                    return Err(Fail);
                }
                Ok(Node {
                    value: Value::Map(entries),
                    span,
                    tag: None,
                })
            }
            Expression::StringTemplate(t) => self.template(t, span, loc),
            Expression::HeredocTemplate(h) => self.template(&h.template, span, loc),
            Expression::Parenthesis(p) => self.expr(p.inner(), loc),
            Expression::Variable(v) => {
                let name = v.as_str();
                if let Some(n) = self.lookup_bound(name) {
                    let mut n = n.clone();
                    if loc.file == 0 && self.site.is_none() {
                        n.span = span;
                    }
                    return Ok(n);
                }
                Err(self.fail(
                    Code::TerraformUndefined,
                    loc,
                    e.span(),
                    format!("`{name}` is not a value here (write `var.{name}` or `local.{name}`)"),
                ))
            }
            Expression::Conditional(c) => {
                let cond = self.expr(&c.cond_expr, loc)?;
                match cond.as_scalar().map(|s| s.kind) {
                    Some(ScalarKind::Bool(true)) => self.expr(&c.true_expr, loc),
                    Some(ScalarKind::Bool(false)) => self.expr(&c.false_expr, loc),
                    _ => Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        c.cond_expr.span(),
                        format!(
                            "a condition must be true or false, not {}",
                            cond.kind_name()
                        ),
                    )),
                }
            }
            Expression::FuncCall(f) => self.call(f, span, loc),
            Expression::Traversal(t) => self.traversal(&t.expr, &t.operators, span, loc),
            Expression::UnaryOp(u) => {
                let v = self.expr(&u.expr, loc)?;
                match (
                    u.operator.value(),
                    v.as_scalar().map(|s| (s.kind, s.text.clone())),
                ) {
                    (UnaryOperator::Not, Some((ScalarKind::Bool(b), _))) => Ok(bool_node(!b, span)),
                    (UnaryOperator::Neg, Some((ScalarKind::Number, t))) => match t.parse::<f64>() {
                        Ok(f) => Ok(num_node(-f, span)),
                        Err(_) => {
                            Err(self.fail(Code::InvalidValue, loc, e.span(), "not a number".into()))
                        }
                    },
                    _ => Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        e.span(),
                        format!("the operator does not apply to {}", v.kind_name()),
                    )),
                }
            }
            Expression::BinaryOp(b) => {
                let l = self.expr(&b.lhs_expr, loc)?;
                let r = self.expr(&b.rhs_expr, loc)?;
                self.binary(*b.operator.value(), &l, &r, span, loc, e.span())
            }
            Expression::ForExpr(f) => self.for_expr(f, span, loc),
        }
    }

    fn lookup_bound(&self, name: &str) -> Option<&Node> {
        self.bound
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    fn binary(
        &mut self,
        op: BinaryOperator,
        l: &Node,
        r: &Node,
        span: Span,
        loc: Loc<'_>,
        at: Option<std::ops::Range<usize>>,
    ) -> R {
        use BinaryOperator as B;
        match op {
            B::Eq => return Ok(bool_node(same(l, r), span)),
            B::NotEq => return Ok(bool_node(!same(l, r), span)),
            B::And | B::Or => {
                let (Some(ScalarKind::Bool(a)), Some(ScalarKind::Bool(b))) =
                    (l.as_scalar().map(|s| s.kind), r.as_scalar().map(|s| s.kind))
                else {
                    return Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        at,
                        "`&&` and `||` need booleans".into(),
                    ));
                };
                return Ok(bool_node(if op == B::And { a && b } else { a || b }, span));
            }
            _ => {}
        }
        let num = |n: &Node| {
            n.as_scalar()
                .and_then(|s| s.text.trim().parse::<f64>().ok())
        };
        let (Some(a), Some(b)) = (num(l), num(r)) else {
            return Err(self.fail(
                Code::InvalidValue,
                loc,
                at,
                "arithmetic needs numbers".into(),
            ));
        };
        Ok(match op {
            B::Plus => num_node(a + b, span),
            B::Minus => num_node(a - b, span),
            B::Mul => num_node(a * b, span),
            B::Div | B::Mod if b == 0.0 => {
                return Err(self.fail(Code::InvalidValue, loc, at, "division by zero".into()))
            }
            B::Div => num_node(a / b, span),
            B::Mod => num_node(a % b, span),
            B::Less => bool_node(a < b, span),
            B::LessEq => bool_node(a <= b, span),
            B::Greater => bool_node(a > b, span),
            B::GreaterEq => bool_node(a >= b, span),
            _ => bool_node(false, span),
        })
    }

    fn for_expr(&mut self, f: &hcl_edit::expr::ForExpr, span: Span, loc: Loc<'_>) -> R {
        let coll = self.expr(&f.intro.collection_expr, loc)?;
        let pairs = self.iteration(
            &coll,
            "a `for` expression",
            f.intro.collection_expr.span(),
            loc,
        )?;
        if pairs.len() > MAX_ITEMS {
            return Err(self.fail(
                Code::InputLimit,
                loc,
                f.intro.collection_expr.span(),
                format!("more than {MAX_ITEMS} elements"),
            ));
        }
        let mut items = Vec::new();
        let mut entries = Vec::new();
        for (k, v) in pairs {
            let mut vars = vec![(f.intro.value_var.as_str().to_string(), v)];
            if let Some(kv) = &f.intro.key_var {
                vars.push((kv.as_str().to_string(), k));
            }
            let out = self.with_bound(
                vars,
                |ev| -> Result<Option<(Option<String>, Span, Node)>, Fail> {
                    if let Some(c) = &f.cond {
                        let keep = ev.expr(&c.expr, loc)?;
                        if !matches!(
                            keep.as_scalar().map(|s| s.kind),
                            Some(ScalarKind::Bool(true))
                        ) {
                            return Ok(None);
                        }
                    }
                    let key = match &f.key_expr {
                        Some(k) => {
                            let kn = ev.expr(k, loc)?;
                            Some((ev.to_string(&kn, loc, k.span())?, kn.span))
                        }
                        None => None,
                    };
                    let value = ev.expr(&f.value_expr, loc)?;
                    Ok(Some(match key {
                        Some((k, s)) => (Some(k), s, value),
                        None => (None, value.span, value),
                    }))
                },
            )?;
            match out {
                Some((Some(key), key_span, value)) => entries.push(Entry {
                    key,
                    key_span,
                    value,
                }),
                Some((None, _, value)) => items.push(value),
                None => {}
            }
        }
        Ok(Node {
            value: if f.key_expr.is_some() {
                Value::Map(entries)
            } else {
                Value::Seq(items)
            },
            span,
            tag: None,
        })
    }

    /// A value as template text: strings, numbers and booleans; `jsonencode` results as JSON.
    pub fn to_string(
        &mut self,
        n: &Node,
        loc: Loc<'_>,
        at: Option<std::ops::Range<usize>>,
    ) -> Result<String, Fail> {
        if n.tag.as_deref() == Some(JSON_TAG) {
            return Ok(text::to_json(n));
        }
        match &n.value {
            Value::Scalar(s) if s.kind != ScalarKind::Null => Ok(s.text.clone()),
            _ => Err(self.fail(
                Code::InvalidValue,
                loc,
                at,
                format!("{} cannot be written into a string", n.kind_name()),
            )),
        }
    }

    fn template(&mut self, t: &Template, span: Span, loc: Loc<'_>) -> R {
        let elements: Vec<&Element> = t.iter().collect();
        // `"${x}"` alone is `x` itself, whatever its type.
        if let [Element::Interpolation(i)] = elements.as_slice() {
            let mut v = self.expr(&i.expr, loc)?;
            if v.as_scalar().is_some() {
                v.span = span;
            }
            return Ok(v);
        }
        let mut out = String::new();
        let mut pos: Vec<u32> = Vec::new();
        self.template_into(t, loc, &mut out, &mut pos)?;
        if loc.file == 0 && self.site.is_none() {
            pos.push(span.end.saturating_sub(1));
            self.positions.insert((span.start, span.end), pos);
        }
        Ok(str_node(out, span))
    }

    fn template_into(
        &mut self,
        t: &Template,
        loc: Loc<'_>,
        out: &mut String,
        pos: &mut Vec<u32>,
    ) -> Result<(), Fail> {
        for el in t.iter() {
            match el {
                Element::Literal(s) => {
                    let (a, b) = range(s.span());
                    let p = if loc.file == 0 {
                        let raw = loc.text.get(a..b).unwrap_or("");
                        text::align(s.value(), raw, loc.base + a)
                    } else {
                        vec![self.span(loc, None).start; s.value().len() + 1]
                    };
                    pos.extend(p.iter().take(s.value().len()));
                    out.push_str(s.value());
                }
                Element::Interpolation(i) => {
                    let v = self.expr(&i.expr, loc)?;
                    let s = self.to_string(&v, loc, i.expr.span())?;
                    let at = self.span(loc, i.expr.span()).start;
                    pos.extend(std::iter::repeat_n(at, s.len()));
                    out.push_str(&s);
                }
                Element::Directive(d) => match d.as_ref() {
                    Directive::If(d) => {
                        let c = self.expr(&d.if_expr.cond_expr, loc)?;
                        match c.as_scalar().map(|s| s.kind) {
                            Some(ScalarKind::Bool(true)) => {
                                self.template_into(&d.if_expr.template, loc, out, pos)?
                            }
                            Some(ScalarKind::Bool(false)) => {
                                if let Some(e) = &d.else_expr {
                                    self.template_into(&e.template, loc, out, pos)?
                                }
                            }
                            _ => {
                                return Err(self.fail(
                                    Code::InvalidValue,
                                    loc,
                                    d.if_expr.cond_expr.span(),
                                    "a template `if` needs true or false".into(),
                                ))
                            }
                        }
                    }
                    Directive::For(d) => {
                        let f = &d.for_expr;
                        let coll = self.expr(&f.collection_expr, loc)?;
                        let pairs = self.iteration(
                            &coll,
                            "a template `for`",
                            f.collection_expr.span(),
                            loc,
                        )?;
                        for (k, v) in pairs.into_iter().take(MAX_ITEMS) {
                            let mut vars = vec![(f.value_var.as_str().to_string(), v)];
                            if let Some(kv) = &f.key_var {
                                vars.push((kv.as_str().to_string(), k));
                            }
                            self.with_bound(vars, |ev| {
                                ev.template_into(&f.template, loc, out, pos)
                            })?;
                            if out.len() > 16 * 1024 * 1024 {
                                return Err(self.fail(
                                    Code::InputLimit,
                                    loc,
                                    f.collection_expr.span(),
                                    "the template grows beyond 16 MiB".into(),
                                ));
                            }
                        }
                    }
                },
            }
        }
        Ok(())
    }

    /// A `.tf.json` value: strings are templates.
    pub fn json(&mut self, n: &Node, loc: Loc<'_>) -> R {
        self.enter(loc, None)?;
        let out = self.json_inner(n, loc);
        self.depth -= 1;
        out
    }

    fn json_inner(&mut self, n: &Node, loc: Loc<'_>) -> R {
        let span = if loc.file == 0 {
            n.span
        } else {
            self.span(loc, None)
        };
        match &n.value {
            Value::Scalar(s)
                if s.kind == ScalarKind::Str
                    && (s.text.contains("${") || s.text.contains("%{")) =>
            {
                let t = match hcl_edit::parser::parse_template(&s.text) {
                    Ok(t) => t,
                    Err(e) => {
                        return Err(self.report(
                            Code::TerraformSyntax,
                            span,
                            format!("invalid template: {}", e.message()),
                        ))
                    }
                };
                let inner = Loc {
                    file: loc.file,
                    base: n.span.start as usize + 1,
                    text: &s.text,
                };
                let mut v = self.template(&t, span, inner)?;
                if let Some(p) = self.positions.remove(&(span.start, span.end)) {
                    // Re-aligned against JSON escaping.
                    let _ = p;
                    if let Some(text) = v.as_scalar().map(|s| s.text.clone()) {
                        self.positions.insert(
                            (span.start, span.end),
                            text::json_string_positions(&text, span),
                        );
                    }
                }
                v.span = span;
                Ok(v)
            }
            Value::Scalar(_) => {
                let mut c = n.clone();
                c.span = span;
                Ok(c)
            }
            Value::Seq(items) => {
                let out = self.all(items.iter(), |e, i| e.json(i, loc))?;
                Ok(Node {
                    value: Value::Seq(out),
                    span,
                    tag: None,
                })
            }
            Value::Map(entries) => {
                let mut out = Vec::new();
                let mut failed = false;
                for e in entries {
                    if e.key.starts_with("//") {
                        continue;
                    }
                    match self.json(&e.value, loc) {
                        Ok(value) => out.push(Entry {
                            key: e.key.clone(),
                            key_span: if loc.file == 0 { e.key_span } else { span },
                            value,
                        }),
                        Err(Fail) => failed = true,
                    }
                }
                if failed {
                    return Err(Fail);
                }
                Ok(Node {
                    value: Value::Map(out),
                    span,
                    tag: None,
                })
            }
        }
    }

    /// `root.a.b[0]…`
    fn traversal(
        &mut self,
        root: &Expression,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        loc: Loc<'_>,
    ) -> R {
        let whole = root.span().map(|r| {
            let end = ops.last().and_then(|o| o.span()).map_or(r.end, |o| o.end);
            r.start..end
        });
        let attr = |i: usize| -> Option<&str> {
            match ops.get(i).map(|o| o.value()) {
                Some(TraversalOperator::GetAttr(a)) => Some(a.as_str()),
                _ => None,
            }
        };
        let (value, used) = match root {
            Expression::Variable(v) if self.lookup_bound(v.as_str()).is_none() => {
                let name = v.as_str();
                match name {
                    "var" => {
                        let Some(n) = attr(0) else {
                            return Err(self.fail(
                                Code::TerraformUndefined,
                                loc,
                                whole,
                                "`var` needs a variable name".into(),
                            ));
                        };
                        (self.variable(n, span, loc, whole.clone())?, 1)
                    }
                    "local" => {
                        let Some(n) = attr(0) else {
                            return Err(self.fail(
                                Code::TerraformUndefined,
                                loc,
                                whole,
                                "`local` needs a name".into(),
                            ));
                        };
                        (self.local(n, span, loc, whole.clone())?, 1)
                    }
                    "path" => (str_node(".", span), 1),
                    "data" | "module" | "terraform" | "self" => {
                        let what = match name {
                            "data" => format!(
                                "the data source `data.{}.{}`",
                                attr(0).unwrap_or("?"),
                                attr(1).unwrap_or("?")
                            ),
                            "module" => {
                                format!("the module output `module.{}`", attr(0).unwrap_or("?"))
                            }
                            _ => format!("`{name}.{}`", attr(0).unwrap_or("?")),
                        };
                        return Err(self.unknown(loc, whole, what));
                    }
                    "count" | "each" => {
                        return Err(self.fail(
                            Code::TerraformUndefined,
                            loc,
                            whole,
                            format!(
                                "`{name}` is only defined in a resource with `{}`",
                                if name == "count" { "count" } else { "for_each" }
                            ),
                        ))
                    }
                    kind => {
                        let Some(rname) = attr(0) else {
                            return Err(self.fail(
                                Code::TerraformUndefined,
                                loc,
                                whole,
                                format!("`{kind}` is not declared"),
                            ));
                        };
                        let (n, used) =
                            self.resource_ref(kind, rname, &ops[1..], span, loc, whole.clone())?;
                        (n, used + 1)
                    }
                }
            }
            _ => (self.expr(root, loc)?, 0),
        };
        self.apply_ops(value, &ops[used.min(ops.len())..], span, loc)
    }

    fn apply_ops(
        &mut self,
        mut value: Node,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        loc: Loc<'_>,
    ) -> R {
        for op in ops {
            let next = match op.value() {
                TraversalOperator::GetAttr(a) => {
                    value.get(a.as_str()).cloned().ok_or(a.as_str().to_string())
                }
                TraversalOperator::Index(x) => {
                    let k = self.expr(x, loc)?;
                    let text = k.as_scalar().map(|s| s.text.clone()).unwrap_or_default();
                    match &value.value {
                        Value::Seq(items) => text
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| items.get(i).cloned())
                            .ok_or(format!("[{text}]")),
                        _ => value.get(&text).cloned().ok_or(format!("[\"{text}\"]")),
                    }
                }
                TraversalOperator::LegacyIndex(i) => value
                    .as_seq()
                    .and_then(|s| s.get(*i.value() as usize).cloned())
                    .ok_or(format!(".{}", i.value())),
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    return Err(self.unknown(loc, op.span(), "a splat expression (`[*]`)".into()))
                }
            };
            value = match next {
                Ok(v) => v,
                Err(what) => {
                    return Err(self.fail(
                        Code::TerraformUndefined,
                        loc,
                        op.span(),
                        format!("{} has no element `{what}`", value.kind_name()),
                    ))
                }
            };
        }
        if loc.file == 0 && self.site.is_none() && value.as_scalar().is_some() {
            // A scalar is shown where it is used only when it has no place of its own.
            if value.span == Span::new(0, 0) {
                value.span = span;
            }
        }
        Ok(value)
    }

    fn variable(
        &mut self,
        name: &str,
        span: Span,
        loc: Loc<'_>,
        at: Option<std::ops::Range<usize>>,
    ) -> R {
        let site = if loc.file == 0 {
            span
        } else {
            self.span(loc, None)
        };
        if let Some(v) = self.scope.overrides.get(name) {
            let mut v = v.clone();
            text::respan(&mut v, site);
            return Ok(v);
        }
        let Some(decl) = self.scope.variables.get(name) else {
            return Err(self.fail(
                Code::TerraformUndefined,
                loc,
                at,
                format!("no `variable \"{name}\"` block declares `var.{name}`"),
            ));
        };
        let Some(default) = decl.default else {
            return Err(self.fail(
                Code::TerraformUndefined,
                loc,
                at,
                format!("the variable `{name}` has no default; pass its value with `--var {name}=…` or a `.tfvars` file"),
            ));
        };
        let file = decl.file;
        self.def_in(default, file, site)
    }

    fn local(
        &mut self,
        name: &str,
        span: Span,
        loc: Loc<'_>,
        at: Option<std::ops::Range<usize>>,
    ) -> R {
        let site = if loc.file == 0 {
            span
        } else {
            self.span(loc, None)
        };
        let Some(&(file, def)) = self.scope.locals.get(name) else {
            return Err(self.fail(
                Code::TerraformUndefined,
                loc,
                at,
                format!("no `locals` block declares `local.{name}`"),
            ));
        };
        if let Some(cached) = self.locals.get(name) {
            return match cached {
                Some(n) => {
                    let mut n = n.clone();
                    if file != 0 {
                        text::respan(&mut n, site);
                    }
                    Ok(n)
                }
                None => Err(Fail),
            };
        }
        if self.in_progress.iter().any(|n| n == name) {
            let chain = self.in_progress.join(" → ");
            return Err(self.fail(
                Code::TerraformCycle,
                loc,
                at,
                format!("`local.{name}` refers to itself ({chain} → {name})"),
            ));
        }
        self.in_progress.push(name.to_string());
        let out = self.def_in(def, file, site);
        self.in_progress.pop();
        // Values that depend on `count`/`each` are not cached.
        if self.bound.is_empty() {
            self.locals
                .insert(name.to_string(), out.as_ref().ok().cloned());
        }
        out
    }

    /// `aws_batch_compute_environment.x.arn` and the configured arguments of any resource.
    fn resource_ref(
        &mut self,
        kind: &str,
        name: &str,
        ops: &[hcl_edit::Decorated<TraversalOperator>],
        span: Span,
        loc: Loc<'_>,
        at: Option<std::ops::Range<usize>>,
    ) -> Result<(Node, usize), Fail> {
        let site = if loc.file == 0 {
            span
        } else {
            self.span(loc, None)
        };
        let Some(res) = self
            .scope
            .resources
            .get(&(kind.to_string(), name.to_string()))
        else {
            return Err(self.fail(
                Code::TerraformUndefined,
                loc,
                at,
                format!("no `resource \"{kind}\" \"{name}\"` is declared in this folder"),
            ));
        };
        // `x[0].arn`, `x["key"].arn`: the instance's `count.index` / `each.key`.
        let mut used = 1;
        let mut vars = Vec::new();
        if let Some(TraversalOperator::Index(x)) = ops.first().map(|o| o.value()) {
            let k = self.expr(x, loc)?;
            used += 1;
            vars = instance_vars(&k, &k);
        }
        let attr_name = match ops.get(used - 1).map(|o| o.value()) {
            Some(TraversalOperator::GetAttr(a)) => a.as_str().to_string(),
            _ => {
                return Err(self.unknown(loc, at, format!("the whole resource `{kind}.{name}`")));
            }
        };
        let (file, body) = (res.file, res.body);
        let configured = body.attr(&attr_name);
        let batch_name_key = match kind {
            "aws_batch_compute_environment" => {
                if body.attr("name").is_some() {
                    "name"
                } else {
                    "compute_environment_name"
                }
            }
            _ => "name",
        };
        let is_batch = super::resources::is_batch(kind);
        let computed = |ev: &mut Self, what: &str| -> Result<Node, Fail> {
            let def = body.attr(batch_name_key).ok_or(Fail);
            let Ok(def) = def else {
                return Err(ev.unknown(
                    loc,
                    at.clone(),
                    format!("the generated name of `{kind}.{name}`"),
                ));
            };
            let n = ev.with_bound(vars.clone(), |ev| ev.def_in(def, file, site))?;
            let Some(text) = n.as_scalar().map(|s| s.text.clone()) else {
                return Err(ev.fail(
                    Code::InvalidValue,
                    loc,
                    at.clone(),
                    format!("the name of `{kind}.{name}` is not a string"),
                ));
            };
            let arn_kind = match kind {
                "aws_batch_compute_environment" => "compute-environment",
                "aws_batch_job_queue" => "job-queue",
                "aws_batch_scheduling_policy" => "scheduling-policy",
                _ => "job-definition",
            };
            Ok(str_node(
                match what {
                    "name" => text,
                    _ => format!("arn:aws:batch:::{arn_kind}/{text}"),
                },
                site,
            ))
        };
        let key = format!("{kind}.{name}");
        if self.in_progress.contains(&key) {
            return Err(self.fail(
                Code::TerraformCycle,
                loc,
                at,
                format!("`{key}` refers to itself"),
            ));
        }
        self.in_progress.push(key);
        let out = match (is_batch, attr_name.as_str(), configured) {
            (_, _, Some(def)) => self.with_bound(vars.clone(), |ev| ev.def_in(def, file, site)),
            (true, "name" | "compute_environment_name", None) => computed(self, "name"),
            (true, "id", None) if kind == "aws_batch_compute_environment" => computed(self, "name"),
            (true, "arn" | "id", None) if kind != "aws_batch_job_definition" => {
                computed(self, "arn")
            }
            (true, "arn_prefix", None) if kind == "aws_batch_job_definition" => {
                computed(self, "arn")
            }
            _ => Err(self.unknown(loc, at, format!("`{kind}.{name}.{attr_name}`"))),
        };
        self.in_progress.pop();
        out.map(|n| (n, used))
    }

    fn call(&mut self, f: &FuncCall, span: Span, loc: Loc<'_>) -> R {
        let name = f.name.name.as_str();
        if f.name.is_namespaced() {
            return Err(self.unknown(loc, f.span(), format!("the provider function `{name}`")));
        }
        let args: Vec<&Expression> = f.args.iter().collect();
        let arity = |ev: &mut Self, n: usize| -> Result<(), Fail> {
            if args.len() != n {
                Err(ev.fail(
                    Code::InvalidValue,
                    loc,
                    f.span(),
                    format!("`{name}` takes {n} argument(s), not {}", args.len()),
                ))
            } else {
                Ok(())
            }
        };
        match name {
            "jsonencode" => {
                arity(self, 1)?;
                let mut v = self.expr(args[0], loc)?;
                v.tag = Some(JSON_TAG.into());
                v.span = span;
                Ok(v)
            }
            "jsondecode" => {
                arity(self, 1)?;
                let v = self.expr(args[0], loc)?;
                if v.tag.as_deref() == Some(JSON_TAG) {
                    let mut v = v;
                    v.tag = None;
                    return Ok(v);
                }
                let s = self.to_string(&v, loc, args[0].span())?;
                let pos = self
                    .positions
                    .get(&(v.span.start, v.span.end))
                    .cloned()
                    .unwrap_or_else(|| vec![span.start; s.len() + 1]);
                match text::parse_json_in_string(
                    self.file,
                    &s,
                    &pos,
                    "the argument of `jsondecode`",
                    Code::InvalidValue,
                ) {
                    Ok(n) => Ok(n),
                    Err(ds) => {
                        for d in ds {
                            self.diags.push(d);
                        }
                        Err(Fail)
                    }
                }
            }
            "file" | "templatefile" => {
                let (content, path) = self.read_file(name, &args, loc, f.span())?;
                if name == "file" {
                    return Ok(str_node(content, span));
                }
                let t = match hcl_edit::parser::parse_template(&content) {
                    Ok(t) => t,
                    Err(e) => {
                        return Err(self.fail(
                            Code::TerraformSyntax,
                            loc,
                            f.span(),
                            format!("the template `{path}` is invalid: {}", e.message()),
                        ))
                    }
                };
                let vars = match args.get(1) {
                    Some(x) => self.expr(x, loc)?,
                    None => Node {
                        value: Value::Map(Vec::new()),
                        span,
                        tag: None,
                    },
                };
                let Some(entries) = vars.as_map() else {
                    return Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        f.span(),
                        "the variables of `templatefile` must be an object".into(),
                    ));
                };
                let bound: Vec<(String, Node)> = entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                let saved = self.site.replace(self.site.unwrap_or(span));
                let inner = Loc {
                    file: FOREIGN,
                    base: 0,
                    text: &content,
                };
                let out = self.with_bound(bound, |ev| ev.template(&t, span, inner));
                self.site = saved;
                out.map(|mut n| {
                    if n.as_scalar().is_none() {
                        text::respan(&mut n, span);
                    }
                    n.span = span;
                    n
                })
            }
            "tostring" | "tonumber" | "tobool" | "tolist" | "toset" | "tomap" | "sensitive"
            | "nonsensitive" => {
                arity(self, 1)?;
                let mut v = self.expr(args[0], loc)?;
                if name == "tostring" {
                    let s = self.to_string(&v, loc, args[0].span())?;
                    return Ok(str_node(s, v.span));
                }
                if name == "tonumber" {
                    if let Some(s) = v.as_scalar() {
                        if s.text.trim().parse::<f64>().is_ok() {
                            let t = s.text.trim().to_string();
                            return Ok(scalar(t, ScalarKind::Number, v.span));
                        }
                    }
                    return Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        args[0].span(),
                        "not a number".into(),
                    ));
                }
                v.tag = None;
                Ok(v)
            }
            "lower" | "upper" | "trimspace" => {
                arity(self, 1)?;
                let v = self.expr(args[0], loc)?;
                let s = self.to_string(&v, loc, args[0].span())?;
                Ok(str_node(
                    match name {
                        "lower" => s.to_lowercase(),
                        "upper" => s.to_uppercase(),
                        _ => s.trim().to_string(),
                    },
                    span,
                ))
            }
            "join" => {
                arity(self, 2)?;
                let sep = self.expr(args[0], loc)?;
                let sep = self.to_string(&sep, loc, args[0].span())?;
                let list = self.expr(args[1], loc)?;
                let mut parts = Vec::new();
                for item in list.as_seq().unwrap_or(&[]) {
                    parts.push(self.to_string(item, loc, args[1].span())?);
                }
                Ok(str_node(parts.join(&sep), span))
            }
            "concat" | "merge" | "coalesce" => {
                let mut items = Vec::new();
                let mut entries: Vec<Entry> = Vec::new();
                for a in &args {
                    let v = self.expr(a, loc)?;
                    match (name, &v.value) {
                        ("concat", Value::Seq(s)) => items.extend(s.iter().cloned()),
                        ("merge", Value::Map(m)) => {
                            for e in m {
                                entries.retain(|x| x.key != e.key);
                                entries.push(e.clone());
                            }
                        }
                        ("coalesce", Value::Scalar(s))
                            if s.kind != ScalarKind::Null && !s.text.is_empty() =>
                        {
                            return Ok(v)
                        }
                        ("coalesce", _) => {}
                        _ => {
                            return Err(self.fail(
                                Code::InvalidValue,
                                loc,
                                a.span(),
                                format!("`{name}` does not take {}", v.kind_name()),
                            ))
                        }
                    }
                }
                match name {
                    "concat" => Ok(Node {
                        value: Value::Seq(items),
                        span,
                        tag: None,
                    }),
                    "merge" => Ok(Node {
                        value: Value::Map(entries),
                        span,
                        tag: None,
                    }),
                    _ => Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        f.span(),
                        "every argument of `coalesce` is null or empty".into(),
                    )),
                }
            }
            "lookup" => {
                if args.len() != 2 && args.len() != 3 {
                    return Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        f.span(),
                        "`lookup` takes 2 or 3 arguments".into(),
                    ));
                }
                let map = self.expr(args[0], loc)?;
                let key = self.expr(args[1], loc)?;
                let key = self.to_string(&key, loc, args[1].span())?;
                match map.get(&key) {
                    Some(v) => Ok(v.clone()),
                    None => match args.get(2) {
                        Some(d) => self.expr(d, loc),
                        None => Err(self.fail(
                            Code::TerraformUndefined,
                            loc,
                            f.span(),
                            format!("the map has no key `{key}`"),
                        )),
                    },
                }
            }
            "format" => {
                let Some(first) = args.first() else {
                    return Err(self.fail(
                        Code::InvalidValue,
                        loc,
                        f.span(),
                        "`format` needs a format string".into(),
                    ));
                };
                let fmt = self.expr(first, loc)?;
                let fmt = self.to_string(&fmt, loc, first.span())?;
                let mut values = Vec::new();
                for a in &args[1..] {
                    let v = self.expr(a, loc)?;
                    values.push(self.to_string(&v, loc, a.span())?);
                }
                let mut out = String::new();
                let mut it = fmt.chars().peekable();
                let mut next = values.into_iter();
                while let Some(c) = it.next() {
                    if c != '%' {
                        out.push(c);
                        continue;
                    }
                    match it.next() {
                        Some('%') => out.push('%'),
                        Some('s') | Some('d') | Some('v') => match next.next() {
                            Some(v) => out.push_str(&v),
                            None => {
                                return Err(self.fail(
                                    Code::InvalidValue,
                                    loc,
                                    f.span(),
                                    "`format` has too few arguments".into(),
                                ))
                            }
                        },
                        _ => {
                            return Err(self.unknown(
                                loc,
                                f.span(),
                                "a `format` verb other than %s, %d and %v".into(),
                            ))
                        }
                    }
                }
                Ok(str_node(out, span))
            }
            "replace" => {
                arity(self, 3)?;
                let mut s = Vec::new();
                for a in &args {
                    let v = self.expr(a, loc)?;
                    s.push(self.to_string(&v, loc, a.span())?);
                }
                if s[1].starts_with('/') && s[1].ends_with('/') && s[1].len() > 1 {
                    return Err(self.unknown(
                        loc,
                        f.span(),
                        "a regular-expression `replace`".into(),
                    ));
                }
                if s[1].is_empty() {
                    return Ok(str_node(s[0].clone(), span));
                }
                Ok(str_node(s[0].replace(&s[1], &s[2]), span))
            }
            _ => Err(self.unknown(
                loc,
                f.span(),
                format!("the result of `{name}()` (a function batch2argo does not evaluate)"),
            )),
        }
    }

    /// Reads the file named by `file(path)` / `templatefile(path, …)`: inside the folder tree of
    /// the `.tf` file only.
    fn read_file(
        &mut self,
        name: &str,
        args: &[&Expression],
        loc: Loc<'_>,
        at: Option<std::ops::Range<usize>>,
    ) -> Result<(String, String), Fail> {
        let expected = if name == "file" { 1 } else { 2 };
        if args.len() != expected {
            return Err(self.fail(
                Code::InvalidValue,
                loc,
                at,
                format!("`{name}` takes {expected} argument(s)"),
            ));
        }
        let p = self.expr(args[0], loc)?;
        let path = self.to_string(&p, loc, args[0].span())?;
        let Some(dir) = self.scope.dir.clone() else {
            return Err(self.fail(
                Code::TerraformFile,
                loc,
                at,
                format!(
                    "`{name}(\"{path}\")` is not read here (only in a `.tf` file read from disk)"
                ),
            ));
        };
        let refuse = |ev: &mut Self, why: &str| -> Fail {
            ev.fail(
                Code::TerraformFile,
                loc,
                at.clone(),
                format!("`{name}(\"{path}\")` cannot be read: {why}"),
            )
        };
        let rel = std::path::Path::new(&path);
        let mut depth = 0i32;
        let escapes = rel.components().any(|c| {
            match c {
                std::path::Component::ParentDir => depth -= 1,
                std::path::Component::Normal(_) => depth += 1,
                _ => {}
            }
            depth < 0
        });
        if rel.is_absolute() || escapes {
            return Err(refuse(
                self,
                "batch2argo reads no file outside the folder of the .tf file",
            ));
        }
        let Ok(base) = dir.canonicalize() else {
            return Err(refuse(self, "the folder of the .tf file cannot be read"));
        };
        let Ok(target) = dir.join(rel).canonicalize() else {
            return Err(refuse(self, "it does not exist"));
        };
        if !target.starts_with(&base) {
            return Err(refuse(
                self,
                "batch2argo reads no file outside the folder of the .tf file",
            ));
        }
        match std::fs::metadata(&target) {
            Ok(m) if m.is_file() && m.len() <= MAX_FILE_BYTES => {}
            Ok(m) if m.is_file() => return Err(refuse(self, "it is larger than 4 MiB")),
            _ => return Err(refuse(self, "it is not a file")),
        }
        match std::fs::read(&target).map(String::from_utf8) {
            Ok(Ok(text)) => Ok((text, path)),
            Ok(Err(_)) => Err(refuse(self, "it is not UTF-8 text")),
            Err(e) => Err(refuse(self, &e.to_string())),
        }
    }

    /// An HCL block body as an object: arguments evaluated, nested blocks as lists of objects
    /// under their type (the shape `terraform show -json` gives). Meta-arguments are left out.
    pub fn body(&mut self, body: &Body, span: Span, loc: Loc<'_>) -> R {
        self.enter(loc, None)?;
        let mut entries: Vec<Entry> = Vec::new();
        let mut failed = false;
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => {
                    let key = a.key.as_str();
                    if META.contains(&key) {
                        continue;
                    }
                    match self.expr(&a.value, loc) {
                        Ok(value) => entries.push(Entry {
                            key: key.to_string(),
                            key_span: self.span(loc, a.key.span()),
                            value,
                        }),
                        Err(Fail) => failed = true,
                    }
                }
                Structure::Block(b) => {
                    let key = b.ident.as_str();
                    if META_BLOCKS.contains(&key) {
                        continue;
                    }
                    if key == "dynamic" {
                        failed = true;
                        let label = b.labels.first().map_or("?", |l| l.as_str());
                        self.unknown(loc, b.span(), format!("the `dynamic \"{label}\"` block (its content depends on `for_each`)"));
                        continue;
                    }
                    let bspan = self.span(loc, b.span());
                    match self.body(&b.body, bspan, loc) {
                        Ok(value) => match entries.iter_mut().find(|e| e.key == key) {
                            Some(e) => {
                                if let Value::Seq(items) = &mut e.value.value {
                                    items.push(value);
                                }
                            }
                            None => entries.push(Entry {
                                key: key.to_string(),
                                key_span: self.span(loc, b.ident.span()),
                                value: Node {
                                    value: Value::Seq(vec![value]),
                                    span: bspan,
                                    tag: None,
                                },
                            }),
                        },
                        Err(Fail) => failed = true,
                    }
                }
            }
        }
        self.depth -= 1;
        if failed {
            return Err(Fail);
        }
        Ok(Node {
            value: Value::Map(entries),
            span,
            tag: None,
        })
    }
}

/// Meta-arguments: how Terraform manages a resource, not what it is.
pub const META: &[&str] = &["count", "for_each", "depends_on", "provider"];
pub const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

fn same(a: &Node, b: &Node) -> bool {
    crate::source::syntax::canonical(a) == crate::source::syntax::canonical(b)
}

/// `count.index` (for a number) or `each.key` / `each.value` (for a key) while one instance of
/// a resource is read.
pub fn instance_vars(key: &Node, value: &Node) -> Vec<(String, Node)> {
    let entry = |k: &str, v: &Node| Entry {
        key: k.to_string(),
        key_span: v.span,
        value: v.clone(),
    };
    let is_number = key
        .as_scalar()
        .is_some_and(|s| s.kind == ScalarKind::Number);
    if is_number {
        vec![(
            "count".to_string(),
            Node {
                value: Value::Map(vec![entry("index", key)]),
                span: key.span,
                tag: None,
            },
        )]
    } else {
        vec![(
            "each".to_string(),
            Node {
                value: Value::Map(vec![entry("key", key), entry("value", value)]),
                span: key.span,
                tag: None,
            },
        )]
    }
}
