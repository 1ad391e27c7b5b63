#!/usr/bin/env python3
"""Where the JVM's time went, from a Java Flight Recorder recording: the share of CPU samples per part of the work.

A sample counts for every part one of its frames belongs to (MyBatis inside a certificate's generation counts for
both), so the shares add up to more than 100%. Only samples taken after SINCE (UTC, HH:MM:SS, as the benchmark's
progress lines let you find the measured batch) count when it is given. Record from the JVM's start, never by
attaching to a running one (docs/processes.md, Monthly issuance, Benchmark):

    MAVEN_OPTS="-XX:StartFlightRecording=settings=profile,filename=/tmp/run.jfr" ./mvnw -q ... IssuanceBenchmark ...
    python3 tools/jfr-breakdown.py /tmp/run.jfr 12:01:30
"""
import collections
import re
import subprocess
import sys

PARTS = [
    ('engine (Camunda)', 'org.camunda.'),
    ('MyBatis', 'org.apache.ibatis.'),
    ('database driver', ('com.mysql.', 'org.mariadb.', 'org.h2.')),
    ('connection pool', 'com.zaxxer.'),
    ('Jasper fill', 'net.sf.jasperreports.engine.fill.'),
    ('Jasper export', 'net.sf.jasperreports.engine.export.'),
    ('PDF writing (OpenPDF)', 'com.lowagie.'),
    ('font subsetting', 'com.lowagie.text.pdf.TrueTypeFontSubSet'),
    ('sealing', 'cn.titlecert.certificate.PdfSealer.'),
    ('PDFBox', 'org.apache.pdfbox.'),
    ('Bouncy Castle', 'org.bouncycastle.'),
    ('QR code', 'cn.titlecert.certificate.QrCode.'),
    ('audit chain', 'cn.titlecert.audit.'),
    ('personal-data encryption', 'cn.titlecert.privacy.'),
    ('certificate issuer', 'cn.titlecert.certificate.CertificateIssuer.'),
    ('rendering', 'cn.titlecert.certificate.CertificateRenderer.'),
]
SAMPLE = re.compile(r'^jdk\.ExecutionSample')
START = re.compile(r'startTime = (\d\d:\d\d:\d\d)')
THREAD = re.compile(r'sampledThread = "([^"]*)"')
FRAME = re.compile(r'^\s+([\w.$<>/]+)\(')


def samples(path):
    text = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', path],
                          capture_output=True, text=True, check=True).stdout
    current = None
    for line in text.splitlines():
        if SAMPLE.match(line):
            if current:
                yield current
            current = {'time': None, 'thread': '', 'frames': []}
        elif current is not None:
            m = START.search(line)
            if m:
                current['time'] = m.group(1)
                continue
            m = THREAD.search(line)
            if m:
                current['thread'] = m.group(1)
                continue
            m = FRAME.match(line)
            if m:
                current['frames'].append(m.group(1))
    if current:
        yield current


def main(path, since=None):
    total = 0
    threads = collections.Counter()
    parts = collections.Counter()
    for s in samples(path):
        if since and (s['time'] is None or s['time'] < since):
            continue
        total += 1
        threads[re.sub(r'\d+', 'N', s['thread'])] += 1
        for name, prefix in PARTS:
            if any(f.startswith(prefix) for f in s['frames']):
                parts[name] += 1
    if not total:
        sys.exit('no samples' + (' after ' + since if since else ''))
    print('%d samples' % total)
    for thread, n in threads.most_common(5):
        print('  thread %-40s %5.1f%%' % (thread, 100 * n / total))
    for name, _ in PARTS:
        print('%-28s %5.1f%%' % (name, 100 * parts[name] / total))


if __name__ == '__main__':
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(*sys.argv[1:])
