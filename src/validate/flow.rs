//! Steps and DAG templates, the templates they call and the arguments they pass
//! (argo-target.md §2 E, G, H, I).

use std::collections::BTreeMap;

use super::node::{
    child, get, has, item, list, parameterised, str_at, strings, text, truthy, Report,
};
use super::object::Spec;
use super::scope::{tags, Scope};
use super::template::{self, LOCATIONS};
use crate::diagnostics::Code;
use crate::source::syntax::Node;

/// DAGs up to this many tasks get an exact ancestor relation (n² bits); the CRD allows 200.
const MAX_ANCESTRY_TASKS: usize = 5_000;

/// The results a `depends` expression may test.
const RESULTS: &[&str] = &[
    "Succeeded",
    "Failed",
    "Errored",
    "Skipped",
    "Omitted",
    "Daemoned",
    "AnySucceeded",
    "AllFailed",
];

/// Checks the steps or the DAG of a template.
pub fn check(spec: &Spec, t: &Node, ptr: &str, report: &mut Report) {
    if has(t, "steps") {
        steps(spec, t, ptr, report);
    }
    if let Some(d) = get(t, "dag") {
        dag(spec, t, d, &child(ptr, "dag"), ptr, report);
    }
}

/// What a step or task calls: the template when it can be found among the files.
fn call<'a>(spec: &Spec<'a>, s: &'a Node, sp: &str, report: &mut Report) -> Option<&'a Node> {
    let local = get(s, "template");
    let tref = get(s, "templateRef");
    if local.is_some() && tref.is_some() {
        report.key(
            Code::TemplateAndTemplateRef,
            s,
            sp,
            "templateRef",
            "set only one of `template` and `templateRef`",
        );
    }
    if let Some(r) = tref {
        let rp = child(sp, "templateRef");
        let name = str_at(r, "name");
        let tmpl = str_at(r, "template");
        if name.is_none() {
            report.at(
                Code::TemplateRefIncomplete,
                r,
                &rp,
                "`templateRef.name` is required: the WorkflowTemplate to call",
            );
        }
        if tmpl.is_none() {
            report.at(
                Code::TemplateRefIncomplete,
                r,
                &rp,
                "`templateRef.template` is required: the template of that WorkflowTemplate to call",
            );
        }
        let (Some(name), Some(tmpl)) = (name, tmpl) else {
            return None;
        };
        if parameterised(name) || parameterised(tmpl) {
            report.at(
                Code::ParameterisedTemplateRef,
                r,
                &rp,
                format!(
                    "`templateRef` {name}/{tmpl} is filled in at run time and could not be checked"
                ),
            );
            return None;
        }
        let cluster = truthy(r, "clusterScope");
        let kind = if cluster {
            "ClusterWorkflowTemplate"
        } else {
            "WorkflowTemplate"
        };
        return match spec.index.spec(cluster, name) {
            None => {
                report.help(Code::TemplateRefNotFound, get(r, "name").unwrap_or(r), &child(&rp, "name"), format!("{kind} `{name}` is not among the files given"), "pass the file that defines it too; references are resolved among the files given, as `argo lint --offline` does");
                None
            }
            Some((_, other)) => {
                let found = list(other, "templates")
                    .iter()
                    .find(|t| str_at(t, "name") == Some(tmpl));
                if found.is_none() {
                    report.key(
                        Code::TemplateRefNotFound,
                        r,
                        &rp,
                        "template",
                        format!("{kind} `{name}` has no template `{tmpl}`"),
                    );
                }
                found
            }
        };
    }
    if let Some(l) = local {
        let name = text(l).unwrap_or("");
        if parameterised(name) {
            return None;
        }
        let found = spec.template(name);
        if found.is_none()
            && (!has(spec.node, "workflowTemplateRef") || spec.templates.contains_key(name))
        {
            report.at(
                Code::TemplateUndefined,
                l,
                &child(sp, "template"),
                format!("template `{name}` is not defined"),
            );
        }
        return found;
    }
    if let Some(inline) = get(s, "inline") {
        template::check(spec, inline, &child(sp, "inline"), report);
        return Some(inline);
    }
    report.at(
        Code::TemplateUndefined,
        s,
        sp,
        "names no template: set `template`, `templateRef` or `inline`",
    );
    None
}

