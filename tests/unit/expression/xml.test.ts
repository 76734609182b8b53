import { ev } from './evaluate';

const PRODUCE =
  "xml('<produce><item><name>Gala</name><type>apple</type><count>20</count></item><item><name>Honeycrisp</name><type>apple</type><count>10</count></item></produce>')";

const xmlContent = (text: string): unknown => ({
  '$content-type': 'application/xml;charset=utf-8',
  $content: Buffer.from(text).toString('base64'),
});

describe('xml', () => {
  it('converts JSON with a single root property to XML', () => {
    expect(ev('string(xml(json(\'{ "name": "Sophia Owen" }\')))')).toBe('<name>Sophia Owen</name>');
    expect(ev('string(xml(json(\'{"person": {"name": "Sophia Owen", "city": "Seattle"}}\')))')).toBe(
      '<person><name>Sophia Owen</name><city>Seattle</city></person>',
    );
    expect(ev('string(xml(json(\'{"r": {"@id": 1, "a": [1, true], "n": null, "#text": "t<&"}}\')))')).toBe(
      '<r id="1"><a>1</a><a>true</a><n />t&lt;&amp;</r>',
    );
    expect(ev('string(xml(json(\'{"my name": "x"}\')))')).toBe('<my_x0020_name>x</my_x0020_name>');
  });

  it('returns XML content and keeps XML text as given', () => {
    expect(ev("xml('<a>1</a>')")).toEqual(xmlContent('<a>1</a>'));
  });

  it('converts XML to JSON like Json.NET', () => {
    expect(
      ev(
        "json(xml('<?xml version=\"1.0\"?> <root> <person id=''1''> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>'))",
      ),
    ).toEqual({
      '?xml': { '@version': '1.0' },
      root: { person: { '@id': '1', name: 'Sophia Owen', occupation: 'Engineer' } },
    });
    expect(ev("json(xml('<r><i>1</i><i>2</i><e/><f></f><![CDATA[x<y]]></r>'))")).toEqual({
      r: { i: ['1', '2'], e: null, f: '', '#cdata-section': 'x<y' },
    });
    expect(
      ev(
        'json(xml(\'<r xmlns:json="http://james.newtonking.com/projects/json"><p json:Array="true"><n>a</n></p></r>\'))',
      ),
    ).toEqual({ r: { '@xmlns:json': 'http://james.newtonking.com/projects/json', p: [{ n: 'a' }] } });
  });

  it('rejects malformed XML and JSON that has no single root', () => {
    expect(() => ev("xml('<a><b></a>')")).toThrow(/cannot be converted to XML/);
    expect(() => ev("xml('<a/><b/>')")).toThrow(/multiple root elements/);
    expect(() => ev("xml('plain')")).toThrow(/cannot be converted to XML/);
    expect(() => ev('xml(json(\'{"a":1,"b":2}\'))')).toThrow(/multiple properties/);
    expect(() => ev("xml('<a>&nbsp;</a>')")).toThrow(/undeclared entity/);
    expect(() => ev('xml(1)')).toThrow(/string or an object/);
  });
});

describe('xpath', () => {
  it('runs the reference examples', () => {
    expect(ev(`xpath(${PRODUCE}, '/produce/item/name')`)).toEqual([
      xmlContent('<name>Gala</name>'),
      xmlContent('<name>Honeycrisp</name>'),
    ]);
    expect(ev(`xpath(${PRODUCE}, 'sum(/produce/item/count)')`)).toBe(30);
    expect(ev(`xpath(${PRODUCE}, '/produce/item/name[1]')`)).toEqual([
      xmlContent('<name>Gala</name>'),
      xmlContent('<name>Honeycrisp</name>'),
    ]);
    expect(ev(`xpath(${PRODUCE}, '(/produce/item/name)[last()]')`)).toEqual([xmlContent('<name>Honeycrisp</name>')]);
    expect(ev(`xpath(${PRODUCE}, 'string(/produce/item[count > 15]/name)')`)).toBe('Gala');
  });

  it('supports text nodes, attributes, axes, predicates and functions', () => {
    const doc = 'xml(\'<r><a id="1" k="x">one</a><a id="2">two</a><b><a id="3">three</a></b></r>\')';
    expect(ev(`xpath(${doc}, '//a/text()')`)).toEqual(['one', 'two', 'three']);
    expect(ev(`xpath(${doc}, '/r/a/@id')`)).toEqual(['1', '2']);
    expect(ev(`xpath(${doc}, 'count(//a)')`)).toBe(3);
    expect(ev(`xpath(${doc}, 'string(//a[@id="2"])')`)).toBe('two');
    expect(ev(`xpath(${doc}, 'string(//a[@id=3]/../../a[1])')`)).toBe('one');
    expect(ev(`xpath(${doc}, 'boolean(//a[@k])')`)).toBe(true);
    expect(ev(`xpath(${doc}, 'concat(name(/*), "-", count(/r/*))')`)).toBe('r-3');
    expect(ev(`xpath(${doc}, 'string(//a[starts-with(., "th")]/@id)')`)).toBe('3');
    expect(ev(`xpath(${doc}, 'string(/r/a[2]/preceding-sibling::a/@id)')`)).toBe('1');
    expect(ev(`xpath(${doc}, '2 + 3 * 4 div 2 - 1 mod 2')`)).toBe(7);
    expect(ev(`xpath(${doc}, 'translate("abc", "abc", "AB")')`)).toBe('AB');
  });

  it('needs name() tests for namespaced elements, as .NET without a namespace manager', () => {
    const doc = 'xml(\'<file xmlns="http://contoso.com"><location>Paris</location></file>\')';
    expect(ev(`xpath(${doc}, '/file/location')`)).toEqual([]);
    expect(ev(`xpath(${doc}, 'string(/*[name()="file"]/*[name()="location"])')`)).toBe('Paris');
    expect(ev(`xpath(${doc}, 'string(/*[local-name()="file" and namespace-uri()="http://contoso.com"])')`)).toBe(
      'Paris',
    );
    expect(() => ev(`xpath(${doc}, '/c:file')`)).toThrow(/Namespace Manager/);
  });

  it('rejects non-XML input and bad expressions', () => {
    expect(() => ev("xpath('<a/>', '/a')")).toThrow(/first parameter to be XML/);
    expect(() => ev("xpath(xml('<a/>'), '/a[')")).toThrow(/not valid/);
    expect(() => ev("xpath(xml('<a/>'), 'foo()')")).toThrow(/not supported/);
    expect(() => ev("xpath(xml('<a/>'), '$v')")).toThrow(/variables/);
  });
});
