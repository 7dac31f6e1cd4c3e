//! The manual-steps checklist: what must exist in the cluster before the written objects work.
//!
//! It is read from the written objects themselves ([`Document::value`]), not from the
//! diagnostics, so it lists exactly what the manifests refer to: a Secret appears because a
//! container reads it, not because a rule said so. The IR only adds where a Secret's value or a
//! ServiceAccount's role comes from on AWS. Cluster components come from the `B2A323`
//! (`manual-step`) findings, which name setup no object can express.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::findings::{Finding, MappingCodes};
use crate::diagnostics::{Code, Diagnostic, SourceMap};
use crate::emit::Document;
use crate::ir::{JobSpec, Project};
use crate::lower::platform::service_account_for_role;
use crate::lower::secrets::secret_ref;

/// How many referring objects a step names before it says "and N more".
const USERS_SHOWN: usize = 5;

#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Checklist {
    /// The namespace the Workflows run in, where Secrets, claims and accounts must exist.
    pub namespace: String,
    pub secrets: Vec<SecretStep>,
    pub claims: Vec<Step>,
    pub host_paths: Vec<Step>,
    pub service_accounts: Vec<AccountStep>,
    /// `B2A323` findings: cluster components and setup outside the objects.
    pub setup: Vec<Finding>,
    pub images: Vec<Step>,
    /// Steps in all (images included); 0 means nothing is left to do by hand.
    pub steps: usize,
}

/// An object a step is needed by.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjectRef {
    pub kind: String,
    pub name: String,
}

/// The objects that need a step, the first few by name.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct UsedBy {
    pub objects: Vec<ObjectRef>,
    /// How many more are not named.
    pub more: usize,
}

