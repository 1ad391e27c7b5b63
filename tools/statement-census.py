#!/usr/bin/env python3
"""Statements per unit of work from a MariaDB/MySQL general query log.

Groups the statements the server executed by their text with literals removed, and prints how many of each
there were per unit (per certificate, say). How to take the log of an issuance benchmark run of 1,000 cases:

    mariadb -uroot -e "SET GLOBAL general_log_file='/tmp/gl.log', log_output='FILE'"
    # start the benchmark with -Dexec.args="1000 mariadb 0"; once it prints "collected and approved":
    mariadb -uroot -e "SET GLOBAL general_log=1"
    # once it prints "certificates end to end":
    mariadb -uroot -e "SET GLOBAL general_log=0"
    python3 tools/statement-census.py /tmp/gl.log 1000

The log holds every statement with its values: personal data in clear. Delete it afterwards.
"""
import collections
import re
import sys

ENTRY = re.compile(r'^(?:\d{6}\s+[\d:]+\s+|\s+)(\d+) (Prepare|Execute|Query|Connect|Quit|Close stmt|Init DB|Reset stmt)\s*(.*)$')


def normalise(text):
    text = re.sub(r"'(?:[^'\\]|\\.)*'", "?", text)
    text = re.sub(r"\b\d+(\.\d+)?\b", "N", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"IN \((\?|N)(, ?(\?|N))*\)", "IN (...)", text)


def main(path, units):
    entries, current = [], None
    with open(path, errors='replace') as log:
        for line in log:
            match = ENTRY.match(line.rstrip('\n'))
            if match:
                if current:
                    entries.append(current)
                current = [match.group(2), match.group(3)]
            elif current:
                current[1] += ' ' + line.strip()  # a statement spread over several lines
    if current:
        entries.append(current)
    kinds = collections.Counter(kind for kind, _ in entries)
    statements = collections.Counter()
    for kind, text in entries:
        if kind in ('Query', 'Execute'):
            text = normalise(text)
            tables = ' '.join(dict.fromkeys(re.findall(r'(?i)(?:from|into|update)\s+(\w+)', text)))
            statements[(text[:40], tables)] += 1
    print('per unit:', {kind: round(n / units, 2) for kind, n in kinds.items()})
    print('statements per unit: %.2f' % (sum(statements.values()) / units))
    for (start, tables), n in statements.most_common(60):
        if n / units >= 0.01:
            print('%6.2f  %-42s %s' % (n / units, start, tables))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]))
