import {
  assertPublicTarget,
  FetchError,
  isPublicAddress,
  type Resolver,
} from '../../../src/fetching';

const PRIVATE_ADDRESSES = [
  '127.0.0.1',
  '127.1.2.3',
  '::1',
  '10.0.0.1',
  '10.255.255.254',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.1.1',
  '169.254.169.254',
  '169.254.0.1',
  'fc00::1',
  'fd12:3456:789a::1',
  'fe80::1',
  '::ffff:127.0.0.1',
  '::ffff:10.0.0.1',
  '0.0.0.0',
  '::',
  '100.64.0.1',
  '224.0.0.1',
  '255.255.255.255',
];

/** IPv6 forms that embed an IPv4 address (private or not): all refused. */
const IPV4_EMBEDDING_ADDRESSES = [
  // IPv4-compatible ::/96, in dotted and hex form (URL parsing turns one into the other)
  '::127.0.0.1',
  '::7f00:1',
  '::10.0.0.1',
  '::a9fe:a9fe',
  '::8.8.8.8',
  // IPv4-mapped, spelled in hex
  '::ffff:7f00:1',
  '::ffff:c0a8:101',
  // SIIT ::ffff:0:0:0/96
  '::ffff:0:7f00:1',
  // 6to4 2002::/16
  '2002:7f00:1::1',
  '2002:a00:1::',
  '2002:c0a8:101::1',
  // NAT64 64:ff9b::/96 and the local-use 64:ff9b:1::/48
  '64:ff9b::127.0.0.1',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b:1::7f00:1',
  // Teredo 2001::/32 (server and client addresses are carried obfuscated)
  '2001:0:7f00:1::1',
  '2001:0:4136:e378:8000:63bf:80ff:fffe',
  '2001:0:808:808::1',
  // the whole of each range, whatever the IPv4 address inside
  '::1.2.3.4',
  '::ffff:0:8.8.8.8',
  '2002:808:808::1',
  '64:ff9b::8.8.8.8',
  '64:ff9b:1:ffff::1',
  // ISATAP interface identifiers (::0:5efe and ::200:5efe) carrying a private IPv4 address
  '2a00:1450:4001::5efe:7f00:1',
  '2a00:1450:4001::200:5efe:a00:1',
  '2606:4700:4700:0:0:5efe:192.168.0.1',
];

const PUBLIC_ADDRESSES = [
  '93.184.216.34',
  '8.8.8.8',
  '172.32.0.1',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '2001:db9::1',
  // an ISATAP identifier carrying a public IPv4 address is an ordinary global address
  '2a00:1450:4001::5efe:808:808',
];

const fakeDns =
  (records: Record<string, string[]>): Resolver =>
  (hostname) => {
    const addresses = records[hostname];
    if (!addresses)
      return Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }));
    return Promise.resolve(
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const),
    );
  };

describe('isPublicAddress', () => {
  it.each(PRIVATE_ADDRESSES)('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(IPV4_EMBEDDING_ADDRESSES)('refuses IPv4 embedded as %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(PUBLIC_ADDRESSES)('accepts %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('refuses text that is not an address', () => {
    expect(isPublicAddress('example.org')).toBe(false);
  });
});

describe('assertPublicTarget', () => {
  const resolve = fakeDns({
    'news.example': ['93.184.216.34'],
    'metadata.example': ['169.254.169.254'],
    'intranet.example': ['10.1.2.3'],
    'split.example': ['93.184.216.34', '192.168.0.10'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'compatible.example': ['::127.0.0.1'],
    'nat64.example': ['64:ff9b::a9fe:a9fe'],
  });

  it('returns the checked addresses of a public host', async () => {
    await expect(
      assertPublicTarget('https://news.example/feed.xml', { allowPrivate: false, resolve }),
    ).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it.each([
    'http://127.0.0.1/feed',
    'http://[::1]:8080/feed',
    'http://10.0.0.5/',
    'http://172.20.1.1/',
    'http://192.168.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fc00::1]/',
    'http://[fe80::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0:3000/',
    'http://metadata.example/',
    'http://intranet.example/',
    'http://mapped.example/',
    'http://[::127.0.0.1]/',
    'http://[::7f00:1]:8080/',
    'http://[::0:10.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[2002:7f00:1::1]/',
    'http://[64:ff9b::169.254.169.254]/latest/meta-data/',
    'http://[2001:0:7f00:1::1]/',
    'http://[::1.2.3.4]/',
    'http://[2a00:1450:4001::5efe:127.0.0.1]/',
    'http://compatible.example/',
    'http://nat64.example/',
  ])('refuses %s', async (url) => {
    const refusal = assertPublicTarget(url, { allowPrivate: false, resolve });
    await expect(refusal).rejects.toBeInstanceOf(FetchError);
    await expect(refusal).rejects.toMatchObject({ failure: 'private-target', transient: false });
  });

  it('refuses a host when any one of its addresses is private', async () => {
    await expect(
      assertPublicTarget('https://split.example/', { allowPrivate: false, resolve }),
    ).rejects.toThrow(/split\.example: it resolves to 192\.168\.0\.10/);
  });

  it('refuses localhost through the system resolver', async () => {
    await expect(
      assertPublicTarget('http://localhost:8080/', { allowPrivate: false }),
    ).rejects.toMatchObject({ failure: 'private-target' });
  });

  it('allows private targets only when told to', async () => {
    await expect(
      assertPublicTarget('http://intranet.example/', { allowPrivate: true, resolve }),
    ).resolves.toEqual([{ address: '10.1.2.3', family: 4 }]);
  });

  it('refuses schemes other than http and https', async () => {
    await expect(
      assertPublicTarget('file:///etc/passwd', { allowPrivate: true, resolve }),
    ).rejects.toMatchObject({ failure: 'invalid-url' });
  });

  it('reports an unknown host as a permanent DNS failure', async () => {
    await expect(
      assertPublicTarget('https://nowhere.example/', { allowPrivate: false, resolve }),
    ).rejects.toMatchObject({ failure: 'dns', transient: false });
  });
});
