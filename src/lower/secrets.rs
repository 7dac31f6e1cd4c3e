//! `secrets[]` → `secretKeyRef`, `repositoryCredentials` → image pull secret.
//!
//! The Secret name and key are derived from the ARN so that the same secret always maps to the
//! same Kubernetes Secret; the value is never written. Creating (or syncing) the Secrets is a
//! manual step, reported per secret.

use super::names::distinct_label;
use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::{EnvVar, EnvVarSource, SecretKeySelector};
use crate::ir::JobSpec;

/// Where a secret comes from, and the Kubernetes Secret it maps to.
#[derive(Debug, PartialEq, Eq)]
pub struct SecretRef {
    pub secret: String,
    pub key: String,
    /// A version stage or id was pinned (and is lost).
    pub pinned_version: bool,
}

/// Derives the Secret name and key of a `valueFrom`.
pub fn secret_ref(value_from: &str) -> SecretRef {
    // Secrets Manager: arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:json-key:stage:id]
    let parts: Vec<&str> = value_from.split(':').collect();
    if parts.len() >= 7 && parts[2] == "secretsmanager" && parts[5] == "secret" {
        let name = parts[6];
        let json_key = parts.get(7).copied().unwrap_or("");
        let stage = parts.get(8).copied().unwrap_or("");
        let id = parts.get(9).copied().unwrap_or("");
        return SecretRef {
            secret: distinct_label(name, 253),
            key: if json_key.is_empty() {
                "value".into()
            } else {
                json_key.to_string()
            },
            pinned_version: !stage.is_empty() || !id.is_empty(),
        };
    }
    // SSM: arn:aws:ssm:REGION:ACCOUNT:parameter/PATH, or the bare name.
    let name = if parts.len() >= 6 && parts[2] == "ssm" {
        parts[5..].join(":")
    } else {
        value_from.to_string()
    };
    let name = name.strip_prefix("parameter").unwrap_or(&name);
    SecretRef {
        secret: distinct_label(name.trim_matches('/'), 253),
        key: "value".into(),
        pinned_version: false,
    }
}

/// A Secrets Manager ARN with some, but not all, of the optional parts' colons.
pub fn arn_problem(value_from: &str) -> Option<String> {
    let parts: Vec<&str> = value_from.split(':').collect();
    let secrets_manager = parts.len() >= 7 && parts[2] == "secretsmanager" && parts[5] == "secret";
    if secrets_manager && (parts.len() == 8 || parts.len() == 9 || parts.len() > 10) {
        Some(format!(
            "`{value_from}` has {} of the 3 optional parts after the secret name; write all colons: `…:secret:NAME:json-key:version-stage:version-id`, empty parts as `::`",
            parts.len() - 7
        ))
    } else {
        None
    }
}

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    for s in c
        .secrets
        .iter()
        .chain(c.log_configuration.iter().flat_map(|l| &l.secret_options))
    {
        if let Some(problem) = arn_problem(&s.value_from.value) {
            diags.report(Code::SecretArnColons, &s.value_from.origin, problem);
        }
    }
    for s in &c.secrets {
        let r = secret_ref(&s.value_from.value);
        diags.report(
            Code::Secret,
            &s.value_from.origin,
            format!(
                "`{}` reads key `{}` of the Kubernetes Secret `{}`; create it from {} before the workflow runs",
                s.name.value, r.key, r.secret, s.value_from.value
            ),
        );
        if r.pinned_version {
            diags.report(
                Code::SecretVersion,
                &s.value_from.origin,
                "the version stage or id pinned here is lost: a Kubernetes Secret holds one value",
            );
        }
        b.env.push(EnvVar {
            name: s.name.value.clone(),
            value: None,
            value_from: Some(EnvVarSource {
                secret_key_ref: SecretKeySelector {
                    name: r.secret,
                    key: r.key,
                },
            }),
        });
    }
    if let Some(creds) = &c.repository_credentials {
        let r = secret_ref(&creds.value);
        diags.report(
            Code::RepositoryCredentials,
            &creds.origin,
            format!(
                "the image is pulled with the Secret `{}`; create it as a kubernetes.io/dockerconfigjson Secret from {}",
                r.secret, creds.value
            ),
        );
        b.image_pull_secrets.insert(r.secret);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_manager_arns() {
        let r =
            secret_ref("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::");
        assert!(r.secret.starts_with("db-abcdef-"), "{}", r.secret);
        assert_eq!((r.key.as_str(), r.pinned_version), ("password", false));
        let r = secret_ref(
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-XyZ123::AWSPREVIOUS:",
        );
        assert!(r.pinned_version);
        assert_eq!(r.key, "value");
    }

    #[test]
    fn ssm_parameters() {
        let r = secret_ref("arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/password");
        assert!(r.secret.starts_with("prod-db-password"), "{}", r.secret);
        let bare = secret_ref("/prod/db/password");
        assert_eq!(bare.secret, r.secret);
    }
}
