// One vocabulary and its messages: every code and rule the core declares has a message in
// Chinese and English; messages are built from the overlay's labels, never describe points as
// money, keep each code's detail in both languages, and never pass the platform's English ban
// text or call a platform fault a refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TopClient,
  U8Client,
  validate,
  vocabulary,
  ERROR_CODES,
  ErrorCode,
  Rule,
  Choices,
  operations,
} from 'loyalty-sdk';
// The package's own message module, as it ships (not an export: reached by its path).
import { errorInfo, fieldErrors } from '../../../pkg/messages.js';

const CJK = /[\u4e00-\u9fff]/;
const EXTRA = 'alibaba.alsc.crm.point.extra.consume';

test('the vocabulary is the core’s: codes and rules as constants, each with labels, status and outcome', () => {
  const v = vocabulary();
  assert.deepEqual(
    v.errors.map((e) => e.code),
    ERROR_CODES,
  );
  for (const e of v.errors) {
    assert.equal(ErrorCode[e.code], e.code);
    assert.match(e.zh, CJK);
    assert.ok(e.en && !CJK.test(e.en));
    assert.ok(e.status >= 400 && e.status < 600);
    assert.ok(['not_sent', 'refused', 'unknown'].includes(e.outcome));
  }
  for (const r of v.rules) assert.equal(Rule[r.name.toUpperCase()], r.name);
  assert.equal(ErrorCode.RATE_LIMITED, 'RATE_LIMITED');
  assert.equal(Rule.ANY_OF, 'any_of');
  // Enumerations from the metadata, typed by their fields: numbers where the field is a Number.
  assert.deepEqual(Choices.BIZ_CHANNEL, { CS: 'CS', KRY: 'KRY' });
  assert.equal(Choices.POINT_OPERATE_TYPE.CHARGE, 1);
  assert.equal(Choices.OUTER_TYPE.ALIPAY, 'alipay');
  assert.throws(() => {
    Choices.BIZ_CHANNEL.CS = 'x';
  }, TypeError);
  // Every choice of the metadata has its constant.
  for (const op of operations())
    for (const f of op.fields)
      for (const c of f.choices ?? [])
        assert.ok(
          Object.values(Choices).some((set) => Object.values(set).map(String).includes(c.value)),
          `${op.method} ${f.name} ${c.value}`,
        );
});

test('every code and every rule has a message in both languages', () => {
  const facts = {
    platformCode: '15',
    platformMsg: 'Remote service error',
    subCode: 'isp.remote-service-timeout',
    subMsg: 'timeout',
    retryAfterMs: 2000,
    ms: 100,
    field: 'change_point',
    rule: 'positive',
    message: 'SENTINEL `x`',
  };
  for (const code of ERROR_CODES) {
    const en = errorInfo({ code, ...facts }, 'en', EXTRA).message;
    const zh = errorInfo({ code, ...facts }, 'zh', EXTRA).message;
    assert.ok(en && !CJK.test(en.replace(/[（）]/g, '')), `${code} en: ${en}`);
    assert.match(zh, CJK, `${code} zh: ${zh}`);
  }
  for (const { name } of vocabulary().rules) {
    for (const lang of ['en', 'zh']) {
      const [e] = fieldErrors(EXTRA, [{ field: 'change_point', rule: name, message: 'SENTINEL' }], lang);
      assert.notEqual(e.message, 'SENTINEL', `rule ${name} has a ${lang} message`);
      if (lang === 'zh') assert.match(e.message, CJK, `${name}: ${e.message}`);
      const config = errorInfo({ code: 'INVALID_CONFIG', field: 'format', rule: name, message: 'SENTINEL `x`' }, lang);
      assert.ok(config.message, `config ${name} ${lang}`);
      if (lang === 'zh') assert.match(config.message, CJK, `config ${name}: ${config.message}`);
    }
  }
});

