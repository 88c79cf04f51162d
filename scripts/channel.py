# SPDX-License-Identifier: GPL-2.0
"""The reader of the guest's result channel (ttyS1; see guest/init).

read(path) returns a Channel: the run's name, its blocks in order (one per
step or TAP program: kind, name, output lines, exit status or None if it
did not finish) and whether the guest reached "@@ done".  scripts/results
and bench/report.py read the channel through this, and nothing else does.
"""
import re

LINE = re.compile(r"^@@ (run|step|tap|end|done)\b ?(.*)$")
# Output without a final newline runs into the "@@ end" line after it.
END = re.compile(r"^(.+)(@@ end rc=\d+)$")


class Block:
    def __init__(self, kind, name):
        self.kind, self.name, self.lines, self.rc = kind, name, [], None


class Channel:
    def __init__(self):
        self.run, self.blocks, self.done = None, [], False

    def block(self, name):
        """The output of the block called NAME (a list of lines), or []."""
        for b in self.blocks:
            if b.name == name:
                return b.lines
        return []


def read(path):
    ch = Channel()
    cur = None
    try:
        with open(path, errors="replace") as f:
            text = f.read().replace("\r", "").splitlines()
    except OSError:
        text = []
    for ln in text:
        m = END.match(ln)
        for ln in ((m.group(1), m.group(2)) if m else (ln,)):
            m = LINE.match(ln)
            if not m:
                if cur is not None:
                    cur.lines.append(ln)
                continue
            kind, rest = m.groups()
            if kind == "run":
                ch.run = rest
            elif kind in ("step", "tap"):
                cur = Block(kind, rest)
                ch.blocks.append(cur)
            elif kind == "end" and cur is not None:
                rc = re.match(r"rc=(\d+)$", rest)
                cur.rc = int(rc.group(1)) if rc else -1
                cur = None
            elif kind == "done":
                ch.done = True
    return ch
