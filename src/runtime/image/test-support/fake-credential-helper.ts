/**
 * Test support: fake Docker credential helpers as real executables in a temp bin dir the test puts on
 * PATH. `docker-credential-bimgfake` keeps one file per server URL under `store` (the JSON it was given)
 * and logs each call (`action input`) to `store/calls`; `docker-credential-bimgbroken` always fails.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeHelpers {
  /** The dir to prepend to PATH. */
  bin: string;
  /** The fake helper's store dir. */
  store: string;
  /** The calls made so far, as `action input` lines. */
  calls: () => string[];
  /** Puts credentials in the store as `store` would. */
  seed: (serverUrl: string, username: string, secret: string) => void;
}

const keyOf = (serverUrl: string): string => serverUrl.replace(/[^A-Za-z0-9]/g, '_');

const FAKE = `#!/bin/sh
store='STORE'
input=$(cat)
printf '%s %s\\n' "$1" "$input" >> "$store/calls"
key() { printf %s "$1" | tr -c 'A-Za-z0-9' '_'; }
case "$1" in
  get|erase)
    f="$store/$(key "$input")"
    if [ ! -f "$f" ]; then echo 'credentials not found in native keychain'; exit 1; fi
    if [ "$1" = get ]; then cat "$f"; else rm "$f"; fi ;;
  store)
    server=$(printf %s "$input" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p')
    printf %s "$input" > "$store/$(key "$server")" ;;
  *) echo "unknown action $1"; exit 1 ;;
esac
`;

const BROKEN = `#!/bin/sh
cat > /dev/null
echo 'the keychain is locked'
exit 3
`;

/** Writes both helpers under `dir`. */
export function writeFakeHelpers(dir: string): FakeHelpers {
  const bin = join(dir, 'bin');
  const store = join(dir, 'store');
  mkdirSync(bin, { recursive: true });
  mkdirSync(store, { recursive: true });
  writeFileSync(join(bin, 'docker-credential-bimgfake'), FAKE.replace('STORE', store));
  writeFileSync(join(bin, 'docker-credential-bimgbroken'), BROKEN);
  chmodSync(join(bin, 'docker-credential-bimgfake'), 0o755);
  chmodSync(join(bin, 'docker-credential-bimgbroken'), 0o755);
  return {
    bin,
    store,
    calls: () => readFileSync(join(store, 'calls'), 'utf8').split('\n').filter((line) => line !== ''),
    seed: (serverUrl, username, secret) =>
      writeFileSync(join(store, keyOf(serverUrl)), JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret })),
  };
}