impl UsedBy {
    fn from(set: &BTreeSet<ObjectRef>) -> UsedBy {
        UsedBy {
            objects: set.iter().take(USERS_SHOWN).cloned().collect(),
            more: set.len().saturating_sub(USERS_SHOWN),
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Step {
    pub name: String,
    pub used_by: UsedBy,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct SecretStep {
    pub name: String,
    /// The keys read one by one.
    pub keys: Vec<String>,
    /// Some object reads every key (`envFrom`, or a volume without `items`).
    pub all_keys: bool,
    /// An image pull secret (`kubernetes.io/dockerconfigjson`).
    pub registry: bool,
    /// Where the value is on AWS (Secrets Manager or SSM ARNs, or parameter names).
    pub sources: Vec<String>,
    pub used_by: UsedBy,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct AccountStep {
    pub name: String,
    /// The IAM roles the account stands for.
    pub roles: Vec<String>,
    pub used_by: UsedBy,
}

#[derive(Default)]
struct SecretUse {
    keys: BTreeSet<String>,
    all_keys: bool,
    registry: bool,
    users: BTreeSet<ObjectRef>,
}

/// What the written objects refer to, by kind of step.
#[derive(Default)]
struct References {
    secrets: BTreeMap<String, SecretUse>,
    claims: BTreeMap<String, BTreeSet<ObjectRef>>,
    host_paths: BTreeMap<String, BTreeSet<ObjectRef>>,
    accounts: BTreeMap<String, BTreeSet<ObjectRef>>,
    images: BTreeMap<String, BTreeSet<ObjectRef>>,
    /// Objects written beside the manifests, by kind and name.
    written: BTreeSet<(String, String)>,
    /// Claims Argo creates itself (`volumeClaimTemplates`).
    templated_claims: BTreeSet<String>,
}

/// Builds the checklist of the written `documents`.
pub fn build(
    objects: &[(&Document, Value)],
    project: &Project,
    diagnostics: &[Diagnostic],
    files: &SourceMap,
    mapping: &MappingCodes,
    namespace: &str,
) -> Checklist {
    let mut refs = References::default();
    for (doc, value) in objects {
        refs.written
            .insert((doc.kind.to_string(), doc.name.clone()));
        if !matches!(
            doc.kind,
            "Workflow" | "WorkflowTemplate" | "CronWorkflow" | "ClusterWorkflowTemplate"
        ) {
            continue;
        }
        let user = ObjectRef {
            kind: doc.kind.to_string(),
            name: doc.name.clone(),
        };
        let spec = &value["spec"];
        // A CronWorkflow holds its Workflow spec one level down.
        let spec = if spec.get("workflowSpec").is_some() {
            &spec["workflowSpec"]
        } else {
            spec
        };
        refs.workflow_spec(spec, &user);
    }
    let (sources, roles) = aws_origins(project);

    let secrets: Vec<SecretStep> = refs
        .secrets
        .iter()
        .map(|(name, u)| SecretStep {
            name: name.clone(),
            keys: u.keys.iter().cloned().collect(),
            all_keys: u.all_keys,
            registry: u.registry,
            sources: sources
                .get(name)
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default(),
            used_by: UsedBy::from(&u.users),
        })
        .collect();
    let missing =
        |kind: &str, name: &str| !refs.written.contains(&(kind.to_string(), name.to_string()));
    let claims: Vec<Step> = refs
        .claims
        .iter()
        .filter(|(name, _)| {
            missing("PersistentVolumeClaim", name) && !refs.templated_claims.contains(*name)
        })
        .map(|(name, users)| step(name, users))
        .collect();
    let service_accounts: Vec<AccountStep> = refs
        .accounts
        .iter()
        .filter(|(name, _)| missing("ServiceAccount", name))
        .map(|(name, users)| AccountStep {
            name: name.clone(),
            roles: roles
                .get(name)
                .map(|r| r.iter().cloned().collect())
                .unwrap_or_default(),
            used_by: UsedBy::from(users),
        })
        .collect();
    let host_paths: Vec<Step> = refs.host_paths.iter().map(|(n, u)| step(n, u)).collect();
    let images: Vec<Step> = refs.images.iter().map(|(n, u)| step(n, u)).collect();
    let setup: Vec<Finding> = if objects.is_empty() {
        Vec::new()
    } else {
        diagnostics
            .iter()
            .filter(|d| d.code == Code::ManualStep)
            .map(|d| Finding::new(d, files, mapping))
            .collect()
    };
    Checklist {
        namespace: namespace.to_string(),
        steps: secrets.len()
            + claims.len()
            + host_paths.len()
            + service_accounts.len()
            + setup.len()
            + images.len(),
        secrets,
        claims,
        host_paths,
        service_accounts,
        setup,
        images,
    }
}

fn step(name: &str, users: &BTreeSet<ObjectRef>) -> Step {
    Step {
        name: name.to_string(),
        used_by: UsedBy::from(users),
    }
}

fn items(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

fn text(value: &Value) -> Option<&str> {
    value.as_str().filter(|s| !s.is_empty())
}

impl References {
    fn workflow_spec(&mut self, spec: &Value, user: &ObjectRef) {
        self.account(&spec["serviceAccountName"], user);
        for s in items(&spec["imagePullSecrets"]) {
            if let Some(name) = text(&s["name"]) {
                let u = self.secret(name, user);
                u.registry = true;
                u.keys.insert(".dockerconfigjson".into());
            }
        }
        self.volumes(&spec["volumes"], user);
        for t in items(&spec["volumeClaimTemplates"]) {
            if let Some(name) = text(&t["metadata"]["name"]) {
                self.templated_claims.insert(name.to_string());
            }
        }
        for template in items(&spec["templates"]) {
            self.account(&template["serviceAccountName"], user);
            self.volumes(&template["volumes"], user);
            for c in [&template["container"], &template["script"]] {
                self.container(c, user);
            }
            for list in ["initContainers", "sidecars"] {
                for c in items(&template[list]) {
                    self.container(c, user);
                }
            }
            for c in items(&template["containerSet"]["containers"]) {
                self.container(c, user);
            }
        }
    }

    fn secret(&mut self, name: &str, user: &ObjectRef) -> &mut SecretUse {
        let u = self.secrets.entry(name.to_string()).or_default();
        u.users.insert(user.clone());
        u
    }

    fn account(&mut self, value: &Value, user: &ObjectRef) {
        if let Some(name) = text(value) {
            self.accounts
                .entry(name.to_string())
                .or_default()
                .insert(user.clone());
        }
    }

    fn container(&mut self, c: &Value, user: &ObjectRef) {
        if let Some(image) = text(&c["image"]) {
            self.images
                .entry(image.to_string())
                .or_default()
                .insert(user.clone());
        }
        for env in items(&c["env"]) {
            let r = &env["valueFrom"]["secretKeyRef"];
            if let Some(name) = text(&r["name"]) {
                let key = text(&r["key"]).unwrap_or_default().to_string();
                let u = self.secret(name, user);
                if !key.is_empty() {
                    u.keys.insert(key);
                }
            }
        }
        for from in items(&c["envFrom"]) {
            if let Some(name) = text(&from["secretRef"]["name"]) {
                self.secret(name, user).all_keys = true;
            }
        }
    }

    fn volumes(&mut self, volumes: &Value, user: &ObjectRef) {
        for v in items(volumes) {
            if let Some(name) = text(&v["secret"]["secretName"]) {
                let keys: Vec<String> = items(&v["secret"]["items"])
                    .filter_map(|i| text(&i["key"]).map(str::to_string))
                    .collect();
                let u = self.secret(name, user);
                if keys.is_empty() {
                    u.all_keys = true;
                }
                u.keys.extend(keys);
            }
            if let Some(name) = text(&v["persistentVolumeClaim"]["claimName"]) {
                self.claims
                    .entry(name.to_string())
                    .or_default()
                    .insert(user.clone());
            }
            if let Some(path) = text(&v["hostPath"]["path"]) {
                self.host_paths
                    .entry(path.to_string())
                    .or_default()
                    .insert(user.clone());
            }
        }
    }
}

/// Secret name → the AWS values it is created from; ServiceAccount name → the IAM roles it
/// stands for. Derived with the same functions the lowering uses, so the names agree.
#[allow(clippy::type_complexity)]
fn aws_origins(
    project: &Project,
) -> (
    BTreeMap<String, BTreeSet<String>>,
    BTreeMap<String, BTreeSet<String>>,
) {
    let mut sources: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut roles: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let specs = project.job_definitions.iter().map(|d| &d.spec).chain(
        project
            .graphs
            .iter()
            .flat_map(|g| &g.jobs)
            .filter_map(|j| j.effective_spec.as_ref()),
    );
    for spec in specs {
        let JobSpec::Container(c) = spec else {
            continue;
        };
        for s in &c.secrets {
            sources
                .entry(secret_ref(&s.value_from.value).secret)
                .or_default()
                .insert(s.value_from.value.clone());
        }
        if let Some(creds) = &c.repository_credentials {
            sources
                .entry(secret_ref(&creds.value).secret)
                .or_default()
                .insert(creds.value.clone());
        }
        if let Some(role) = &c.job_role_arn {
            roles
                .entry(service_account_for_role(&role.value))
                .or_default()
                .insert(role.value.clone());
        }
    }
    (sources, roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: &'static str, name: &str, text: &str) -> Document {
        Document {
            kind,
            name: name.into(),
            path: format!("x/{name}.json"),
            text: text.into(),
        }
    }

    #[test]
    fn steps_come_from_what_the_objects_refer_to() {
        let wft = doc(
            "WorkflowTemplate",
            "t",
            r#"{"kind": "WorkflowTemplate", "spec": {
                "serviceAccountName": "runner",
                "imagePullSecrets": [{"name": "pull"}],
                "templates": [{"name": "a",
                  "volumes": [{"name": "v", "persistentVolumeClaim": {"claimName": "data"}},
                              {"name": "w", "persistentVolumeClaim": {"claimName": "written"}},
                              {"name": "h", "hostPath": {"path": "/scratch"}},
                              {"name": "s", "secret": {"secretName": "files"}}],
                  "container": {"image": "b:1", "env": [
                    {"name": "X", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                    {"name": "Y", "valueFrom": {"secretKeyRef": {"name": "db", "key": "user"}}}]},
                  "initContainers": [{"name": "i", "image": "a:1"}]}]}}"#,
        );
        let pvc = doc(
            "PersistentVolumeClaim",
            "written",
            r#"{"kind": "PersistentVolumeClaim"}"#,
        );
        let objects: Vec<(&Document, Value)> = [&wft, &pvc]
            .into_iter()
            .filter_map(|d| Some((d, d.value()?)))
            .collect();
        let c = build(
            &objects,
            &Project::default(),
            &[],
            &SourceMap::default(),
            &MappingCodes::from_fields(),
            "batch",
        );
        let secrets: Vec<(&str, Vec<String>, bool, bool)> = c
            .secrets
            .iter()
            .map(|s| (s.name.as_str(), s.keys.clone(), s.all_keys, s.registry))
            .collect();
        assert_eq!(
            secrets,
            [
                (
                    "db",
                    vec!["password".to_string(), "user".to_string()],
                    false,
                    false
                ),
                ("files", vec![], true, false),
                ("pull", vec![".dockerconfigjson".to_string()], false, true),
            ]
        );
        let names = |s: &[Step]| s.iter().map(|x| x.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&c.claims), ["data"]);
        assert_eq!(names(&c.host_paths), ["/scratch"]);
        assert_eq!(names(&c.images), ["a:1", "b:1"]);
        assert_eq!(c.service_accounts.len(), 1);
        assert_eq!(c.steps, 3 + 1 + 1 + 1 + 2);
        assert_eq!(
            c.images[0].used_by.objects,
            [ObjectRef {
                kind: "WorkflowTemplate".into(),
                name: "t".into()
            }]
        );
    }
}
