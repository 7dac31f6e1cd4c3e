// Core Kubernetes objects (apiVersion v1) checked against the Kubernetes OpenAPI schemas with
// other people's validators, run by .ci/k8s-objects-check:
//
//   node validate.mjs FILE.yaml...
//
// Reads every document of every file (multi-document YAML, read as YAML 1.1 the way kubectl's
// Go reader does: on/off/yes/no are booleans, 0777 is octal; timestamps and sexagesimal numbers
// stay strings as they do there). A document whose apiVersion is v1 is built into the model class
// of its kind from kubernetes-models/v1 and checked with its .validate(), which kubernetes-models
// generates from the upstream OpenAPI document. A `kind: List` is opened and its items checked.
// Documents of other API groups (argoproj.io, kueue, volcano, kustomize) are skipped.
//
// Prints `PASS kind/name file` or `FAIL kind/name file: reason` per core object, then a count of
// objects per kind and a closing `k8s-objects: N passed, N failed, N skipped` line.
// Exit 0 when all pass, 1 when any fails or when files were given but none held a core object
// (a check that checks nothing must not pass), 2 on a usage error, an unreadable file, packages
// that do not load, or validators that pass a broken PersistentVolume (a canary run first).
//
// Packages are pinned by package-lock.json beside this file; this file is run from the folder
// they are installed in.
import { readFileSync } from 'node:fs';

// Anything that goes wrong outside the checks themselves is a setup error (exit 2), never a FAIL.
process.on('uncaughtException', (err) => {
  console.error(`k8s-objects-check: internal error: ${err && err.stack ? err.stack : err}`);
  process.exit(2);
});

let parseAllDocuments;
let v1;
try {
  ({ parseAllDocuments } = await import('yaml'));
  v1 = await import('kubernetes-models/v1');
} catch (err) {
  console.error(`k8s-objects-check: cannot load the pinned packages: ${err.message}`);
  process.exit(2);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: k8s-objects-check FILE.yaml...');
  process.exit(2);
}

// A canary: validators that accept a broken object (a validate() that became a no-op in some
// release) would make every PASS below meaningless.
{
  const pv = (accessModes) => ({
    apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'canary' },
    spec: { accessModes, capacity: { storage: '1Gi' }, hostPath: { path: '/tmp' } },
  });
  let good = true;
  let broken = true;
  try { new v1.PersistentVolume(pv(['ReadWriteOnce'])).validate(); } catch { good = false; }
  try { new v1.PersistentVolume(pv('ReadWriteOnce')).validate(); } catch { broken = false; }
  if (!good || broken) {
    console.error('k8s-objects-check: the kubernetes-models validators fail their canary '
      + `(a valid PersistentVolume ${good ? 'passes' : 'fails'}, one with accessModes as a string ${broken ? 'passes' : 'fails'})`);
    process.exit(2);
  }
}

// Go's YAML reader (go-yaml v2, under sigs.k8s.io/yaml) resolves YAML 1.1 booleans, octal and
// hexadecimal integers, but leaves timestamps and base-60 numbers as strings.
const goLikeTags = (tags) => tags.filter((t) => t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME');

let passed = 0;
let failed = 0;
let skipped = 0;
const kinds = new Map();

const nameOf = (obj) => {
  const meta = obj && typeof obj === 'object' ? obj.metadata : undefined;
  if (meta && typeof meta === 'object') {
    if (typeof meta.name === 'string' && meta.name !== '') return meta.name;
    if (typeof meta.generateName === 'string' && meta.generateName !== '') return `${meta.generateName}*`;
  }
  return '(no name)';
};

const report = (ok, kind, name, file, reason) => {
  if (ok) {
    passed++;
    console.log(`PASS ${kind}/${name} ${file}`);
  } else {
    failed++;
    console.log(`FAIL ${kind}/${name} ${file}: ${reason}`);
  }
};

// One document (or List item): validated when it is a core object, counted as skipped otherwise.
function check(obj, file, where) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    report(false, '(none)', where, file, 'not a YAML mapping, so not a Kubernetes object');
    return;
  }
  if (obj.apiVersion !== 'v1') {
    if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') {
      report(false, String(obj.kind ?? '(no kind)'), nameOf(obj), file, `${where} has no apiVersion`);
    } else {
      skipped++;
    }
    return;
  }
  const kind = obj.kind;
  const name = nameOf(obj);
  if (typeof kind !== 'string' || kind === '') {
    report(false, '(no kind)', name, file, `${where} has apiVersion v1 but no kind`);
    return;
  }
  if (kind === 'List') {
    if (!Array.isArray(obj.items)) {
      report(false, kind, name, file, 'a List needs an items array');
      return;
    }
    obj.items.forEach((item, i) => check(item, file, `${where} item ${i}`));
    return;
  }
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  const Model = v1[kind];
  // Only the top-level kinds of the core group carry apiVersion v1 and their own kind.
  if (typeof Model !== 'function' || Model.apiVersion !== 'v1' || Model.kind !== kind) {
    report(false, kind, name, file, `no kind ${kind} in the core API (v1) of kubernetes-models`);
    return;
  }
  try {
    new Model(obj).validate();
  } catch (err) {
    report(false, kind, name, file, err && err.message ? err.message : String(err));
    return;
  }
  // The OpenAPI schema leaves metadata optional; the API server does not take an object without
  // a name (kubectl apply: "resource name may not be empty").
  if (name === '(no name)') {
    report(false, kind, name, file, 'metadata.name is missing or empty');
    return;
  }
  report(true, kind, name, file);
}

for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`k8s-objects-check: cannot read ${file}: ${err.message}`);
    process.exit(2);
  }
  const docs = parseAllDocuments(text, { version: '1.1', customTags: goLikeTags, prettyErrors: false });
  // A stream the parser gives up on comes back as one object with the errors.
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const where = `document ${i + 1}`;
    const problems = doc.errors ?? [];
    if (problems.length > 0) {
      report(false, '(unparsed)', where, file, `YAML: ${problems.map((e) => e.message.split('\n')[0]).join('; ')}`);
      return;
    }
    const obj = doc.toJS({ maxAliasCount: 100 });
    if (obj === null || obj === undefined) return; // an empty document (a lone --- or comments)
    check(obj, file, where);
  });
}

const byKind = [...kinds.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`);
console.log(`k8s-objects: core objects by kind: ${byKind.length ? byKind.join(', ') : 'none'}`);
if (passed + failed === 0) {
  console.log(`k8s-objects: ${files.length} file(s) given but not one core (v1) object in them; a check of nothing fails`);
  console.log(`k8s-objects: 0 passed, 0 failed, ${skipped} skipped`);
  process.exit(1);
}
console.log(`k8s-objects: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
