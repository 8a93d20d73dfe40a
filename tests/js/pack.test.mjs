// The package as a stranger gets it: `npm pack`, installed into an empty project, and the
// README's own snippets run there (ESM and CommonJS against a local stub gateway; TypeScript
// type-checked with --strict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stub } from './stub.mjs';

const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
const tsc = fileURLToPath(new URL('../../www/node_modules/typescript/bin/tsc', import.meta.url));

/** The code block after `<!-- snippet: name -->` in the README. */
function snippet(readme, name) {
  const at = readme.indexOf(`<!-- snippet: ${name} -->`);
  assert.ok(at >= 0, `snippet ${name}`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at));
  return block[1];
}

test('npm pack, install into an empty project, and run the README', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loyalty-pack-'));
  const gw = await stub([
    {
      body: JSON.stringify({
        result: { biz_success: true, result: 'PF-README', result_code: '200', result_desc: '成功', result_view: '' },
      }),
    },
  ]);
  try {
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    const files = execFileSync('tar', ['-tzf', join(dir, tarball)], { encoding: 'utf8' }).split('\n');
    for (const f of ['package/README.md', 'package/LICENSE', 'package/index.cjs', 'package/wasm/loyalty_sdk_bg.wasm'])
      assert.ok(files.includes(f), f);
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'readme-app', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], {
      cwd: app,
    });
    const readme = readFileSync(join(app, 'node_modules/loyalty-sdk/README.md'), 'utf8');

    writeFileSync(join(app, 'esm.mjs'), snippet(readme, 'esm'));
    const env = {
      ...process.env,
      TOP_GATEWAY: `${gw.url}/router/rest`,
      TOP_APP_KEY: '12345678',
      TOP_APP_SECRET: 'readme-secret',
    };
    // Asynchronously: the stub gateway answers from this process.
    const { stdout } = await promisify(execFile)(process.execPath, ['esm.mjs'], { cwd: app, env, encoding: 'utf8' });
    assert.match(stdout, /applied PF-README/);
    assert.equal(gw.seen.length, 1);

    writeFileSync(join(app, 'cjs.cjs'), snippet(readme, 'cjs'));
    const cjs = execFileSync(process.execPath, ['cjs.cjs'], { cwd: app, encoding: 'utf8' });
    assert.match(cjs, /change_point: positive/);
    assert.match(cjs, /POST https:\/\//);

    writeFileSync(join(app, 'usage.ts'), snippet(readme, 'ts'));
    writeFileSync(
      join(app, 'tsconfig.json'),
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
        files: ['usage.ts'],
      }),
    );
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' });
    } catch (e) {
      out = `${e.stdout}${e.stderr}`;
    }
    assert.equal(out, '');
  } finally {
    await gw.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
