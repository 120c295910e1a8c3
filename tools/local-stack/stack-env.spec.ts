import { connectableHost } from '@app/common';

import { stackEnvs, stackHosts } from './stack-env';

const ports = { sandbox: 4100, publics: 4000, customer: 3000 };

describe(stackHosts.name, () => {
  it('takes the addresses CUSTOMER_HOST, PUBLICS_HOST and WECHAT_SANDBOX_HOST name', () => {
    expect(
      stackHosts({
        CUSTOMER_HOST: '10.0.0.5',
        PUBLICS_HOST: '10.0.0.6',
        WECHAT_SANDBOX_HOST: '::1',
      }),
    ).toEqual({ customer: '10.0.0.5', publics: '10.0.0.6', sandbox: '::1' });
  });

  it('reaches an unset or wildcard address on loopback', () => {
    expect(stackHosts({ CUSTOMER_HOST: '0.0.0.0', PUBLICS_HOST: '::' })).toEqual({
      customer: '127.0.0.1',
      publics: '127.0.0.1',
      sandbox: '127.0.0.1',
    });
    expect(connectableHost('[::]')).toBe('127.0.0.1');
    expect(connectableHost(' [::1] ')).toBe('::1');
  });
});

describe(stackEnvs.name, () => {
  it("points publics at the sandbox's address", () => {
    expect(stackEnvs({ WECHAT_SANDBOX_HOST: '::1' }, ports).publics.WECHAT_API_BASE).toBe(
      'http://[::1]:4100',
    );
    expect(stackEnvs({}, ports).publics.WECHAT_API_BASE).toBe('http://127.0.0.1:4100');
  });
});
