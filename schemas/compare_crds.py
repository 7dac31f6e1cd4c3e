#!/usr/bin/env python3
"""Compare the generated Kueue/Volcano schemas with CRD files (e.g. the test-only ../shared/crds).

    python3 schemas/compare_crds.py [CRD_DIR]      (default: ../shared/crds beside the repository)

For each generated schema, takes the matching version's openAPIV3Schema from the CRD folder and
reports, per JSON path: properties that only one side has, different types, different required
sets, different enum values; then counts what the CRD constrains and the generated schema cannot
(patterns, limits, defaults, CEL rules). Descriptions and formats are ignored. Needs PyYAML
(for reading the CRDs only). Exit 0 always: this informs schemas/SOURCE-crds.md, it is not a gate.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PAIRS = [
    ("kueue-resourceflavor", "kueue/kueue.x-k8s.io_resourceflavors.yaml"),
    ("kueue-clusterqueue", "kueue/kueue.x-k8s.io_clusterqueues.yaml"),
    ("kueue-localqueue", "kueue/kueue.x-k8s.io_localqueues.yaml"),
    ("kueue-cohort", "kueue/kueue.x-k8s.io_cohorts.yaml"),
    ("kueue-workloadpriorityclass", "kueue/kueue.x-k8s.io_workloadpriorityclasses.yaml"),
    ("volcano-queue", "volcano/scheduling.volcano.sh_queues.yaml"),
]
LOST = ("pattern", "maxLength", "minLength", "maxItems", "minItems", "maximum", "minimum",
        "maxProperties", "default", "x-kubernetes-validations", "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys", "x-kubernetes-map-type", "oneOf", "allOf", "not")


def kind_of(s: dict) -> str:
    if s.get("x-kubernetes-int-or-string"):
        return "int-or-string"
    if s.get("x-kubernetes-preserve-unknown-fields") and "properties" not in s:
        return "any"
    t = s.get("type")
    if isinstance(t, list):
        t = "|".join(x for x in t if x != "null")
    return t or "?"


def walk(ours: dict, theirs: dict, path: str, out: list[str], lost: Counter) -> None:
    for key in LOST:
        if key in theirs:
            lost[key] += 1
    ko, kt = kind_of(ours), kind_of(theirs)
    if ko != kt:
        out.append(f"{path}: type {ko} here, {kt} in the CRD")
        return
    if sorted(ours.get("enum", [])) != sorted(theirs.get("enum", [])):
        out.append(f"{path}: enum {ours.get('enum')} here, {theirs.get('enum')} in the CRD")
    ro, rt = set(ours.get("required", [])), set(theirs.get("required", []))
    if path == "":
        ro -= {"apiVersion", "kind", "metadata"}
    if ro != rt:
        out.append(f"{path or '/'}: required {sorted(ro)} here, {sorted(rt)} in the CRD")
    po, pt = ours.get("properties", {}), theirs.get("properties", {})
    for name in sorted(set(po) | set(pt)):
        if path == "" and name in ("apiVersion", "kind", "metadata"):
            continue
        if name not in pt:
            out.append(f"{path}/{name}: only here")
        elif name not in po:
            out.append(f"{path}/{name}: only in the CRD")
        else:
            walk(po[name], pt[name], f"{path}/{name}", out, lost)
    if "items" in ours and "items" in theirs:
        walk(ours["items"], theirs["items"], f"{path}[]", out, lost)
    ao, at = ours.get("additionalProperties"), theirs.get("additionalProperties")
    if isinstance(ao, dict) and isinstance(at, dict):
        walk(ao, at, f"{path}{{}}", out, lost)


def main() -> int:
    crd_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parent.parent / "shared" / "crds"
    for stem, crd_file in PAIRS:
        ours = json.loads((HERE / f"{stem}.schema.json").read_text())
        gvk = ours["x-kubernetes-group-version-kind"][0]
        crd = yaml.safe_load((crd_dir / crd_file).read_text())
        versions = {v["name"]: v for v in crd["spec"]["versions"]}
        print(f"== {stem} ({gvk['group']}/{gvk['version']}) vs {crd_file}")
        print("   CRD versions: " + ", ".join(
            f"{n} (served={v.get('served')}, storage={v.get('storage')}{', deprecated' if v.get('deprecated') else ''})"
            for n, v in versions.items()))
        scope = crd["spec"]["scope"]
        if scope != ours["x-kubernetes-scope"]:
            print(f"   scope {ours['x-kubernetes-scope']} here, {scope} in the CRD")
        if gvk["version"] not in versions:
            print("   the CRD has no such version")
            continue
        out: list[str] = []
        lost: Counter = Counter()
        walk(ours, versions[gvk["version"]]["schema"]["openAPIV3Schema"], "", out, lost)
        for line in out:
            print("   " + line)
        if not out:
            print("   same properties, types, required fields and enums")
        if lost:
            print("   constraints only in the CRD: " + ", ".join(f"{k} {n}" for k, n in sorted(lost.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
