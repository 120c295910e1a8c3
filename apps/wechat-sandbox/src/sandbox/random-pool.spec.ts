import { RandomPool } from './random-pool';

describe(RandomPool.name, () => {
  it('hands out the requested number of bytes', () => {
    const sut = new RandomPool(64);

    expect(sut.bytes(24)).toHaveLength(24);
    expect(sut.base64url(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(sut.base64(16)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(sut.hex(4)).toMatch(/^[0-9a-f]{8}$/);
  });

  it('never hands out the same bytes twice, across refills', () => {
    const sut = new RandomPool(64);

    const values = Array.from({ length: 10_000 }, () => sut.hex(24));

    expect(new Set(values).size).toBe(values.length);
  });

  it('serves requests larger than the pool directly', () => {
    const sut = new RandomPool(16);

    expect(sut.bytes(100)).toHaveLength(100);
  });
});
