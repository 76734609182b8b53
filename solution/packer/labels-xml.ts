import { SOLUTION_LANGUAGES, type Labels } from './model';
import { el, type XmlElement } from './xml';

/** `<container><item description="…" languagecode="1033" />…</container>`, one item per solution language. */
export function labelList(container: string, item: string, labels: Labels): XmlElement {
  return el(
    container,
    {},
    SOLUTION_LANGUAGES.map((lang) => el(item, { description: labels[lang], languagecode: lang })),
  );
}

export const displayNames = (l: Labels) => labelList('displaynames', 'displayname', l);
export const descriptions = (l: Labels) => labelList('Descriptions', 'Description', l);
export const labelsEl = (l: Labels) => labelList('labels', 'label', l);
export const localizedNames = (l: Labels) => labelList('LocalizedNames', 'LocalizedName', l);

/** Environment-variable style: `<name default="…"><label description languagecode /></name>`. */
export function defaultedLabels(container: string, labels: Labels): XmlElement {
  return el(
    container,
    { default: labels[1033] },
    SOLUTION_LANGUAGES.map((lang) => el('label', { description: labels[lang], languagecode: lang })),
  );
}
