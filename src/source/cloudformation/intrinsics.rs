//! Evaluating CloudFormation intrinsic functions against the template and `--param` values.
//!
//! Both spellings are read: the JSON form (`{"Ref": "X"}`, `{"Fn::Sub": "…"}`) and the YAML short
//! form (`!Ref X`, `!Sub …`), which the syntax tree keeps as a tag on the node. Every value
//! produced keeps the span of the expression it came from (or, for `Fn::FindInMap`, of the
//! mapping value), so diagnostics point into the template.
//!
//! Nothing is guessed: a value only known at deploy time is a B2A601 error and the property is
//! left out. Evaluation is bounded: [`MAX_DEPTH`] nested evaluations, [`MAX_TEXT`] bytes per
//! string, and cycles between conditions or resource names are reported (B2A608).

use std::collections::{BTreeMap, BTreeSet};

use super::names;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Origin, Span};
use crate::source::syntax::{canonical, Entry, Node, Scalar, ScalarKind, Value};

/// Most nested evaluations (data levels and function calls together) followed.
pub const MAX_DEPTH: usize = 256;
/// Longest string an intrinsic may build, in bytes.
pub const MAX_TEXT: usize = 1 << 20;

/// The outcome of evaluating a node.
#[derive(Debug)]
pub enum R {
    Val(Node),
    /// `AWS::NoValue`: the property or list item is removed.
    NoValue,
    /// A diagnostic was reported; the value is unknown.
    Failed,
}

/// The AWS Batch resource types read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    JobDefinition,
    JobQueue,
    ComputeEnvironment,
    SchedulingPolicy,
}

impl Kind {
    pub fn from_type(type_name: &str) -> Option<Kind> {
        match type_name {
            "AWS::Batch::JobDefinition" => Some(Kind::JobDefinition),
            "AWS::Batch::JobQueue" => Some(Kind::JobQueue),
            "AWS::Batch::ComputeEnvironment" => Some(Kind::ComputeEnvironment),
            "AWS::Batch::SchedulingPolicy" => Some(Kind::SchedulingPolicy),
            _ => None,
        }
    }

    /// The property holding the resource's name.
    pub fn name_property(self) -> &'static str {
        match self {
            Kind::JobDefinition => "JobDefinitionName",
            Kind::JobQueue => "JobQueueName",
            Kind::ComputeEnvironment => "ComputeEnvironmentName",
            Kind::SchedulingPolicy => "Name",
        }
    }

    /// The resource kind in its ARN.
    fn arn_kind(self) -> &'static str {
        match self {
            Kind::JobDefinition => "job-definition",
            Kind::JobQueue => "job-queue",
            Kind::ComputeEnvironment => "compute-environment",
            Kind::SchedulingPolicy => "scheduling-policy",
        }
    }

    /// The `Fn::GetAtt` attribute holding the ARN.
    fn arn_attribute(self) -> &'static str {
        match self {
            Kind::JobDefinition => "JobDefinitionArn",
            Kind::JobQueue => "JobQueueArn",
            Kind::ComputeEnvironment => "ComputeEnvironmentArn",
            Kind::SchedulingPolicy => "Arn",
        }
    }
}

/// One entry of `Resources`.
pub struct Resource<'a> {
    pub id: &'a str,
    pub key_span: Span,
    pub node: &'a Node,
    pub kind: Option<Kind>,
}

/// The parts of a template the resolver reads.
pub struct Template<'a> {
    pub file: FileId,
    pub parameters: &'a [Entry],
    pub mappings: Option<&'a Node>,
    pub conditions: Option<&'a Node>,
    pub resources: Vec<Resource<'a>>,
}

/// A function call found on a node.
struct Call<'a> {
    name: String,
    /// The arguments: the tagged node itself (YAML short form) or the map's only value.
    args: &'a Node,
    /// Short form: the arguments are the node itself, so its tag is not looked at again.
    tagged: bool,
}

/// The function a node calls, if any. `use_tag` is false when the node's tag was already
/// consumed (the node is the arguments of its own short-form call).
fn call_of(node: &Node, use_tag: bool) -> Option<Call<'_>> {
    if use_tag {
        if let Some(tag) = node.tag.as_deref() {
            if let Some(short) = tag.strip_prefix('!').filter(|t| !t.starts_with('!')) {
                if !short.is_empty() && !short.contains(':') {
                    let name = match short {
                        "Ref" | "Condition" => short.to_string(),
                        _ => format!("Fn::{short}"),
                    };
                    return Some(Call {
                        name,
                        args: node,
                        tagged: true,
                    });
                }
            }
        }
    }
    match node.as_map() {
        Some([only]) if only.key == "Ref" || only.key.starts_with("Fn::") => Some(Call {
            name: only.key.clone(),
            args: &only.value,
            tagged: false,
        }),
        _ => None,
    }
}