/// Every input of `callee` without a value must be passed in `args` (D30, G51, B12).
pub fn supplied(
    callee: &Node,
    args: &[&Node],
    workflow_args: bool,
    at: &Node,
    ptr: &str,
    callee_name: &str,
    report: &mut Report,
) {
    let Some(inputs) = get(callee, "inputs") else {
        return;
    };
    let passed = |key: &str, name: &str| {
        args.iter()
            .flat_map(|a| list(a, key))
            .find(|p| str_at(p, "name") == Some(name))
    };
    for p in list(inputs, "parameters") {
        let Some(name) = str_at(p, "name") else {
            continue;
        };
        // An argument replaces the input's own value, even when it has none itself (Argo's
        // ProcessArgs); a valueless step argument is reported as B2A590 instead.
        let ok = match passed("parameters", name) {
            Some(arg) => has(arg, "value") || has(arg, "valueFrom") || !workflow_args,
            None => has(p, "value") || has(p, "default") || has(p, "valueFrom"),
        };
        if ok {
            continue;
        }
        report.help(
            Code::InputNotSupplied,
            at,
            ptr,
            format!("input parameter `{name}` of template `{callee_name}` is not supplied"),
            "pass it in `arguments.parameters`, or give it a `value` or `default`",
        );
    }
    for a in list(inputs, "artifacts") {
        let Some(name) = str_at(a, "name") else {
            continue;
        };
        let located = LOCATIONS.iter().any(|k| has(a, k));
        if located || truthy(a, "optional") || passed("artifacts", name).is_some() {
            continue;
        }
        report.help(
            Code::InputNotSupplied,
            at,
            ptr,
            format!("input artifact `{name}` of template `{callee_name}` is not supplied"),
            "pass it in `arguments.artifacts`, give it a location, or mark it `optional: true`",
        );
    }
}

/// Arguments of the workflow or of a step or task (§2 I). `lint` exempts missing values.
pub fn arguments(args: &Node, ptr: &str, prefix: &str, lint: bool, report: &mut Report) {
    let params = list(args, "parameters");
    template::names(
        params,
        &child(ptr, "parameters"),
        "argument parameter",
        report,
    );
    for (i, p) in params.iter().enumerate() {
        let pp = item(&child(ptr, "parameters"), i);
        let name = str_at(p, "name").unwrap_or("");
        let enumv = get(p, "enum");
        if let Some(e) = enumv {
            let values: Vec<&str> = e.as_seq().unwrap_or(&[]).iter().filter_map(text).collect();
            if values.is_empty() {
                report.at(
                    Code::Enum,
                    e,
                    &child(&pp, "enum"),
                    format!("{prefix}{name}.enum should contain at least one value"),
                );
            } else if let Some(v) = get(p, "value").and_then(text) {
                if !parameterised(v) && !values.contains(&v) {
                    report.at(
                        Code::Enum,
                        get(p, "value").unwrap_or(p),
                        &child(&pp, "value"),
                        format!(
                            "{prefix}{name}.value `{v}` is not one of its enum values ({})",
                            values.join(", ")
                        ),
                    );
                }
            }
        }
        if !has(p, "value") && !has(p, "valueFrom") && !lint {
            report.at(
                Code::ArgumentValue,
                p,
                &pp,
                format!("{prefix}{name} needs a `value` or `valueFrom`"),
            );
        }
        if let Some(vf) = get(p, "valueFrom").and_then(Node::as_map) {
            let sources = ["configMapKeyRef", "event", "supplied"];
            if !vf.iter().any(|e| sources.contains(&e.key.as_str()))
                && vf.iter().all(|e| e.key == "default")
            {
                report.at(Code::ArgumentValueFrom, get(p, "valueFrom").unwrap_or(p), &child(&pp, "valueFrom"), format!("{prefix}{name}.valueFrom needs configMapKeyRef, event or supplied (`default` alone is not a source)"));
            }
            for e in vf {
                if !["configMapKeyRef", "event", "supplied", "default"].contains(&e.key.as_str()) {
                    report.at(Code::ArgumentValueFrom, &e.value, &child(&child(&pp, "valueFrom"), &e.key), format!("{prefix}{name}.valueFrom.{} is not allowed in arguments; only default, configMapKeyRef, event and supplied are", e.key));
                }
            }
        }
    }
    let arts = list(args, "artifacts");
    let prefix = prefix.replace(".parameters.", ".artifacts.");
    template::names(arts, &child(ptr, "artifacts"), "argument artifact", report);
    for (i, a) in arts.iter().enumerate() {
        let ap = item(&child(ptr, "artifacts"), i);
        let name = str_at(a, "name").unwrap_or("");
        let located = LOCATIONS.iter().any(|k| has(a, k));
        if !located && !has(a, "from") && !has(a, "key") {
            report.at(
                Code::ArgumentArtifact,
                a,
                &ap,
                format!("{prefix}{name} needs `from`, an artifact location, or `key`"),
            );
        }
        if has(a, "from") && has(a, "fromExpression") {
            report.at(
                Code::ArgumentArtifact,
                a,
                &ap,
                format!("{prefix}{name} has both `from` and `fromExpression`; choose one"),
            );
        }
        template::artifact_location(a, &ap, report);
    }
}

