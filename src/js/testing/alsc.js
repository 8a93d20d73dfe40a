// ALSC CRM semantics over the ledger: every operation of the family, each with the checks its
// business layer makes (code 50, isv.invalid-parameter, for a field inside the business object)
// and its business answers (`biz_success=false` with result_code / result_desc / result_view).
import { POINTS } from './points.js';
import { VALUE } from './value.js';
import { CUSTOMERS } from './customers.js';
import { PROFILES } from './profiles.js';
import { CARDS } from './cards.js';
import { MARKETING } from './marketing.js';
import { RULES } from './rules.js';

export { GatewayError } from './common.js';

export const METHODS = { ...POINTS, ...VALUE, ...CUSTOMERS, ...PROFILES, ...CARDS, ...MARKETING, ...RULES };
