"""`--format junit`: JUnit XML for CI test reports, one test case per item (objective, key result,
goal, initiative) and one per file for file problems; a case fails with its findings."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from smartlint.model import Result

FAILING = {"error", "warning"}


def write(result: Result, out: TextIO) -> None:
    by_item: dict[tuple[str, str], list] = defaultdict(list)
    for f in result.findings:
        by_item[(f.file, f.path)].append(f)
    suites = ET.Element("testsuites", name="smartlint")
    total = failed = 0
    for loaded in result.files:
        suite = ET.SubElement(suites, "testsuite", name=loaded.file)
        cases = [("", "file")] + [(n.path, n.title) for n in loaded.nodes]
        suite_failed = 0
        for path, title in cases:
            findings = by_item.get((loaded.file, path), [])
            if path == "" and not findings:
                continue
            case = ET.SubElement(suite, "testcase", classname=loaded.file, name=f"{path or 'file'}: {title}")
            bad = [f for f in findings if f.severity in FAILING]
            if bad:
                suite_failed += 1
                text = "\n".join(f"{f.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in findings)
                ET.SubElement(case, "failure", message=bad[0].message, type=bad[0].rule).text = text
            elif findings:
                ET.SubElement(case, "system-out").text = "\n".join(f"{f.rule} {f.message}" for f in findings)
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(suite_failed))
        total += len(suite)
        failed += suite_failed
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
