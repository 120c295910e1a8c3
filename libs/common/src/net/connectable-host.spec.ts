import { urlHost } from './connectable-host';

describe(urlHost.name, () => {
  it('brackets IPv6 addresses only', () => {
    expect(urlHost('::1')).toBe('[::1]');
    expect(urlHost('10.0.0.5')).toBe('10.0.0.5');
  });
});
