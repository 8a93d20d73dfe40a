// One customer notation (www/console/src/notation.js), pure: how a table names the customer of an
// audit row, and what the audit's customer filter sends for what the desk typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerNotation, customerFilterValue } from '../../../www/console/src/notation.js';

const words = { card: '卡', outer: '外部ID', id: 'ID', u8: 'U8 会员' };
const known = new Map([['7027365982937563912722', '138****0001']]);

test('a customer the desk found reads as their masked mobile, the id kept for the hover', () => {
  assert.deepEqual(customerNotation('7027365982937563912722', { known, words }), {
    text: '138****0001',
    id: '7027365982937563912722',
  });
  assert.deepEqual(customerNotation('138****0001', { known, words }), { text: '138****0001', id: '' });
});

test('ids the desk has not met read by their tail, cards and U8 members by what they are', () => {
  assert.deepEqual(customerNotation('7027365982937563912723', { known, words }), {
    text: 'ID …912723',
    id: '7027365982937563912723',
  });
  assert.deepEqual(customerNotation('card:C-88', { known, words }), { text: '卡 C-88', id: 'C-88' });
  assert.deepEqual(customerNotation('outer:wx-1', { known, words }), { text: '外部ID wx-1', id: 'wx-1' });
  assert.deepEqual(customerNotation('M1001', { known, u8: true, words }), { text: 'U8 会员 M1001', id: 'M1001' });
  assert.deepEqual(customerNotation('M1001,M1002', { known, u8: true, words }), {
    text: 'U8 会员 M1001, U8 会员 M1002',
    id: 'M1001, M1002',
  });
  for (const none of [null, undefined, '']) assert.deepEqual(customerNotation(none, { words }), { text: '', id: '' });
});

test('the customer filter never sends a whole mobile: the found customer id, else the masked form', () => {
  for (const typed of [
    '13800000001',
    '138 0000 0001',
    '138-0000-0001',
    '+86 138 0000 0001',
    '0086 13800000001',
    '１３８０００００００１',
  ])
    assert.equal(customerFilterValue(typed, known), '7027365982937563912722', typed);
  assert.equal(customerFilterValue('139 1234 5678', known), '139****5678');
  assert.equal(customerFilterValue(' 7027365982937563912723 ', known), '7027365982937563912723');
  assert.equal(customerFilterValue('card:C-88'), 'card:C-88');
});
