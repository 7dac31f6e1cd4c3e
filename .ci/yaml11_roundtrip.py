"""Reads every YAML manifest batch2argo wrote with PyYAML (a YAML 1.1 reader, like Kubernetes)
and checks it equals the JSON batch2argo writes for the same input: every string stays a
string, every value reads back exactly as intended.

usage: yaml11_roundtrip.py YAML_DIR JSON_DIR
"""
import json
import pathlib
import sys

import yaml

yaml_dir, json_dir = map(pathlib.Path, sys.argv[1:3])
checked = failed = 0
for y in sorted(yaml_dir.rglob("*.yaml")):
    rel = y.relative_to(yaml_dir)
    if rel.name == "kustomization.yaml":
        continue
    j = json_dir / rel.with_suffix(".json")
    want = json.loads(j.read_text())
    got = yaml.safe_load(y.read_text())
    checked += 1
    if got != want:
        failed += 1
        print(f"FAIL {rel}: the YAML does not read back as the JSON", file=sys.stderr)
print(f"yaml11-roundtrip: {checked} document(s), {failed} failure(s)")
sys.exit(1 if failed else 0)
