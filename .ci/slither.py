#!/usr/bin/env python3
"""Static-analysis gate: slither over the Foundry project, checked against slither-triage.json.

Run by `make slither` (slither from .venv on PATH). Standard library only.

Fails (exit 1) when
  - a High or Medium finding in the project's sources matches no triage entry,
  - a triage entry matches no High or Medium finding (stale: the file must stay true), unless the
    entry says `flaky` (slither reports that finding in some runs only, see below),
  - slither could not build its IR for a function of the project's sources (the function goes
    unanalysed) and no `ir_gaps` entry explains it, or an `ir_gaps` entry is stale,
  - the compile or slither fails.
Low, Informational and Optimization findings are counted, never fatal. Other partial-parse
messages of slither (not tied to a function) are printed as warnings.

A finding is keyed by detector (`check`), contract and element (the function, modifier, variable
or contract slither reports first, by name without parameters), never by line numbers or hashes,
so edits elsewhere in a contract do not disturb the triage.

`flaky`: slither 0.11.6 builds its SSA form in an order that depends on object addresses, so a
finding that rests on cross-function data flow can come and go between identical runs. An entry
for such a finding carries `flaky` (why); it is still required when the finding shows, and is only
reported, not failed, when it does not.

The triage file is the only way to accept a finding: in-source `slither-disable` comments and any
slither.config.json / slither.db.json are ignored.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORGE_BIN = ROOT / "tools" / "bin"  # runs the real forge (the npm wrapper drops exit codes)
TRIAGE = ROOT / "slither-triage.json"

GATED = ("High", "Medium")
IMPACTS = ("High", "Medium", "Low", "Informational", "Optimization")
# section -> (keys naming the item, optional keys); every entry also has a `reason`.
SECTIONS = {
    "findings": (("check", "contract", "element"), ("flaky",)),
    "ir_gaps": (("contract", "function"), ()),
}

# slither logs this when it skips a function (and carries on, exit code 0).
IR_GAP = re.compile(r"Impossible to generate IR for (?:top level function )?(\S+) \(([^)#]+)#")
OTHER_PARTIAL = re.compile(
    r"^(Missing (modifier|function|params|state variable|using for|enum) |"
    r"Error when folding|Contract level using for)"
)


def fail(message: str) -> None:
    print(f"slither: FAILED: {message}")
    sys.exit(1)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def load_triage() -> dict[str, dict[tuple, dict]]:
    """Each section of the triage file as {key: entry}, every entry checked for shape."""
    try:
        data = json.loads(TRIAGE.read_text(encoding="utf8"))
    except FileNotFoundError:
        fail(f"{TRIAGE.name} is missing (it explains the accepted High/Medium findings)")
    except json.JSONDecodeError as e:
        fail(f"{TRIAGE.name} is not valid JSON: {e}")
    unknown = set(data) - set(SECTIONS) - {"about"}
    if unknown:
        fail(f"{TRIAGE.name}: unknown top-level keys {sorted(unknown)}")
    out = {}
    for section, (keys, optional) in SECTIONS.items():
        entries = data.get(section, [])
        if not isinstance(entries, list):
            fail(f"{TRIAGE.name}: `{section}` must be a list")
        out[section] = {}
        for i, entry in enumerate(entries):
            where = f"{TRIAGE.name}: {section}[{i}]"
            required = set(keys) | {"reason"}
            if not isinstance(entry, dict) or not required <= set(entry) <= required | set(optional):
                fail(f"{where} needs the keys {sorted(required)} (optional: {list(optional)})")
            if not all(isinstance(v, str) and v.strip() for v in entry.values()):
                fail(f"{where}: every value must be a non-empty string")
            key = tuple(entry[k] for k in keys)
            if key in out[section]:
                fail(f"{where} repeats {'.'.join(key)}")
            out[section][key] = entry
    return out


def forge_config(env: dict) -> dict:
    """The project's Foundry configuration (`src`, `test`, `script` directories...)."""
    config = subprocess.run(
        ["forge", "config", "--json"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    try:
        return json.loads(config.stdout)
    except json.JSONDecodeError:
        fail(f"`forge config --json` failed: {config.stderr.strip()}")


def build(env: dict, config: dict, out: Path) -> None:
    """Compiles the sources (not tests or scripts) with build info, into `out`."""
    # What crytic-compile would run, but ours shows compiler errors (slither's JSON mode drops them).
    skip = [f"./{config[d].strip('/')}/**" for d in ("test", "script")]
    cmd = ["forge", "build", "--build-info", "--deny", "never", "--skip", *skip]
    result = subprocess.run(
        cmd, cwd=ROOT, env={**env, "FOUNDRY_OUT": str(out)}, capture_output=True, text=True
    )
    # node_modules/.bin/forge (the npm wrapper of forge 1.7.1) exits 0 whatever forge returns
    # (foundry-rs/foundry#14781), so success is judged by the build info it must leave.
    if result.returncode != 0 or not list((out / "build-info").glob("*.json")):
        sys.stdout.write(result.stdout[-4000:] + result.stderr[-4000:])
        fail(f"`{' '.join(cmd)}` failed (output above)")


def run_slither(env: dict, config: dict, workdir: Path) -> tuple[dict, str]:
    """Slither's JSON result and its log."""
    out = workdir / "out"
    build(env, config, out)
    # An empty slither config, so no slither.config.json in the tree can change the gate.
    slither_config = workdir / "slither.config.json"
    slither_config.write_text("{}\n", encoding="utf8")
    cmd = [
        "slither",
        ".",
        "--compile-force-framework",
        "foundry",
        "--foundry-ignore-compile",
        "--foundry-out-directory",
        str(out),
        "--json",
        "-",
        # `console` carries slither's log, where skipped functions are reported.
        "--json-types",
        "detectors,console",
        "--fail-none",
        # The triage file is the one place a finding is accepted.
        "--show-ignored-findings",
        "--config-file",
        str(slither_config),
        "--disable-color",
    ]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.stdout.write(result.stderr[-4000:] + result.stdout[-4000:])
        fail(f"slither exited {result.returncode} without a JSON report (its output is above)")
    console = report.get("results", {}).get("console", {})
    log = result.stderr + console.get("stderr", "") + console.get("stdout", "")
    if not report.get("success"):
        sys.stdout.write(log[-4000:])
        fail(f"slither reported an error: {report.get('error')}")
    return report, log


def parent_of(element: dict | None, kind: str) -> dict | None:
    """The nearest element of type `kind`: `element` itself or one of its parents."""
    while element is not None:
        if element.get("type") == kind:
            return element
        element = element.get("type_specific_fields", {}).get("parent")
    return None


def finding_key(finding: dict) -> tuple[str, str, str]:
    """(check, contract, element) of a finding, from the first element slither reports."""
    elements = finding.get("elements") or []
    if not elements:
        return finding["check"], "-", "-"
    first = elements[0]
    if first.get("type") == "node":
        first = parent_of(first, "function") or parent_of(first, "modifier") or first
    contract = parent_of(first, "contract")
    return finding["check"], contract["name"] if contract else "-", first.get("name", "-")


def in_sources(finding: dict, src: str) -> bool:
    """Whether the finding touches the project's own sources (dependency-only findings do not)."""
    elements = finding.get("elements") or []
    if not elements:
        return True
    return any(
        e.get("source_mapping", {}).get("filename_relative", "").startswith(src) for e in elements
    )


def main() -> None:
    if not (FORGE_BIN / "forge").exists():
        fail("tools/bin/forge finds no forge: run `make install`")
    env = dict(os.environ)
    env["PATH"] = f"{FORGE_BIN}{os.pathsep}{env.get('PATH', '')}"
    try:
        subprocess.run(["slither", "--version"], env=env, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        fail("slither is not on PATH: run `make slither` (it installs slither-analyzer into .venv)")

    triage = load_triage()
    with tempfile.TemporaryDirectory(prefix="era-slither-") as scratch:
        # Compile into a scratch out/ and cache: the project's own out/ holds the test artifacts
        # that tests and bindings (and other users of this tree) read, without build info.
        workdir = Path(scratch)
        env["FOUNDRY_CACHE_PATH"] = str(workdir / "cache")
        config = forge_config(env)
        report, log = run_slither(env, config, workdir)
    src = config["src"].strip("/") + "/"

    findings = report.get("results", {}).get("detectors", [])
    ours = [f for f in findings if in_sources(f, src)]
    gated = [(f, finding_key(f)) for f in ours if f["impact"] in GATED]
    entries = triage["findings"]
    untriaged = [(f, key) for f, key in gated if key not in entries]
    seen = {key for _, key in gated}
    stale = [e for key, e in entries.items() if key not in seen and "flaky" not in e]
    unseen_flaky = [e for key, e in entries.items() if key not in seen and "flaky" in e]

    # IR gaps: functions slither skipped. In our sources they are gated like findings.
    gaps, dependency_gaps = {}, 0
    for name, path in IR_GAP.findall(log):
        if path.startswith(src):
            contract, _, function = name.rpartition(".")
            gaps[(contract or "-", function)] = path
        else:
            dependency_gaps += 1
    gap_entries = triage["ir_gaps"]
    untriaged_gaps = [(key, path) for key, path in gaps.items() if key not in gap_entries]
    stale_gaps = [e for key, e in gap_entries.items() if key not in gaps]
    partial = [line.strip() for line in log.splitlines() if OTHER_PARTIAL.match(line.strip())]

    # ---- report
    dependency_only = len(findings) - len(ours)
    print(f"slither over {src}: {len(ours)} findings ({dependency_only} more only in dependencies, ignored)")
    print(f"  {'impact':<14}{'findings':>9}{'triaged':>9}")
    for impact in IMPACTS:
        count = sum(1 for f in ours if f["impact"] == impact)
        if impact in GATED:
            done = sum(1 for f, key in gated if f["impact"] == impact and key in entries)
            print(f"  {impact:<14}{count:>9}{done:>9}")
        else:
            print(f"  {impact:<14}{count:>9}{'-':>9}")
    for f, key in gated:
        if key in entries:
            print(f"  triaged {f['impact']} {key[0]}: {key[1]}.{key[2]}")
    for e in unseen_flaky:
        print(f"  not reported this run (flaky entry): {e['check']}: {e['contract']}.{e['element']}")
    for key in gaps:
        if key in gap_entries:
            print(f"  IR gap (explained): slither does not analyse {key[0]}.{key[1]}")
    if dependency_gaps:
        print(f"  note: slither could not build IR for {dependency_gaps} dependency function(s)")
    for line in partial:
        # Not tied to a function, so it cannot be triaged: shown, not fatal.
        print(f"  warning: slither parsed part of the code incompletely: {line}")

    problems = []
    for f, key in untriaged:
        print(f"\nUNTRIAGED {f['impact']} {key[0]} at {f.get('first_markdown_element', '?')}")
        print(f"  {' '.join(f['description'].split())}")
        print(f"  {f.get('reference', '')}")
        entry = {"check": key[0], "contract": key[1], "element": key[2], "reason": "..."}
        print(f"  fix it, or if it is not a bug explain it in {TRIAGE.name}: {json.dumps(entry)}")
    if untriaged:
        problems.append(
            plural(len(untriaged), "untriaged high/medium finding", "untriaged high/medium findings")
        )
    for e in stale:
        print(f"\nSTALE triage entry {e['check']}: {e['contract']}.{e['element']} matches no")
        print(f"  High/Medium finding any more: remove it from {TRIAGE.name}")
    if stale:
        problems.append(plural(len(stale), "stale triage entry", "stale triage entries"))
    for (contract, function), path in untriaged_gaps:
        print(f"\nIR GAP {contract}.{function} ({path}): slither could not analyse this function.")
        print(f"  Rewrite it so slither can, or explain it in {TRIAGE.name} `ir_gaps`:")
        print(f"  {json.dumps({'contract': contract, 'function': function, 'reason': '...'})}")
    if untriaged_gaps:
        problems.append(plural(len(untriaged_gaps), "unexplained IR gap", "unexplained IR gaps"))
    for e in stale_gaps:
        print(f"\nSTALE ir_gaps entry {e['contract']}.{e['function']}: slither analyses it now;")
        print(f"  remove it from {TRIAGE.name}")
    if stale_gaps:
        problems.append(plural(len(stale_gaps), "stale ir_gaps entry", "stale ir_gaps entries"))

    print()
    if problems:
        fail(", ".join(problems))
    gaps_note = f" ({plural(len(gaps), 'IR gap', 'IR gaps')} explained)" if gaps else ""
    print(f"slither: {len(gated)} high/medium findings, all triaged{gaps_note}")


if __name__ == "__main__":
    main()
