#!/usr/bin/env python3
"""Print every text value of a SQLite database that is not NFC (table.column rowid: value) and
exit 1 when there is one; with --count, also require at least N non-ASCII values checked."""
import sqlite3, sys, unicodedata
db = sys.argv[1]
need = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == '--count' else 0
con = sqlite3.connect(db)
bad = checked = 0
tables = [r[0] for r in con.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    " AND name NOT LIKE 'search_index%'")]
for t in tables:
    cols = [r[1] for r in con.execute('PRAGMA table_info("%s")' % t)]
    for c in cols:
        for rowid, v in con.execute('SELECT rowid, "%s" FROM "%s"' % (c, t)):
            if not isinstance(v, str) or v.isascii():
                continue
            checked += 1
            if not unicodedata.is_normalized('NFC', v):
                bad += 1
                print('%s.%s %s: %r' % (t, c, rowid, v[:80]))
if checked < need:
    print('only %d non-ASCII values checked, expected at least %d' % (checked, need))
    sys.exit(1)
sys.exit(1 if bad else 0)
