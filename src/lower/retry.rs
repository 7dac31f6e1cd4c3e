//! `retryStrategy` → Argo `retryStrategy`.
//!
//! Batch counts attempts, Argo counts retries: `limit = attempts − 1`. `evaluateOnExit` rules are
//! ordered, the first rule whose conditions all match decides, patterns are prefix globs, and an
//! exit that no rule matches is **retried**. They compile into one `expression` over
//! `lastRetry.*`, a chain of `cond ? decision : (…)` ending in `true`. Batch never retries an
//! attempt that hit its timeout, so with a timeout the expression also refuses deadline kills.
//! Reasons (`onReason`, `onStatusReason`) are ECS/EC2 strings; they are approximated on Argo's
//! `lastRetry.message` and `lastRetry.status` and reported.

use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::RetryStrategy as ArgoRetry;
use crate::ir::{EvaluateOnExit, RetryAction, RetryStrategy, Text};

/// Most rules Batch accepts, and longest pattern.
pub const MAX_RULES: usize = 5;
pub const MAX_PATTERN: usize = 512;

/// The message Kubernetes and Argo give a pod stopped by its deadline.
const DEADLINE: &str = "(?i)deadline exceeded|longer than the specified deadline";

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let Some(retry) = &b.def.retry else { return };
    if !b.def.runtime.is_aws() {
        b.template.retry_strategy = retries(retry);
        return;
    }
    let has_timeout = b.def.timeout.is_some();
    b.template.retry_strategy = lower(retry, has_timeout, diags);
}

/// BatchCompute's `MaxRetryCount`: that many retries of a failed instance, whatever failed it,
/// with none of AWS's ranges.
fn retries(retry: &RetryStrategy) -> Option<ArgoRetry> {
    let attempts = retry.attempts.as_ref()?.value;
    (attempts > 1).then(|| ArgoRetry {
        limit: (attempts - 1).to_string(),
        retry_policy: "Always".to_string(),
        expression: None,
    })
}

/// The Argo retry strategy for a Batch one; `None` when Batch would make one attempt only.
pub fn lower(
    retry: &RetryStrategy,
    has_timeout: bool,
    diags: &mut Diagnostics,
) -> Option<ArgoRetry> {
    check(retry, diags);
    let attempts = retry
        .attempts
        .as_ref()
        .map(|a| a.value.clamp(1, 10))
        .unwrap_or(1);
    if attempts <= 1 {
        return None;
    }
    let mut parts = Vec::new();
    if has_timeout {
        parts.push(format!("!(lastRetry.message matches '{DEADLINE}')"));
    }
    if !retry.evaluate_on_exit.is_empty() {
        parts.push(rules_expression(&retry.evaluate_on_exit, diags));
        if let Some(last) = retry.evaluate_on_exit.last() {
            if !is_catch_all(last) {
                diags.report(
                    Code::RetryNoCatchAll,
                    &last.origin,
                    "an exit that no evaluateOnExit rule matches is retried (Batch's rule); end the list with a catch-all rule to decide it explicitly",
                );
            }
        }
    }
    Some(ArgoRetry {
        limit: (attempts - 1).to_string(),
        retry_policy: "Always".to_string(),
        expression: match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(
                parts
                    .iter()
                    .map(|p| format!("({p})"))
                    .collect::<Vec<_>>()
                    .join(" && "),
            ),
        },
    })
}

/// The AWS checks on a retry strategy: ranges, rule count, pattern syntax.
fn check(retry: &RetryStrategy, diags: &mut Diagnostics) {
    if let Some(a) = &retry.attempts {
        if !(1..=10).contains(&a.value) {
            diags.report(
                Code::RetryAttemptsRange,
                &a.origin,
                format!("attempts {} is outside 1–10 (AWS rejects it)", a.value),
            );
        }
    }
    if retry.evaluate_on_exit.len() > MAX_RULES {
        diags.report(
            Code::RetryRules,
            &retry.evaluate_on_exit[MAX_RULES].origin,
            format!(
                "evaluateOnExit has {} rules; AWS accepts at most {MAX_RULES}",
                retry.evaluate_on_exit.len()
            ),
        );
    }
    if !retry.evaluate_on_exit.is_empty() && retry.attempts.is_none() {
        diags.report(
            Code::RetryRules,
            &retry.origin,
            "evaluateOnExit needs `attempts` (AWS rejects a retry strategy without it)",
        );
    }
    for rule in &retry.evaluate_on_exit {
        for (field, pattern, digits) in [
            ("onExitCode", &rule.on_exit_code, true),
            ("onReason", &rule.on_reason, false),
            ("onStatusReason", &rule.on_status_reason, false),
        ] {
            if let Some(p) = pattern {
                if let Some(problem) = pattern_problem(&p.value, digits) {
                    diags.report(
                        Code::RetryPattern,
                        &p.origin,
                        format!("{field} `{}`: {problem}", p.value),
                    );
                }
            }
        }
    }
}

