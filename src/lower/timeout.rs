//! `timeout.attemptDurationSeconds` → template `activeDeadlineSeconds`.
//!
//! Both count per attempt (per pod), so an array child gets the deadline each, as on Batch. The
//! retry rule makes sure a deadline kill is not retried (see `retry`).

use super::template::Build;
use crate::diagnostics::{Code, Diagnostics};

/// Shortest timeout AWS accepts.
pub const MIN_SECONDS: i64 = 60;

pub fn apply(b: &mut Build<'_>, diags: &mut Diagnostics) {
    let Some(t) = &b.def.timeout else { return };
    if t.value < MIN_SECONDS && b.def.runtime.is_aws() {
        diags.report(
            Code::TimeoutTooShort,
            &t.origin,
            format!(
                "attemptDurationSeconds {} is below {MIN_SECONDS} (AWS rejects it)",
                t.value
            ),
        );
    }
    if t.value > 0 {
        b.template.active_deadline_seconds = Some(t.value.to_string());
    }
}
