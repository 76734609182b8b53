import { isRecord } from '../../definition/types';
import type { ExecContext, Executor } from '../container';
import { ActionFailure } from '../errors';
import { valueToText } from '../../expression';
import { typeName } from '../host';

/** Query (Filter array), Select, Join and Table (Create CSV/HTML table). */

function rawInputs(ctx: ExecContext): Record<string, unknown> {
  if (!isRecord(ctx.def.inputs))
    throw new ActionFailure('InvalidTemplate', `The inputs of action '${ctx.name}' must be an object.`);
  return ctx.def.inputs;
}

function fromArray(ctx: ExecContext, raw: Record<string, unknown>): unknown[] {
  const from = ctx.evaluate(raw.from, 'inputs');
  if (!Array.isArray(from)) {
    throw new ActionFailure(
      'InvalidTemplate',
      `The 'from' property value in the '${ctx.def.type.toLowerCase()}' action inputs is of type '${typeName(from)}'. The value must be an array.`,
    );
  }
  return from;
}

/** Evaluates a per-item template with `item()` bound to `value`. */
function perItem(ctx: ExecContext, template: unknown, value: unknown): unknown {
  return ctx.evaluate(template, 'inputs', undefined, {
    parent: ctx.frame,
    results: new Map(),
    currentItem: { has: true, value },
  });
}

const query: Executor = async (ctx) => {
  const raw = rawInputs(ctx);
  const from = fromArray(ctx, raw);
  const out: unknown[] = [];
  for (const item of from) {
    const keep = perItem(ctx, raw.where, item);
    if (typeof keep !== 'boolean') {
      throw new ActionFailure(
        'InvalidTemplate',
        `The 'where' property of action '${ctx.name}' must evaluate to a Boolean; got type '${typeName(keep)}'.`,
      );
    }
    if (keep) out.push(item);
  }
  return { status: 'Succeeded', inputs: { from, where: raw.where }, outputs: { body: out } };
};

const select: Executor = async (ctx) => {
  const raw = rawInputs(ctx);
  const from = fromArray(ctx, raw);
  const out = from.map((item) => perItem(ctx, raw.select, item));
  return { status: 'Succeeded', inputs: { from, select: raw.select }, outputs: { body: out } };
};

/** The expression language's own text conversion (as `string()` and `@{...}`), so tables and joins match it. */
function asText(v: unknown): string {
  return v === undefined ? '' : valueToText(v);
}

const join: Executor = async (ctx) => {
  const raw = rawInputs(ctx);
  const from = fromArray(ctx, raw);
  const joinWith = ctx.evaluate(raw.joinWith, 'inputs');
  if (typeof joinWith !== 'string')
    throw new ActionFailure('InvalidTemplate', `The 'joinWith' property of action '${ctx.name}' must be a string.`);
  return { status: 'Succeeded', inputs: { from, joinWith }, outputs: { body: from.map(asText).join(joinWith) } };
};

function csvCell(v: unknown): string {
  const s = asText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function htmlCell(v: unknown): string {
  return asText(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const table: Executor = async (ctx) => {
  const raw = rawInputs(ctx);
  const from = fromArray(ctx, raw);
  const format = String(ctx.evaluate(raw.format, 'inputs') ?? '').toUpperCase();
  if (format !== 'CSV' && format !== 'HTML')
    throw new ActionFailure('InvalidTemplate', `The 'format' of action '${ctx.name}' must be 'CSV' or 'HTML'.`);
  let headers: string[];
  let rows: unknown[][];
  if (Array.isArray(raw.columns) && raw.columns.length > 0) {
    const columns = raw.columns.map((c) => (isRecord(c) ? c : {}));
    headers = columns.map((c) => asText(ctx.evaluate(c.header ?? '', 'inputs')));
    rows = from.map((item) => columns.map((c) => perItem(ctx, c.value, item)));
  } else {
    // Automatic columns: the keys of the first item, as the designer's default does.
    const first = from.find(isRecord);
    headers = first ? Object.keys(first) : [];
    rows = from.map((item) => headers.map((h) => (isRecord(item) ? item[h] : undefined)));
  }
  let body: string;
  if (format === 'CSV') {
    body = [headers.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
  } else {
    body =
      `<table><thead><tr>${headers.map((h) => `<th>${htmlCell(h)}</th>`).join('')}</tr></thead><tbody>` +
      rows.map((r) => `<tr>${r.map((c) => `<td>${htmlCell(c)}</td>`).join('')}</tr>`).join('') +
      '</tbody></table>';
  }
  return { status: 'Succeeded', inputs: { from, format }, outputs: { body } };
};

export const dataExecutors: Record<string, Executor> = { Query: query, Select: select, Join: join, Table: table };
