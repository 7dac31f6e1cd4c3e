//! `--platform eks`: Karpenter's node labels. Capacity type from the environment's type, exact
//! instance types, instance families and the `optimal` keywords as Karpenter's well-known labels,
//! architecture from the instance types.

use std::collections::BTreeMap;

use super::{requirement, Capacity, Environment, Instance, NodeTerms};
use crate::diagnostics::Diagnostics;
use crate::emit::model::{NodeSelectorRequirement, NodeSelectorTerm};

const CAPACITY: &str = "karpenter.sh/capacity-type";
const INSTANCE_TYPE: &str = "node.kubernetes.io/instance-type";
const FAMILY: &str = "karpenter.k8s.aws/instance-family";
const CATEGORY: &str = "karpenter.k8s.aws/instance-category";
const ARCH: &str = "kubernetes.io/arch";

pub fn terms(e: &Environment<'_>, _diags: &mut Diagnostics) -> NodeTerms {
    let mut common: Vec<NodeSelectorRequirement> = Vec::new();
    let mut flavor_labels = BTreeMap::new();
    if let Some(c) = e.capacity {
        let value = match c {
            Capacity::Spot => "spot",
            Capacity::OnDemand => "on-demand",
        };
        common.push(requirement(CAPACITY, vec![value.into()]));
        flavor_labels.insert(CAPACITY.into(), value.into());
    }
    if let Some(arch) = e.arch {
        common.push(requirement(ARCH, vec![arch.into()]));
        flavor_labels.insert(ARCH.into(), arch.into());
    }
    let mut exact = Vec::new();
    let mut families = Vec::new();
    let mut optimal = false;
    for i in &e.instances {
        match i {
            Instance::Exact { name, .. } => exact.push(name.clone()),
            Instance::Family(f) => families.push(f.clone()),
            Instance::Optimal { .. } => optimal = true,
        }
    }
    exact.sort();
    exact.dedup();
    families.sort();
    families.dedup();
    // Each kind of entry is its own term: the terms are alternatives, as the list was.
    let mut shapes: Vec<NodeSelectorRequirement> = Vec::new();
    if !exact.is_empty() {
        if exact.len() == 1 && families.is_empty() && !optimal {
            flavor_labels.insert(INSTANCE_TYPE.into(), exact[0].clone());
        }
        shapes.push(requirement(INSTANCE_TYPE, exact));
    }
    if !families.is_empty() {
        if families.len() == 1 && shapes.is_empty() && !optimal {
            flavor_labels.insert(FAMILY.into(), families[0].clone());
        }
        shapes.push(requirement(FAMILY, families));
    }
    if optimal {
        // `optimal`: Batch's pick among the C, M and R families.
        shapes.push(requirement(
            CATEGORY,
            vec!["c".into(), "m".into(), "r".into()],
        ));
    }
    let mut terms = Vec::new();
    if shapes.is_empty() {
        if !common.is_empty() {
            terms.push(NodeSelectorTerm {
                match_expressions: common,
            });
        }
    } else {
        for shape in shapes {
            let mut m = common.clone();
            m.push(shape);
            terms.push(NodeSelectorTerm {
                match_expressions: m,
            });
        }
    }
    NodeTerms {
        terms,
        flavor_labels,
    }
}
