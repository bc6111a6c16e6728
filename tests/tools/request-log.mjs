// Where the end-to-end test server logs each request it gets (tests/e2e/serve.mjs with
// ACCORD_REQUEST_LOG), per port so copies of the tests side by side keep apart.
export function requestLogFor(port) {
  return `${process.env.TMPDIR || "/tmp"}/accord-e2e-requests-${port}.log`;
}
