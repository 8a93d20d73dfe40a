// The operations' metadata, read once per isolate (operations() hands out a fresh copy).
import { operations } from 'loyalty-sdk';

export const OPERATIONS = operations();
export const BY_NAME = new Map(OPERATIONS.map((o) => [o.method, o]));