/// What is wrong with a pattern, if anything.
pub fn pattern_problem(pattern: &str, digits_only: bool) -> Option<&'static str> {
    if pattern.len() > MAX_PATTERN {
        return Some("a pattern is at most 512 characters");
    }
    let body = pattern.strip_suffix('*').unwrap_or(pattern);
    if body.contains('*') {
        return Some("`*` may only end a pattern");
    }
    if digits_only && !body.bytes().all(|b| b.is_ascii_digit()) {
        return Some("an exit code pattern may only hold digits and a final `*`");
    }
    if !digits_only
        && !body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == ':' || c.is_whitespace())
    {
        return Some("a reason pattern may only hold letters, digits, `.`, `:` and spaces");
    }
    None
}

fn is_catch_all(rule: &EvaluateOnExit) -> bool {
    let any = |p: &Option<Text>| p.as_ref().is_none_or(|p| p.value == "*");
    any(&rule.on_exit_code) && any(&rule.on_reason) && any(&rule.on_status_reason)
}

/// `first match wins, no match retries`, as one expression.
fn rules_expression(rules: &[EvaluateOnExit], diags: &mut Diagnostics) -> String {
    let mut expr = "true".to_string();
    for rule in rules.iter().take(MAX_RULES).rev() {
        let decision = match rule.action.value {
            RetryAction::Retry => "true",
            RetryAction::Exit => "false",
        };
        let cond = rule_condition(rule, diags);
        expr = if cond == "true" {
            decision.to_string()
        } else {
            format!("{cond} ? {decision} : ({expr})")
        };
    }
    expr
}

/// All conditions of one rule (AND).
fn rule_condition(rule: &EvaluateOnExit, diags: &mut Diagnostics) -> String {
    let mut conds = Vec::new();
    if let Some(p) = &rule.on_exit_code {
        if pattern_problem(&p.value, true).is_none() {
            conds.push(exit_code_condition(&p.value));
        }
    }
    for (field, p) in [
        ("onStatusReason", &rule.on_status_reason),
        ("onReason", &rule.on_reason),
    ] {
        let Some(p) = p else { continue };
        if p.value == "*" {
            continue;
        }
        let (cond, how) = reason_condition(&p.value);
        diags.report(
            Code::RetryReasonApproximated,
            &p.origin,
            format!(
                "{field} `{}` matches an ECS/EC2 message; on Argo it becomes `{cond}` ({how})",
                p.value
            ),
        );
        conds.push(cond);
    }
    match conds.len() {
        0 => "true".to_string(),
        1 => conds.remove(0),
        _ => conds
            .iter()
            .map(|c| format!("({c})"))
            .collect::<Vec<_>>()
            .join(" && "),
    }
}

/// `137` → equality, `1*` → prefix, `*` → any exit code at all (an exit code Argo could read).
pub fn exit_code_condition(pattern: &str) -> String {
    match pattern.strip_suffix('*') {
        Some("") => "lastRetry.exitCode matches '^[0-9]+$'".to_string(),
        Some(prefix) => format!("lastRetry.exitCode matches '^{prefix}[0-9]*$'"),
        None => format!("lastRetry.exitCode == '{pattern}'"),
    }
}

/// ECS/EC2 reasons that have a Kubernetes counterpart, by prefix.
const KNOWN_REASONS: &[(&str, &str, &str)] = &[
    (
        "Host EC2",
        "lastRetry.status == 'Error'",
        "the instance went away: a pod error on Kubernetes",
    ),
    (
        "OutOfMemoryError",
        "lastRetry.message contains 'OOMKilled'",
        "Kubernetes reports OOMKilled",
    ),
    (
        "CannotPullContainerError",
        "lastRetry.status == 'Error'",
        "an image pull failure is a pod error",
    ),
    (
        "CannotStartContainerError",
        "lastRetry.status == 'Error'",
        "a start failure is a pod error",
    ),
    (
        "CannotCreateContainerError",
        "lastRetry.status == 'Error'",
        "a create failure is a pod error",
    ),
    (
        "CannotInspectContainerError",
        "lastRetry.status == 'Error'",
        "a runtime failure is a pod error",
    ),
    (
        "DockerTimeoutError",
        "lastRetry.status == 'Error'",
        "a runtime timeout is a pod error",
    ),
    (
        "ResourceInitializationError",
        "lastRetry.status == 'Error'",
        "a setup failure is a pod error",
    ),
    (
        "Task failed to start",
        "lastRetry.status == 'Error'",
        "a start failure is a pod error",
    ),
    (
        "Essential container in task exited",
        "lastRetry.status == 'Failed'",
        "the container exited with an error",
    ),
];

