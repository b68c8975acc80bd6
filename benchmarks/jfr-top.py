#!/usr/bin/env python3
"""Top frames and allocation sites of a JFR recording, as docs/BENCHMARKS.md quotes them.

    benchmarks/jfr-top.py RECORDING.jfr [--thread NAME] [--frame TEXT] [--top N]

--thread keeps samples of threads whose name contains NAME (loyalty-logic, loyalty-journaler, jmh-worker...);
--frame keeps samples whose stack has a frame containing TEXT (e.g. BusinessLogicBenchmark.oneShot, to leave
out setup and teardown). Prints samples by thread, the top of stack (self time), inclusive methods, and
allocation (jdk.ObjectAllocationSample weight) by class and by allocating frame. Needs the JDK's `jfr` tool.
"""
import argparse
import collections
import json
import re
import subprocess


def events(recording, name):
    out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', '64', '--events', name, recording],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)['recording']['events']


def method(frame):
    m = frame['method']
    return m['type']['name'].split('/')[-1] + '.' + m['name']


def keep(event, args):
    values = event['values']
    thread = values.get('sampledThread') or values.get('eventThread') or {}
    if args.thread and args.thread not in (thread.get('javaName') or ''):
        return False
    if args.frame:
        stack = values.get('stackTrace')
        return bool(stack) and any(args.frame in method(f) for f in stack['frames'])
    return True


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('recording')
    parser.add_argument('--thread')
    parser.add_argument('--frame')
    parser.add_argument('--top', type=int, default=20)
    args = parser.parse_args()

    samples = [e for e in events(args.recording, 'jdk.ExecutionSample') if keep(e, args)]
    total = max(len(samples), 1)
    threads = collections.Counter((e['values'].get('sampledThread') or {}).get('javaName') for e in samples)
    self_time = collections.Counter()
    inclusive = collections.Counter()
    for e in samples:
        stack = e['values']['stackTrace']
        if not stack:
            continue
        frames = stack['frames']
        self_time[method(frames[0]) + ':' + str(frames[0].get('lineNumber'))] += 1
        for name in {method(f) for f in frames}:
            inclusive[name] += 1
    print(f'execution samples: {len(samples)}')
    print('by thread: ' + ', '.join(f'{k} {100 * v / total:.0f}%' for k, v in threads.most_common(8)))
    print('-- top of stack (self)')
    for k, v in self_time.most_common(args.top):
        print(f'{100 * v / total:5.1f}% {k}')
    print('-- inclusive')
    for k, v in inclusive.most_common(args.top):
        print(f'{100 * v / total:5.1f}% {k}')

    allocations = [e for e in events(args.recording, 'jdk.ObjectAllocationSample') if keep(e, args)]
    weight = max(sum(e['values']['weight'] for e in allocations), 1)
    by_class = collections.Counter()
    by_site = collections.Counter()
    site_samples = collections.Counter()
    for e in allocations:
        w = e['values']['weight']
        by_class[e['values']['objectClass']['name']] += w
        stack = e['values']['stackTrace']
        if stack:
            frames = stack['frames']
            site = next((f for f in frames if f['method']['type']['name'].startswith('dev/loyalty')), frames[0])
            key = method(frames[0]) + ' <- ' + method(site) + ':' + str(site.get('lineNumber'))
            by_site[key] += w
            site_samples[key] += 1
    print(f'-- allocation by class ({len(allocations)} samples)')
    for k, v in by_class.most_common(args.top):
        print(f'{100 * v / weight:5.1f}% {k}')
    print('-- allocation by site (allocating frame <- first engine frame), by estimated bytes')
    for k, v in by_site.most_common(args.top):
        print(f'{100 * v / weight:5.1f}% {k}')
    print('-- allocation by site, by number of samples (steadier than the byte estimate)')
    for k, v in site_samples.most_common(args.top):
        print(f'{100 * v / max(len(allocations), 1):5.1f}% {k}')

    pauses = [e['values'] for e in events(args.recording, 'jdk.GarbageCollection')]
    if pauses:
        def ms(text):
            # ISO-8601 durations as jfr prints them: PT0.527745362S, PT1M2.5S
            match = re.fullmatch(r'PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?', text)
            hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
            return ((hours * 60 + minutes) * 60 + seconds) * 1000
        by_cause = collections.defaultdict(list)
        for p in pauses:
            by_cause[p['name'] + ' / ' + p['cause']].append(ms(str(p['sumOfPauses'])))
        for cause, times in sorted(by_cause.items(), key=lambda kv: -sum(kv[1])):
            print(f'-- GC {cause}: {len(times)} collections, {sum(times):.0f} ms of pauses, longest {max(times):.0f} ms')


if __name__ == '__main__':
    main()
