// What a reconciliation run asks the platforms, one call at a time: a page of a shop's
// stored-value flows (recharge.accountflows.get, by shop and time range), a page of a
// customer's point flows at a shop (point.querypointflow: the documents require a shop), a
// customer's stored-value account (recharge.account.get: value flows name an account, not a
// customer), a customer's vouchers (customer.voucher.list), and a pending U8 write sent again
// with the same source codes (U8 has no flow query; its own idempotency answers the recorded
// rows, or applies them if they never were). Calls are spaced at `callsPerSecond`.
import { SdkError, nextPage, wholeAmount } from 'loyalty-sdk';
import { clientsFor, u8Client } from '../upstream.js';
import { outcomeOf } from '../outcome.js';
import { dayBounds, platformTime, parsePlatformTime } from './day.js';
import { EDGE_MS } from './writes.js';

const P = 'alibaba.alsc.crm.';
let lastCall = -Infinity;

/** Waits until at least 1/rate s has passed since the previous call of this isolate began. */
async function paced(rate) {
  const wait = lastCall + 1000 / rate - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastCall = Date.now();
}

const text = (v) => (v === undefined || v === null ? '' : String(v));
/** A flow's amount as its exact digits, or null. */
const amount = (v) => wholeAmount(v)?.toString() ?? null;

/** The day's window as the flow queries take it, with the edges writes may reach across. */
function window(day) {
  const { from, to } = dayBounds(day);
  return { start_time: platformTime(from - EDGE_MS), end_time: platformTime(to + EDGE_MS - 1000) };
}

/**
 * One call of a read: `read` is `{ kind, brand, shop, customer, operator, key, channel }`, at
 * `page` (`seen`: the rows of the pages before). Answers `{ rows: [{ source, flow_id, body }],
 * next: the next place `{ page, seen }` or null (the package's `nextPage`), pages: how many the
 * platform says there are }`; throws the SDK's error when the platform cannot be read.
 */
export async function readPage({ env, config, day, read, page, seen = 0, ledgerOf }) {
  await paced(config.books.callsPerSecond);
  const top = clientsFor(config).top;
  const opts = { timeoutMs: config.timeoutMs, retries: config.retries };
  const size = config.books.pageSize;
  switch (read.kind) {
    case 'value': {
      const r = await top.call(
        `${P}recharge.accountflows.get`,
        {
          brand_id: read.brand,
          shop_id: read.shop,
          ...window(day),
          page_no: page,
          page_size: size,
          ...(read.channel ? { biz_channel: read.channel } : {}),
        },
        opts,
      );
      const list = r.result_list ?? [];
      const rows = list.flatMap((f) => {
        const at = parsePlatformTime(f.order_time ?? f.gmt_create);
        const value = amount(f.order_value);
        if (!f.flow_id || Number.isNaN(at) || value === null) return [];
        return [
          {
            source: 'value',
            flow_id: text(f.flow_id),
            body: {
              flow_id: text(f.flow_id),
              order_id: text(f.outer_order_id),
              amount: value,
              at,
              type: text(f.flow_type) || null,
              account: text(f.account_id) || null,
              operator: text(f.operator) || null,
              brand: read.brand,
              shop: text(f.shop_id) || read.shop,
            },
          },
        ];
      });
      return { rows, next: nextPage(r, { page, seen }), pages: Math.ceil(Number(r.total_size ?? 0) / size) || 1 };
    }
    case 'points': {
      const r = await top.call(
        `${P}point.querypointflow`,
        {
          brand_id: read.brand,
          shop_id: read.shop,
          customer_id: read.customer,
          ...window(day),
          page_no: page,
          page_size: size,
        },
        opts,
      );
      const list = r.result_list ?? [];
      const rows = list.flatMap((f) => {
        const at = parsePlatformTime(f.time);
        const points = amount(f.change_point);
        if (!f.flow_id || Number.isNaN(at) || points === null) return [];
        return [
          {
            source: 'points',
            flow_id: text(f.flow_id),
            body: {
              flow_id: text(f.flow_id),
              order_id: text(f.out_biz_id),
              amount: points,
              at,
              type: text(f.biz_type) || null,
              customer: read.customer,
              brand: read.brand,
              shop: read.shop,
            },
          },
        ];
      });
      return { rows, next: nextPage(r, { page, seen }), pages: Number(r.total_page ?? 1) || 1 };
    }
    case 'account': {
      const who = read.customer.startsWith('card:')
        ? { card_id: read.customer.slice(5) }
        : { customer_id: read.customer };
      const r = await top.call(`${P}recharge.account.get`, { brand_id: read.brand, shop_id: read.shop, ...who }, opts);
      const account = text(r.result?.account_id);
      return {
        rows: account
          ? [{ source: 'account', flow_id: read.customer, body: { customer: read.customer, account } }]
          : [],
        next: null,
        pages: 1,
      };
    }
    case 'vouchers': {
      const r = await top.call(
        `${P}customer.voucher.list`,
        { customer_id: read.customer, page_no: page, page_size: size },
        opts,
      );
      const list = r.result_list ?? [];
      const rows = list
        .filter((v) => v.voucher_id !== undefined)
        .map((v) => ({ source: 'voucher', flow_id: text(v.voucher_id), body: { status: text(v.status) } }));
      return { rows, next: nextPage(r, { page, seen }), pages: Number(r.total_page ?? 1) || 1 };
    }
    case 'u8':
      return { rows: [await resendU8({ env, config, read, ledgerOf, opts })], next: null, pages: 1 };
    default:
      throw new Error(`no read of kind ${read.kind}`);
  }
}

/** A pending U8 write sent again with the records the operator's Durable Object kept. */
async function resendU8({ env, config, read, ledgerOf, opts }) {
  const row = (outcome, detail) => ({
    source: 'u8',
    flow_id: `${read.operator}|${read.key}`,
    body: { outcome, detail },
  });
  const kept = (await ledgerOf(read.operator).resendOf({ keys: [read.key] }))[read.key];
  if (!kept) return row('failed', 'the write is no longer pending, or its records were not kept');
  try {
    const data = await u8Client(config, env).call('points/change', JSON.parse(kept), opts);
    const rows = (Array.isArray(data) ? data : (data?.data ?? [])).slice(0, 20).map((r) => ({
      id: text(r.id),
      mid: text(r.mid),
      source_code: text(r.source_code),
      calc_points: text(r.calc_points),
    }));
    return row('applied', rows);
  } catch (e) {
    if (!(e instanceof SdkError)) throw e;
    const outcome = outcomeOf(e) === 'refused' ? 'refused' : 'failed';
    return row(outcome, `${e.code}${e.platformCode ? ` ${e.platformCode}` : ''}: ${String(e.message).slice(0, 160)}`);
  }
}