fn str_node(text: String, span: Span) -> Node {
    Node {
        value: Value::Scalar(Scalar {
            text,
            kind: ScalarKind::Str,
            plain: false,
        }),
        span,
        tag: None,
    }
}

/// The text of a scalar that is not null.
pub fn scalar_text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar(s) if s.kind != ScalarKind::Null => Some(&s.text),
        _ => None,
    }
}

/// Evaluates intrinsic functions of one template.
pub struct Resolver<'a> {
    t: &'a Template<'a>,
    params: &'a BTreeMap<String, String>,
    stem: &'a str,
    depth: usize,
    depth_reported: bool,
    conditions: BTreeMap<String, Option<bool>>,
    visiting_conditions: BTreeSet<String>,
    names: BTreeMap<usize, Option<(String, bool)>>,
    visiting_names: BTreeSet<usize>,
    warned: BTreeSet<&'static str>,
    checked_parameters: BTreeSet<String>,
}

impl<'a> Resolver<'a> {
    pub fn new(t: &'a Template<'a>, params: &'a BTreeMap<String, String>, stem: &'a str) -> Self {
        Resolver {
            t,
            params,
            stem,
            depth: 0,
            depth_reported: false,
            conditions: BTreeMap::new(),
            visiting_conditions: BTreeSet::new(),
            names: BTreeMap::new(),
            visiting_names: BTreeSet::new(),
            warned: BTreeSet::new(),
            checked_parameters: BTreeSet::new(),
        }
    }

    fn origin(&self, span: Span) -> Origin {
        Origin::new(self.t.file, span, "")
    }

    fn report(&self, diags: &mut Diagnostics, code: Code, span: Span, message: String) {
        diags.report(code, &self.origin(span), message);
    }

    fn report_help(
        &self,
        diags: &mut Diagnostics,
        code: Code,
        span: Span,
        message: String,
        help: String,
    ) {
        diags.push(
            Diagnostic::new(code, message)
                .at(&self.origin(span))
                .with_help(help),
        );
    }

    fn malformed(&self, diags: &mut Diagnostics, span: Span, message: String) -> R {
        self.report(diags, Code::CfnMalformedIntrinsic, span, message);
        R::Failed
    }

    /// Evaluates `node` and everything in it.
    pub fn resolve(&mut self, node: &Node, diags: &mut Diagnostics) -> R {
        self.eval(node, true, diags)
    }

