//! The Markdown report (GitHub-flavoured): `templates/report.md.hbs`, with escaping for
//! Markdown instead of HTML, and each job graph as a Mermaid `flowchart`.
//!
//! Escaping has three contexts. Plain `{{value}}` is text: every character Markdown or GitHub
//! would interpret (emphasis, links, HTML, tables, math, mentions) is backslash-escaped.
//! `{{code value}}` is a code span whose fence outgrows any backticks inside; `{{cell value}}` is
//! the same inside a table, where GitHub splits cells on `|` even in code. Source lines go into
//! fenced blocks (`fence` in [`super::Finding`]), and Mermaid labels use Mermaid's own entities.

use handlebars::{
    Context, Handlebars, Helper, HelperResult, JsonRender, Output, RenderContext, RenderErrorReason,
};

use super::findings::{longest_run, visible};
use super::graph::DependencyGraph;
use super::svg::Layout;
use super::{RenderError, Report};

const REPORT: &str = include_str!("templates/report.md.hbs");
const FINDING: &str = include_str!("templates/finding.md.hbs");
const USED_BY: &str = include_str!("templates/used_by.md.hbs");
const STATUS: &str = include_str!("templates/status.hbs");

/// Mermaid refuses diagrams past 500 edges and 50,000 characters (its `maxEdges` and
/// `maxTextSize` defaults, which GitHub keeps); stay under both.
pub const MERMAID_EDGES: usize = 500;
const MERMAID_CHARS: usize = 40_000;

pub fn render(report: &Report) -> Result<String, RenderError> {
    let mut hb = super::html::registry(text);
    hb.register_helper("code", Box::new(code_helper));
    hb.register_helper("cell", Box::new(cell_helper));
    hb.register_helper("prose", Box::new(prose_helper));
    super::html::render_with(
        hb,
        "Markdown",
        report,
        REPORT,
        &[
            ("finding", FINDING),
            ("used_by", USED_BY),
            ("status", STATUS),
        ],
    )
}

/// Text escaped for Markdown: backslash before every ASCII punctuation character that can
/// start inline markup or a GitHub extension (`$` math, `@` mentions, `~` strikethrough, `|`
/// cells, `<` HTML and autolinks, `&` entities).
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in visible(value).chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '&'
                | '~'
                | '$'
                | '@'
                | '#'
                | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A message: text, with its `quoted` parts as code spans when the backticks pair up. Every
/// part is escaped on its own, so a user's backtick can at worst misplace a span, never start
/// markup.
pub fn prose(value: &str) -> String {
    let parts: Vec<&str> = value.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return text(value);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 0 { text(p) } else { code(p) })
        .collect()
}

/// A code span: the fence is one backtick longer than the longest run inside, and the content
/// is padded when it starts or ends with a backtick (CommonMark strips one space each side).
pub fn code(value: &str) -> String {
    let v = visible(value);
    if v.is_empty() {
        return "` `".to_string();
    }
    let fence = "`".repeat(longest_run(&v, '`') + 1);
    let pad = if v.starts_with('`') || v.ends_with('`') || (v.starts_with(' ') && v.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{v}{pad}{fence}")
}

fn param_text(h: &Helper<'_>, name: &'static str) -> Result<String, RenderErrorReason> {
    let p = h
        .param(0)
        .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
    if p.is_value_missing() {
        return Err(RenderErrorReason::MissingVariable(
            p.relative_path().cloned(),
        ));
    }
    Ok(p.value().render())
}

fn code_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&code(&param_text(h, "code")?))?;
    Ok(())
}

fn prose_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&prose(&param_text(h, "prose")?))?;
    Ok(())
}

/// A code span in a table cell: GitHub splits cells on `|` before it reads code spans, and
/// turns `\|` back into `|` inside them.
fn cell_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    out.write(&code(&param_text(h, "cell")?).replace('|', "\\|"))?;
    Ok(())
}

