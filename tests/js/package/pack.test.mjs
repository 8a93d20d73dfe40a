// The package as a stranger gets it: `npm pack`, checked by attw and publint --strict, installed
// into an empty project, and the README's own snippets run there (ESM and CommonJS against a
// local stub gateway, U8 against the sandbox, the testing and untyped ones against the fake
// gateway; TypeScript type-checked with --strict, compiled as ESM and as CommonJS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stub } from './stub.mjs';
import { startSandbox } from '../../../www/sandbox/server.mjs';

const pkg = fileURLToPath(new URL('../../../pkg/', import.meta.url));
const tsc = fileURLToPath(new URL('../../../www/node_modules/typescript/bin/tsc', import.meta.url));
const bin = (name) => fileURLToPath(new URL(`../../../www/node_modules/.bin/${name}`, import.meta.url));

/** The code block after `<!-- snippet: name -->` in the README. */
function snippet(readme, name) {
  const at = readme.indexOf(`<!-- snippet: ${name} -->`);
  assert.ok(at >= 0, `snippet ${name}`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at));
  return block[1];
}

/** tsc --strict on `file` in `dir`, as `module` (`nodenext`: ESM or CommonJS by the project). */
function typeCheck(dir, file) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['es2022', 'dom'],
        skipLibCheck: false,
      },
      files: [file],
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

test('npm pack, checked by attw and publint, installed into an empty project, and every README snippet run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loyalty-pack-'));
  const gw = await stub([
    {
      body: JSON.stringify({
        result: { biz_success: true, result: 'PF-README', result_code: '200', result_desc: '成功', result_view: '' },
        request_id: 'trace-readme',
      }),
    },
  ]);
  const sandbox = await startSandbox({ port: 0 });
  const run = promisify(execFile);
  try {
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    const files = execFileSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    for (const f of [
      'package/README.md',
      'package/LICENSE',
      'package/index.cjs',
      'package/index.d.cts',
      'package/testing.cjs',
      'package/testing.d.cts',
      'package/wasm/loyalty_sdk_bg.wasm',
      'package/wasm/inline.cjs',
    ])
      assert.ok(files.includes(f), f);

    // The tarball as published: every entry point's types resolve as its format (attw), and
    // the package.json follows the conventions strictly (publint).
    const attw = await run(bin('attw'), [join(dir, tarball), '--format', 'json'], { encoding: 'utf8' }).catch((e) => e);
    const report = JSON.parse(attw.stdout);
    assert.ok(Array.isArray(report.analysis.problems), 'attw analysed the tarball');
    assert.deepEqual(report.analysis.problems, [], JSON.stringify(report.analysis.problems));
    assert.deepEqual(Object.keys(report.analysis.entrypoints).sort(), ['.', './package.json', './testing']);
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const buffer = readFileSync(join(dir, tarball));
    const { messages, pkg: manifest } = await publint({
      pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) },
      strict: true,
    });
    assert.deepEqual(
      messages.map((m) => formatMessage(m, manifest)),
      [],
    );
    assert.ok(
      manifest.engines?.node && manifest.repository?.url && manifest.keywords?.length,
      'engines, repository, keywords',
    );

    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'readme-app', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], {
      cwd: app,
    });
    const readme = readFileSync(join(app, 'node_modules/loyalty-sdk/README.md'), 'utf8');
    const snippets = [...readme.matchAll(/<!-- snippet: (\w+) -->/g)].map((m) => m[1]);
    assert.deepEqual(snippets, ['esm', 'cjs', 'ts', 'untyped', 'u8', 'testing']);

    writeFileSync(join(app, 'esm.mjs'), snippet(readme, 'esm'));
    const env = {
      ...process.env,
      TOP_GATEWAY: `${gw.url}/router/rest`,
      TOP_APP_KEY: '12345678',
      TOP_APP_SECRET: 'readme-secret',
      U8_BASE_URL: sandbox.url,
    };
    // Asynchronously: the stub gateway and the sandbox answer from this process.
    const esm = await run(process.execPath, ['esm.mjs'], { cwd: app, env, encoding: 'utf8' });
    assert.match(esm.stdout, /applied PF-README trace trace-readme/);
    assert.equal(gw.seen.length, 1);

    writeFileSync(join(app, 'cjs.cjs'), snippet(readme, 'cjs'));
    const cjs = execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, encoding: 'utf8' });
    assert.match(cjs, /change_point: positive/);
    assert.match(cjs, /POST https:\/\//);

    writeFileSync(join(app, 'untyped.mjs'), snippet(readme, 'untyped'));
    const untyped = await run(process.execPath, ['untyped.mjs'], { cwd: app, encoding: 'utf8' });
    assert.match(untyped.stdout, /param_new_req=%7B%22a%22%3A1%7D\nTOP_ERROR 22/);

    writeFileSync(join(app, 'u8.mjs'), snippet(readme, 'u8'));
    const u8 = await run(process.execPath, ['u8.mjs'], { cwd: app, env, encoding: 'utf8' });
    assert.match(u8.stdout, /points now 1100/);

    writeFileSync(join(app, 'testing.mjs'), snippet(readme, 'testing'));
    const testing = await run(process.execPath, ['testing.mjs'], { cwd: app, encoding: 'utf8' });
    assert.match(testing.stdout, /^1 applied\n4700\n$/);

    // loyalty-sdk/testing from CommonJS too.
    writeFileSync(
      join(app, 'testing.cjs'),
      "const { fakeGateway } = require('loyalty-sdk/testing'); console.log(typeof fakeGateway().fetch);",
    );
    assert.equal(execFileSync(process.execPath, ['testing.cjs'], { cwd: app, encoding: 'utf8' }), 'function\n');

    // The TypeScript snippet compiles in an ESM project and in a CommonJS one.
    const ts = snippet(readme, 'ts');
    const esmProject = join(app, 'ts-esm');
    execFileSync('mkdir', ['-p', esmProject]);
    writeFileSync(join(esmProject, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(esmProject, 'usage.ts'), ts);
    assert.equal(typeCheck(esmProject, 'usage.ts'), '');
    const cjsProject = join(app, 'ts-cjs');
    execFileSync('mkdir', ['-p', cjsProject]);
    writeFileSync(join(cjsProject, 'package.json'), JSON.stringify({ type: 'commonjs' }));
    // A CommonJS module has no top-level await or `for await` at the top: the snippet has neither.
    writeFileSync(
      join(cjsProject, 'usage.ts'),
      `${ts}\nimport { fakeGateway } from 'loyalty-sdk/testing';\nvoid fakeGateway;\n`,
    );
    assert.equal(typeCheck(cjsProject, 'usage.ts'), '');
  } finally {
    await gw.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