    fn enter(&mut self, span: Span, diags: &mut Diagnostics) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                self.report(
                    diags,
                    Code::CfnIntrinsicDepth,
                    span,
                    format!("intrinsic functions nest deeper than {MAX_DEPTH} levels here"),
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn eval(&mut self, node: &Node, use_tag: bool, diags: &mut Diagnostics) -> R {
        if !self.enter(node.span, diags) {
            return R::Failed;
        }
        let r = match call_of(node, use_tag) {
            Some(call) => self.call(&call, node, diags),
            None => self.data(node, diags),
        };
        self.depth -= 1;
        r
    }

    /// A plain value: its items and entries are evaluated; `AWS::NoValue` ones are removed.
    fn data(&mut self, node: &Node, diags: &mut Diagnostics) -> R {
        let value = match &node.value {
            Value::Scalar(s) => Value::Scalar(s.clone()),
            Value::Seq(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    if let R::Val(v) = self.eval(item, true, diags) {
                        out.push(v);
                    }
                }
                Value::Seq(out)
            }
            Value::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for e in entries {
                    if let R::Val(v) = self.eval(&e.value, true, diags) {
                        out.push(Entry {
                            key: e.key.clone(),
                            key_span: e.key_span,
                            value: v,
                        });
                    }
                }
                Value::Map(out)
            }
        };
        R::Val(Node {
            value,
            span: node.span,
            tag: None,
        })
    }

    /// The arguments of a call, as a list of exactly `n` (or `range`) items.
    fn list_args<'n>(
        &self,
        call: &Call<'n>,
        at: &Node,
        counts: std::ops::RangeInclusive<usize>,
        diags: &mut Diagnostics,
    ) -> Option<&'n [Node]> {
        match call.args.as_seq() {
            Some(items) if counts.contains(&items.len()) => Some(items),
            _ => {
                let wanted = if counts.start() == counts.end() {
                    format!("{}", counts.start())
                } else {
                    format!("{} to {}", counts.start(), counts.end())
                };
                self.report(
                    diags,
                    Code::CfnMalformedIntrinsic,
                    at.span,
                    format!(
                        "`{}` takes a list of {wanted} arguments, found {}",
                        call.name,
                        describe(call.args)
                    ),
                );
                None
            }
        }
    }

    /// Evaluates `node` to a string (scalars of any type give their text).
    fn text(
        &mut self,
        node: &Node,
        use_tag: bool,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        match self.eval(node, use_tag, diags) {
            R::Val(v) => match &v.value {
                Value::Scalar(s) if s.kind != ScalarKind::Null => Some(s.text.clone()),
                _ => {
                    self.malformed(
                        diags,
                        node.span,
                        format!("{what} must be a string, found {}", v.kind_name()),
                    );
                    None
                }
            },
            R::NoValue => {
                self.malformed(
                    diags,
                    node.span,
                    format!("{what} must be a string, found AWS::NoValue"),
                );
                None
            }
            R::Failed => None,
        }
    }

    fn text_result(&self, text: String, span: Span, diags: &mut Diagnostics) -> R {
        if text.len() > MAX_TEXT {
            self.report(
                diags,
                Code::CfnIntrinsicDepth,
                span,
                format!("this value grows to {} bytes; batch2argo builds strings of at most {MAX_TEXT} bytes", text.len()),
            );
            return R::Failed;
        }
        R::Val(str_node(text, span))
    }

    fn call(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        match call.name.as_str() {
            "Ref" => match scalar_text(call.args) {
                Some(name) if call.args.as_map().is_none() => {
                    let name = name.to_string();
                    self.reference(&name, at.span, diags)
                }
                _ => self.malformed(
                    diags,
                    at.span,
                    format!(
                        "`Ref` takes a logical id or parameter name, found {}",
                        describe(call.args)
                    ),
                ),
            },
            "Fn::GetAtt" => self.get_att(call, at, diags),
            "Fn::Sub" => self.sub(call, at, diags),
            "Fn::Join" => self.join(call, at, diags),
            "Fn::Select" => self.select(call, at, diags),
            "Fn::Split" => self.split(call, at, diags),
            "Fn::If" => self.if_(call, at, diags),
            "Fn::FindInMap" => self.find_in_map(call, at, diags),
            "Fn::ImportValue" => {
                let Some(export) = self.text(
                    call.args,
                    !call.tagged,
                    "the export name of `Fn::ImportValue`",
                    diags,
                ) else {
                    return R::Failed;
                };
                let key = format!("import:{export}");
                match self.params.get(&key) {
                    Some(v) => R::Val(str_node(v.clone(), at.span)),
                    None => {
                        self.report_help(
                            diags,
                            Code::CfnUnresolved,
                            at.span,
                            format!("`Fn::ImportValue` of `{export}` is another stack's export, only known at deploy time; the property is left out"),
                            format!("pass its value: --param 'import:{export}=VALUE'"),
                        );
                        R::Failed
                    }
                }
            }
            "Fn::Base64" => {
                let Some(text) = self.text(
                    call.args,
                    !call.tagged,
                    "the argument of `Fn::Base64`",
                    diags,
                ) else {
                    return R::Failed;
                };
                self.text_result(base64(text.as_bytes()), at.span, diags)
            }
            "Fn::Equals" | "Fn::And" | "Fn::Or" | "Fn::Not" => self.malformed(
                diags,
                at.span,
                format!(
                    "`{}` is only valid in `Conditions` (use `Fn::If` with a condition here)",
                    call.name
                ),
            ),
            "Condition" => self.malformed(
                diags,
                at.span,
                "`Condition` is only valid in `Conditions` (use `Fn::If` with a condition here)"
                    .to_string(),
            ),
            other => {
                self.report(
                    diags,
                    Code::CfnUnsupportedIntrinsic,
                    at.span,
                    format!("batch2argo does not evaluate `{other}`; the property is left out"),
                );
                R::Failed
            }
        }
    }

    // ------------------------------------------------------------------ Ref and pseudo parameters

    fn reference(&mut self, name: &str, span: Span, diags: &mut Diagnostics) -> R {
        if name == "AWS::NoValue" {
            return R::NoValue;
        }
        if name.starts_with("AWS::") {
            return self.pseudo(name, span, diags);
        }
        if let Some(p) = self.t.parameters.iter().find(|p| p.key == name) {
            return self.parameter(p, span, diags);
        }
        if let Some(i) = self.t.resources.iter().position(|r| r.id == name) {
            let resource = &self.t.resources[i];
            return match resource.kind {
                Some(kind) => {
                    let Some((resource_name, _)) = self.physical_name(i, diags) else {
                        return R::Failed;
                    };
                    let arn = self.arn(kind, &resource_name, span, diags);
                    R::Val(str_node(arn, span))
                }
                None => match self.params.get(name) {
                    Some(v) => R::Val(str_node(v.clone(), span)),
                    None => {
                        let type_name = resource.node.get_str("Type").unwrap_or("?");
                        self.report_help(
                            diags,
                            Code::CfnUnresolved,
                            span,
                            format!("`Ref {name}` is the physical id of {type_name} `{name}`, only known at deploy time; the property is left out"),
                            format!("pass its value: --param {name}=VALUE"),
                        );
                        R::Failed
                    }
                },
            };
        }
        match self.params.get(name) {
            Some(v) => R::Val(str_node(v.clone(), span)),
            None => {
                self.report(
                    diags,
                    Code::CfnUnresolved,
                    span,
                    format!("`Ref {name}` names no parameter or resource of this template"),
                );
                R::Failed
            }
        }
    }

    /// A pseudo parameter from `--param`, or its assumed default with a B2A602 warning.
    fn assumed(
        &mut self,
        key: &'static str,
        default: String,
        span: Span,
        diags: &mut Diagnostics,
    ) -> String {
        if let Some(v) = self.params.get(key) {
            return v.clone();
        }
        if self.warned.insert(key) {
            self.report_help(
                diags,
                Code::CfnAssumedPseudoParameter,
                span,
                format!("{key} is not given; `{default}` is assumed"),
                format!("pass --param {key}=VALUE"),
            );
        }
        default
    }

    pub fn region(&mut self, span: Span, diags: &mut Diagnostics) -> String {
        self.assumed("AWS::Region", "us-east-1".to_string(), span, diags)
    }

    fn account(&mut self, span: Span, diags: &mut Diagnostics) -> String {
        self.assumed("AWS::AccountId", "123456789012".to_string(), span, diags)
    }

    pub fn stack_name(&mut self, span: Span, diags: &mut Diagnostics) -> String {
        let from_stem = names::stack_from_stem(self.stem);
        self.assumed("AWS::StackName", from_stem, span, diags)
    }

    fn partition(&mut self, span: Span, diags: &mut Diagnostics) -> String {
        match self.params.get("AWS::Partition") {
            Some(p) => p.clone(),
            None => {
                let region = self.region(span, diags);
                names::partition_of(&region).to_string()
            }
        }
    }

    fn arn(&mut self, kind: Kind, name: &str, span: Span, diags: &mut Diagnostics) -> String {
        let partition = self.partition(span, diags);
        let region = self.region(span, diags);
        let account = self.account(span, diags);
        let arn = names::arn(&partition, &region, &account, kind.arn_kind(), name);
        if kind == Kind::JobDefinition {
            format!("{arn}:1")
        } else {
            arn
        }
    }

    fn pseudo(&mut self, name: &str, span: Span, diags: &mut Diagnostics) -> R {
        let value = match name {
            "AWS::Region" => self.region(span, diags),
            "AWS::AccountId" => self.account(span, diags),
            "AWS::StackName" => self.stack_name(span, diags),
            "AWS::Partition" => self.partition(span, diags),
            "AWS::URLSuffix" => match self.params.get("AWS::URLSuffix") {
                Some(v) => v.clone(),
                None => {
                    let partition = self.partition(span, diags);
                    names::url_suffix_of(&partition).to_string()
                }
            },
            "AWS::StackId" | "AWS::NotificationARNs" => match self.params.get(name) {
                Some(v) if name == "AWS::NotificationARNs" => {
                    return R::Val(list_node(v, span));
                }
                Some(v) => v.clone(),
                None => {
                    self.report_help(
                        diags,
                        Code::CfnUnresolved,
                        span,
                        format!("{name} is only known at deploy time; the property is left out"),
                        format!("pass --param {name}=VALUE"),
                    );
                    return R::Failed;
                }
            },
            _ => {
                self.report(
                    diags,
                    Code::CfnUnresolved,
                    span,
                    format!("`{name}` is not a CloudFormation pseudo parameter"),
                );
                return R::Failed;
            }
        };
        R::Val(str_node(value, span))
    }

    // ------------------------------------------------------------------ template parameters

    fn parameter(&mut self, p: &Entry, span: Span, diags: &mut Diagnostics) -> R {
        let decl = &p.value;
        let type_name = decl.get_str("Type").unwrap_or("String");
        let given = self.params.get(&p.key).cloned();
        let from_param = given.is_some();
        let default = decl.get("Default");
        let value = given.or_else(|| default.and_then(scalar_text).map(str::to_string));
        let Some(value) = value else {
            self.report_help(
                diags,
                Code::CfnUnresolved,
                span,
                format!("parameter `{}` has no `Default` and no value was given; the property is left out", p.key),
                format!("pass --param {}=VALUE", p.key),
            );
            return R::Failed;
        };
        if type_name.starts_with("AWS::SSM::Parameter::Value<") && !from_param {
            self.report_help(
                diags,
                Code::CfnUnresolved,
                span,
                format!("parameter `{}` is read from SSM Parameter Store (`{value}`) at deploy time; the property is left out", p.key),
                format!("pass --param {}=VALUE", p.key),
            );
            return R::Failed;
        }
        let list = type_name.starts_with("List<")
            || type_name == "CommaDelimitedList"
            || type_name.starts_with("AWS::SSM::Parameter::Value<List<")
            || type_name == "AWS::SSM::Parameter::Value<CommaDelimitedList>";
        if self.checked_parameters.insert(p.key.clone()) {
            let at = if from_param {
                span
            } else {
                default.map_or(span, |d| d.span)
            };
            let shown = if from_param {
                format!("--param {}={value}", p.key)
            } else {
                format!("the default `{value}`")
            };
            let items: Vec<&str> = if list {
                value.split(',').map(str::trim).collect()
            } else {
                vec![value.as_str()]
            };
            if type_name == "Number" || type_name == "List<Number>" {
                if let Some(bad) = items.iter().find(|i| i.parse::<f64>().is_err()) {
                    self.report(
                        diags,
                        Code::CfnParameterValue,
                        at,
                        format!("parameter `{}` is of type {type_name}, but {shown} holds `{bad}`, not a number", p.key),
                    );
                }
            }
            if let Some(allowed) = decl.get("AllowedValues").and_then(Node::as_seq) {
                let allowed: Vec<&str> = allowed.iter().filter_map(scalar_text).collect();
                if let Some(bad) = items.iter().find(|i| !allowed.contains(i)) {
                    self.report(
                        diags,
                        Code::CfnParameterValue,
                        at,
                        format!(
                            "parameter `{}`: {shown} holds `{bad}`, which is not one of its AllowedValues ({})",
                            p.key,
                            allowed.join(", ")
                        ),
                    );
                }
            }
        }
        if list {
            R::Val(list_node(&value, span))
        } else {
            R::Val(str_node(value, span))
        }
    }

    // ------------------------------------------------------------------ resource names

    /// The physical name of resource `i` (a Batch resource): its name property, or the name
    /// CloudFormation would generate (the flag is true then). `None` when it cannot be known.
    pub fn physical_name(&mut self, i: usize, diags: &mut Diagnostics) -> Option<(String, bool)> {
        if let Some(cached) = self.names.get(&i) {
            return cached.clone();
        }
        let resource = self.t.resources.get(i)?;
        let kind = resource.kind?;
        if !self.visiting_names.insert(i) {
            self.report(
                diags,
                Code::CfnIntrinsicDepth,
                resource.key_span,
                format!("the name of `{}` depends on itself", resource.id),
            );
            return None;
        }
        let property = resource
            .node
            .get("Properties")
            .and_then(|p| p.get(kind.name_property()));
        let result = match property {
            None => None,
            // `JobDefinitionName: null` is no name either.
            Some(n)
                if n.tag.is_none()
                    && matches!(&n.value, Value::Scalar(s) if s.kind == ScalarKind::Null) =>
            {
                None
            }
            Some(n) => match self.resolve(n, diags) {
                R::Val(v) => match scalar_text(&v) {
                    Some(t) => Some(Some((t.to_string(), false))),
                    None => Some(None),
                },
                R::NoValue => None,
                R::Failed => Some(None),
            },
        };
        let result = match result {
            Some(r) => r,
            None => {
                let stack = self.stack_name(resource.key_span, diags);
                Some((names::generated_name(&stack, resource.id), true))
            }
        };
        self.visiting_names.remove(&i);
        self.names.insert(i, result.clone());
        result
    }

    // ------------------------------------------------------------------ functions

    fn get_att(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let (logical, attribute) = if let Some(text) =
            scalar_text(call.args).filter(|_| call.args.as_seq().is_none())
        {
            match text.split_once('.') {
                Some((l, a)) if !l.is_empty() && !a.is_empty() => (l.to_string(), a.to_string()),
                _ => {
                    return self.malformed(
                        diags,
                        at.span,
                        format!("`Fn::GetAtt` takes `LogicalId.Attribute`, found `{text}`"),
                    )
                }
            }
        } else {
            let Some(items) = self.list_args(call, at, 2..=2, diags) else {
                return R::Failed;
            };
            let Some(l) = scalar_text(&items[0]).filter(|_| items[0].as_map().is_none()) else {
                return self.malformed(
                    diags,
                    items[0].span,
                    "the logical id of `Fn::GetAtt` must be a string".to_string(),
                );
            };
            let l = l.to_string();
            let Some(a) = self.text(&items[1], true, "the attribute of `Fn::GetAtt`", diags) else {
                return R::Failed;
            };
            (l, a)
        };
        self.attribute(&logical, &attribute, at.span, diags)
    }

    fn attribute(
        &mut self,
        logical: &str,
        attribute: &str,
        span: Span,
        diags: &mut Diagnostics,
    ) -> R {
        let Some(i) = self.t.resources.iter().position(|r| r.id == logical) else {
            return self.malformed(
                diags,
                span,
                format!("`Fn::GetAtt {logical}.{attribute}` names no resource of this template"),
            );
        };
        let resource = &self.t.resources[i];
        if let Some(kind) = resource.kind {
            if attribute == kind.arn_attribute() {
                let Some((name, _)) = self.physical_name(i, diags) else {
                    return R::Failed;
                };
                let arn = self.arn(kind, &name, span, diags);
                return R::Val(str_node(arn, span));
            }
            if let Some(v) = self.params.get(&format!("{logical}.{attribute}")) {
                return R::Val(str_node(v.clone(), span));
            }
            return self.malformed(
                diags,
                span,
                format!(
                    "`{logical}` has no attribute `{attribute}` (its ARN is `{}`)",
                    kind.arn_attribute()
                ),
            );
        }
        if let Some(v) = self.params.get(&format!("{logical}.{attribute}")) {
            return R::Val(str_node(v.clone(), span));
        }
        let type_name = resource.node.get_str("Type").unwrap_or("?");
        self.report_help(
            diags,
            Code::CfnUnresolved,
            span,
            format!("`{logical}.{attribute}` is an attribute of {type_name} `{logical}`, only known at deploy time; the property is left out"),
            format!("pass its value: --param {logical}.{attribute}=VALUE"),
        );
        R::Failed
    }

    fn sub(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let (template, vars): (&Node, Option<&Node>) =
            match call.args.as_seq() {
                Some([t, v]) => (t, Some(v)),
                Some([t]) => (t, None),
                Some(_) => return self.malformed(
                    diags,
                    at.span,
                    "`Fn::Sub` takes a string, or a list of a string and an object of variables"
                        .to_string(),
                ),
                None => (call.args, None),
            };
        let Some(text) = scalar_text(template)
            .filter(|_| template.as_map().is_none())
            .map(str::to_string)
        else {
            return self.malformed(
                diags,
                template.span,
                format!(
                    "the string of `Fn::Sub` must be a literal string, found {}",
                    describe(template)
                ),
            );
        };
        let mut values: BTreeMap<String, Option<String>> = BTreeMap::new();
        if let Some(vars) = vars {
            let Some(entries) = vars.as_map() else {
                return self.malformed(
                    diags,
                    vars.span,
                    "the variables of `Fn::Sub` must be an object".to_string(),
                );
            };
            for e in entries {
                let v = self.text(
                    &e.value,
                    true,
                    &format!("`Fn::Sub` variable `{}`", e.key),
                    diags,
                );
                values.insert(e.key.clone(), v);
            }
        }
        let mut out = String::new();
        let mut failed = false;
        let mut rest = text.as_str();
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let inner = &after[..end];
            rest = &after[end + 1..];
            if let Some(literal) = inner.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let name = inner.trim();
            let value = if let Some(v) = values.get(name) {
                v.clone()
            } else {
                let r = match name.split_once('.') {
                    Some((l, a)) if !name.starts_with("AWS::") => {
                        self.attribute(l, a, at.span, diags)
                    }
                    _ => self.reference(name, at.span, diags),
                };
                match r {
                    R::Val(v) => {
                        match scalar_text(&v) {
                            Some(t) => Some(t.to_string()),
                            None => {
                                self.malformed(
                                diags,
                                at.span,
                                format!("`${{{name}}}` is {}, which `Fn::Sub` cannot put into a string", v.kind_name()),
                            );
                                None
                            }
                        }
                    }
                    R::NoValue => {
                        self.malformed(diags, at.span, format!("`${{{name}}}` is AWS::NoValue, which `Fn::Sub` cannot put into a string"));
                        None
                    }
                    R::Failed => None,
                }
            };
            match value {
                Some(v) => out.push_str(&v),
                None => failed = true,
            }
            if out.len() > MAX_TEXT {
                break;
            }
        }
        out.push_str(rest);
        if failed {
            return R::Failed;
        }
        self.text_result(out, at.span, diags)
    }

    /// The items of a list argument, evaluated (a literal list, or a function giving one).
    fn list_value(
        &mut self,
        node: &Node,
        what: &str,
        diags: &mut Diagnostics,
    ) -> Option<Vec<Node>> {
        match self.eval(node, true, diags) {
            R::Val(Node {
                value: Value::Seq(items),
                ..
            }) => Some(items),
            R::Val(v) => {
                self.malformed(
                    diags,
                    node.span,
                    format!("{what} must be a list, found {}", v.kind_name()),
                );
                None
            }
            R::NoValue => {
                self.malformed(
                    diags,
                    node.span,
                    format!("{what} must be a list, found AWS::NoValue"),
                );
                None
            }
            R::Failed => None,
        }
    }

    fn join(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let Some(items) = self.list_args(call, at, 2..=2, diags) else {
            return R::Failed;
        };
        let delimiter = self.text(&items[0], true, "the delimiter of `Fn::Join`", diags);
        let values = self.list_value(&items[1], "the values of `Fn::Join`", diags);
        let (Some(delimiter), Some(values)) = (delimiter, values) else {
            return R::Failed;
        };
        let mut parts = Vec::with_capacity(values.len());
        let mut size = 0usize;
        for v in &values {
            match scalar_text(v) {
                Some(t) => {
                    size = size.saturating_add(t.len() + delimiter.len());
                    parts.push(t);
                }
                None => {
                    return self.malformed(
                        diags,
                        v.span,
                        format!("`Fn::Join` joins strings; this item is {}", v.kind_name()),
                    )
                }
            }
            if size > MAX_TEXT {
                break;
            }
        }
        self.text_result(parts.join(&delimiter), at.span, diags)
    }

    fn select(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let Some(items) = self.list_args(call, at, 2..=2, diags) else {
            return R::Failed;
        };
        let index = self.text(&items[0], true, "the index of `Fn::Select`", diags);
        let values = self.list_value(&items[1], "the list of `Fn::Select`", diags);
        let (Some(index), Some(values)) = (index, values) else {
            return R::Failed;
        };
        let Ok(i) = index.trim().parse::<usize>() else {
            return self.malformed(
                diags,
                items[0].span,
                format!("the index of `Fn::Select` must be a whole number, found `{index}`"),
            );
        };
        match values.into_iter().nth(i) {
            Some(v) => R::Val(v),
            None => self.malformed(
                diags,
                at.span,
                format!("`Fn::Select` index {i} is past the end of the list"),
            ),
        }
    }

    fn split(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let Some(items) = self.list_args(call, at, 2..=2, diags) else {
            return R::Failed;
        };
        let delimiter = self.text(&items[0], true, "the delimiter of `Fn::Split`", diags);
        let source = self.text(&items[1], true, "the string of `Fn::Split`", diags);
        let (Some(delimiter), Some(source)) = (delimiter, source) else {
            return R::Failed;
        };
        if delimiter.is_empty() {
            return self.malformed(
                diags,
                items[0].span,
                "the delimiter of `Fn::Split` is empty".to_string(),
            );
        }
        let parts = source
            .split(delimiter.as_str())
            .map(|p| str_node(p.to_string(), at.span))
            .collect();
        R::Val(Node {
            value: Value::Seq(parts),
            span: at.span,
            tag: None,
        })
    }

    fn if_(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let Some(items) = self.list_args(call, at, 3..=3, diags) else {
            return R::Failed;
        };
        let Some(name) = scalar_text(&items[0]).filter(|_| items[0].as_map().is_none()) else {
            return self.malformed(
                diags,
                items[0].span,
                "the first argument of `Fn::If` must be a condition name".to_string(),
            );
        };
        let name = name.to_string();
        match self.condition(&name, items[0].span, diags) {
            Some(true) => self.eval(&items[1], true, diags),
            Some(false) => self.eval(&items[2], true, diags),
            None => R::Failed,
        }
    }

    fn find_in_map(&mut self, call: &Call<'_>, at: &Node, diags: &mut Diagnostics) -> R {
        let Some(items) = self.list_args(call, at, 3..=4, diags) else {
            return R::Failed;
        };
        if items.len() == 4 {
            self.report(
                diags,
                Code::CfnUnsupportedIntrinsic,
                items[3].span,
                "a default value in `Fn::FindInMap` needs the AWS::LanguageExtensions transform, which batch2argo does not evaluate".to_string(),
            );
            return R::Failed;
        }
        let map = self.text(&items[0], true, "the map name of `Fn::FindInMap`", diags);
        let top = self.text(
            &items[1],
            true,
            "the top-level key of `Fn::FindInMap`",
            diags,
        );
        let second = self.text(
            &items[2],
            true,
            "the second-level key of `Fn::FindInMap`",
            diags,
        );
        let (Some(map), Some(top), Some(second)) = (map, top, second) else {
            return R::Failed;
        };
        let Some(mapping) = self.t.mappings.and_then(|m| m.get(&map)) else {
            return self.malformed(
                diags,
                items[0].span,
                format!("`Mappings` has no map `{map}`"),
            );
        };
        let Some(level) = mapping.get(&top) else {
            return self.malformed(
                diags,
                items[1].span,
                format!("map `{map}` has no key `{top}`"),
            );
        };
        match level.get(&second) {
            Some(v) => {
                let mut v = v.clone();
                strip_tags(&mut v);
                R::Val(v)
            }
            None => self.malformed(
                diags,
                items[2].span,
                format!("map `{map}` has no key `{second}` under `{top}`"),
            ),
        }
    }

    // ------------------------------------------------------------------ conditions

    /// The value of condition `name`; `None` when it cannot be evaluated (reported).
    pub fn condition(&mut self, name: &str, span: Span, diags: &mut Diagnostics) -> Option<bool> {
        if let Some(v) = self.conditions.get(name) {
            return *v;
        }
        let Some(expr) = self.t.conditions.and_then(|c| c.get(name)) else {
            self.malformed(
                diags,
                span,
                format!("`{name}` names no condition of `Conditions`"),
            );
            return None;
        };
        if !self.visiting_conditions.insert(name.to_string()) {
            self.report(
                diags,
                Code::CfnIntrinsicDepth,
                span,
                format!("condition `{name}` depends on itself"),
            );
            return None;
        }
        let v = self.condition_expr(expr, diags);
        self.visiting_conditions.remove(name);
        self.conditions.insert(name.to_string(), v);
        v
    }

    fn condition_expr(&mut self, node: &Node, diags: &mut Diagnostics) -> Option<bool> {
        if !self.enter(node.span, diags) {
            return None;
        }
        let v = self.condition_inner(node, diags);
        self.depth -= 1;
        v
    }

    fn condition_inner(&mut self, node: &Node, diags: &mut Diagnostics) -> Option<bool> {
        // `{"Condition": "Name"}` is a function only here.
        if let Some([only]) = node.as_map() {
            if only.key == "Condition" {
                let name = scalar_text(&only.value)
                    .filter(|_| only.value.as_map().is_none())?
                    .to_string();
                return self.condition(&name, node.span, diags);
            }
        }
        let Some(call) = call_of(node, true) else {
            self.malformed(
                diags,
                node.span,
                format!("a condition must be `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`, found {}", describe(node)),
            );
            return None;
        };
        match call.name.as_str() {
            "Fn::Equals" => {
                let items = self.list_args(&call, node, 2..=2, diags)?;
                let a = self.eval(&items[0], true, diags);
                let b = self.eval(&items[1], true, diags);
                match (a, b) {
                    (R::Val(a), R::Val(b)) => Some(canonical(&a) == canonical(&b)),
                    (R::NoValue, R::NoValue) => Some(true),
                    (R::Failed, _) | (_, R::Failed) => None,
                    _ => Some(false),
                }
            }
            "Fn::And" | "Fn::Or" => {
                let items = self.list_args(&call, node, 2..=10, diags)?;
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(self.condition_expr(item, diags));
                }
                let values: Option<Vec<bool>> = values.into_iter().collect();
                let values = values?;
                Some(if call.name == "Fn::And" {
                    values.iter().all(|v| *v)
                } else {
                    values.iter().any(|v| *v)
                })
            }
            "Fn::Not" => {
                let items = self.list_args(&call, node, 1..=1, diags)?;
                self.condition_expr(&items[0], diags).map(|v| !v)
            }
            "Condition" => {
                let name = scalar_text(call.args).filter(|_| call.args.as_map().is_none());
                match name {
                    Some(n) => {
                        let n = n.to_string();
                        self.condition(&n, node.span, diags)
                    }
                    None => {
                        self.malformed(
                            diags,
                            node.span,
                            "`Condition` takes a condition name".to_string(),
                        );
                        None
                    }
                }
            }
            other => {
                self.malformed(
                    diags,
                    node.span,
                    format!("`{other}` is not a condition function (use `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`)"),
                );
                None
            }
        }
    }
}

/// A comma-separated value as a list of trimmed strings.
fn list_node(value: &str, span: Span) -> Node {
    let items = if value.is_empty() {
        Vec::new()
    } else {
        value
            .split(',')
            .map(|v| str_node(v.trim().to_string(), span))
            .collect()
    };
    Node {
        value: Value::Seq(items),
        span,
        tag: None,
    }
}

/// Mapping values are literal data: tags on them mean nothing.
fn strip_tags(node: &mut Node) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        n.tag = None;
        match &mut n.value {
            Value::Scalar(_) => {}
            Value::Seq(items) => stack.extend(items.iter_mut()),
            Value::Map(entries) => stack.extend(entries.iter_mut().map(|e| &mut e.value)),
        }
    }
}

/// What a node is, for messages: its kind, or the function it calls.
fn describe(node: &Node) -> String {
    match call_of(node, true) {
        Some(c) => format!("`{}`", c.name),
        None => node.kind_name().to_string(),
    }
}

/// Standard base64 with padding (RFC 4648), as `Fn::Base64` produces.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
