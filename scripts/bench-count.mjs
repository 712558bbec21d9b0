// Training's cost counted in instructions, not timed: on a shared machine a
// timing moves by a tenth or more from run to run, this count by a fraction
// of a percent. Node's V8 (Chromium's engine) runs each bench build's wasm
// under valgrind's callgrind, with the optimising compiler only, on one
// thread, predictably. Each workload trains 20 epochs in one run and
// 20 + K in another; the difference over K is the instructions an epoch
// takes, without start-up and compilation.
// `node scripts/bench-count.mjs [DIST...]` (bench builds, made with
// DESCENT_FEATURES=bench; default dist/), or `make bench-count`.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';

const here = new URL(import.meta.url).pathname;
const cli = process.argv.slice(2);

if (cli[0] === '--child') {
  const [, dir, name, epochs] = cli;
  const glue = await import(resolve(dir, 'pkg/descent.js'));
  glue.initSync({ module: readFileSync(resolve(dir, 'pkg/descent_bg.wasm')) });
  glue.bench_epochs(name, Number(epochs));
  process.exit(0);
}

const dirs = cli.length ? cli : ['dist'];
const WORKLOADS = [['a', 1000], ['b', 200], ['largest', 6]];
const BASE = 20;

/** Instructions callgrind counts for `epochs` epochs of `name` with build `dir`. */
function count(dir, name, epochs) {
  const node = ['--no-liftoff', '--single-threaded', '--predictable', here, '--child', dir, name, String(epochs)];
  return new Promise((done, fail) => {
    execFile('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...node],
      { maxBuffer: 1 << 24 }, (error, _out, err) => {
        const m = /Collected : ([\d,]+)/.exec(err);
        if (error || !m) fail(new Error(`callgrind on ${dir} ${name} ${epochs}: ${error?.message ?? err}`));
        else done(Number(m[1].replaceAll(',', '')));
      });
  });
}

// Two runs at a time: a count does not depend on what else runs.
const jobs = [];
for (const [name, k] of WORKLOADS) for (const dir of dirs) jobs.push({ name, k, dir });
const results = new Map();
async function worker() {
  for (let job = jobs.shift(); job; job = jobs.shift()) {
    const [base, more] = [await count(job.dir, job.name, BASE), await count(job.dir, job.name, BASE + job.k)];
    results.set(`${job.dir} ${job.name}`, (more - base) / job.k);
  }
}
await Promise.all([worker(), worker()]);

console.log(`Training, instructions an epoch (callgrind on Node ${process.version}'s V8, TurboFan only) — ${new Date().toISOString()}`);
console.log(`machine: ${os.cpus()[0].model}; command: node scripts/bench-count.mjs ${dirs.join(' ')}`);
console.log(`| workload | ${dirs.join(' | ')} |${dirs.length > 1 ? ' last ÷ first |' : ''}`);
console.log(`|---|${dirs.map(() => '---:|').join('')}${dirs.length > 1 ? '---:|' : ''}`);
for (const [name] of WORKLOADS) {
  const row = dirs.map((d) => results.get(`${d} ${name}`));
  const ratio = dirs.length > 1 ? ` ${(row.at(-1) / row[0]).toFixed(3)} |` : '';
  console.log(`| ${name} | ${row.map((v) => Math.round(v).toLocaleString('en')).join(' | ')} |${ratio}`);
}
