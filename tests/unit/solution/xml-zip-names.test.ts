import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../../../solution/packer/crc32';
import {
  customConnectorApiName,
  connectorLogicalName,
  solutionZipName,
  workflowFileName,
  controlFullName,
} from '../../../solution/packer/names';
import { el, renderXml, textEl } from '../../../solution/packer/xml';
import { parseXml, XmlParseError } from '../../../solution/packer/xml-parse';
import { DOS_DATE, writeZip } from '../../../solution/packer/zip';
import { readZip, ZipFormatError } from '../../../solution/packer/zip-read';

describe('XML writer', () => {
  const doc = el(
    'Root',
    { b: '2', a: '1', skip: undefined },
    el('Empty'),
    textEl('Nil', '', { 'xsi:nil': 'true' }),
    textEl('T', 'x < y & "z"'),
  );

  it('keeps attribute order, writes empty and nil elements as exports do, CRLF with 2-space indent', () => {
    expect(renderXml(doc, { declaration: false, bom: false, newline: '\r\n' })).toBe(
      '<Root b="2" a="1">\r\n  <Empty />\r\n  <Nil xsi:nil="true"></Nil>\r\n  <T>x &lt; y &amp; "z"</T>\r\n</Root>\r\n',
    );
  });

  it('writes a single line with BOM and declaration when asked', () => {
    expect(renderXml(el('a', {}, el('b')), { declaration: true, bom: true, newline: '' })).toBe(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?><a><b /></a>',
    );
  });

  it('escapes attribute quotes and whitespace controls and replaces characters XML cannot hold', () => {
    const s = renderXml(el('a', { v: 'q"\t\n\r<&\u0000\uD800' }), { declaration: false, bom: false, newline: '\n' });
    expect(s).toBe('<a v="q&quot;&#9;&#10;&#13;&lt;&amp;\uFFFD\uFFFD" />\n');
    expect(parseXml(s).attrs).toEqual([['v', 'q"\t\n\r<&\uFFFD\uFFFD']]);
  });

  it('keeps astral characters (valid surrogate pairs)', () => {
    expect(renderXml(textEl('a', '😀'), { declaration: false, bom: false, newline: '' })).toBe('<a>😀</a>');
  });

  it('refuses invalid names and mixed content', () => {
    expect(() => renderXml(el('1a'), { declaration: false, bom: false, newline: '' })).toThrow(
      /Invalid XML element name/,
    );
    expect(() => renderXml(el('a', {}, 'x', el('b')), { declaration: false, bom: false, newline: '' })).toThrow(
      /mixes text/,
    );
  });
});

describe('XML parser', () => {
  it('round-trips what the writer writes', () => {
    const t = '<?xml version="1.0"?>\r\n<!-- c --><a x="1&amp;2"><b>t&lt;&#65;&#x42;</b><c /><![CDATA[<raw>]]></a>';
    const r = parseXml(t);
    expect(r.name).toBe('a');
    expect(r.attrs).toEqual([['x', '1&2']]);
    expect(r.children[0]).toEqual({ name: 'b', attrs: [], children: ['t<AB'] });
  });

  it.each([
    ['<a><b></a>', /closes <b>/],
    ['<a x=1 />', /not quoted/],
    ['<a>&</a>', /bare "&"/],
    ['<a/><b/>', /content after the root/],
    ['<!DOCTYPE a><a/>', /DOCTYPE/],
    ['<a x="1" x="2"/>', /appears twice/],
  ])('rejects %s', (xml, msg) => {
    expect(() => parseXml(xml)).toThrow(XmlParseError);
    expect(() => parseXml(xml)).toThrow(msg);
  });
});

