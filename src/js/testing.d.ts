// loyalty-sdk/testing: a fake gateway for both platforms, as a fetch function.

/** A fault the gateway injects: for its first `count` matching calls, or with `probability`. */
export interface Fault {
  kind:
    | 'latency'
    | 'drop-before'
    | 'drop-after'
    | 'http-502'
    | 'http-503'
    | 'html'
    | 'truncated'
    | 'rate-limit'
    | 'isp'
    | 'echo'
    | 'applied-html';
  count?: number;
  probability?: number;
  /** latency: how long. */
  ms?: number;
  /** rate-limit: the ban's length. */
  seconds?: number;
  /** Only these TOP methods or U8 paths. */
  methods?: string[];
}

export interface FakeGatewayOptions {
  /** The world: apps (with secrets), brands, shops, customers. Default: the demo's (`DEFAULT_CONFIG`). */
  config?: unknown;
  /** The gateway's clock, epoch ms: timestamps more than 10 minutes off are refused. */
  now?: () => number;
}

export interface FakeGateway {
  /** Pass as `call(..., { fetch })`; any URL works, the path picks the platform. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** Balances, orders, the journal of applied operations. */
  ledger: { view(): unknown[]; journal: unknown[]; orders: Record<string, unknown> };
  config: unknown;
  /** Faults for an app (its appKey) from now on; `[]` clears them. */
  setFaults(app: string, faults: Fault[]): boolean;
  /** Back to the configured balances. */
  reset(): void;
}

export function fakeGateway(options?: FakeGatewayOptions): FakeGateway;
export const DEFAULT_CONFIG: unknown;
/** The host-neutral core (`handle` a plain request), as the sandbox server serves it. */
export function createGateway(
  options?: FakeGatewayOptions & { store?: { load(): unknown; save(state: unknown): void } },
): unknown;
