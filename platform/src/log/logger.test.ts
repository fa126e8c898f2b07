import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('logger', () => {
  it('writes JSON with service and version, and redacts secrets wherever they sit', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ service: 'user', version: '1.2.3', level: 'info', destination });
    logger.info(
      { password: 'hunter2', user: { token: 'abc', email: 'a@b.c' }, headers: { authorization: 'Bearer x' } },
      'login',
    );
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ service: 'user', version: '1.2.3', level: 'info', msg: 'login' });
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('Bearer x');
    expect(line.user).toEqual({ token: '[redacted]', email: 'a@b.c' });
  });
});
