//! `--platform eks`: a job role (`jobRoleArn`) becomes a ServiceAccount with the IRSA
//! annotation, which the template already names (`platform.rs`); EKS then injects the role's
//! web-identity credentials into the pod.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::platform::service_account_for_role;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::emit::model::Object;
use crate::ir::{JobDefinition, JobSpec};

/// One ServiceAccount per job role and namespace its jobs run in.
pub fn objects<'a>(
    defs: impl Iterator<Item = (&'a JobDefinition, &'a BTreeSet<String>)>,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    // Service account name → (role ARN, where, namespaces).
    let mut roles: BTreeMap<String, (String, Origin, BTreeSet<String>)> = BTreeMap::new();
    for (d, namespaces) in defs {
        let JobSpec::Container(c) = &d.spec else {
            continue;
        };
        let Some(role) = &c.job_role_arn else {
            continue;
        };
        let name = service_account_for_role(&role.value);
        match roles.get_mut(&name) {
            Some((other, _, _)) if *other != role.value => diags.report(
                Code::ManualStep,
                &role.origin,
                format!(
                    "job roles `{other}` and `{}` both become ServiceAccount `{name}`; the first one's annotation is written, bind the other by hand",
                    role.value
                ),
            ),
            Some((_, _, seen)) => seen.extend(namespaces.iter().cloned()),
            None => {
                roles.insert(
                    name,
                    (role.value.clone(), role.origin.clone(), namespaces.clone()),
                );
            }
        }
    }
    let mut out = Vec::new();
    for (name, (arn, origin, namespaces)) in roles {
        for namespace in &namespaces {
            let mut sa = Object::new("v1", "ServiceAccount", &name, Some(namespace));
            sa.metadata
                .annotations
                .insert("eks.amazonaws.com/role-arn".into(), arn.clone());
            out.push(sa.with("automountServiceAccountToken", json!(true)));
        }
        let subjects: Vec<String> = namespaces
            .iter()
            .map(|ns| format!("`system:serviceaccount:{ns}:{name}`"))
            .collect();
        diags.report(
            Code::ManualStep,
            &origin,
            format!(
                "ServiceAccount `{name}` assumes `{arn}` through IRSA: the role's trust policy must allow the cluster's OIDC provider for {}",
                subjects.join(", ")
            ),
        );
    }
    out
}
