// What the platform holds for an order, read from its flows before a reversal gives it back: a
// reversal returns whatever the platform holds on the order id, whoever made it, to the order's
// own customer, whatever customer or card the reversal names. So the flows are read for
// everyone the queries allow, at every shop of the brand (a flow query narrows by shop, and an
// order may have been made at any): stored value from `recharge.accountflows.get` by
// `out_order_id` with no customer or card (every customer's flows on the order), points from
// `point.querypointflow` by `out_biz_id` (a fuzzy match: only the order's own id is kept),
// which takes only one customer's flows (`customer_id` is required), read for each customer
// given. Stored value is read as well for each customer given, at one shop: a customer's flows
// are theirs at every shop of the brand (the shop names whose flows only for a read naming no
// customer), so their payments at shops `SHOPS` does not list are seen too. A flow seen in
// several reads (one made without a shop, a customer's at a shop) counts once.
import { SdkError, wholeAmount } from 'loyalty-sdk';
import { ProxyError } from './errors.js';

const PAGE = 100;
// An order's flows at one shop fill a page in practice; past this many the order cannot be
// bounded in a call's time, and the reversal is refused.
const PAGES = 5;

const READS = {
  points: {
    method: 'alibaba.alsc.crm.point.querypointflow',
    filter: 'out_biz_id',
    id: 'out_biz_id',
    amount: 'change_point',
  },
  value: {
    method: 'alibaba.alsc.crm.recharge.accountflows.get',
    filter: 'out_order_id',
    id: 'outer_order_id',
    amount: 'order_value',
  },
};

/**
 * What the order's flows of `kind` (`points`, `value`) took and gave on `order`, as BigInts,
 * and how many flows there were: `{ taken, given, flows }`. `brand`, `shops`: the brand and
 * every shop of it to read at; `customers`: whose point flows to read (stored value is read
 * for every customer at once at each shop, and for each of them at every shop). More than
 * PAGES pages in one read cannot be read in a call's time: OUT_OF_SCOPE.
 */
export async function flowsOn(top, order, kind, { brand, shops, customers }, opts) {
  const read = READS[kind];
  const seen = new Set();
  let taken = 0n;
  let given = 0n;
  const reads =
    kind === 'points'
      ? customers.flatMap((customer_id) => shops.map((shop_id) => ({ customer_id, shop_id })))
      : [
          ...shops.map((shop_id) => ({ shop_id })),
          ...(shops.length ? (customers ?? []) : []).map((customer_id) => ({ customer_id, shop_id: shops[0] })),
        ];
  for (const who of reads) {
    const asked = { ...who, brand_id: brand, [read.filter]: order, page_size: PAGE };
    let pageNo = 0;
    try {
      for await (const page of top.pages(read.method, asked, opts)) {
        if (++pageNo > PAGES)
          throw unbounded(order, `the platform holds more than ${PAGES * PAGE} ${kind} flows on it in one read`);
        for (const f of Array.isArray(page?.result_list) ? page.result_list : []) {
          if (String(f?.[read.id] ?? '') !== order) continue;
          // A points flow's id is the customer's; a stored-value flow's, the brand's.
          const id = kind === 'points' ? `${who.customer_id}|${f.flow_id ?? ''}` : String(f.flow_id ?? '');
          if (f.flow_id !== undefined && seen.has(id)) continue;
          seen.add(id);
          const n = wholeAmount(f[read.amount]);
          if (n === null) throw unbounded(order, `a ${kind} flow of the order has no whole amount`);
          if (n < 0n) taken -= n;
          else given += n;
        }
      }
    } catch (e) {
      // A read that failed says nothing about the order: the platform's own error (retriable
      // when it is), nothing sent for the reversal.
      if (e instanceof SdkError)
        e.message = `the platform's ${kind} flows of order ${String(order).slice(0, 64)} could not be read first: ${e.message}`;
      throw e;
    }
  }
  return { taken, given, flows: seen.size };
}

/**
 * The most the platform holds of `kind` on `order` (flowsOn's arguments): the larger of what
 * the order's flows took and what they gave (a consumption is taken back by a refund, a top-up
 * by an uncharge), as a BigInt.
 */
export async function heldOn(top, order, kind, where, opts) {
  const { taken, given } = await flowsOn(top, order, kind, where, opts);
  return taken > given ? taken : given;
}

const unbounded = (order, why) =>
  new ProxyError(
    'OUT_OF_SCOPE',
    `order ${String(order).slice(0, 64)}: ${why}, so what it would give back cannot be bounded`,
    { field: 'order' },
  );
