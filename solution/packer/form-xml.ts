import { guidFromName } from '../../scripts/lib/guid';
import { CLASSIC_CLASSID, CUSTOM_CONTROL_CLASSID, INTRODUCED_VERSION } from './attributes-xml';
import type { ColumnInput, FormCellInput, FormSectionInput } from './model';
import { braced } from './names';
import { descriptions, labelsEl, localizedNames } from './labels-xml';
import { el, textEl, type XmlElement } from './xml';

/** PCF bindings are written for web (0), tablet (1) and phone (2), as exports do (§3.6). */
export const FORM_FACTORS = [0, 2, 1] as const;

/**
 * `<systemform>` with our tab → section → one cell per column (§3.5), and a `<controlDescriptions>`
 * block for every cell whose column is shown by a PCF control (§3.6). Ids derive from the form id and
 * names, so rebuilding keeps them.
 */
export function systemFormXml(input: FormSectionInput, columns: readonly ColumnInput[]): XmlElement {
  const formId = input.form.formId.toLowerCase();
  const id = (what: string) => braced(guidFromName(`form:${formId}:${what}`));
  const byName = new Map(columns.map((c) => [c.schemaName.toLowerCase(), c]));
  const cell = (c: FormCellInput, n: number): XmlElement => {
    const column = byName.get(c.column);
    if (!column) throw new Error(`Form cell "${c.column}" names no column of the table.`);
    return el(
      'row',
      {},
      el(
        'cell',
        {
          id: id(`cell:${c.column}`),
          showlabel: 'true',
          locklevel: '0',
          colspan: '1',
          rowspan: '1',
          ordinalvalue: 10000 + n,
        },
        labelsEl(c.label),
        el('control', {
          id: c.column,
          classid: c.control ? CUSTOM_CONTROL_CLASSID : CLASSIC_CLASSID[column.type],
          datafieldname: c.column,
          disabled: c.disabled ? 'true' : 'false',
          uniqueid: c.control ? id(`control:${c.column}`) : undefined,
        }),
      ),
    );
  };
  const existing = input.form.kind === 'existing';
  const tab = el(
    'tab',
    {
      name: input.tab.name,
      id: id(`tab:${input.tab.name}`),
      IsUserDefined: '0',
      expanded: 'true',
      locklevel: '0',
      showlabel: 'true',
      ordinalvalue: input.form.kind === 'existing' ? input.form.tabOrdinal : undefined,
      solutionaction: existing ? 'Added' : undefined,
    },
    labelsEl(input.tab.label),
    el(
      'columns',
      {},
      el(
        'column',
        { width: '100%' },
        el(
          'sections',
          {},
          el(
            'section',
            {
              name: input.section.name,
              id: id(`section:${input.section.name}`),
              IsUserDefined: '0',
              locklevel: '0',
              showlabel: 'true',
              showbar: 'false',
              layout: 'varwidth',
              celllabelalignment: 'Left',
              celllabelposition: 'Left',
              columns: '1',
              labelwidth: '115',
            },
            labelsEl(input.section.label),
            el('rows', {}, input.cells.map(cell)),
          ),
        ),
      ),
    ),
  );
  const bound = input.cells.filter((c) => c.control);
  const controlDescriptions =
    bound.length === 0
      ? null
      : el(
          'controlDescriptions',
          {},
          bound.map((c) => {
            const column = byName.get(c.column)!;
            const b = c.control!;
            const params = el(
              'parameters',
              {},
              textEl(b.boundProperty, c.column, { type: b.boundType }),
              (b.columnInputs ?? []).map((i) => textEl(i.name, i.column, { type: i.type })),
              (b.staticInputs ?? []).map((s) => textEl(s.name, s.value, { static: 'true', type: s.type })),
            );
            return el(
              'controlDescription',
              { forControl: id(`control:${c.column}`) },
              el(
                'customControl',
                { id: CLASSIC_CLASSID[column.type] },
                el('parameters', {}, textEl('datafieldname', c.column)),
              ),
              FORM_FACTORS.map((f) => el('customControl', { formFactor: f, name: b.controlName }, params)),
            );
          }),
        );
  const head = [
    textEl('formid', braced(formId)),
    textEl('IntroducedVersion', INTRODUCED_VERSION),
    textEl('FormPresentation', '1'),
    textEl('FormActivationState', '1'),
  ];
  if (input.form.kind === 'existing') {
    return el(
      'systemform',
      {},
      head,
      el('form', { solutionaction: 'Modified' }, el('tabs', {}, tab), controlDescriptions),
    );
  }
  return el(
    'systemform',
    {},
    head,
    el(
      'form',
      { headerdensity: 'HighWithControls', shownavigationbar: 'true', showImage: 'false', maxWidth: '1920' },
      el('tabs', {}, tab),
      controlDescriptions,
    ),
    textEl('IsCustomizable', '1'),
    textEl('CanBeDeleted', '1'),
    localizedNames(input.form.name),
    descriptions(input.form.description),
  );
}
