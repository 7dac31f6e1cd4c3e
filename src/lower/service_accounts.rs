//! `--platform eks`: a job role (`jobRoleArn`) becomes a ServiceAccount with the IRSA
//! annotation, which the template already names (`platform.rs`); EKS then injects the role's
//! web-identity credentials into the pod.

use std::collections::BTreeMap;

use serde_json::json;

use super::platform::service_account_for_role;
use crate::diagnostics::{Code, Diagnostics, Origin};
use crate::emit::model::Object;
use crate::ir::{JobDefinition, JobSpec};

pub fn objects<'a>(
    defs: impl Iterator<Item = &'a JobDefinition>,
    namespace: &str,
    diags: &mut Diagnostics,
) -> Vec<Object> {
    // Service account name → (role ARN, where).
    let mut roles: BTreeMap<String, (String, Origin)> = BTreeMap::new();
    for d in defs {
        let JobSpec::Container(c) = &d.spec else {
            continue;
        };
        let Some(role) = &c.job_role_arn else {
            continue;
        };
        let name = service_account_for_role(&role.value);
        match roles.get(&name) {
            Some((other, _)) if *other != role.value => diags.report(
                Code::ManualStep,
                &role.origin,
                format!(
                    "job roles `{other}` and `{}` both become ServiceAccount `{name}`; the first one's annotation is written, bind the other by hand",
                    role.value
                ),
            ),
            Some(_) => {}
            None => {
                roles.insert(name, (role.value.clone(), role.origin.clone()));
            }
        }
    }
    let mut out = Vec::new();
    for (name, (arn, origin)) in roles {
        let mut sa = Object::new("v1", "ServiceAccount", &name, Some(namespace));
        sa.metadata
            .annotations
            .insert("eks.amazonaws.com/role-arn".into(), arn.clone());
        out.push(sa.with("automountServiceAccountToken", json!(true)));
        diags.report(
            Code::ManualStep,
            &origin,
            format!(
                "ServiceAccount `{namespace}/{name}` assumes `{arn}` through IRSA: the role's trust policy must allow the cluster's OIDC provider for `system:serviceaccount:{namespace}:{name}`"
            ),
        );
    }
    out
}
