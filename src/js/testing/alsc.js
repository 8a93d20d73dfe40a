// ALSC CRM semantics over the ledger: the operations the fake gateway implements, each with the
// parameter checks the gateway makes (40 missing, 41 invalid) and the business answers
// (`biz_success=false` with result_code / result_desc / result_view) the service gives.
import { POINTS } from './points.js';
import { VALUE } from './value.js';
import { CUSTOMERS } from './customers.js';

export { GatewayError } from './common.js';

export const METHODS = { ...POINTS, ...VALUE, ...CUSTOMERS };