/// Lifecycle hooks: every hook but `exit` needs an `expression`; each calls a template.
pub fn hooks(spec: &Spec, hooks: &Node, ptr: &str, report: &mut Report) {
    let Some(entries) = hooks.as_map() else {
        return;
    };
    for e in entries {
        let hp = child(ptr, &e.key);
        if e.key != "exit" && str_at(&e.value, "expression").is_none_or(str::is_empty) {
            report.at(
                Code::HookExpression,
                &e.value,
                &hp,
                format!(
                    "hook `{}` needs an `expression`; only the `exit` hook runs without one",
                    e.key
                ),
            );
        }
        if let Some(callee) = call(spec, &e.value, &hp, report) {
            let name = str_at(&e.value, "template").unwrap_or("the hook's template");
            if let Some(args) = get(&e.value, "arguments") {
                arguments(
                    args,
                    &child(&hp, "arguments"),
                    &format!("hooks.{}.arguments.parameters.", e.key),
                    false,
                    report,
                );
            }
            supplied(
                callee,
                get(&e.value, "arguments").as_slice(),
                false,
                &e.value,
                &hp,
                name,
                report,
            );
        }
    }
}

/// Loop fields of a step or task (G49); adds the `item` variables to `scope`.
fn loops(s: &Node, sp: &str, scope: &mut Scope, report: &mut Report) -> bool {
    let kinds: Vec<&str> = ["withItems", "withParam", "withSequence"]
        .into_iter()
        .filter(|k| has(s, k))
        .collect();
    if kinds.len() > 1 {
        report.at(
            Code::LoopKinds,
            s,
            sp,
            format!(
                "only one of withItems, withParam, withSequence can be set; found {}",
                kinds.join(", ")
            ),
        );
    }
    if let Some(seq) = get(s, "withSequence") {
        if has(seq, "count") && has(seq, "end") {
            report.at(
                Code::SequenceCountAndEnd,
                seq,
                &child(sp, "withSequence"),
                "`withSequence` may set `count` or `end`, not both",
            );
        }
        scope.add("item");
    }
    if let Some(items) = get(s, "withItems") {
        scope.add("item");
        for (i, it) in items.as_seq().unwrap_or(&[]).iter().enumerate() {
            if super::node::is_null(it) {
                report.at(
                    Code::WithItemsElement,
                    it,
                    &item(&child(sp, "withItems"), i),
                    "a `withItems` element may not be null",
                );
            }
            if it.as_map().is_some() || it.as_seq().is_some() {
                scope.add_prefix("item.");
            }
        }
    }
    if has(s, "withParam") {
        scope.add("item");
        scope.add_prefix("item.");
    }
    !kinds.is_empty()
}