/// A Mermaid label: quoted, with Mermaid's entity codes for the characters that would end the
/// quote or be read as markup, and for the marker characters Mermaid's own entity encoding uses.
pub fn mermaid_label(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in visible(value).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' | 'ﬂ' | '°' | '¶' | 'ß' => out.push_str(&format!("#{};", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph as a Mermaid `flowchart TD`, over the jobs the SVG layout draws, shallowest first,
/// as many as fit Mermaid's limits. Node ids are `j` and the job's index, so no name can break
/// the syntax. Returns the text and the number of jobs in it.
pub fn mermaid(graph: &DependencyGraph, layout: &Layout) -> (String, usize) {
    let mut order: Vec<(usize, usize)> = layout.nodes.iter().map(|n| (n.layer, n.job)).collect();
    order.sort_unstable();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); graph.nodes.len()];
    for e in &graph.edges {
        neighbours[e.to].push(e.from);
        neighbours[e.from].push(e.to);
    }
    let mut included = vec![false; graph.nodes.len()];
    let (mut edges, mut chars, mut count) = (0usize, 0usize, 0usize);
    for (_, j) in order {
        let node = node_line(graph, j);
        let new_edges = neighbours[j].iter().filter(|&&k| included[k]).count();
        if edges + new_edges > MERMAID_EDGES || chars + node.len() + 24 * new_edges > MERMAID_CHARS
        {
            break;
        }
        included[j] = true;
        edges += new_edges;
        chars += node.len() + 24 * new_edges;
        count += 1;
    }
    let mut out = String::from("flowchart TD\n");
    for j in (0..graph.nodes.len()).filter(|&j| included[j]) {
        out.push_str(&node_line(graph, j));
    }
    for e in graph
        .edges
        .iter()
        .filter(|e| included[e.from] && included[e.to])
    {
        if e.n_to_n {
            out.push_str(&format!("  j{} -.->|\"N_TO_N\"| j{}\n", e.from, e.to));
        } else {
            out.push_str(&format!("  j{} --> j{}\n", e.from, e.to));
        }
    }
    (out, count)
}

fn node_line(graph: &DependencyGraph, j: usize) -> String {
    let node = &graph.nodes[j];
    let mut label = node.name.clone();
    if let Some(size) = node.array {
        label.push_str(&format!(" ×{size}"));
    }
    if node.sequential {
        label.push_str(" (SEQUENTIAL)");
    }
    // Array jobs get the subroutine shape, a box with doubled sides.
    if node.array.is_some() {
        format!("  j{j}[[{}]]\n", mermaid_label(&label))
    } else {
        format!("  j{j}[{}]\n", mermaid_label(&label))
    }
}

#[cfg(test)]
mod tests {
    use super::super::graph::tests::{graph, Spec};
    use super::super::svg::layout;
    use super::*;

    #[test]
    fn text_cannot_start_markup() {
        assert_eq!(
            text("<script>*a* [l](x) `c` | $x$ @team ~~s~~"),
            "\\<script\\>\\*a\\* \\[l\\](x) \\`c\\` \\| \\$x\\$ \\@team \\~\\~s\\~\\~"
        );
        assert_eq!(text("a\nb"), "a b");
    }

    #[test]
    fn messages_keep_their_code_spans() {
        assert_eq!(prose("job `a*b` failed"), "job `a*b` failed");
        assert_eq!(prose("name `a`b` *"), "name \\`a\\`b\\` \\*");
        assert_eq!(prose("`<x>` and <y>"), "`<x>` and \\<y\\>");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code(""), "` `");
    }

    #[test]
    fn mermaid_labels_and_ids_are_safe() {
        assert_eq!(
            mermaid_label("a\"b<i>#1 `x`"),
            "\"a#quot;b#lt;i#gt;#35;1 #96;x#96;\""
        );
        let g = graph(&[
            ("A", None, &[]),
            ("end", Some(3), &[("A", false)]),
            ("B", Some(3), &[("end", true)]),
        ]);
        let (text, count) = mermaid(&g, &layout(&g));
        assert_eq!(count, 3);
        assert_eq!(
            text,
            "flowchart TD\n  j0[\"A\"]\n  j1[[\"end ×3\"]]\n  j2[[\"B ×3\"]]\n  j0 --> j1\n  j1 -.->|\"N_TO_N\"| j2\n"
        );
    }

    #[test]
    fn mermaid_stays_under_its_edge_limit() {
        // A complete bipartite graph: 30 × 30 = 900 edges.
        let names: Vec<String> = (0..60).map(|i| format!("j{i}")).collect();
        let top: Vec<(&str, bool)> = names[..30].iter().map(|n| (n.as_str(), false)).collect();
        let jobs: Vec<Spec<'_>> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let deps: &[(&str, bool)] = if i < 30 { &[] } else { &top };
                (n.as_str(), None, deps)
            })
            .collect();
        let g = graph(&jobs);
        let (text, count) = mermaid(&g, &layout(&g));
        let edges = text.lines().filter(|l| l.contains("-->")).count();
        assert!(edges <= MERMAID_EDGES, "{edges}");
        assert!(count < 60 && count > 30, "{count}");
    }
}
