"""Python beside Python: ``client.list`` and ``client.stream`` of the l2l package against the
docs' paging loop (requests, offset paging, every record kept), on the same in-process
sandbox, in the same run. Ratios, not seconds, are the result.

    python l2l-python/bench/bench.py 200000          # needs: pip install ./l2l-python requests

The stream's peak RSS is read in a child process of its own (``VmHWM``: ``ru_maxrss``
would count the parent's peak after ``exec``).
"""

import json
import subprocess
import sys
import time

import requests

import l2l


def docs_loop(base_url, key, limit=2000):
    url = f"{base_url}/api/1.0/machines/"
    machines, finished = [], False
    while not finished:
        r = requests.get(url, {"auth": key, "site": 1, "limit": limit, "offset": len(machines)}, timeout=120)
        r.raise_for_status()
        js = r.json()
        if not js["success"]:
            raise Exception(js["error"])
        machines.extend(js["data"])
        finished = len(js["data"]) < limit
    return machines


def timed(f):
    t = time.perf_counter()
    out = f()
    return time.perf_counter() - t, out


def stream_rss(sb, n):
    code = (
        "import l2l, json\n"
        "hwm = lambda: int([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]) / 1024\n"
        f"c = l2l.Client(base_url={sb['url']!r}, api_key={sb['key']!r})\n"
        "base = hwm()\n"
        "k = sum(1 for _ in c.stream('machines', site=1))\n"
        "print(json.dumps({'records': k, 'rss_mb': hwm(), 'before_mb': base}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


SERVE = (
    "import l2l, sys, json\n"
    "sb = l2l.Sandbox(seed=sys.argv[1] + ':machines')\n"
    "print(json.dumps({'url': sb.base_url, 'key': sb.api_key}), flush=True)\n"
    "sys.stdin.read()\n"
)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    # The sandbox serves from a process of its own: the clients' time and memory are theirs.
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(n)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    sb = json.loads(server.stdout.readline())
    try:
        client = l2l.Client(base_url=sb["url"], api_key=sb["key"])
        t_docs, docs = timed(lambda: docs_loop(sb["url"], sb["key"]))
        t_list, listed = timed(lambda: client.list("machines", site=1))
        t_stream, count = timed(lambda: sum(1 for _ in client.stream("machines", site=1)))
        t_arrow, table = timed(lambda: client.arrow("machines", site=1))
        assert len(docs) == len(listed) == count == table.num_rows, (len(docs), len(listed), count, table.num_rows)
        records = len(docs)
        del docs, listed, table
        rss = stream_rss(sb, n)
    finally:
        server.stdin.close()
        server.wait()
    print(f"| records | docs' requests loop (s) | `client.list` (s) | ratio | `client.stream` (s) | ratio | `client.arrow` (s) | ratio |")
    print(f"|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {records:,} | {t_docs:.2f} | {t_list:.2f} | {t_docs / t_list:.2f}× | {t_stream:.2f} | {t_docs / t_stream:.2f}× "
          f"| {t_arrow:.2f} | {t_docs / t_arrow:.2f}× |")
    print(f"\n`client.stream` over {rss['records']:,} records in a process of its own: peak RSS {rss['rss_mb']:.0f} MB "
          f"({rss['before_mb']:.0f} MB before streaming; the sandbox in another process)")


if __name__ == "__main__":
    main()