/// The fields of a step or task that exist once it has started.
const STATUS_FIELDS: &[&str] = &[
    "status",
    "id",
    "startedAt",
    "finishedAt",
    "hostNodeName",
    "ip",
    "exitCode",
];

/// What a running step or task offers its own hooks: its status, not its outputs.
fn status_only() -> Scope {
    let mut scope = Scope::relative();
    for field in STATUS_FIELDS {
        scope.add(*field);
    }
    scope
}

/// What a finished step or task offers to those after it, as names relative to
/// `steps.<name>.` or `tasks.<name>.`.
fn results(callee: Option<&Node>, looped: bool) -> Scope {
    let mut scope = status_only();
    for field in [
        "outputs.result",
        "outputs.exitCode",
        "outputs.parameters",
        "outputs.artifacts",
    ] {
        scope.add(field);
    }
    match callee.and_then(|c| get(c, "outputs")) {
        Some(o) if !looped => {
            for p in list(o, "parameters") {
                if let Some(n) = str_at(p, "name") {
                    scope.add(format!("outputs.parameters.{n}"));
                }
            }
            for a in list(o, "artifacts") {
                if let Some(n) = str_at(a, "name") {
                    scope.add(format!("outputs.artifacts.{n}"));
                }
            }
        }
        None if callee.is_some() && !looped => {}
        _ => scope.add_prefix("outputs."),
    }
    scope
}

/// What a step or task calls and passes, shared by steps and tasks.
fn invocation<'a>(
    spec: &Spec<'a>,
    s: &'a Node,
    sp: &str,
    prefix: &str,
    report: &mut Report,
) -> Option<&'a Node> {
    let callee = call(spec, s, sp, report);
    let args = get(s, "arguments");
    if let Some(a) = args {
        arguments(a, &child(sp, "arguments"), prefix, false, report);
    }
    if let Some(c) = callee {
        let name = get(s, "templateRef")
            .and_then(|r| str_at(r, "template"))
            .or_else(|| str_at(s, "template"))
            .unwrap_or("inline");
        supplied(c, args.as_slice(), false, s, sp, name, report);
    }
    if let Some(h) = get(s, "hooks") {
        hooks(spec, h, &child(sp, "hooks"), report);
    }
    if let Some(on_exit) = get(s, "onExit") {
        report.key(
            Code::DeprecatedField,
            s,
            sp,
            "onExit",
            "a step's or task's `onExit` is deprecated; write `hooks: {exit: {template: …}}`",
        );
        let name = text(on_exit).unwrap_or("");
        if !parameterised(name)
            && spec.template(name).is_none()
            && !has(spec.node, "workflowTemplateRef")
        {
            report.at(
                Code::TemplateUndefined,
                on_exit,
                &child(sp, "onExit"),
                format!("onExit `{name}` names no template"),
            );
        }
    }
    callee
}

