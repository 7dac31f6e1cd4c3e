//! The object and its spec: names, references to other objects, entrypoint, exit handler, hooks,
//! pod GC, CronWorkflow schedules (argo-target.md §2 B, C and §3.1).

use std::collections::BTreeMap;

use super::node::{child, get, has, item, list, parameterised, str_at, text, truthy, Report};
use super::scope::Scope;
use super::{flow, template, Doc, Index, Kind};
use crate::diagnostics::Code;
use crate::source::syntax::Node;

/// A WorkflowSpec being checked, and what its templates can see.
pub struct Spec<'a> {
    pub kind: Kind,
    pub index: &'a Index<'a>,
    pub node: &'a Node,
    pub ptr: String,
    /// Local templates by name.
    pub templates: BTreeMap<&'a str, &'a Node>,
    /// `templateDefaults` gives containers an image.
    /// `templateDefaults` gives an image to containers and to scripts.
    pub default_image: (bool, bool),
    /// Variables every template can use.
    pub globals: std::sync::Arc<Scope>,
    /// Arguments must have values (a CronWorkflow's spec is checked as if submitted).
    pub submit: bool,
}

impl<'a> Spec<'a> {
    pub fn new(
        kind: Kind,
        index: &'a Index<'a>,
        node: &'a Node,
        ptr: String,
        submit: bool,
    ) -> Spec<'a> {
        let mut templates = BTreeMap::new();
        for t in list(node, "templates") {
            if let Some(name) = str_at(t, "name") {
                templates.entry(name).or_insert(t);
            }
        }
        let defaults = get(node, "templateDefaults");
        let image = |key: &str| {
            defaults
                .and_then(|d| get(d, key))
                .and_then(|c| str_at(c, "image"))
                .is_some_and(|i| !i.is_empty())
        };
        let default_image = (image("container"), image("script"));
        let mut spec = Spec {
            kind,
            index,
            node,
            ptr,
            templates,
            default_image,
            globals: Default::default(),
            submit,
        };
        spec.globals = std::sync::Arc::new(spec.global_scope());
        spec
    }

    /// The templates this spec runs: its own, or the referenced WorkflowTemplate's.
    fn referenced(&self) -> Option<&'a Node> {
        let r = get(self.node, "workflowTemplateRef")?;
        let name = str_at(r, "name")?;
        let cluster = truthy(r, "clusterScope");
        self.index.spec(cluster, name).map(|(_, spec)| spec)
    }

    /// The global variables (argo-target.md §2 F42).
    fn global_scope(&self) -> Scope {
        let mut s = Scope::default();
        for name in [
            "name",
            "namespace",
            "mainEntrypoint",
            "serviceAccountName",
            "uid",
            "status",
            "priority",
            "failures",
            "duration",
            "scheduledTime",
            "parameters",
            "parameters.json",
            "annotations",
            "annotations.json",
            "labels",
            "labels.json",
            "creationTimestamp",
        ] {
            s.add(format!("workflow.{name}"));
        }
        // Always defined, wherever they are used (argo-target.md §2 F42).
        for name in ["steps.name", "tasks.name", "node.name"] {
            s.add(name);
        }
        s.add_prefix("workflow.creationTimestamp.");
        s.add_prefix("workflow.annotations.");
        s.add_prefix("workflow.labels.");
        s.add_prefix("workflow.outputs.");
        let template_object = matches!(
            self.kind,
            Kind::WorkflowTemplate | Kind::ClusterWorkflowTemplate
        );
        if template_object || has(self.node, "workflowTemplateRef") {
            s.add_prefix("workflow.parameters.");
        }
        let mut params: Vec<&Node> = Vec::new();
        if let Some(args) = get(self.node, "arguments") {
            params.extend(list(args, "parameters"));
        }
        if let Some(args) = self.referenced().and_then(|r| get(r, "arguments")) {
            params.extend(list(args, "parameters"));
        }
        for p in params {
            if let Some(n) = str_at(p, "name") {
                s.add(format!("workflow.parameters.{n}"));
            }
        }
        s
    }

    /// A local template by name, or in the referenced WorkflowTemplate.
    pub fn template(&self, name: &str) -> Option<&'a Node> {
        self.templates.get(name).copied().or_else(|| {
            self.referenced().and_then(|r| {
                list(r, "templates")
                    .iter()
                    .find(|t| str_at(t, "name") == Some(name))
            })
        })
    }
}

