// Checks of the migration report (issue 7) with other people's tools, run by .ci/report-check:
//
//   node check.mjs html REPORT.html JOBS.json SCREENSHOT.png
//       opens the page in headless Chromium (Debian's), fails on any console message of level
//       warning or error, page error or request that leaves the file, checks that the SVG has
//       one box per job of JOBS.json (a job graph file) named after it, that the page has no
//       script, and that the print style hides the contents; takes a full-page screenshot.
//   node check.mjs mermaid REPORT.md...
//       parses every ```mermaid block with Mermaid's own parser (there must be some).
//   node check.mjs markdown REPORT.md...
//       renders GitHub-flavoured Markdown and fails on any element the report's own syntax
//       does not make (raw HTML or a link that escaped from a name) and on table rows of the
//       wrong width.
//
// Packages are pinned by package-lock.json beside this file; this file is run from the folder
// they are installed in.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const [mode, ...args] = process.argv.slice(2);
const problems = [];
const fail = (what) => problems.push(what);

// How the report shows a name: line breaks and tabs as spaces, control and bidirectional
// formatting characters as \u{…} escapes (so a name cannot hide or reorder text).
const shown = (name) => name
  .replace(/[\t\n]/g, ' ')
  .replace(/\r/g, '')
  .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0).toString(16)}}`);

async function html(report, jobsFile, screenshot) {
  const { chromium } = await import('playwright-core');
  const graph = JSON.parse(readFileSync(jobsFile, 'utf8'));
  const jobs = (Array.isArray(graph) ? graph : graph.jobs).map((j) => shown(j.jobName)).sort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') fail(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => fail(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) fail(`request out of the file: ${r.url()}`);
    });
    page.on('requestfailed', (r) => fail(`failed request: ${r.url()}`));
    const response = await page.goto(new URL(`file://${report}`).href, { waitUntil: 'load' });
    if (!response || !response.ok()) fail(`the page did not load: ${response && response.status()}`);
    const boxes = await page.$$eval('svg.dag g.job', (gs) => gs.map((g) => g.querySelector('title').textContent).sort());
    if (JSON.stringify(boxes) !== JSON.stringify(jobs)) {
      fail(`the SVG boxes ${JSON.stringify(boxes)} are not the jobs ${JSON.stringify(jobs)}`);
    }
    const stacks = await page.$$eval('svg.dag g.job.array', (gs) => gs.map((g) => g.querySelectorAll('rect.card').length));
    const arrays = (Array.isArray(graph) ? graph : graph.jobs).filter((j) => j.arrayProperties).length;
    if (stacks.length !== arrays || stacks.some((n) => n !== 2)) fail(`array stacks: ${JSON.stringify(stacks)}, ${arrays} array jobs`);
    const nToN = (Array.isArray(graph) ? graph : graph.jobs).flatMap((j) => j.dependsOn || []).filter((d) => d.type === 'N_TO_N').length;
    const dashed = await page.$$eval('svg.dag g.edge.n-to-n', (gs) => gs.filter((g) => getComputedStyle(g.querySelector('polyline')).strokeDasharray !== 'none').length);
    if (dashed !== nToN) fail(`${dashed} dashed N_TO_N edges, ${nToN} N_TO_N dependencies`);
    const scripts = await page.$$eval('script', (s) => s.length);
    if (scripts) fail(`${scripts} script elements`);
    // Every box is drawn inside the SVG's own area.
    const outside = await page.$$eval('svg.dag', (svgs) => svgs.flatMap((svg) => {
      const frame = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('g.job rect')].filter((r) => {
        const b = r.getBoundingClientRect();
        return b.left < frame.left - 0.5 || b.top < frame.top - 0.5 || b.right > frame.right + 0.5 || b.bottom > frame.bottom + 0.5;
      }).map((r) => r.closest('g').querySelector('title').textContent);
    }));
    if (outside.length) fail(`boxes outside their drawing: ${outside.join(', ')}`);
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const toc = await page.$eval('nav.toc', (n) => getComputedStyle(n).display);
    if (toc !== 'none') fail(`the print style shows the table of contents (${toc})`);
    console.log(`${report}: ${boxes.length} job boxes, ${stacks.length} array stacks, ${dashed} N_TO_N edges; screenshot ${screenshot}`);
  } finally {
    await browser.close();
  }
}

async function mermaid(files) {
  const dom = new JSDOM('<!doctype html><html><body></body></html>');
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const { default: m } = await import('mermaid');
  m.initialize({ startOnLoad: false });
  let total = 0;
  for (const file of files) {
    const blocks = [...readFileSync(file, 'utf8').matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((b) => b[1]);
    total += blocks.length;
    for (const block of blocks) {
      try {
        const parsed = await m.parse(block);
        if (parsed.diagramType !== 'flowchart-v2') fail(`${file}: a ${parsed.diagramType} diagram`);
      } catch (e) {
        fail(`${file}: ${String(e.message).split('\n').slice(0, 4).join(' | ')}\n${block}`);
      }
    }
  }
  if (!total) fail('no mermaid block in any report');
  console.log(`mermaid: ${total} blocks of ${files.length} reports parsed`);
}

// What Markdown syntax makes: anything else came from raw HTML in the text.
const MARKDOWN_ELEMENTS = new Set([
  'h1', 'h2', 'h3', 'h4', 'p', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote',
  'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input',
]);

async function markdown(files) {
  const { marked } = await import('marked');
  let elements = 0;
  let tables = 0;
  for (const file of files) {
    const body = new JSDOM(marked.parse(readFileSync(file, 'utf8'), { gfm: true })).window.document.body;
    const foreign = [...body.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()).filter((t) => !MARKDOWN_ELEMENTS.has(t));
    if (foreign.length) fail(`${file}: raw HTML elements ${[...new Set(foreign)].join(', ')}`);
    for (const table of body.querySelectorAll('table')) {
      const width = table.querySelectorAll('thead th').length;
      for (const row of table.querySelectorAll('tbody tr')) {
        if (row.children.length !== width) fail(`${file}: a table row of ${row.children.length} cells under ${width} headers: ${row.textContent}`);
      }
    }
    for (const a of body.querySelectorAll('a')) fail(`${file}: a link to ${a.getAttribute('href')}`);
    elements += body.querySelectorAll('*').length;
    tables += body.querySelectorAll('table').length;
  }
  console.log(`markdown: ${files.length} reports rendered, ${elements} elements, ${tables} tables, no raw HTML, no link`);
}

if (mode === 'html') await html(...args);
else if (mode === 'mermaid') await mermaid(args);
else if (mode === 'markdown') await markdown(args);
else fail(`unknown mode ${mode}`);

if (problems.length) {
  for (const p of problems) console.error(`report check: ${p}`);
  process.exit(1);
}
