// CPU seconds (user + system) of the processes a benchmark started (its own descendants, the
// workerd processes Miniflare runs: other workerd processes on the machine are not counted),
// from /proc.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

const children = (pid) => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
};

export function workerdCpu() {
  let ticks = 0;
  for (let todo = children(process.pid); todo.length;) {
    const pid = todo.pop();
    todo.push(...children(pid));
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // the process ended
    }
  }
  return ticks / TICK;
}