/// Checks one Argo object.
pub fn check(doc: &Doc, index: &Index, report: &mut Report) {
    let node = doc.node;
    let meta = get(node, "metadata");
    if let Some(meta) = meta {
        names(doc.kind, meta, report);
    }
    let Some(spec) = get(node, "spec") else {
        return;
    };
    match doc.kind {
        Kind::CronWorkflow => {
            cron(spec, report);
            if let Some(ws) = get(spec, "workflowSpec") {
                let s = Spec::new(Kind::Workflow, index, ws, "/spec/workflowSpec".into(), true);
                workflow_spec(&s, report);
            }
        }
        kind => {
            let s = Spec::new(kind, index, spec, "/spec".into(), false);
            workflow_spec(&s, report);
        }
    }
}

/// `metadata.name` and `generateName`: Argo's length limits and the API server's DNS rules.
fn names(kind: Kind, meta: &Node, report: &mut Report) {
    let limit = match kind {
        Kind::CronWorkflow => 52,
        _ => 63,
    };
    if let Some(n) = get(meta, "name") {
        let name = text(n).unwrap_or("");
        if name.len() > limit {
            report.help(
                Code::ObjectNameTooLong,
                n,
                "/metadata/name",
                format!(
                    "{} name `{name}` has {} characters; Argo allows at most {limit}",
                    kind.as_str(),
                    name.len()
                ),
                if kind == Kind::CronWorkflow {
                    "the controller appends `-<unix time>` to a CronWorkflow's name for each run"
                } else {
                    "the name becomes a label value, which Kubernetes limits to 63 characters"
                },
            );
        }
        if !dns_subdomain(name, false) && !parameterised(name) {
            report.at(Code::ObjectNameInvalid, n, "/metadata/name", format!("`{name}` is not a valid Kubernetes object name: lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit"));
        }
    }
    if let Some(n) = get(meta, "generateName") {
        let name = text(n).unwrap_or("");
        if !dns_subdomain(name, true) {
            report.at(Code::ObjectNameInvalid, n, "/metadata/generateName", format!("`{name}` is not a valid prefix for a Kubernetes object name: lowercase letters, digits, `-` and `.`, starting with a letter or digit"));
        }
    }
}

/// RFC 1123 subdomain (the rule of `metadata.name`); a `generateName` prefix may end anyhow.
fn dns_subdomain(name: &str, prefix: bool) -> bool {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
    !name.is_empty()
        && name.len() <= 253
        && name.chars().all(ok_char)
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && (prefix || name.ends_with(|c: char| c.is_ascii_alphanumeric()))
}