/// A steps template (§2 G).
fn steps(spec: &Spec, t: &Node, ptr: &str, report: &mut Report) {
    let tname = str_at(t, "name").unwrap_or("");
    let mut scope = template::scope(spec, t, false);
    scope.add("steps.name");
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    for (gi, group) in list(t, "steps").iter().enumerate() {
        let gp = item(&child(ptr, "steps"), gi);
        let members: Vec<&Node> = match group.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![group],
        };
        for (si, s) in members.into_iter().enumerate() {
            let sp = item(&gp, si);
            let name = str_at(s, "name").unwrap_or("");
            match get(s, "name") {
                None => report.at(
                    Code::NameInvalid,
                    s,
                    &sp,
                    format!("steps[{gi}][{si}] of template `{tname}` has no name"),
                ),
                Some(n) => {
                    template::check_name(n, &child(&sp, "name"), name, "step", report);
                    if let Some(first) = seen.insert(name, format!("steps[{gi}]")) {
                        report.at(Code::NameNotUnique, n, &child(&sp, "name"), format!("step name `{name}` is not unique in template `{tname}` (also in {first})"));
                    }
                }
            }
            let mut items = Scope::default();
            let looped = loops(s, &sp, &mut items, report);
            let callee = invocation(
                spec,
                s,
                &sp,
                &format!("templates.{tname}.steps[{gi}].{name}.arguments.parameters."),
                report,
            );
            check_strings(
                s,
                &sp,
                &[&scope, &items],
                &format!("step `{name}`"),
                None,
                report,
            );
            // A step's hooks run after it, so they see its own results.
            let own = results(callee, looped);
            if let Some(h) = get(s, "hooks").and_then(Node::as_map) {
                // The exit hook runs after the step and sees all its results; other hooks run
                // while it runs and see its status, not its outputs.
                let mut after = Scope::default();
                after.nest(&format!("steps.{name}."), &own);
                let mut during = Scope::default();
                during.nest(&format!("steps.{name}."), &status_only());
                for e in h {
                    let mine = if e.key == "exit" { &after } else { &during };
                    check_strings(
                        &e.value,
                        &child(&child(&sp, "hooks"), &e.key),
                        &[&scope, &items, mine],
                        &format!("hook `{}` of step `{name}`", e.key),
                        None,
                        report,
                    );
                }
            }
            scope.nest(&format!("steps.{name}."), &own);
        }
    }
    if let Some(o) = get(t, "outputs") {
        check_strings(
            o,
            &child(ptr, "outputs"),
            &[&scope],
            &format!("the outputs of template `{tname}`"),
            None,
            report,
        );
    }
}

