// JUnit XML from the runner's events (the schema Jenkins/GitLab read, as `go-junit-report` and
// gotestsum write it): one <testsuite> per scenario, one <testcase> per expectation, and a
// testcase for a step that failed without an expectation saying why.
import type { TraceEvent } from '../trace/trace-event.js';

/** XML 1.0 text/attribute escaping; characters XML cannot hold are dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface Case {
  name: string;
  classname: string;
  seconds: number;
  failure?: string;
}

export function renderJUnit(events: readonly TraceEvent[]): string {
  const suites: { name: string; time: string; cases: Case[] }[] = [];
  let suite: (typeof suites)[number] | undefined;
  const steps = new Map<number, { summary: string; time: string; checked: number }>();
  const ensure = (time: string) => (suite ??= (suites.push({ name: 'trace', time, cases: [] }), suites.at(-1)!));
  const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
  for (const e of events) {
    if (e.component !== 'scenario') continue;
    switch (e.type) {
      case 'scenario.started':
        suites.push((suite = { name: e.scenario, time: e.time, cases: [] }));
        steps.clear();
        break;
      case 'step.started':
        steps.set(e.step, { summary: e.summary, time: e.time, checked: 0 });
        break;
      case 'expect.checked': {
        const s = ensure(e.time);
        const step = steps.get(e.step);
        if (step) step.checked++;
        s.cases.push({ name: `step ${e.step}: ${e.check}`, classname: s.name, seconds: step ? seconds(step.time, e.time) : 0, ...(e.ok ? {} : { failure: e.message }) });
        break;
      }
      case 'step.finished': {
        const step = steps.get(e.step);
        if (!e.ok && (step?.checked ?? 0) === 0) {
          const s = ensure(e.time);
          s.cases.push({ name: `step ${e.step}: ${step?.summary ?? e.action}`, classname: s.name, seconds: step ? seconds(step.time, e.time) : 0, failure: e.message ?? `${e.action} failed` });
        }
        break;
      }
      case 'scenario.finished':
        suite = undefined;
        break;
      default:
        break;
    }
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failure !== undefined).length, 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  out.push(`<testsuites tests="${tests}" failures="${failures}">`);
  for (const s of suites) {
    const f = s.cases.filter((c) => c.failure !== undefined).length;
    out.push(`  <testsuite name="${xmlEscape(s.name)}" tests="${s.cases.length}" failures="${f}" errors="0" timestamp="${xmlEscape(s.time)}">`);
    for (const c of s.cases) {
      const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}" time="${c.seconds.toFixed(3)}"`;
      if (c.failure === undefined) out.push(`${open}/>`);
      else out.push(`${open}>`, `      <failure message="${xmlEscape(c.failure)}">${xmlEscape(c.failure)}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