/// A WorkflowSpec (also a CronWorkflow's `workflowSpec`).
pub fn workflow_spec(s: &Spec, report: &mut Report) {
    let spec = s.node;
    let p = s.ptr.as_str();
    let templates = list(spec, "templates");
    let wtr = get(spec, "workflowTemplateRef");
    if let Some(r) = wtr {
        if !templates.is_empty() {
            report.key(Code::TemplatesWithWorkflowTemplateRef, spec, p, "templates", "`templates` may not be set when the workflow runs a `workflowTemplateRef`; the referenced template's templates are used");
        }
        let cluster = truthy(r, "clusterScope");
        if let Some(name) =
            str_at(r, "name").filter(|n| !parameterised(n) && s.index.spec(cluster, n).is_none())
        {
            let kind = if cluster {
                "ClusterWorkflowTemplate"
            } else {
                "WorkflowTemplate"
            };
            report.help(Code::WorkflowTemplateNotFound, get(r, "name").unwrap_or(r), &child(&child(p, "workflowTemplateRef"), "name"), format!("{kind} `{name}` is not among the files given"), "pass the file that defines it too; references are resolved among the files given, as `argo lint --offline` does");
        }
    }
    if templates.len() > 200 {
        report.key(
            Code::ArgoTooManyTemplates,
            spec,
            p,
            "templates",
            format!(
                "{} templates; Argo's CRD allows at most 200 per spec",
                templates.len()
            ),
        );
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, t) in templates.iter().enumerate() {
        let tp = item(&child(p, "templates"), i);
        match get(t, "name") {
            None => report.at(
                Code::NameInvalid,
                t,
                &tp,
                format!("templates[{i}] has no name"),
            ),
            Some(n) => {
                let name = text(n).unwrap_or("");
                template::check_name(n, &child(&tp, "name"), name, "template", report);
                if let Some(first) = seen.insert(name, i) {
                    report.at(
                        Code::NameNotUnique,
                        n,
                        &child(&tp, "name"),
                        format!("template name `{name}` is not unique (also templates[{first}])"),
                    );
                }
            }
        }
    }
    // Entrypoint and exit handler: the workflow's own, or the referenced template's, checked
    // with the arguments of both merged (as Argo merges them).
    let referenced = s.referenced();
    let args: Vec<&Node> = [
        get(spec, "arguments"),
        referenced.and_then(|r| get(r, "arguments")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let own_entry = get(spec, "entrypoint");
    let entry = own_entry.map(|e| (e, child(p, "entrypoint"))).or_else(|| {
        Some((
            get(referenced?, "entrypoint")?,
            child(p, "workflowTemplateRef"),
        ))
    });
    if own_entry.is_none() && s.kind == Kind::Workflow && wtr.is_none() {
        report.at(
            Code::EntrypointMissing,
            spec,
            p,
            "`entrypoint` is required: it names the template the workflow starts with",
        );
    }
    let handlers = [
        (entry, "entrypoint"),
        (
            get(spec, "onExit")
                .map(|e| (e, child(p, "onExit")))
                .or_else(|| Some((get(referenced?, "onExit")?, child(p, "workflowTemplateRef")))),
            "onExit",
        ),
    ];
    for (found, what) in handlers {
        let Some((node, at_ptr)) = found else {
            continue;
        };
        let Some(name) = text(node).filter(|n| !parameterised(n)) else {
            continue;
        };
        // A handler from the referenced template is reported at the reference.
        let at = if at_ptr.ends_with("workflowTemplateRef") {
            wtr.unwrap_or(node)
        } else {
            node
        };
        match s.template(name) {
            None if referenced_known(s) => report.at(
                Code::TemplateUndefined,
                at,
                &at_ptr,
                format!("{what} `{name}` names no template"),
            ),
            Some(t) if s.kind == Kind::Workflow => {
                // Submitted (a CronWorkflow), a valueless argument is already B2A590.
                flow::supplied(t, &args, !s.submit, at, &at_ptr, name, report);
            }
            _ => {}
        }
    }
    if let Some(hooks) = get(spec, "hooks") {
        flow::hooks(s, hooks, &child(p, "hooks"), report);
    }
    if let Some(gc) = get(spec, "podGC") {
        if let Some(st) = get(gc, "strategy") {
            let v = text(st).unwrap_or("");
            const OK: &[&str] = &[
                "",
                "OnPodCompletion",
                "OnPodSuccess",
                "OnWorkflowCompletion",
                "OnWorkflowSuccess",
            ];
            if !OK.contains(&v) {
                report.at(Code::PodGcStrategy, st, &child(&child(p, "podGC"), "strategy"), format!("unknown podGC strategy `{v}`; use one of OnPodCompletion, OnPodSuccess, OnWorkflowCompletion, OnWorkflowSuccess"));
            }
        }
    }
    if let Some(r) = get(spec, "podResources") {
        template::pod_resources(r, &child(p, "podResources"), report);
    }
    if let Some(n) = get(spec, "parallelism") {
        template::at_least_one(n, &child(p, "parallelism"), report);
    }
    if let (true, Some(r), Some(ref_args)) =
        (s.submit, wtr, referenced.and_then(|r| get(r, "arguments")))
    {
        // Submitted, the referenced template's parameters need values too, unless overridden.
        let own = get(spec, "arguments")
            .map(|a| list(a, "parameters"))
            .unwrap_or(&[]);
        for p in list(ref_args, "parameters") {
            let name = str_at(p, "name").unwrap_or("");
            let overridden = own.iter().any(|o| {
                str_at(o, "name") == Some(name) && (has(o, "value") || has(o, "valueFrom"))
            });
            if !overridden && !has(p, "value") && !has(p, "valueFrom") {
                report.at(Code::ArgumentValue, r, &child(&s.ptr, "workflowTemplateRef"), format!("parameter `{name}` of the referenced WorkflowTemplate has no value, and the CronWorkflow does not pass one"));
            }
        }
    }
    if let Some(args) = get(spec, "arguments") {
        flow::arguments(
            args,
            &child(p, "arguments"),
            "spec.arguments.parameters.",
            !s.submit,
            report,
        );
    }
    for (i, t) in templates.iter().enumerate() {
        template::check(s, t, &item(&child(p, "templates"), i), report);
    }
}

/// Whether a missing template is really missing: not when it may come from a referenced
/// WorkflowTemplate that is not among the files (that is reported once, as B2A509).
fn referenced_known(s: &Spec) -> bool {
    match get(s.node, "workflowTemplateRef") {
        None => true,
        Some(_) => s.referenced().is_some(),
    }
}

/// A CronWorkflow's own fields (argo-target.md §2 C).
fn cron(spec: &Node, report: &mut Report) {
    let p = "/spec";
    let schedules = list(spec, "schedules");
    if schedules.is_empty() {
        report.key(
            Code::CronNoSchedule,
            spec,
            p,
            "schedules",
            "a CronWorkflow needs at least one entry in `schedules`",
        );
    }
    for (i, s) in schedules.iter().enumerate() {
        let v = text(s).unwrap_or("");
        if let Err(why) = cron_schedule(v) {
            report.at(
                Code::CronSchedule,
                s,
                &item(&child(p, "schedules"), i),
                format!("cron schedule `{v}` is malformed: {why}"),
            );
        }
    }
    if let Some(tz) = get(spec, "timezone") {
        let v = text(tz).unwrap_or("");
        if !timezone_ok(v) {
            report.at(
                Code::CronTimezone,
                tz,
                "/spec/timezone",
                format!("`{v}` is not an IANA time zone name such as `Europe/Berlin` or `UTC`"),
            );
        }
    }
    if let Some(cp) = get(spec, "concurrencyPolicy") {
        let v = text(cp).unwrap_or("");
        if !["Allow", "Forbid", "Replace", ""].contains(&v) {
            report.at(
                Code::CronConcurrencyPolicy,
                cp,
                "/spec/concurrencyPolicy",
                format!("`{v}` is not a concurrency policy; use Allow, Forbid or Replace"),
            );
        }
    }
    if let Some(sd) = get(spec, "startingDeadlineSeconds") {
        if text(sd)
            .and_then(|t| t.parse::<i64>().ok())
            .is_some_and(|v| v < 0)
        {
            report.at(
                Code::CronStartingDeadline,
                sd,
                "/spec/startingDeadlineSeconds",
                "`startingDeadlineSeconds` must not be negative",
            );
        }
    }
}

/// A five-field cron expression or a descriptor, as the cron library Argo uses reads them.
fn cron_schedule(s: &str) -> Result<(), String> {
    let s = s.trim();
    let s = match s.strip_prefix("CRON_TZ=").or_else(|| s.strip_prefix("TZ=")) {
        Some(rest) => rest.split_once(' ').map_or("", |(_, r)| r.trim()),
        None => s,
    };
    if let Some(d) = s.strip_prefix('@') {
        if let Some(every) = d.strip_prefix("every") {
            let dur = every.trim();
            return if !dur.is_empty() && template::duration_ok(dur) {
                Ok(())
            } else {
                Err(format!(
                    "`@every` needs a duration such as `5m`, not `{dur}`"
                ))
            };
        }
        return match d {
            "yearly" | "annually" | "monthly" | "weekly" | "daily" | "midnight" | "hourly" => {
                Ok(())
            }
            _ => Err(format!("unknown descriptor `@{d}`")),
        };
    }
    let fields: Vec<&str> = s.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected 5 fields (minute hour day-of-month month day-of-week), found {}",
            fields.len()
        ));
    }
    const MONTHS: &[&str] = &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    let specs: [(&str, u32, u32, &[&str], u32); 5] = [
        ("minute", 0, 59, &[], 0),
        ("hour", 0, 23, &[], 0),
        ("day of month", 1, 31, &[], 0),
        ("month", 1, 12, MONTHS, 1),
        ("day of week", 0, 6, DAYS, 0),
    ];
    for (field, (what, lo, hi, names, base)) in fields.iter().zip(specs) {
        for part in field.split(',') {
            let (range, step) = match part.split_once('/') {
                Some((r, st)) => (r, Some(st)),
                None => (part, None),
            };
            if let Some(st) = step {
                if st.parse::<u32>().map_or(true, |v| v == 0) {
                    return Err(format!("bad step `{st}` in the {what} field"));
                }
            }
            if range == "*" || range == "?" {
                continue;
            }
            let value = |v: &str| -> Option<u32> {
                v.parse::<u32>().ok().or_else(|| {
                    names
                        .iter()
                        .position(|n| n.eq_ignore_ascii_case(v))
                        .and_then(|i| u32::try_from(i).ok())
                        .map(|i| i + base)
                })
            };
            let (a, b) = match range.split_once('-') {
                Some((a, b)) => (value(a), value(b)),
                None => (value(range), value(range)),
            };
            match (a, b) {
                (Some(a), Some(b)) if a >= lo && b <= hi && a <= b => {}
                _ => {
                    return Err(format!(
                        "`{part}` is out of range in the {what} field ({lo}–{hi})"
                    ))
                }
            }
        }
    }
    Ok(())
}

