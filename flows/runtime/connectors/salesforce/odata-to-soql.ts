/**
 * The Salesforce connector's `$filter` and `$orderby` are OData-style and translated to SOQL:
 * `eq ne gt ge lt le`, `and or not`, parentheses, 'text' (with '' for a quote), numbers, true/false/null
 * and unquoted dates and datetimes. Other functions are refused with a message naming what is supported.
 */
export class FilterError extends Error {}

const OPS: Record<string, string> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };

export function odataFilterToSoql(filter: string): string {
  const out: string[] = [];
  let i = 0;
  let expectOperand = true;
  while (i < filter.length) {
    const rest = filter.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    if (rest[0] === "'") {
      let s = '';
      let j = 1;
      for (;;) {
        if (j >= rest.length) throw new FilterError(`Unterminated text in $filter: ${filter}`);
        if (rest[j] === "'") {
          if (rest[j + 1] === "'") {
            s += "'";
            j += 2;
            continue;
          }
          break;
        }
        s += rest[j];
        j++;
      }
      out.push(`'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
      i += j + 1;
      expectOperand = false;
      continue;
    }
    const lit =
      /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})|\d{4}-\d{2}-\d{2}|-?\d+(\.\d+)?)/.exec(rest);
    if (lit) {
      out.push(lit[0]);
      i += lit[0].length;
      expectOperand = false;
      continue;
    }
    if (rest[0] === '(' || rest[0] === ')') {
      out.push(rest[0]);
      i++;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (word) {
      const w = word[0];
      const lower = w.toLowerCase();
      if (!expectOperand && lower in OPS) {
        out.push(OPS[lower]);
        expectOperand = true;
      } else if (!expectOperand && (lower === 'and' || lower === 'or')) {
        out.push(lower.toUpperCase());
        expectOperand = true;
      } else if (expectOperand && lower === 'not') {
        out.push('NOT');
      } else if (lower === 'true' || lower === 'false' || lower === 'null') {
        out.push(lower);
        expectOperand = false;
      } else if (
        filter
          .slice(i + w.length)
          .trimStart()
          .startsWith('(')
      ) {
        throw new FilterError(
          `The function '${w}' is not supported in $filter; use eq, ne, gt, ge, lt, le, and, or, not.`,
        );
      } else {
        out.push(w);
        expectOperand = false;
      }
      i += w.length;
      continue;
    }
    throw new FilterError(`Unexpected '${rest.slice(0, 10)}' in $filter: ${filter}`);
  }
  return out.join(' ');
}

export function odataOrderByToSoql(orderby: string): string {
  return orderby
    .split(',')
    .map((part) => {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)(?:\s+(asc|desc))?\s*$/i.exec(part);
      if (!m) throw new FilterError(`$orderby must be "Field [asc|desc], …"; got '${orderby}'.`);
      return `${m[1]} ${(m[2] ?? 'asc').toUpperCase()}`;
    })
    .join(', ');
}
