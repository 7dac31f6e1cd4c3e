//! A diff report as people and programs read it: `human` (coloured on a terminal), `markdown`
//! (a pull-request comment, rendered from `templates/diff.md.hbs`, kept under GitHub's comment
//! limit), `json` (the [`Report`] as is; its schema is documented in `docs/diff.md`).

use handlebars::Handlebars;
use serde::Serialize;
use serde_json::Value;

use super::structure::ChangeKind;
use super::{Finding, Report};

/// GitHub refuses comments longer than this many characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// What a value looks like in one line: at most `max` characters of its JSON.
fn short(v: Option<&Value>, max: usize) -> String {
    let Some(v) = v else {
        return String::new();
    };
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > max {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn kind_word(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
        ChangeKind::Renamed => "renamed",
    }
}

fn place(f: &Finding) -> String {
    if f.file.is_empty() {
        return String::new();
    }
    format!("{}:{} {}", f.file, f.line, f.pointer)
}

/// One summary line per change of a Workflow.
fn workflow_lines(w: &super::summary::WorkflowSummary) -> Vec<String> {
    let mut lines = Vec::new();
    let list = |v: &[String]| {
        v.iter()
            .map(|j| format!("`{j}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !w.jobs_added.is_empty() {
        lines.push(format!("jobs added: {}", list(&w.jobs_added)));
    }
    if !w.jobs_removed.is_empty() {
        lines.push(format!("jobs removed: {}", list(&w.jobs_removed)));
    }
    for [a, b] in &w.jobs_renamed {
        lines.push(format!("job `{a}` renamed `{b}`"));
    }
    for [a, b] in &w.edges_added {
        lines.push(format!("`{b}` now waits for `{a}`"));
    }
    for [a, b] in &w.edges_removed {
        lines.push(format!("`{b}` no longer waits for `{a}`"));
    }
    lines.extend(w.changes.iter().cloned());
    lines
}

/// Plain text, one line per fact; `+`/`-`/`~` marks, coloured when `color`.
pub fn human(r: &Report, title: &str, color: bool) -> String {
    if !r.differences {
        return format!("{title}: no differences\n");
    }
    let paint = |code: &str, text: String| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    };
    let mut out = format!("{title}\n");
    for o in &r.notes {
        out.push_str(&paint("33", format!("! {o}\n")));
    }
    for w in &r.workflows {
        out.push_str(&format!("workflow {}:\n", w.name));
        for l in workflow_lines(w) {
            out.push_str(&format!("  {}\n", l.replace('`', "")));
        }
    }
    for f in &r.diagnostics.introduced {
        out.push_str(&paint(
            "31",
            format!("+ {} {} {}\n", f.code, place(f), f.message),
        ));
    }
    for f in &r.diagnostics.resolved {
        out.push_str(&paint(
            "32",
            format!("- {} {} {}\n", f.code, place(f), f.message),
        ));
    }
    for o in &r.objects {
        let head = match &o.from {
            Some(from) => format!("{} {} {} (was {from})", kind_word(o.change), o.kind, o.name),
            None => format!("{} {} {}", kind_word(o.change), o.kind, o.name),
        };
        let code = match o.change {
            ChangeKind::Added => "32",
            ChangeKind::Removed => "31",
            _ => "33",
        };
        out.push_str(&paint(code, format!("{head}\n")));
        for c in &o.changes {
            let line = match c.change {
                ChangeKind::Added => format!("  + {}: {}", c.pointer, short(c.new.as_ref(), 120)),
                ChangeKind::Removed => format!("  - {}: {}", c.pointer, short(c.old.as_ref(), 120)),
                _ => format!(
                    "  ~ {}: {} → {}",
                    c.pointer,
                    short(c.old.as_ref(), 120),
                    short(c.new.as_ref(), 120)
                ),
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A Markdown table cell: one line, no unescaped pipes, code in backticks that cannot break.
fn cell(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let one_line = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    // A backtick run longer than any inside the text delimits it safely.
    let run = one_line
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    let ticks = "`".repeat(run + 1);
    format!("{ticks} {one_line} {ticks}")
}

/// Text in a Markdown table or list: pipes escaped, one line, HTML inert.
fn prose(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[derive(Serialize)]
struct Counts {
    added: usize,
    removed: usize,
    changed: usize,
    renamed: usize,
}

#[derive(Clone, Serialize)]
struct Row {
    pointer: String,
    change: &'static str,
    old: String,
    new: String,
}

#[derive(Clone, Serialize)]
struct ObjectView {
    change: &'static str,
    kind: String,
    name: String,
    from: Option<String>,
    count: usize,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct FindingView {
    code: String,
    #[serde(rename = "where")]
    place: String,
    message: String,
}

#[derive(Serialize)]
struct WorkflowView {
    name: String,
    lines: Vec<String>,
}

#[derive(Serialize)]
struct View {
    title: String,
    differences: bool,
    counts: Counts,
    diagnostics: Value,
    options: Vec<String>,
    workflows: Vec<WorkflowView>,
    introduced: Vec<FindingView>,
    resolved: Vec<FindingView>,
    objects: Vec<ObjectView>,
    cut: Option<String>,
}

fn findings(list: &[Finding]) -> Vec<FindingView> {
    list.iter()
        .map(|f| FindingView {
            code: f.code.clone(),
            place: prose(&place(f)),
            message: prose(&f.message),
        })
        .collect()
}

/// Markdown for a pull-request comment, under [`COMMENT_LIMIT`]: object details are dropped
/// from the end, with a note, until it fits.
pub fn markdown(r: &Report, title: &str) -> Result<String, String> {
    let count = |k: ChangeKind| r.objects.iter().filter(|o| o.change == k).count();
    let mut view = View {
        title: prose(title),
        differences: r.differences,
        counts: Counts {
            added: count(ChangeKind::Added),
            removed: count(ChangeKind::Removed),
            changed: count(ChangeKind::Changed),
            renamed: count(ChangeKind::Renamed),
        },
        diagnostics: serde_json::json!({
            "introduced": r.diagnostics.introduced.len(),
            "resolved": r.diagnostics.resolved.len(),
            "unchanged": r.diagnostics.unchanged,
        }),
        options: r.notes.iter().map(|o| prose(o)).collect(),
        workflows: r
            .workflows
            .iter()
            .map(|w| WorkflowView {
                name: prose(&w.name),
                lines: workflow_lines(w).iter().map(|l| prose(l)).collect(),
            })
            .collect(),
        introduced: findings(&r.diagnostics.introduced),
        resolved: findings(&r.diagnostics.resolved),
        objects: r
            .objects
            .iter()
            .map(|o| ObjectView {
                change: kind_word(o.change),
                kind: prose(&o.kind),
                name: prose(&o.name),
                from: o.from.as_deref().map(prose),
                count: o.changes.len(),
                rows: o
                    .changes
                    .iter()
                    .map(|c| Row {
                        pointer: cell(&c.pointer),
                        change: kind_word(c.change),
                        old: cell(&short(c.old.as_ref(), 200)),
                        new: cell(&short(c.new.as_ref(), 200)),
                    })
                    .collect(),
            })
            .collect(),
        cut: None,
    };
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    hb.register_template_string("diff", include_str!("templates/diff.md.hbs"))
        .map_err(|e| e.to_string())?;
    let render = |view: &View| hb.render("diff", view).map_err(|e| e.to_string());
    let fits = |text: &str| text.chars().count() <= COMMENT_LIMIT;
    let text = render(&view)?;
    if fits(&text) {
        return Ok(text);
    }
    // Keep the details of the first `k` objects, the largest `k` that fits (binary search: a
    // render per step, not per object); then, if need be, only the first `m` objects.
    let rows: Vec<Vec<Row>> = view
        .objects
        .iter_mut()
        .map(|o| std::mem::take(&mut o.rows))
        .collect();
    let all = view.objects.len();
    view.cut = Some(format!(
        "the details of some objects were left out to stay under GitHub's {COMMENT_LIMIT}-character comment limit; `batch2argo diff --format json` has everything."
    ));
    let with_details = |view: &mut View, k: usize| {
        for (i, o) in view.objects.iter_mut().enumerate() {
            o.rows = if i < k { rows[i].clone() } else { Vec::new() };
        }
    };
    let (mut lo, mut hi) = (0, all);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        with_details(&mut view, mid);
        if fits(&render(&view)?) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    with_details(&mut view, lo);
    let text = render(&view)?;
    if fits(&text) {
        return Ok(text);
    }
    let objects = std::mem::take(&mut view.objects);
    let (mut lo, mut hi) = (0, objects.len());
    let keep = |view: &mut View, m: usize| {
        view.objects = objects.iter().take(m).cloned().collect();
        view.cut = Some(format!(
            "{} of {all} objects and the details of the others were left out to stay under GitHub's {COMMENT_LIMIT}-character comment limit; `batch2argo diff --format json` has everything.",
            all - m
        ));
    };
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        keep(&mut view, mid);
        if fits(&render(&view)?) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    keep(&mut view, lo);
    let text = render(&view)?;
    Ok(text)
}

/// The report as stable JSON.
pub fn json(r: &Report) -> String {
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_stays_under_the_comment_limit() {
        use super::super::{structure::Change, ObjectDiff};
        let long = Value::String("x".repeat(500));
        let objects: Vec<ObjectDiff> = (0..3000)
            .map(|i| ObjectDiff {
                kind: "WorkflowTemplate".into(),
                name: format!("definition-{i:04}"),
                change: ChangeKind::Changed,
                from: None,
                changes: (0..5)
                    .map(|j| Change {
                        pointer: format!("/spec/templates/{j}/container/image"),
                        change: ChangeKind::Changed,
                        old: Some(long.clone()),
                        new: Some(Value::String(format!("image:{i}"))),
                    })
                    .collect(),
            })
            .collect();
        let report = Report {
            schema: "batch2argo-diff/1",
            differences: true,
            objects,
            ..Report::default()
        };
        let text = markdown(&report, "big").expect("renders");
        assert!(text.chars().count() <= COMMENT_LIMIT, "{}", text.len());
        assert!(text.contains("were left out to stay under GitHub's 65536-character comment limit"));
        assert!(text.contains("| objects | 0 | 0 | 3000 | 0 |"));
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b"), "` a\\|b `");
        assert_eq!(cell("x `y` z"), "`` x `y` z ``");
        assert_eq!(cell(""), "");
        assert_eq!(prose("<b>|\n"), "&lt;b&gt;\\| ");
    }
}