/// An IANA zone name by its shape and area (the zone database itself is not embedded).
fn timezone_ok(tz: &str) -> bool {
    const AREAS: &[&str] = &[
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
        "Etc",
        "US",
        "Canada",
        "Brazil",
        "Chile",
        "Mexico",
    ];
    // The zone names without an area, as in the tz database's `backward` file.
    const SINGLE: &[&str] = &[
        "",
        "UTC",
        "GMT",
        "GMT0",
        "GMT+0",
        "GMT-0",
        "Local",
        "UCT",
        "Universal",
        "Zulu",
        "EST",
        "MST",
        "HST",
        "EST5EDT",
        "CST6CDT",
        "MST7MDT",
        "PST8PDT",
        "CET",
        "EET",
        "MET",
        "WET",
        "Japan",
        "Singapore",
        "Hongkong",
        "Israel",
        "Turkey",
        "Egypt",
        "Iceland",
        "Iran",
        "Cuba",
        "Jamaica",
        "Libya",
        "Navajo",
        "Poland",
        "Portugal",
        "PRC",
        "ROC",
        "ROK",
        "NZ",
        "NZ-CHAT",
        "Eire",
        "GB",
        "GB-Eire",
        "Greenwich",
        "Kwajalein",
        "W-SU",
        "Factory",
    ];
    if SINGLE.contains(&tz) {
        return true;
    }
    let mut parts = tz.split('/');
    let area = parts.next().unwrap_or("");
    AREAS.contains(&area)
        && tz.contains('/')
        && parts.all(|p| {
            !p.is_empty()
                && p.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cron_expressions() {
        for ok in [
            "*/5 * * * *",
            "0 9 * * MON-FRI",
            "@hourly",
            "@every 90s",
            "0 0 1 JAN *",
            "CRON_TZ=UTC 0 * * * *",
        ] {
            assert_eq!(cron_schedule(ok), Ok(()), "{ok}");
        }
        for bad in [
            "* * * *",
            "61 * * * *",
            "@sometimes",
            "@every soon",
            "*/0 * * * *",
            "0 25 * * *",
        ] {
            assert!(cron_schedule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn time_zones() {
        assert!(timezone_ok("Europe/Berlin"));
        assert!(timezone_ok("America/Argentina/Buenos_Aires"));
        assert!(timezone_ok("UTC"));
        assert!(!timezone_ok("Mars/Olympus"));
        assert!(!timezone_ok("europe/berlin"));
    }
}
