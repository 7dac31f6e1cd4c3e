//! `--platform generic`: only the node labels every Kubernetes cluster has,
//! `kubernetes.io/arch` and `node.kubernetes.io/instance-type`.

use super::{requirement, Environment, Instance, NodeTerms};
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::NodeSelectorTerm;

pub fn terms(e: &Environment<'_>, diags: &mut Diagnostics) -> NodeTerms {
    let mut out = NodeTerms::default();
    let mut term = NodeSelectorTerm::default();
    if let Some(arch) = e.arch {
        term.match_expressions
            .push(requirement("kubernetes.io/arch", vec![arch.into()]));
        out.flavor_labels
            .insert("kubernetes.io/arch".into(), arch.into());
    }
    let exact: Vec<String> = e
        .instances
        .iter()
        .filter_map(|i| match i {
            Instance::Exact { name, .. } => Some(name.clone()),
            _ => None,
        })
        .collect();
    let loose: Vec<String> =
        e.ce.instance_types
            .iter()
            .zip(&e.instances)
            .filter(|(_, i)| !matches!(i, Instance::Exact { .. }))
            .map(|(t, _)| format!("`{}`", t.value))
            .collect();
    // With a family among the types, any instance type of it is allowed: no list to require.
    if !exact.is_empty() && loose.is_empty() {
        if exact.len() == 1 {
            out.flavor_labels
                .insert("node.kubernetes.io/instance-type".into(), exact[0].clone());
        }
        term.match_expressions
            .push(requirement("node.kubernetes.io/instance-type", exact));
    }
    let mut lost = Vec::new();
    if !loose.is_empty() {
        lost.push(format!(
            "instance families {} (no standard label names a family)",
            loose.join(", ")
        ));
    }
    // On-Demand is what nodes are unless labelled otherwise; Spot needs a label.
    if e.capacity == Some(super::Capacity::Spot) {
        lost.push("Spot capacity (no standard label tells Spot from On-Demand)".to_string());
    }
    if !lost.is_empty() {
        diags.report(
            Code::ComputeEnvironmentNotMapped,
            &e.ce.name.origin,
            format!(
                "compute environment `{}`: {} not placed on --platform generic",
                e.ce.name.value,
                lost.join(" and ")
            ),
        );
    }
    if !term.match_expressions.is_empty() {
        out.terms.push(term);
    }
    out
}
