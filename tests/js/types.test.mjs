// The package's TypeScript declarations compile, type each operation's parameters and results,
// and refuse wrong parameters (tests/js/types/usage.ts, with @ts-expect-error lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('tsc --strict accepts the typed usage and rejects every @ts-expect-error line', () => {
  const tsc = fileURLToPath(new URL('../../www/node_modules/typescript/bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url));
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  } catch (e) {
    output = `${e.stdout}${e.stderr}`;
  }
  assert.equal(output, '');
});
