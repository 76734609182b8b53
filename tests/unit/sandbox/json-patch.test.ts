import { applyPatch, parsePatchDocument } from '../../../sandbox/partner-center/json-patch';
import { ApiError } from '../../../sandbox/partner-center/errors';

function status(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('expected a 400');
}

describe('JSON Patch (add/replace only)', () => {
  test('the documented examples apply: replace a value, append to /team/-', () => {
    const doc: Record<string, unknown> = { details: { dealValue: 5, notes: 'x' }, team: [{ email: 'a@x' }] };
    applyPatch(
      doc,
      parsePatchDocument([
        { op: 'replace', path: '/details/dealValue', value: '10000' },
        { op: 'add', path: '/team/-', value: { email: 'jane.doe@contoso.com', firstName: 'Jane' } },
      ]),
    );
    expect(doc).toEqual({
      details: { dealValue: '10000', notes: 'x' },
      team: [{ email: 'a@x' }, { email: 'jane.doe@contoso.com', firstName: 'Jane' }],
    });
  });

  test('path segments and op names match case-insensitively; add at an index inserts; replace at an index swaps', () => {
    const doc: Record<string, unknown> = { Details: { DealValue: 1 }, team: ['a', 'c'] };
    applyPatch(
      doc,
      parsePatchDocument([
        { OP: 'Replace', Path: '/details/dealvalue', Value: 2 },
        { op: 'add', path: '/team/1', value: 'b' },
        { op: 'replace', path: '/team/0', value: 'A' },
      ]),
    );
    expect(doc).toEqual({ Details: { DealValue: 2 }, team: ['A', 'b', 'c'] });
  });

  test('replace of an absent member of an existing object sets it (typed model); ~0/~1 escapes decode', () => {
    const doc: Record<string, unknown> = { a: {} };
    applyPatch(doc, parsePatchDocument([{ op: 'replace', path: '/a/x~1y~0z', value: 1 }]));
    expect(doc).toEqual({ a: { 'x/y~z': 1 } });
  });

  test.each([
    [{}, 'must be a JSON Patch document'],
    [[{ op: 'remove', path: '/a' }], 'op "remove" is not supported'],
    [[{ op: 'move', from: '/a', path: '/b' }], 'only supports the replace and add'],
    [[{ op: 'copy', path: '/a', value: 1 }], 'not supported'],
    [[{ op: 'test', path: '/a', value: 1 }], 'not supported'],
    [[{ path: '/a', value: 1 }], '"op" is required'],
    [[{ op: 'add', value: 1 }], '"path" is required'],
    [[{ op: 'add', path: '/a' }], '"value" is required'],
    [[{ op: 'add', path: 'a', value: 1 }], 'JSON Pointer'],
    [[{ op: 'add', path: '/a~2', value: 1 }], 'invalid "~" escape'],
    [[{ op: 'add', path: '/__proto__/x', value: 1 }], 'names no property'],
    [['x'], 'must be an object'],
  ])('bad document %j → 400', (body, fragment) => {
    const r = status(() => parsePatchDocument(body));
    expect(r.status).toBe(400);
    expect(r.message).toContain(fragment);
  });

  test.each([
    [{ op: 'replace', path: '/team/-', value: 1 }, 'only valid with add'],
    [{ op: 'add', path: '/team/5', value: 1 }, 'past the end'],
    [{ op: 'replace', path: '/team/1', value: 1 }, 'no element 1'],
    [{ op: 'add', path: '/team/x', value: 1 }, 'not an array index'],
    [{ op: 'add', path: '/missing/x', value: 1 }, 'does not exist'],
    [{ op: 'add', path: '/nil/x', value: 1 }, 'is empty'],
    [{ op: 'add', path: '', value: 1 }, 'JSON Pointer'],
  ])('bad target %j → 400 and the document is unchanged', (op, fragment) => {
    const doc: Record<string, unknown> = { team: ['only'], nil: null };
    const before = JSON.stringify(doc);
    const r = status(() => applyPatch(doc, parsePatchDocument([op])));
    expect(r.status).toBe(400);
    expect(r.message).toContain(fragment);
    expect(JSON.stringify(doc)).toBe(before);
  });
});
