// The meaning of a call (./meaning.js): pure functions over the operations() metadata.

/** The parts of an operation's metadata these functions read (an item of `operations()`). */
export interface CallMeta {
  method: string;
  platform: 'top' | 'u8';
  param: string | null;
  list?: boolean;
  fields: Array<{ name: string; type: string; fields?: CallMeta['fields'] }>;
  amounts?: { points: string[]; value: string[]; scale: Record<string, string> };
  orderId?: string | null;
  vouchers?: string[];
  voucherFaces?: Array<{ list: string; id: string; amount: string }>;
  reverses?: {
    order: string;
    of: string[];
    returns: Array<'points' | 'value' | 'vouchers'>;
    partial: Partial<Record<'points' | 'value' | 'vouchers', string>>;
    when: string | null;
    in: string[];
  } | null;
  reason?: string | null;
  permissions?: Array<{ name: string; when: string; in: string[] }>;
  unbounded?: string | null;
}

/** An operation's metadata, or its method name. */
export type CallRef = CallMeta | string;

/** The most a call could move, under any reading of its fields. */
export interface Effect {
  /** Points, each amount field taken as its size. */
  points: bigint;
  /** Stored value in 分. */
  value: bigint;
  /** Vouchers, by count. */
  vouchers: bigint;
  /** The voucher ids the call names. */
  voucherIds: string[];
  /** Null, or why the request does not bound the effect (and the field at fault, if one). */
  unbounded: { field: string | null; reason: string } | null;
}

/** What a reversal gives back of an earlier order. */
export interface Reversal {
  /** The field naming the order. */
  field: string;
  orders: string[];
  /** The operations whose orders it reverses. */
  of: string[];
  /** The kinds it gives back as the order recorded them. */
  fromOrder: Array<'points' | 'value' | 'vouchers'>;
}

/** TOP's inner business object (wrapper unwrapped), U8's records; null for neither. */
export function businessParams(meta: CallRef, body: unknown): Record<string, unknown> | unknown[] | null;
/** The most a call could move (see `Effect`). */
export function effectOf(meta: CallRef, body: unknown): Effect;
/** What a reversal gives back of its order, or null when the call reverses none. */
export function reversalOf(meta: CallRef, body: unknown): Reversal | null;
/** The order ids a call names by its order field. */
export function orderIdsOf(meta: CallRef, body: unknown): string[];
/** Who the call is about: ids, masked mobiles (`138****0001`), `card:...`; undefined for no one. */
export function customerOf(meta: CallRef, body: unknown): string | undefined;
/** Face values (分) of the vouchers an answer shows, by voucher id. */
export function voucherFacesOf(meta: CallRef, data: unknown): Map<string, bigint>;
/** The permissions of its own a call needs beyond its method (`voucher:restore`). */
export function permissionsOf(meta: CallRef, body: unknown): string[];
/** The field a manual adjustment must fill with why, or null. */
export function reasonField(meta: CallRef): string | null;
/** A whole number (a safe JS integer, or up to 30 digits as text, signed or not) as BigInt; else null. */
export function wholeAmount(v: unknown): bigint | null;
/** `"12.50"` 元 to `1250n` 分, exactly; null for anything else. */
export function yuanToFen(yuan: string | number): bigint | null;
/** `1250n` 分 to `"12.50"` 元; null for what is no whole number. */
export function fenToYuan(fen: bigint | number | string): string | null;
/** A mobile number in any common notation as its eleven digits; else null. */
export function normalizeMobile(text: unknown): string | null;
/** A mobile number as `138****0001`; else undefined. */
export function maskMobile(text: unknown): string | undefined;
/** Free text with every mobile number in it masked, whatever its notation. */
export function maskMobilesIn(text: string): string;
