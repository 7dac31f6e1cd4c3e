#!/usr/bin/env python3
"""Compare two Argo Workflows JSON Schemas (stdlib only).

Usage:
    python3 schemas/compare.py [GENERATED] [REFERENCE] [--roots Workflow,WorkflowTemplate,CronWorkflow]
                               [--all] [--docs] [--quiet] [--subset]

Defaults: GENERATED = schemas/argo-workflows.schema.json (next to this script),
          REFERENCE = ../shared/argo/schema.json (relative to the repository root).

What is compared: every definition reachable (through "$ref") from the root kinds
(io.argoproj.workflow.v1alpha1.<Kind>) in either schema, or every definition with --all.
Definitions are compared *semantically*: property names, types, items/additionalProperties,
"$ref" targets, "const", "enum" and the "required" set. Documentation and annotation keys
(description, title, format, default, x-kubernetes-*, discriminator) are ignored unless
--docs is given, in which case their differences are counted separately (informational).

Exit status: 0 when the reachable definitions are semantically equal, 1 when they differ,
2 on usage errors. With --subset, exit 0 also when the only differences are definitions or
properties that the reference has and the generated schema lacks (an older Argo version),
i.e. nothing that both schemas define is defined differently.
"""

import hashlib
import json
import os
import sys

PREFIX = "io.argoproj.workflow.v1alpha1."
REF = "#/definitions/"
DOC_KEYS = {"description", "title", "format", "default", "discriminator", "example"}


def is_doc_key(key):
    return key in DOC_KEYS or key.startswith("x-kubernetes-")


def refs_in(node, out):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF):
                out.add(value[len(REF):])
            elif key == "properties" and isinstance(value, dict):
                for sub in value.values():
                    refs_in(sub, out)
            else:
                refs_in(value, out)
    elif isinstance(node, list):
        for item in node:
            refs_in(item, out)


def reachable(defs, roots):
    seen = set()
    todo = [r for r in roots if r in defs]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        found = set()
        refs_in(defs.get(name, {}), found)
        todo.extend(sorted(found - seen))
    return seen


