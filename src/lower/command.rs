//! Batch `image` and `command` → the container's `image` and `args`, with `Ref::` placeholders
//! as input parameters.
//!
//! Batch's `command` replaces the image's CMD and keeps its ENTRYPOINT, which is what Kubernetes
//! `args` does; `command` would replace the ENTRYPOINT. Placeholders become
//! `{{inputs.parameters.<name>}}` with the definition's value as default; literal text is
//! escaped so Argo and the kubelet pass it through unchanged.

use super::template::Build;
use super::text::{dollar_segments, escape, segments, Dollars, Segment};
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::ir::{JobSpec, Runtime};

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    b.container.image = c
        .image
        .as_ref()
        .map(|i| i.value.clone())
        .unwrap_or_default();
    // Parameters are declared in the definition's order, used or not (Batch keeps them too).
    let declared: Vec<(String, Origin)> = b
        .def
        .parameters
        .iter()
        .map(|p| (p.key.value.clone(), p.key.origin.clone()))
        .collect();
    let mut used = std::collections::BTreeSet::new();
    if let Some(command) = &c.command {
        let mut args = Vec::with_capacity(command.value.len());
        for element in &command.value {
            args.push(substitute(
                b,
                &element.value,
                &element.origin,
                Dollars::Escape,
                &mut used,
                diags,
            ));
        }
        b.container.args = Some(args);
    }
    if let Some(entrypoint) = &c.entrypoint {
        // Kubernetes `command`: the image's ENTRYPOINT is replaced, as BatchCompute's shell did.
        let command = entrypoint
            .value
            .iter()
            .map(|e| substitute(b, &e.value, &e.origin, Dollars::Escape, &mut used, diags))
            .collect();
        b.container.command = Some(command);
    }
    b.container.working_dir = c
        .working_dir
        .as_ref()
        .map(|w| escape(&w.value, Dollars::Escape).0);
    for (name, origin) in declared {
        // An App's location parameters are used by its artifacts, not its command line.
        if !used.contains(&name) && b.def.runtime.is_aws() {
            diags.report(
                Code::UnusedParameter,
                &origin,
                format!("parameter `{name}` is not used by any `Ref::` in the command; Batch substitutes parameters only there"),
            );
        }
        b.input_for(&name, diags);
    }
    // Every input an App declares, with a default or not: its jobs pass them.
    if let Runtime::BatchCompute(bc) = &b.def.runtime {
        if let Some(app) = bc.app.as_deref() {
            for p in &app.values {
                b.input_for(p, diags);
            }
            for p in &app.locations {
                b.input_for(&format!("{p}-bucket"), diags);
                b.input_for(&format!("{p}-key"), diags);
            }
        }
    }
}

/// One command element with its placeholders replaced and its literal text escaped.
pub fn substitute(
    b: &mut Build<'_>,
    text: &str,
    origin: &Origin,
    dollars: Dollars,
    used: &mut std::collections::BTreeSet<String>,
    diags: &mut Diagnostics,
) -> String {
    let mut known: Vec<String> = b
        .def
        .parameters
        .iter()
        .map(|p| p.key.value.clone())
        .collect();
    let app = match &b.def.runtime {
        Runtime::BatchCompute(bc) => bc.app.as_deref(),
        Runtime::AwsBatch => None,
    };
    if let Some(app) = app {
        known.extend(app.values.iter().cloned());
    }
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let parts = if b.def.runtime.is_aws() {
        segments(text, &known)
    } else {
        dollar_segments(text, &known)
    };
    // An App's placeholders stand inside command lines by design.
    let whole =
        !b.def.runtime.is_aws() || (parts.len() == 1 && matches!(parts[0], Segment::Ref(_)));
    let mut out = String::new();
    for part in parts {
        match part {
            Segment::Literal(l) => {
                let (escaped, lbrace) = escape(l, dollars);
                if lbrace {
                    b.lbrace = true;
                    diags.report(
                        Code::TemplateBraces,
                        origin,
                        "the literal `{{` was escaped so Argo does not read it as a template tag; the container still receives it unchanged",
                    );
                }
                out.push_str(&escaped);
            }
            Segment::Ref(name) => {
                used.insert(name.to_string());
                b.ref_origins
                    .entry(name.to_string())
                    .or_insert_with(|| origin.clone());
                if !whole {
                    diags.report(
                        Code::EmbeddedRef,
                        origin,
                        format!("`Ref::{name}` stands inside a longer string; it was substituted, but Batch's behaviour for embedded placeholders is undocumented"),
                    );
                }
                let input = b.input_for(name, diags);
                out.push_str("{{inputs.parameters.");
                out.push_str(&input);
                out.push_str("}}");
            }
        }
    }
    out
}

/// A parameter value as it must be passed, so that it reaches the container unchanged once
/// Argo has put it into the command.
pub fn escape_value(spec: &JobSpec, value: &str, lbrace: &mut bool) -> String {
    let dollars = match spec {
        JobSpec::Container(_) => Dollars::Escape,
        JobSpec::Eks(_) => Dollars::Keep,
    };
    let (escaped, needs) = escape(value, dollars);
    *lbrace |= needs;
    escaped
}