fn reason_condition(pattern: &str) -> (String, &'static str) {
    let prefix = pattern.strip_suffix('*').unwrap_or(pattern);
    for (known, cond, how) in KNOWN_REASONS {
        let k = known.to_ascii_lowercase();
        let p = prefix.to_ascii_lowercase();
        if k.starts_with(&p) || p.starts_with(&k) {
            return ((*cond).to_string(), how);
        }
    }
    let quoted = prefix.replace('\\', "\\\\").replace('\'', "\\'");
    if pattern.ends_with('*') {
        (
            format!("lastRetry.message startsWith '{quoted}'"),
            "matched against Argo's node message",
        )
    } else {
        (
            format!("lastRetry.message == '{quoted}'"),
            "matched against Argo's node message",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Origin, Span, Spanned};

    fn o() -> Origin {
        Origin::new(FileId(0), Span::default(), "")
    }
    fn t(s: &str) -> Option<Text> {
        Some(Spanned::new(s.to_string(), o()))
    }
    fn rule(code: Option<&str>, reason: Option<&str>, action: RetryAction) -> EvaluateOnExit {
        EvaluateOnExit {
            on_status_reason: None,
            on_reason: reason.and_then(t),
            on_exit_code: code.and_then(t),
            action: Spanned::new(action, o()),
            origin: o(),
        }
    }
    fn strategy(attempts: i64, rules: Vec<EvaluateOnExit>) -> RetryStrategy {
        RetryStrategy {
            attempts: Some(Spanned::new(attempts, o())),
            evaluate_on_exit: rules,
            origin: o(),
        }
    }

    #[test]
    fn attempts_count_the_first_try() {
        let mut d = Diagnostics::new();
        assert_eq!(lower(&strategy(1, vec![]), false, &mut d), None);
        let r = lower(&strategy(3, vec![]), false, &mut d).expect("retry");
        assert_eq!(r.limit, "2");
        assert_eq!(r.retry_policy, "Always");
        assert_eq!(r.expression, None);
    }

    #[test]
    fn first_match_wins_and_no_match_retries() {
        let mut d = Diagnostics::new();
        let r = lower(
            &strategy(
                3,
                vec![
                    rule(Some("137"), None, RetryAction::Retry),
                    rule(Some("1*"), None, RetryAction::Exit),
                ],
            ),
            false,
            &mut d,
        )
        .expect("retry");
        assert_eq!(
            r.expression.as_deref(),
            Some("lastRetry.exitCode == '137' ? true : (lastRetry.exitCode matches '^1[0-9]*$' ? false : (true))")
        );
        assert!(d.iter().any(|x| x.code == Code::RetryNoCatchAll));
    }

    #[test]
    fn a_catch_all_ends_the_chain_and_timeouts_are_never_retried() {
        let mut d = Diagnostics::new();
        let r = lower(
            &strategy(
                2,
                vec![
                    rule(Some("2"), None, RetryAction::Retry),
                    rule(None, Some("*"), RetryAction::Exit),
                ],
            ),
            true,
            &mut d,
        )
        .expect("retry");
        let e = r.expression.expect("expression");
        assert!(e.starts_with("(!(lastRetry.message matches"), "{e}");
        assert!(
            e.ends_with("(lastRetry.exitCode == '2' ? true : (false))"),
            "{e}"
        );
        assert!(!d.iter().any(|x| x.code == Code::RetryNoCatchAll));
    }

    #[test]
    fn patterns_are_checked() {
        assert_eq!(pattern_problem("13*", true), None);
        assert!(pattern_problem("*1", true).is_some());
        assert!(pattern_problem("err", true).is_some());
        assert_eq!(pattern_problem("Host EC2*", false), None);
        assert!(pattern_problem(&"1".repeat(513), true).is_some());
        assert_eq!(
            exit_code_condition("*"),
            "lastRetry.exitCode matches '^[0-9]+$'"
        );
    }
}
