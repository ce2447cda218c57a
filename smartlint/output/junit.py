"""`--format junit`: JUnit XML for CI test reports, one test case per item (objective, key result,
goal, initiative) and one per file for file problems.

A case fails only with a finding that fails the run (`--fail-on`, else the configuration's level),
so that the merge request's test report agrees with the job's status; findings below that level are
listed in the case's `system-out` and as properties, and the case passes."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO
from xml.etree import ElementTree as ET

from smartlint.model import Result
from smartlint.neutral import bounded, clean, xml_text

RANK = {"info": 1, "warning": 2, "error": 3, "never": 4}


def _line(f) -> str:
    return f"{clean(f.file)}:{f.line}:{f.column}: {f.severity} {f.rule} {clean(f.message)}"


def write(result: Result, out: TextIO) -> None:
    by_item: dict[tuple[str, str], list] = defaultdict(list)
    for f in result.findings:
        by_item[(f.file, f.path)].append(f)
    suites = ET.Element("testsuites", name="smartlint")
    total = failed = 0
    for loaded in result.files:
        file = clean(loaded.file)
        suite = ET.SubElement(suites, "testsuite", name=file)
        threshold = RANK[result.fail_on.get(loaded.file, "warning")]
        cases = [("", "file")] + [(n.path, n.title) for n in loaded.nodes]
        suite_failed = 0
        for path, title in cases:
            findings = by_item.get((loaded.file, path), [])
            if path == "" and not findings:
                continue
            case = ET.SubElement(suite, "testcase", classname=file,
                                 name=bounded(f"{path or 'file'}: {clean(title)}", 300))
            bad = [f for f in findings if RANK[f.severity] >= threshold]
            if findings:
                props = ET.SubElement(case, "properties")
                for f in findings:
                    ET.SubElement(props, "property", name=f.rule, value=f"{f.severity}: {clean(f.message)}")
            if bad:
                suite_failed += 1
                ET.SubElement(case, "failure", message=clean(bad[0].message),
                              type=bad[0].rule).text = "\n".join(_line(f) for f in findings)
            elif findings:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in findings)
        suite.set("tests", str(len(suite)))
        suite.set("failures", str(suite_failed))
        total += len(suite)
        failed += suite_failed
    suites.set("tests", str(total))
    suites.set("failures", str(failed))
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(xml_text(ET.tostring(suites, encoding="unicode")))
    out.write("\n")
