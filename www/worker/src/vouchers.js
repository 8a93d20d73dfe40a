// Which used vouchers a customer holds, read from the platform before a refund that would give
// back every voucher used on its order: no read shows which those are, so all of them bound it.
import { SdkError } from 'loyalty-sdk';
import { ProxyError } from './errors.js';

const PAGE = 100;
// A customer's vouchers fill a page or two; past this many the refund is refused.
const PAGES = 5;
// 已使用: ISUSED in the documents, USED on some platforms' answers.
const USED = new Set(['ISUSED', 'USED']);

/** The ids of the vouchers `customer` holds used, at the brand and shop the refund names. */
export async function usedVouchers(top, { brand, shop, customer }, opts) {
  const asked = { brand_id: brand, shop_id: shop, customer_id: customer, page_size: PAGE };
  const used = [];
  let pageNo = 0;
  try {
    for await (const page of top.pages('alibaba.alsc.crm.customer.voucher.list', asked, opts)) {
      if (++pageNo > PAGES)
        throw new ProxyError(
          'OUT_OF_SCOPE',
          `the customer holds more than ${PAGES * PAGE} vouchers, so which a refund gives back cannot be told`,
          { field: 'voucher_id_list' },
        );
      for (const v of Array.isArray(page?.result_list) ? page.result_list : [])
        if (USED.has(v?.status)) used.push(String(v.voucher_id));
    }
  } catch (e) {
    if (e instanceof SdkError) e.message = `the customer's vouchers could not be read before the refund: ${e.message}`;
    throw e;
  }
  return used;
}
