#!/usr/bin/env python3
"""Prints flow-node and sequence-flow coverage per model from a process-test-coverage report.json.

Usage: python3 tools/process-coverage.py target/process-test-coverage/cn.titlecert.process.AcquisitionProcessTest/report.json
"""
import json, sys, re
r = json.load(open(sys.argv[1]))
totals = {m['key']: m['totalElementCount'] for m in r['models']}
xml = {m['key']: m['xml'] for m in r['models']}
covered = {k: set() for k in totals}
for suite in r['suites']:
    for run in suite['runs']:
        for e in run['events']:
            key = e.get('modelKey')
            if key in covered:
                covered[key].add(e['definitionKey'])
for k in sorted(totals):
    ids = set(re.findall(r'<bpmn:(?:sequenceFlow|startEvent|endEvent|exclusiveGateway|serviceTask|userTask|callActivity|intermediateThrowEvent|subProcess)[^>]*\bid="([^"]+)"', xml[k]))
    missing = sorted(ids - covered[k])
    print(f"{k}: {len(covered[k] & ids)}/{len(ids)} elements ({100*len(covered[k] & ids)/max(1,len(ids)):.0f}%)" + (f" missing: {', '.join(missing)}" if missing else ""))