describe('zip writer and reader', () => {
  const entries = [
    { name: 'b.xml', data: Buffer.from('<b />') },
    { name: 'dir/a.json', data: Buffer.from('{"a":1}') },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];

  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is deterministic, keeps entry order, and reads back', () => {
    const a = writeZip(entries);
    expect(writeZip(entries).equals(a)).toBe(true);
    const back = readZip(a);
    expect(back.map((e) => e.name)).toEqual(['b.xml', 'dir/a.json', 'empty.txt']);
    expect(back.map((e) => e.data.toString())).toEqual(['<b />', '{"a":1}', '']);
  });

  it('writes DEFLATE, flag 0x2, the fixed 1980-01-01 timestamp and no directory entries', () => {
    const z = writeZip(entries);
    expect(z.readUInt32LE(0)).toBe(0x04034b50);
    expect(z.readUInt16LE(6)).toBe(0x0002);
    expect(z.readUInt16LE(8)).toBe(8);
    expect(z.readUInt16LE(10)).toBe(0);
    expect(z.readUInt16LE(12)).toBe(DOS_DATE);
    expect(DOS_DATE).toBe(0x21);
    const data = z.subarray(30 + 5, 30 + 5 + z.readUInt32LE(18));
    expect(data.equals(deflateRawSync(Buffer.from('<b />'), { level: 9 }))).toBe(true);
    for (const e of readZip(z)) {
      expect(e.method).toBe(8);
      expect(e.flags).toBe(2);
      expect(e.name.endsWith('/')).toBe(false);
    }
  });

  it.each([['a\\b.xml'], ['/a.xml'], ['dir/'], ['a/../b'], ['ü.xml']])('refuses the entry name %s', (name) => {
    expect(() => writeZip([{ name, data: Buffer.from('x') }])).toThrow(/Zip entry/);
  });

  it('refuses duplicate entries', () => {
    expect(() => writeZip([entries[0], entries[0]])).toThrow(/appears twice/);
  });

  it('reports damaged zips', () => {
    expect(() => readZip(Buffer.from('PK'))).toThrow(ZipFormatError);
    const z = Buffer.from(writeZip(entries));
    z[40] ^= 0xff; // inside the first entry's compressed data
    expect(() => readZip(z)).toThrow(ZipFormatError);
  });
});

describe('names', () => {
  it('escapes connector logical names as the exports do (§3.10)', () => {
    expect(connectorLogicalName('cre80', 'Kursy walut NBP')).toBe('cre80_5Fkursy-20walut-20nbp');
    expect(connectorLogicalName('admin', 'Office 365 Management API')).toBe('admin_5Foffice-20365-20management-20api');
    expect(connectorLogicalName('cosell', 'A-B_c')).toBe('cosell_5Fa-2Db-5Fc');
  });

  it('derives the custom connector API name from the logical name (§4.5 shape)', () => {
    const n = customConnectorApiName('cre80_5Fkursy-20walut-20nbp');
    expect(n).toMatch(/^shared_cre80-5fkursy-20walut-20nbp-5f[0-9a-f]{16}$/);
    expect(customConnectorApiName('cre80_5Fkursy-20walut-20nbp')).toBe(n);
  });

  it('names workflow files as exports do (§1.2)', () => {
    expect(workflowFileName('Flow dla konektora kursów walut', '8fde32d5-cf10-ed11-b83d-000d3ada9e5f')).toBe(
      'Workflows/Flowdlakonektorakurswwalut-8FDE32D5-CF10-ED11-B83D-000D3ADA9E5F.json',
    );
    expect(workflowFileName('BGV_2_Postsignature', 'a45ca9c0-e4f1-f011-8406-002248582037')).toBe(
      'Workflows/BGV_2_Postsignature-A45CA9C0-E4F1-F011-8406-002248582037.json',
    );
  });

  it('names controls and zips', () => {
    expect(controlFullName('dev', 'CodeInterpreterSample', 'CodeInterpreterControl')).toBe(
      'dev_CodeInterpreterSample.CodeInterpreterControl',
    );
    expect(solutionZipName('Konektorapinbppl', '1.0.0.0', false)).toBe('Konektorapinbppl_1_0_0_0.zip');
    expect(solutionZipName('BGV_System', '1.0.0.2', true)).toBe('BGV_System_1_0_0_2_managed.zip');
  });
});