/// A DAG template (§2 H).
fn dag(spec: &Spec, t: &Node, d: &Node, dp: &str, ptr: &str, report: &mut Report) {
    let tname = str_at(t, "name").unwrap_or("");
    let tasks = list(d, "tasks");
    let tp = child(dp, "tasks");
    if tasks.is_empty() {
        report.key(
            Code::DagNoTasks,
            d,
            dp,
            "tasks",
            format!("the DAG of template `{tname}` must have at least one task"),
        );
        return;
    }
    if tasks.len() > 200 {
        report.key(
            Code::TooManyTasks,
            d,
            dp,
            "tasks",
            format!(
                "the DAG of template `{tname}` has {} tasks; Argo's CRD allows at most 200",
                tasks.len()
            ),
        );
    }
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, task) in tasks.iter().enumerate() {
        let p = item(&tp, i);
        match get(task, "name") {
            None => report.at(
                Code::NameInvalid,
                task,
                &p,
                format!("tasks[{i}] of template `{tname}` has no name"),
            ),
            Some(n) => {
                let name = text(n).unwrap_or("");
                template::check_name(n, &child(&p, "name"), name, "task", report);
                if let Some(first) = index.insert(name, i) {
                    report.at(Code::NameNotUnique, n, &child(&p, "name"), format!("task name `{name}` is not unique in template `{tname}` (also tasks[{first}])"));
                    index.insert(name, first);
                }
            }
        }
    }
    let depends_of = |x: &Node| str_at(x, "depends").is_some_and(|d| !d.trim().is_empty());
    let uses_depends = tasks.iter().any(depends_of);
    let uses_dependencies = tasks.iter().any(|x| has(x, "dependencies"));
    if uses_depends && uses_dependencies {
        report.at(Code::DependsAndDependencies, d, dp, format!("the DAG of template `{tname}` uses both `depends` and `dependencies`; use `depends` throughout"));
    }
    let looped: Vec<bool> = tasks
        .iter()
        .map(|x| {
            ["withItems", "withParam", "withSequence"]
                .iter()
                .any(|k| has(x, k))
        })
        .collect();
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); tasks.len()];
    let mut by_name: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (i, task) in tasks.iter().enumerate() {
        let p = item(&tp, i);
        let name = str_at(task, "name").unwrap_or("");
        if let Some(dep) = get(task, "depends") {
            let expr = text(dep).unwrap_or("");
            for (dn, result) in depends_tokens(expr) {
                match index.get(dn) {
                    None if dn.is_empty() => report.at(Code::UndefinedDependency, dep, &child(&p, "depends"), format!("task `{name}` tests `.{}` of no task: write `task.{}`", result.unwrap_or(""), result.unwrap_or(""))),
                    None if !parameterised(dn) => report.at(Code::UndefinedDependency, dep, &child(&p, "depends"), format!("task `{name}` depends on `{dn}`, which is not a task of this DAG (write `&&`, `||` and `!`, not words)")),
                    None => {}
                    Some(&j) => {
                        deps[i].push(j);
                        by_name.entry(name).or_default().push(dn);
                        if let Some(r) = result {
                            if !RESULTS.contains(&r) {
                                report.at(Code::DependsResult, dep, &child(&p, "depends"), format!("task result `{r}` for task `{dn}` is invalid; use one of {}", RESULTS.join(", ")));
                            } else if (r == "AnySucceeded" || r == "AllFailed") && !looped[j] {
                                report.at(Code::ItemsCondition, dep, &child(&p, "depends"), format!("`{dn}.{r}` tests loop items, but task `{dn}` has no withItems, withParam or withSequence"));
                            }
                        }
                    }
                }
            }
        }
        for (k, dn_node) in list(task, "dependencies").iter().enumerate() {
            let dn = text(dn_node).unwrap_or("");
            match index.get(dn) {
                None => report.at(
                    Code::UndefinedDependency,
                    dn_node,
                    &item(&child(&p, "dependencies"), k),
                    format!("task `{name}` depends on `{dn}`, which is not a task of this DAG"),
                ),
                Some(&j) => {
                    deps[i].push(j);
                    by_name.entry(name).or_default().push(dn);
                }
            }
        }
        if has(task, "continueOn") && uses_depends {
            report.key(Code::ContinueOnWithDepends, task, &p, "continueOn", format!("task `{name}`: `continueOn` cannot be used with `depends`; write `{name}`'s dependents as `dep.Failed` or `dep.Errored` instead"));
        }
        let digit_rule = uses_depends || has(task, "dependencies");
        if digit_rule && name.starts_with(|c: char| c.is_ascii_digit()) {
            report.at(Code::DigitTaskName, get(task, "name").unwrap_or(task), &child(&p, "name"), format!("task name `{name}` cannot begin with a digit when the DAG uses `depends` or `dependencies`"));
        }
    }
    let cycle = find_cycle(&by_name);
    if let Some(c) = &cycle {
        report.at(
            Code::DependencyCycle,
            d,
            dp,
            format!(
                "the tasks of template `{tname}` form a dependency cycle: {}",
                c.join(" → ")
            ),
        );
    }
    if let Some(target) = get(d, "target") {
        for tn in text(target).unwrap_or("").split_whitespace() {
            if !parameterised(tn) && !index.contains_key(tn) {
                report.at(
                    Code::UndefinedTarget,
                    target,
                    &child(dp, "target"),
                    format!("target `{tn}` is not a task of this DAG"),
                );
            }
        }
    }
    // Ancestors as bitsets, in an order where dependencies come first. A DAG far over the CRD
    // limit (already reported) is not worth n² bits: every task then counts as an ancestor.
    let n = tasks.len();
    let words = n.div_ceil(64);
    let exact = n <= MAX_ANCESTRY_TASKS;
    let mut anc = if exact {
        vec![vec![0u64; words]; n]
    } else {
        Vec::new()
    };
    if cycle.is_none() && exact {
        let order = topo_order(&deps);
        for &i in &order {
            let mut set = vec![0u64; words];
            for &j in &deps[i] {
                set[j / 64] |= 1 << (j % 64);
                for (w, v) in set.iter_mut().zip(&anc[j]) {
                    *w |= v;
                }
            }
            anc[i] = set;
        }
    }
    let base = {
        let mut s = template::scope(spec, t, false);
        s.add("tasks.name");
        s
    };
    let names: Vec<&str> = tasks
        .iter()
        .map(|x| str_at(x, "name").unwrap_or(""))
        .collect();
    let callees: Vec<Option<&Node>> = tasks
        .iter()
        .enumerate()
        .map(|(i, task)| {
            invocation(
                spec,
                task,
                &item(&tp, i),
                &format!("templates.{tname}.tasks.{}.arguments.parameters.", names[i]),
                report,
            )
        })
        .collect();
    let offered: Vec<Scope> = callees
        .iter()
        .zip(&looped)
        .map(|(c, l)| results(*c, *l))
        .collect();
    let all = vec![u64::MAX; words];
    for (i, task) in tasks.iter().enumerate() {
        let p = item(&tp, i);
        let mut items = Scope::default();
        loops(task, &p, &mut items, report);
        let ancestors: &[u64] = if exact { &anc[i] } else { &all };
        let tasks_in_scope = Tasks {
            index: &index,
            ancestors,
            offered: &offered,
            user: Some(names[i]),
            own: None,
        };
        check_strings(
            task,
            &p,
            &[&base, &items],
            &format!("task `{}`", names[i]),
            Some(&tasks_in_scope),
            report,
        );
        // The exit hook runs after the task and sees all its results; other hooks run while
        // it runs and see its status, not its outputs.
        if let Some(h) = get(task, "hooks").and_then(Node::as_map) {
            let mut with_self = ancestors.to_vec();
            with_self[i / 64] |= 1 << (i % 64);
            let during = status_only();
            for e in h {
                let mut scope = Tasks { ..tasks_in_scope };
                scope.ancestors = &with_self;
                if e.key != "exit" {
                    scope.own = Some((i, &during));
                }
                check_strings(
                    &e.value,
                    &child(&child(&p, "hooks"), &e.key),
                    &[&base, &items],
                    &format!("hook `{}` of task `{}`", e.key, names[i]),
                    Some(&scope),
                    report,
                );
            }
        }
    }
    if let Some(o) = get(t, "outputs") {
        let every = Tasks {
            index: &index,
            ancestors: &all,
            offered: &offered,
            user: None,
            own: None,
        };
        check_strings(
            o,
            &child(ptr, "outputs"),
            &[&base],
            &format!("the outputs of template `{tname}`"),
            Some(&every),
            report,
        );
    }
}