test('labels come from the overlay, in both languages; points are never money', () => {
  const zh = validate(EXTRA, {}, { lang: 'zh' });
  const en = validate(EXTRA, {});
  const required = (errors, field) => errors.find((e) => e.field === field && e.rule === 'required').message;
  assert.equal(required(zh, 'biz_channel'), 'biz_channel（渠道）为必填项');
  assert.equal(required(en, 'biz_channel'), 'biz_channel (channel) is required');
  // Points: a whole number of points, not 分.
  const points = validate(EXTRA, { change_point: 'x' }, { lang: 'zh' }).find((e) => e.field === 'change_point');
  assert.match(points.message, /积分/);
  assert.doesNotMatch(points.message, /金额|分为单位/);
  assert.match(validate(EXTRA, { change_point: 1.5 }).find((e) => e.field === 'change_point').message, /points/);
  // Stored value: in 分.
  const value = validate('alibaba.alsc.crm.recharge.dedut.update', { value: 'x' }, { lang: 'zh' }).find(
    (e) => e.field === 'value',
  );
  assert.match(value.message, /金额以分为单位/);
  assert.match(
    validate('alibaba.alsc.crm.recharge.dedut.update', { value: 'x' }).find((e) => e.field === 'value').message,
    /fen/,
  );
  // U8 points in records.
  const u8 = validate('points/change', [{ ori_points: 'x' }], { lang: 'zh' }).find((e) => e.field === '[0].ori_points');
  assert.match(u8.message, /积分/);
  // The metadata carries the labels for forms.
  const meta = operations().find((o) => o.method === EXTRA);
  assert.deepEqual(meta.fields.find((f) => f.name === 'biz_channel').label, { zh: '渠道', en: 'channel' });
});

test('each code keeps its detail in both languages; bans in words; platform faults are not refusals', () => {
  for (const lang of ['en', 'zh']) {
    assert.throws(
      () => new TopClient({ appKey: 'k', appSecret: 's', signMethod: 'sha1', lang }),
      (e) => e.code === 'INVALID_CONFIG' && e.field === 'signMethod' && /sha1/.test(e.message),
      lang,
    );
    assert.throws(
      () => new TopClient({ appKey: 'k', appSecret: 's', gateway: 'ftp://x', lang }),
      (e) => e.field === 'gateway' && /ftp:\/\/x/.test(e.message),
    );
    const c = new TopClient({ appKey: 'k', appSecret: 's', lang });
    assert.throws(
      () => c.parse(EXTRA, 200, '<html>gateway down</html>'),
      (e) => e.code === 'DECODE_ERROR' && /gateway down/.test(e.message),
    );
    assert.throws(
      () => c.parse(EXTRA, 502, 'Bad Gateway'),
      (e) => e.code === 'HTTP_ERROR' && /502/.test(e.message) && /Bad Gateway/.test(e.message),
    );
    const ban =
      '{"error_response":{"code":7,"msg":"App Call Limited","sub_code":"accesscontrol.limited-by-app-access-count","sub_msg":"This ban will last for 31062 more seconds"}}';
    assert.throws(
      () => c.parse(EXTRA, 200, ban),
      (e) =>
        e.code === 'RATE_LIMITED' &&
        /31062/.test(e.message) &&
        (lang === 'en' || (!/This ban/.test(e.message) && /秒/.test(e.message))),
    );
    const isp =
      '{"error_response":{"code":15,"msg":"Remote service error","sub_code":"isp.remote-service-timeout","sub_msg":"服务超时"}}';
    assert.throws(
      () => c.parse(EXTRA, 200, isp),
      (e) =>
        e.retriable &&
        (lang === 'zh' ? /暂时故障/.test(e.message) && !/拒绝/.test(e.message) : !/refused/.test(e.message)),
    );
    const refused =
      '{"error_response":{"code":50,"msg":"Remote service error","sub_code":"isv.invalid-parameter","sub_msg":"非法参数"}}';
    assert.throws(
      () => c.parse(EXTRA, 200, refused),
      (e) => !e.retriable && (lang === 'zh' ? /拒绝/.test(e.message) : /refused/.test(e.message)),
    );
    const u8 = new U8Client({ fromAccount: 'f', toAccount: 't', appKey: 'k', appSecret: 's', lang });
    assert.throws(
      () => u8.parse('points/change', 200, '{"errcode":"30021","errmsg":"此应用未上线"}'),
      (e) =>
        e.code === 'U8_ERROR' &&
        /30021/.test(e.message) &&
        (lang === 'en' ? /online/.test(e.message) : /上线/.test(e.message)),
    );
  }
});
