//! The HTML report: one self-contained page (`templates/report.html.hbs`), styles inline, the
//! job graphs as inline SVG, no script and nothing loaded from anywhere. A Content Security
//! Policy in the page forbids scripts and every external load, so even a template mistake could
//! not make the page run a job name as code.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonRender, JsonTruthy, Output,
    RenderContext, RenderErrorReason, Renderable,
};

use super::findings::visible;
use super::{RenderError, Report};

const REPORT: &str = include_str!("templates/report.html.hbs");
const FINDING: &str = include_str!("templates/finding.html.hbs");
const DAG: &str = include_str!("templates/dag.svg.hbs");
const STYLE: &str = include_str!("templates/style.css");
const USED_BY: &str = include_str!("templates/used_by.html.hbs");
const STATUS: &str = include_str!("templates/status.hbs");

pub fn render(report: &Report) -> Result<String, RenderError> {
    let mut hb = registry(text);
    hb.register_helper("prose", Box::new(prose_helper));
    render_with(
        hb,
        "HTML",
        report,
        REPORT,
        &[
            ("finding", FINDING),
            ("dag", DAG),
            ("style", STYLE),
            ("used_by", USED_BY),
            ("status", STATUS),
        ],
    )
}

/// Registers a format's report template and its partials, and renders: the same steps for
/// every format, failures named by `format`.
pub fn render_with(
    mut hb: Handlebars<'static>,
    format: &'static str,
    report: &Report,
    template: &'static str,
    partials: &[(&str, &'static str)],
) -> Result<String, RenderError> {
    let fail = |message: String| RenderError { format, message };
    hb.register_template_string("report", template)
        .map_err(|e| fail(e.to_string()))?;
    for (name, partial) in partials {
        hb.register_partial(name, *partial)
            .map_err(|e| fail(e.to_string()))?;
    }
    hb.render("report", report).map_err(|e| fail(e.to_string()))
}

/// Text escaped for HTML (text and quoted attributes alike), hidden characters shown.
pub fn text(value: &str) -> String {
    handlebars::html_escape(&visible(value))
}

/// A registry for one format: strict, so a misspelt field in a template is an error rather
/// than an empty string, with `escape` for `{{value}}` and the helpers both formats use.
pub fn registry(escape: fn(&str) -> String) -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(escape);
    hb.register_helper("plural", Box::new(plural));
    hb.register_helper("if", Box::new(StrictIf { positive: true }));
    hb.register_helper("unless", Box::new(StrictIf { positive: false }));
    hb
}

/// `if` and `unless` that fail on a missing field. Strict mode covers `{{field}}` and `each`,
/// but the built-in `if` reads a missing field as false, so a misspelt condition would hide
/// its branch without a word.
struct StrictIf {
    positive: bool,
}

impl HelperDef for StrictIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let param = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("if", 0))?;
        if param.is_value_missing() {
            return Err(RenderErrorReason::MissingVariable(param.relative_path().cloned()).into());
        }
        let truthy = param.value().is_truthy(false) == self.positive;
        match if truthy { h.template() } else { h.inverse() } {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

/// A message: escaped text, with its `quoted` parts in `<code>` when the backticks pair up.
pub fn prose(value: &str) -> String {
    let parts: Vec<&str> = value.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return text(value);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 0 {
                text(p)
            } else {
                format!("<code>{}</code>", text(p))
            }
        })
        .collect()
}

fn prose_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let p = h
        .param(0)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex("prose", 0))?;
    if p.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(p.relative_path().cloned()).into());
    }
    out.write(&prose(&p.value().render()))?;
    Ok(())
}

/// `{{plural n "job" "jobs"}}` → `1 job`, `2 jobs`.
fn plural(
    h: &Helper<'_>,
    hb: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let n = h
        .param(0)
        .filter(|p| !p.is_value_missing())
        .and_then(|p| p.value().as_u64())
        .ok_or(RenderErrorReason::InvalidParamType("plural: a count"))?;
    let word = |i: usize| -> Result<String, RenderErrorReason> {
        h.param(i)
            .map(|p| p.value().render())
            .ok_or(RenderErrorReason::ParamNotFoundForIndex("plural", i))
    };
    let word = if n == 1 { word(1)? } else { word(2)? };
    out.write(&format!("{n} {}", hb.get_escape_fn()(&word)))?;
    Ok(())
}
