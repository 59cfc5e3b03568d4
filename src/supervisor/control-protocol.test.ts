import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { errorResponse, parseRequest, responseError } from './control-protocol.js';

describe('control protocol', () => {
  it('parses the known requests', () => {
    expect(parseRequest('{"cmd":"status"}')).toEqual({ cmd: 'status' });
    expect(parseRequest('{"cmd":"stop-container","id":"app-web-1"}')).toEqual({ cmd: 'stop-container', id: 'app-web-1' });
  });

  it('refuses unknown commands, bad JSON and a stop without id', () => {
    for (const line of ['{"cmd":"explode"}', 'not json', '{"cmd":"stop-container"}', 'null']) {
      expect(() => parseRequest(line)).toThrow(expect.objectContaining({ code: 'supervisor.bad-request' }));
    }
  });

  it('carries a BerthError over the wire and back', () => {
    const original = new BerthError('not-found', 'supervisor.unknown-container', 'container x is not supervised', { hint: 'check the id' });
    const response = errorResponse(original);
    expect(response).toEqual({ ok: false, error: { errorClass: 'not-found', code: 'supervisor.unknown-container', message: 'container x is not supervised', hint: 'check the id' } });
    if (response.ok) throw new Error('expected a failure');
    expect(responseError(response.error)).toMatchObject({ errorClass: 'not-found', code: 'supervisor.unknown-container', hint: 'check the id' });
  });

  it('wraps a foreign error as internal', () => {
    expect(errorResponse(new Error('boom'))).toMatchObject({ ok: false, error: { errorClass: 'internal', message: 'boom' } });
  });
});