/// The `tasks.<name>.…` variables a DAG task can use: those of the tasks it depends on,
/// directly or through others (a bitset over task indices).
struct Tasks<'a> {
    index: &'a BTreeMap<&'a str, usize>,
    ancestors: &'a [u64],
    offered: &'a [Scope],
    /// The task whose fields are checked (none for the template's outputs).
    user: Option<&'a str>,
    /// What the task itself offers its own hooks, when that is not all its results.
    own: Option<(usize, &'a Scope)>,
}

impl Tasks<'_> {
    /// `None` when `name` is not about tasks; else whether it resolves, or the task that is
    /// not an ancestor.
    fn resolve<'n>(&self, name: &'n str, expression: bool) -> Option<Result<(), Option<&'n str>>> {
        let rest = name
            .strip_prefix("tasks.")
            .filter(|_| name != "tasks.name")?;
        let (task, field) = rest.split_once('.').unwrap_or((rest, ""));
        let Some(&j) = self.index.get(task) else {
            return Some(Err(None));
        };
        if self
            .ancestors
            .get(j / 64)
            .is_none_or(|w| w & (1 << (j % 64)) == 0)
        {
            return Some(Err(Some(task)));
        }
        if field.is_empty() && expression {
            return Some(Ok(()));
        }
        let offered = match self.own {
            Some((k, scope)) if k == j => scope,
            _ => &self.offered[j],
        };
        match offered.resolves(field, expression) {
            true => Some(Ok(())),
            false => Some(Err(None)),
        }
    }
}

