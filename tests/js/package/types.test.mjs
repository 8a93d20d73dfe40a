// The package's TypeScript declarations compile, type each operation's parameters and results,
// and refuse wrong parameters (tests/js/package/types/usage.ts, with @ts-expect-error lines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('tsc --strict accepts the typed usage and rejects every @ts-expect-error line', () => {
  const tsc = fileURLToPath(new URL('../../../www/node_modules/typescript/bin/tsc', import.meta.url));
  const project = fileURLToPath(new URL('./types/tsconfig.json', import.meta.url));
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8' });
  } catch (e) {
    output = `${e.stdout}${e.stderr}`;
  }
  assert.equal(output, '');
});

test('a misspelled key or a missing field is reported at the mistake, naming the field', () => {
  const tsc = fileURLToPath(new URL('../../../www/node_modules/typescript/bin/tsc', import.meta.url));
  const file = fileURLToPath(new URL('./types/mistakes.ts', import.meta.url));
  let output = '';
  try {
    execFileSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--lib',
        'es2022,dom',
        file,
      ],
      { encoding: 'utf8' },
    );
  } catch (e) {
    output = `${e.stdout}${e.stderr}`;
  }
  const errors = output.split('\n').filter((l) => /error TS\d+/.test(l));
  const at = (line) => errors.filter((e) => e.includes(`mistakes.ts(${line},`));
  assert.equal(errors.length, 5, output);
  // Line 6, at the key itself (column 57 is where `bizChannel` starts), naming it.
  assert.match(at(6)[0], /mistakes\.ts\(6,57\): error TS2353: .*'bizChannel' does not exist/);
  // Line 7, at the object the field is missing from, naming it.
  assert.match(at(7)[0], /mistakes\.ts\(7,55\): error TS2345/);
  assert.match(output, /Property 'customer_id' is missing/);
  // Line 9, a misspelled method, at the method's name; line 10, the escape hatch, compiles.
  assert.match(
    at(9)[0],
    /mistakes\.ts\(9,15\): error TS2345: Argument of type '"alibaba\.alsc\.crm\.point\.extra\.consum"'/,
  );
  assert.deepEqual(at(10), []);
  // U8 mistakes read like TOP's: at the property, naming it; no overload noise.
  assert.match(at(12)[0], /mistakes\.ts\(12,\d+\): error TS2322: Type '4' is not assignable/);
  assert.match(at(13)[0], /mistakes\.ts\(13,\d+\): error TS2741: Property 'ori_points' is missing/);
  assert.doesNotMatch(output, /No overload matches|index signature/, 'no overload noise');
});
