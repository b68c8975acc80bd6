#!/usr/bin/env python3
"""Summarizes an async-profiler recording in collapsed form (started with `threads,collapsed`): samples by
thread, then for the busiest threads their top frames (self time) and the methods most on their stacks
(inclusive).

Usage: benchmarks/collapsed-top.py FILE.collapsed [--threads N] [--top N] [--match SUBSTRING]
  --match keeps only the stacks with a frame containing SUBSTRING (e.g. clear_page, ZMark, SnapshotFollower)."""
import argparse
import collections
import re


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file")
    parser.add_argument("--threads", type=int, default=8, help="threads to detail (default 8)")
    parser.add_argument("--top", type=int, default=8, help="frames per thread (default 8)")
    parser.add_argument("--match", help="only stacks with a frame containing this")
    args = parser.parse_args()

    by_thread = collections.Counter()
    self_time = collections.defaultdict(collections.Counter)
    inclusive = collections.defaultdict(collections.Counter)
    total = 0
    with open(args.file, encoding="utf-8", errors="replace") as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack or not count.isdigit():
                continue
            frames = stack.split(";")
            if args.match and not any(args.match in frame for frame in frames):
                continue
            n = int(count)
            # With `threads`, the first frame is the thread: "[name tid=123]"; a pool's "#0", "#1"... are one.
            thread = re.sub(r" tid=\d+\]$", "]", frames[0]) if frames[0].startswith("[") else "(all)"
            thread = re.sub(r"#\d+\]$", "#N]", thread)
            body = frames[1:] if frames[0].startswith("[") else frames
            total += n
            by_thread[thread] += n
            if body:
                self_time[thread][body[-1]] += n
                for method in set(body):
                    inclusive[thread][method] += n

    if total == 0:
        print("no samples" + (f" with a frame containing {args.match!r}" if args.match else ""))
        return
    print(f"{total} samples" + (f" with a frame containing {args.match!r}" if args.match else ""))
    print("\nby thread:")
    for thread, n in by_thread.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {n:8d}  {thread}")
    for thread, n in by_thread.most_common(args.threads):
        print(f"\n{thread}: {100.0 * n / total:.1f}% of all samples")
        print("  top frames (self):")
        for frame, k in self_time[thread].most_common(args.top):
            print(f"    {100.0 * k / n:5.1f}%  {frame}")
        print("  on the stack (inclusive):")
        for frame, k in inclusive[thread].most_common(args.top + 4):
            print(f"    {100.0 * k / n:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
