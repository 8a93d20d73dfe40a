// What the Node entries (node.mjs, cjs.js) use of Node, declared for `tsc --checkJs`: the
// project's tools have no @types/node, and these two calls are all the package asks of Node.
declare module 'node:zlib' {
  export function gunzipSync(data: Uint8Array): Uint8Array;
}
declare const Buffer: { from(text: string, encoding: 'base64'): Uint8Array };
