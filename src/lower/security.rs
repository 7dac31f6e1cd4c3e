//! `privileged`, `readonlyRootFilesystem` and `user` → the container's securityContext.
//!
//! `user` maps only when numeric (`uid` or `uid:gid`); a user name has no Kubernetes form.

use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};
use crate::emit::model::SecurityContext;
use crate::ir::JobSpec;

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let JobSpec::Container(c) = &b.def.spec else {
        return;
    };
    let mut sc = SecurityContext {
        privileged: c.privileged.as_ref().map(|p| p.value).filter(|p| *p),
        read_only_root_filesystem: c
            .readonly_root_filesystem
            .as_ref()
            .map(|p| p.value)
            .filter(|p| *p),
        ..SecurityContext::default()
    };
    if let Some(user) = &c.user {
        match parse_user(&user.value) {
            Some((uid, gid)) => {
                sc.run_as_user = Some(uid);
                sc.run_as_group = gid;
            }
            None => diags.report(
                Code::UserName,
                &user.origin,
                format!("user `{}` is not a numeric uid; Kubernetes runAsUser takes numbers, so the image's default user runs", user.value),
            ),
        }
    }
    if sc != SecurityContext::default() {
        b.container.security_context = Some(sc);
    }
}

/// `1000` or `1000:2000`.
pub fn parse_user(text: &str) -> Option<(i64, Option<i64>)> {
    let (uid, gid) = match text.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (text, None),
    };
    let uid = uid.parse::<i64>().ok().filter(|v| *v >= 0)?;
    let gid = match gid {
        Some(g) => Some(g.parse::<i64>().ok().filter(|v| *v >= 0)?),
        None => None,
    };
    Some((uid, gid))
}

#[cfg(test)]
mod tests {
    use super::parse_user;

    #[test]
    fn numeric_users_only() {
        assert_eq!(parse_user("1000"), Some((1000, None)));
        assert_eq!(parse_user("1000:2000"), Some((1000, Some(2000))));
        assert_eq!(parse_user("app"), None);
        assert_eq!(parse_user("1000:staff"), None);
    }
}