def semantic(node):
    """Strip documentation keys; make order-insensitive parts canonical."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                out[key] = {p: semantic(v) for p, v in value.items()}
            elif is_doc_key(key):
                continue
            elif key == "required" and isinstance(value, list):
                out[key] = sorted(value)
            elif key == "type" and isinstance(value, list):
                out[key] = sorted(value)
            else:
                out[key] = semantic(value)
        return out
    if isinstance(node, list):
        return [semantic(v) for v in node]
    return node


def docs_only(node):
    """The documentation keys of a definition, flattened to {path: value}."""
    out = {}

    def walk(n, path):
        if isinstance(n, dict):
            for key, value in n.items():
                if key == "properties" and isinstance(value, dict):
                    for p, v in value.items():
                        walk(v, f"{path}.{p}")
                elif is_doc_key(key):
                    out[f"{path}/{key}"] = json.dumps(value, sort_keys=True)
                else:
                    walk(value, f"{path}/{key}")

    walk(node, "")
    return out


def short(value):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= 160 else text[:157] + "..."


def diff_definition(name, a, b, lines):
    """Append human-readable differences between semantic forms a (generated) and b (reference).

    Returns the number of conflicts: differences other than properties missing in generated.
    """
    conflicts = 0
    pa, pb = a.get("properties", {}), b.get("properties", {})
    only_a = sorted(set(pa) - set(pb))
    only_b = sorted(set(pb) - set(pa))
    if only_b:
        lines.append(f"  {name}: properties missing in generated: {', '.join(only_b)}")
    if only_a:
        conflicts += 1
        lines.append(f"  {name}: properties only in generated: {', '.join(only_a)}")
    for prop in sorted(set(pa) & set(pb)):
        if pa[prop] != pb[prop]:
            conflicts += 1
            lines.append(f"  {name}.{prop}: generated {short(pa[prop])} != reference {short(pb[prop])}")
    ra, rb = set(a.get("required", [])), set(b.get("required", []))
    if ra != rb:
        extra = sorted(ra - rb)
        missing = sorted(rb - ra)
        conflicts += 1
        lines.append(
            f"  {name}: required differs (generated also requires {extra or '-'};"
            f" generated does not require {missing or '-'})"
        )
    rest_a = {k: v for k, v in a.items() if k not in ("properties", "required")}
    rest_b = {k: v for k, v in b.items() if k not in ("properties", "required")}
    if rest_a != rest_b:
        conflicts += 1
        lines.append(f"  {name}: shape generated {short(rest_a)} != reference {short(rest_b)}")
    return conflicts


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    args = [a for a in argv if not a.startswith("--")]
    opts = [a for a in argv if a.startswith("--")]
    roots = ["Workflow", "WorkflowTemplate", "CronWorkflow"]
    for i, a in enumerate(argv):
        if a == "--roots" and i + 1 < len(argv):
            roots = argv[i + 1].split(",")
            args.remove(argv[i + 1])
    for o in opts:
        if o not in ("--roots", "--all", "--docs", "--quiet", "--subset"):
            print(f"unknown option {o}", file=sys.stderr)
            return 2
    gen_path = args[0] if len(args) > 0 else os.path.join(here, "argo-workflows.schema.json")
    ref_path = args[1] if len(args) > 1 else os.path.join(os.path.dirname(repo), "shared", "argo", "schema.json")
    quiet = "--quiet" in opts

    raw_a = open(gen_path, "rb").read()
    raw_b = open(ref_path, "rb").read()
    print(f"generated: {gen_path}  sha256 {hashlib.sha256(raw_a).hexdigest()}  {len(raw_a)} bytes")
    print(f"reference: {ref_path}  sha256 {hashlib.sha256(raw_b).hexdigest()}  {len(raw_b)} bytes")
    if raw_a == raw_b:
        print("byte-identical: yes")
        return 0
    print("byte-identical: no")

    doc_a, doc_b = json.loads(raw_a), json.loads(raw_b)
    defs_a, defs_b = doc_a.get("definitions", {}), doc_b.get("definitions", {})

    # Root shape: the oneOf over kinds.
    oneof_a = sorted(x.get("$ref", "") for x in doc_a.get("oneOf", []))
    oneof_b = sorted(x.get("$ref", "") for x in doc_b.get("oneOf", []))
    print(f"root oneOf equal: {'yes' if oneof_a == oneof_b else 'no'}"
          f" ({len(oneof_a)} vs {len(oneof_b)} kinds)")
    print(f"definitions: generated {len(defs_a)}, reference {len(defs_b)}")

    if "--all" in opts:
        scope = set(defs_a) | set(defs_b)
        print("scope: all definitions")
    else:
        full_roots = [PREFIX + r for r in roots]
        scope = reachable(defs_a, full_roots) | reachable(defs_b, full_roots)
        print(f"scope: definitions reachable from {', '.join(roots)}: {len(scope)}")

    lines = []
    missing = sorted(n for n in scope if n in defs_b and n not in defs_a)
    extra = sorted(n for n in scope if n in defs_a and n not in defs_b)
    for n in missing:
        lines.append(f"  definition missing in generated: {n}")
    for n in extra:
        lines.append(f"  definition only in generated: {n}")
    differing = 0
    conflicts = len(extra)
    for name in sorted(scope & set(defs_a) & set(defs_b)):
        sa, sb = semantic(defs_a[name]), semantic(defs_b[name])
        if sa != sb:
            differing += 1
            conflicts += diff_definition(name, sa, sb, lines)

    print(f"semantic differences: {len(missing)} missing, {len(extra)} extra, {differing} differing definitions")
    if lines and not quiet:
        print("\n".join(lines))

    if "--docs" in opts:
        doc_diffs = 0
        for name in sorted(scope & set(defs_a) & set(defs_b)):
            da, db = docs_only(defs_a[name]), docs_only(defs_b[name])
            doc_diffs += sum(1 for k in set(da) | set(db) if da.get(k) != db.get(k))
        print(f"documentation/annotation differences (informational): {doc_diffs}")

    print(f"conflicts (differences other than definitions/properties missing in generated): {conflicts}")
    equal = not missing and not extra and differing == 0 and oneof_a == oneof_b
    if equal:
        print("RESULT: semantically equal")
        return 0
    subset = conflicts == 0 and oneof_a == oneof_b
    if subset:
        print("RESULT: semantically different, but generated is a strict subset of reference (no conflicts)")
    else:
        print("RESULT: semantically different")
    return 0 if subset and "--subset" in opts else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
