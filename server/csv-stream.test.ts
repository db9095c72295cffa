import { describe, expect, it } from 'vitest';
import { chunksToStream } from './csv-stream';

describe('chunksToStream', () => {
  it('produces chunks only when pulled', async () => {
    let produced = 0;
    async function* gen() {
      for (let i = 0; i < 5; i++) {
        produced++;
        yield `c${i}\r\n`;
      }
    }
    const reader = chunksToStream(gen()).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('c0\r\n');
    expect(produced).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(produced).toBeLessThanOrEqual(2);
  });
});
