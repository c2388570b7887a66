import { ConfigError, loadConfig } from '../config/app-config';
import { clientAddressKey } from './client-address';

describe('clientAddressKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:cb00:7107', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:eeee:dddd:cccc', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::9]', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['64:ff9b::192.0.2.33', '64:ff9b:0:0::/64'],
  ])('%s counts as %s', (ip, key) => {
    expect(clientAddressKey(ip)).toBe(key);
  });

  it('puts every address of one /64 under one key, and a neighbouring /64 under another', () => {
    expect(clientAddressKey('2401:4900:1c2a:7f00:1::1')).toBe(clientAddressKey('2401:4900:1c2a:7f00:abcd:ef01:2345:6789'));
    expect(clientAddressKey('2401:4900:1c2a:7f01::1')).not.toBe(clientAddressKey('2401:4900:1c2a:7f00::1'));
  });
});

describe('TRUST_PROXY', () => {
  const config = (value?: string) => loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), TRUST_PROXY: value });

  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['10.0.0.0/8, 192.168.1.1', ['10.0.0.0/8', '192.168.1.1']],
    ['loopback,2001:db8::/32', ['loopback', '2001:db8::/32']],
  ])('%s is %j', (value, expected) => {
    expect(config(value).trustProxy).toEqual(expected);
  });

  it.each(['10.0.0.0/33', 'proxy.example', '2001:db8::/129', '10.0.0.1/8/2', '1', '2', '-1'])('refuses %s at start-up', (value) => {
    expect(() => config(value)).toThrow(ConfigError);
    expect(() => config(value)).toThrow(/TRUST_PROXY/);
  });
});