/// Checks every tag in `node` against `scope`.
fn check_strings(
    node: &Node,
    ptr: &str,
    scopes: &[&Scope],
    owner: &str,
    tasks: Option<&Tasks>,
    report: &mut Report,
) {
    for (n, p) in strings(node, ptr) {
        let Some(sc) = n.as_scalar() else { continue };
        // An inline template is checked on its own, and hooks with their own scope.
        let below = p.get(ptr.len()..).unwrap_or("");
        if !sc.text.contains("{{")
            || below.contains("/inline/")
            || (below.contains("/hooks/") && !ptr.contains("/hooks"))
        {
            continue;
        }
        for tag in tags(&sc.text) {
            let expression = tag.text.starts_with('=');
            for name in &tag.names {
                let verdict = match tasks.and_then(|t| t.resolve(name, expression)) {
                    Some(v) => v,
                    None if scopes.iter().any(|s| s.resolves(name, expression)) => Ok(()),
                    None => Err(None),
                };
                match (verdict, tasks.and_then(|t| t.user)) {
                    (Ok(()), _) => {}
                    (Err(Some(x)), Some(user)) if x == user => report.help(
                        Code::UnresolvedVariable,
                        n,
                        &p,
                        format!("task `{user}` uses `{{{{{}}}}}`, its own result, which exists only after it ran", tag.text),
                        "use it in a task that depends on this one, or in this task's exit hook",
                    ),
                    (Err(Some(x)), Some(user)) => report.help(
                        Code::NotAnAncestor,
                        n,
                        &p,
                        format!("task `{user}` uses `{{{{{}}}}}`, but task `{x}` is not one of its dependencies", tag.text),
                        format!("add `{x}` to the `depends` of `{user}`"),
                    ),
                    _ => report.at(Code::UnresolvedVariable, n, &p, format!("`{{{{{}}}}}` in {owner} does not resolve: `{name}` is not defined here", tag.text)),
                }
            }
        }
    }
}

/// Task names and results named in a `depends` expression (`a && (b.Failed || !c)`).
fn depends_tokens(expr: &str) -> Vec<(&str, Option<&str>)> {
    expr.split(|c: char| c.is_whitespace() || "&|!()".contains(c))
        .filter(|t| !t.is_empty())
        .map(|t| match t.split_once('.') {
            Some((n, r)) => (n, Some(r)),
            None => (t, None),
        })
        .collect()
}

/// A dependency cycle, as the names along it, if there is one.
pub fn find_cycle(deps: &BTreeMap<&str, Vec<&str>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark: BTreeMap<&str, Mark> = BTreeMap::new();
    for &start in deps.keys() {
        if mark.get(start).copied().unwrap_or(Mark::New) != Mark::New {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
        mark.insert(start, Mark::Open);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let children = deps.get(node).map(Vec::as_slice).unwrap_or(&[]);
            if let Some(&c) = children.get(*next) {
                *next += 1;
                match mark.get(c).copied().unwrap_or(Mark::New) {
                    Mark::New => {
                        mark.insert(c, Mark::Open);
                        stack.push((c, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|(n, _)| *n == c).unwrap_or(0);
                        let mut path: Vec<String> =
                            stack[from..].iter().map(|(n, _)| n.to_string()).collect();
                        path.push(c.to_string());
                        return Some(path);
                    }
                    Mark::Done => {}
                }
            } else {
                mark.insert(node, Mark::Done);
                stack.pop();
            }
        }
    }
    None
}

/// Task indices with every task after its dependencies (the graph has no cycle).
fn topo_order(deps: &[Vec<usize>]) -> Vec<usize> {
    let n = deps.len();
    let mut indegree = vec![0usize; n];
    let mut dependents = vec![Vec::new(); n];
    for (i, ds) in deps.iter().enumerate() {
        for &j in ds {
            indegree[i] += 1;
            dependents[j].push(i);
        }
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop() {
        order.push(i);
        for &k in &dependents[i] {
            indegree[k] -= 1;
            if indegree[k] == 0 {
                ready.push(k);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depends_expressions() {
        assert_eq!(
            depends_tokens("a && (b.Failed || !c)"),
            vec![("a", None), ("b", Some("Failed")), ("c", None)]
        );
        assert_eq!(
            depends_tokens("a and b"),
            vec![("a", None), ("and", None), ("b", None)]
        );
    }

    #[test]
    fn cycles() {
        let mut d: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        d.insert("a", vec!["b"]);
        d.insert("b", vec!["c"]);
        assert_eq!(find_cycle(&d), None);
        d.insert("c", vec!["a"]);
        assert_eq!(
            find_cycle(&d),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
    }
}
