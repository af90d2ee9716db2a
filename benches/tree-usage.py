#!/usr/bin/env python3
"""PSS of a process tree by process kind, and its CPU use over a while.

    tree-usage.py pss ROOT_PID          one line per kind: "kind count MiB", then "total"
    tree-usage.py cpu ROOT_PID SECONDS  the tree's CPU use over SECONDS, in % of one core
    tree-usage.py procs ROOT_PID        every process of the tree, "pid kind MiB role", largest
                                        first, and where the largest ones' memory is (mappings)
"""
import collections
import os
import sys
import time


def tree(root):
    children, names = collections.defaultdict(list), {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        names[int(entry)] = stat[stat.find("(") + 1:stat.rfind(")")]
        children[int(stat[stat.rfind(")") + 2:].split()[1])].append(int(entry))
    found, i = [root], 0
    while i < len(found):
        found += children[found[i]]
        i += 1
    return found, names


def kind(name):
    # comm is cut at 15 characters: "WebKitWebProces", "WebKitNetworkPr".
    for prefix, label in (("WebKitWeb", "WebKitWebProcess"), ("WebKitNet", "WebKitNetworkProcess"), ("guichet", "guichet"),
                          ("chrom", "chromium"), ("xdg-dbus", "xdg-dbus-proxy")):
        if name.startswith(prefix):
            return label
    return name


def pss(root):
    pids, names = tree(root)
    by_kind = collections.defaultdict(lambda: [0, 0])
    for pid in pids:
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    entry = by_kind[kind(names.get(pid, "?"))]
                    entry[0] += 1
                    entry[1] += int(line.split()[1])
        except OSError:
            pass
    for name, (count, kib) in sorted(by_kind.items(), key=lambda item: -item[1][1]):
        print(f"{name:22s} {count:3d} {kib / 1024:8.1f}")
    print(f"{'total':22s} {sum(c for c, _ in by_kind.values()):3d} {sum(k for _, k in by_kind.values()) / 1024:8.1f}")


def role(pid):
    """What a process is for, from its command line: a session, the supervisor, a web view."""
    try:
        args = open(f"/proc/{pid}/cmdline").read().split("\0")
    except OSError:
        return ""
    if args[0].endswith("guichet-session"):
        return "session"
    if len(args) > 1 and args[1] == "run":
        return "run"
    return ""


def mapping_pss(pid):
    """PSS by mapped file (or [heap], [anon]) for one process, largest first."""
    sizes, current = collections.Counter(), None
    try:
        for line in open(f"/proc/{pid}/smaps"):
            fields = line.split()
            if fields and "-" in fields[0] and len(fields[0]) > 8:
                current = fields[5] if len(fields) > 5 else "[anon]"
            elif fields and fields[0] == "Pss:":
                sizes[current] += int(fields[1])
    except OSError:
        pass
    return sizes.most_common(6)


def procs(root):
    pids, names = tree(root)
    rows = []
    for pid in pids:
        try:
            kib = next(int(l.split()[1]) for l in open(f"/proc/{pid}/smaps_rollup") if l.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
        rows.append((kib, pid, kind(names.get(pid, "?"))))
    for kib, pid, name in sorted(rows, reverse=True):
        print(f"{pid:7d} {name:22s} {kib / 1024:8.1f} {role(pid)}")
    for kib, pid, name in sorted(rows, reverse=True)[:4]:
        print(f"  {pid} {name}: " + ", ".join(f"{os.path.basename(m)} {k / 1024:.1f}" for m, k in mapping_pss(pid)))


def ticks(root):
    pids, _ = tree(root)
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total


def cpu(root, seconds):
    before, start = ticks(root), time.monotonic()
    time.sleep(seconds)
    used = (ticks(root) - before) / os.sysconf("SC_CLK_TCK")
    print(f"{100 * used / (time.monotonic() - start):.2f}")


if __name__ == "__main__":
    if sys.argv[1] == "pss":
        pss(int(sys.argv[2]))
    elif sys.argv[1] == "procs":
        procs(int(sys.argv[2]))
    else:
        cpu(int(sys.argv[2]), float(sys.argv[3]))
