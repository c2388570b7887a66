import { checkTarget, refusedAddress } from './url-guard';

const STRICT = { allowHttp: false, allowPrivate: false };

describe('the SSRF guard', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'unique local'],
    ['fc00::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:8.8.8.8', 'IPv4-mapped'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::7f00:1', 'IPv4-compatible'],
    ['::8.8.8.8', 'IPv4-compatible'],
    ['2001:db8::1', 'reserved'],
    ['100::1', 'special-purpose'],
    ['2002:7f00:1::', '6to4'],
  ])('refuses %s (%s)', (address, what) => {
    expect(refusedAddress(address)).toContain(what);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111'])('allows the public address %s', (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it.each([
    ['http://93.184.215.14/hook', 'https'],
    ['https://user:pw@93.184.215.14/hook', 'user name'],
    ['ftp://93.184.215.14/hook', 'https'],
    ['not-a-url', 'not a URL'],
    ['https://[::1]/hook', 'loopback'],
    ['https://[::ffff:127.0.0.1]/hook', 'IPv4-mapped'],
    ['https://100.64.0.1/hook', 'carrier-grade NAT'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['https://0.0.0.0/hook', 'unspecified'],
    ['https://[fe80::1]/hook', 'link-local'],
    ['https://[::127.0.0.1]/hook', 'IPv4-compatible'],
    ['https://93.184.215.14/a b', 'spaces or control characters'],
    ['https://93.184.215.14/a\r\nb', 'spaces or control characters'],
    ['https://93.184.215.14:0/hook', 'port must be 1-65535'],
  ])('refuses the URL %s', async (url, why) => {
    const checked = await checkTarget(url, STRICT);
    expect('refusal' in checked && checked.refusal).toContain(why);
  });

  it('refuses a host if any of its addresses is not public, and connects to the address it checked', async () => {
    const resolve = (addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const mixed = await checkTarget('https://hooks.example.com/x', STRICT, resolve(['93.184.215.14', '10.0.0.5']));
    expect('refusal' in mixed && mixed.refusal).toContain('its host resolves to 10.0.0.5, a private address');
    const ok = await checkTarget('https://hooks.example.com/x', STRICT, resolve(['93.184.215.14']));
    expect(ok).toMatchObject({ address: '93.184.215.14', family: 4 });
    const missing = await checkTarget('https://hooks.example.com/x', STRICT, async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    });
    expect('refusal' in missing && missing.refusal).toContain('does not resolve (ENOTFOUND)');
  });

  it('allows private addresses and http only when told to (development and tests)', async () => {
    expect(await checkTarget('http://127.0.0.1:9/x', { allowHttp: true, allowPrivate: true })).toMatchObject({ address: '127.0.0.1' });
  });
});
