import Fastify, { FastifyInstance } from 'fastify';

import { carryRequestIds } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe(carryRequestIds.name, () => {
  let sut: FastifyInstance;

  beforeEach(async () => {
    sut = Fastify();
    carryRequestIds(sut);
    sut.get('/id', async (request) => ({ id: request.id }));
    await sut.ready();
  });

  afterEach(() => sut.close());

  const get = async (headers: Record<string, string> = {}) => {
    const response = await sut.inject({ method: 'GET', url: '/id', headers });
    return { header: response.headers['x-request-id'], id: response.json<{ id: string }>().id };
  };

  it('takes a valid X-Request-Id as the request id and answers it back', async () => {
    await expect(get({ 'x-request-id': 'client-id_1.2:3' })).resolves.toEqual({
      header: 'client-id_1.2:3',
      id: 'client-id_1.2:3',
    });
  });

  it('makes a UUID for a request without one and answers it back', async () => {
    const { header, id } = await get();

    expect(id).toMatch(UUID);
    expect(header).toBe(id);
  });

  it.each([
    ['300 characters', 'x'.repeat(300)],
    ['spaces', 'has spaces'],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'идентификатор'],
  ])('replaces an id with %s by a UUID', async (_case, incoming) => {
    const { header, id } = await get({ 'x-request-id': incoming });

    expect(id).toMatch(UUID);
    expect(header).toBe(id);
  });

  it('answers the id on errors too', async () => {
    const response = await sut.inject({
      method: 'GET',
      url: '/missing',
      headers: { 'x-request-id': 'lost-1' },
    });

    expect(response.statusCode).toBe(404);
    expect(response.headers['x-request-id']).toBe('lost-1');
  });
});
