# The Python peer of `l2l sync --to sqlite:|postgres://`: the docs' paging loop (offset
# paging with requests, every record kept in a list), then the same rows written with
# sqlite3's or psycopg's executemany into a table of the same columns. Prints one JSON line.
# argv: URL KEY SITE LIMIT DEST CREATE_SQL INSERT_SQL COLUMNS(comma-separated)
import json
import sys
import time

import requests

url, apikey, site, limit, dest, create, insert, cols = sys.argv[1:9]
site, limit, cols = int(site), int(limit), cols.split(",")

start = time.perf_counter()
finished = False
machines = []
while not finished:
    resp = requests.get(url, {'auth': apikey, 'site': site, 'limit': limit, 'offset': len(machines)}, timeout=60)
    if resp.ok:
        resp_js = resp.json()
        if not resp_js['success']:
            raise Exception("api call failed with error: %s" % resp_js['error'])
        machines.extend(resp_js['data'])
        if len(resp_js['data']) < limit:
            finished = True
    else:
        raise Exception("Failed request, error: %d" % resp.status_code)

rows = [tuple(m.get(c) for c in cols) for m in machines]
if dest.startswith("sqlite:"):
    import sqlite3
    con = sqlite3.connect(dest[len("sqlite:"):])
    con.execute(create)
    con.executemany(insert, rows)
    con.commit()
    con.close()
else:
    import psycopg
    with psycopg.connect(dest) as con:
        con.execute(create)
        with con.cursor() as cur:
            cur.executemany(insert, rows)
        con.commit()
elapsed = time.perf_counter() - start
print(json.dumps({"records": len(machines), "elapsed_s": elapsed}))
