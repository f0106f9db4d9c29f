import { describe, expect, it } from 'vitest';
import { csvResponse } from './csv.ts';

function batchesOf(count: number) {
  const read = { batches: 0, finished: false };
  async function* batches() {
    try {
      for (let i = 0; i < count; i++) {
        read.batches++;
        yield [[`row ${i}`, 'a,b']];
      }
    } finally {
      read.finished = true;
    }
  }
  return { read, batches: batches() };
}

describe('a CSV download', () => {
  it('holds the header and every row, quoted where needed', async () => {
    const { batches } = batchesOf(3);
    const text = await csvResponse('x.csv', ['name', 'value'], batches).text();
    expect(text).toBe('name,value\r\nrow 0,"a,b"\r\nrow 1,"a,b"\r\nrow 2,"a,b"\r\n');
  });

  it('starts with a UTF-8 byte order mark, so a spreadsheet app reads "Caixa Geral de Depósitos" and "Núñez" as written', async () => {
    async function* accented() {
      yield [['Núñez', 'Caixa Geral de Depósitos']];
    }
    const bytes = new Uint8Array(await csvResponse('x.csv', ['name', 'institution'], accented()).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFFname,institution\r\nNúñez,Caixa Geral de Depósitos\r\n');
  });

  it('reads the next batch only as the client takes the last one, so a slow download holds little in memory', async () => {
    const { read, batches } = batchesOf(1000);
    const body = csvResponse('x.csv', ['name', 'value'], batches).body!.getReader();
    await body.read();
    await body.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read.batches).toBeLessThan(5);
    await body.cancel();
    expect(read.finished).toBe(true);
  });
});
