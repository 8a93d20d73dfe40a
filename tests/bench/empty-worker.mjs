// The baseline for start-up: a Worker that imports nothing.
export default {
  async fetch() {
    return Response.json({ ok: true });
  },
};
