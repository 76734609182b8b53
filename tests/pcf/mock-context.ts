import { readResx, type ControlName } from './resx';

/**
 * Typed builders for the parts of ComponentFramework.Context the controls read, so lifecycle tests
 * drive index.ts the way the platform does: init once, updateView on every change, getOutputs
 * after notifyOutputChanged.
 */
type Security = ComponentFramework.PropertyHelper.SecurityValues;

interface PropOptions {
  security?: Security;
  displayName?: string;
  formatted?: string;
}

function metadata(displayName = ''): ComponentFramework.PropertyHelper.FieldPropertyMetadata.Metadata {
  return {
    DisplayName: displayName,
    LogicalName: displayName.toLowerCase().replace(/\W+/g, '_'),
    RequiredLevel: 0,
    IsSecured: false,
    SourceType: 0,
    Description: '',
  };
}

export function twoOptions(raw: boolean, o: PropOptions = {}): ComponentFramework.PropertyTypes.TwoOptionsProperty {
  return {
    raw,
    formatted: o.formatted ?? (raw ? 'Yes' : 'No'),
    error: false,
    errorMessage: '',
    type: 'TwoOptions',
    security: o.security,
    attributes: {
      ...metadata(o.displayName),
      DefaultValue: false,
      Options: [
        { Label: 'No', Value: 0, Color: '' },
        { Label: 'Yes', Value: 1, Color: '' },
      ],
    },
  };
}

export function optionSet(
  raw: number | null,
  options: { Label: string; Value: number }[],
  o: PropOptions = {},
): ComponentFramework.PropertyTypes.OptionSetProperty {
  return {
    raw,
    formatted: o.formatted ?? options.find((x) => x.Value === raw)?.Label ?? '',
    error: false,
    errorMessage: '',
    type: 'OptionSet',
    security: o.security,
    attributes: { ...metadata(o.displayName), DefaultValue: -1, Options: options.map((x) => ({ ...x, Color: '' })) },
  };
}

export function text(raw: string | null, o: PropOptions = {}): ComponentFramework.PropertyTypes.StringProperty {
  return {
    raw,
    formatted: o.formatted ?? raw ?? '',
    error: false,
    errorMessage: '',
    type: 'SingleLine.Text',
    security: o.security,
    attributes: { ...metadata(o.displayName), Format: 'Text', ImeMode: 0, MaxLength: 1_048_576 },
  };
}

export function dateTime(raw: Date | null, o: PropOptions = {}): ComponentFramework.PropertyTypes.DateTimeProperty {
  return {
    raw: raw as Date,
    formatted: o.formatted ?? raw?.toISOString() ?? '',
    error: false,
    errorMessage: '',
    type: 'DateAndTime.DateAndTime',
    security: o.security,
    attributes: { ...metadata(o.displayName), Behavior: 1, Format: 'DateAndTime', ImeMode: 0 },
  };
}

export function wholeNumber(
  raw: number | null,
  o: PropOptions = {},
): ComponentFramework.PropertyTypes.WholeNumberProperty {
  return {
    raw,
    formatted: o.formatted ?? (raw === null ? '' : String(raw)),
    error: false,
    errorMessage: '',
    type: 'Whole.None',
    security: o.security,
    attributes: {
      ...metadata(o.displayName),
      Format: 'None',
      ImeMode: 0,
      MaxValue: 2147483647,
      MinValue: -2147483648,
      LanguageByCode: {},
      TimeZoneByCode: {},
    },
  };
}

export interface MockOptions {
  /** What the platform passes as `fluentDesignLanguage` when the app uses the modern look. */
  design?: { tokenTheme: object; isDarkTheme?: boolean };
  control: ControlName;
  lcid?: number;
  disabled?: boolean;
  /** Minutes ahead of UTC in the user's Dataverse settings. */
  userOffsetMinutes?: number;
  openUrl?: (url: string) => void;
}

/**
 * Strings come from the control's real resx; asking for a key the resx lacks is recorded in
 * `missingKeys`, so tests catch a string used in code but never translated.
 */
export class MockContext<I> {
  parameters: I;
  readonly mode = {
    isControlDisabled: false,
    isVisible: true,
    label: '',
    allocatedHeight: -1,
    allocatedWidth: 400,
    trackContainerResize: jest.fn(),
    setControlState: jest.fn(),
    setFullScreen: jest.fn(),
    isAuthoringMode: false,
  };
  readonly missingKeys = new Set<string>();
  readonly formatDateShort = jest.fn((d: Date, includeTime?: boolean) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${d.getMonth() + 1}/${d.getDate()}/${d.getFullYear()}`;
    return includeTime ? `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}` : day;
  });
  readonly openUrl: jest.Mock;
  private readonly strings: Map<string, string>;
  private readonly offset: number;
  design: MockOptions['design'];

  constructor(parameters: I, options: MockOptions) {
    this.design = options.design;
    this.parameters = parameters;
    this.mode.isControlDisabled = options.disabled ?? false;
    this.strings = readResx(options.control, options.lcid ?? 1033);
    this.offset = options.userOffsetMinutes ?? 0;
    this.openUrl = jest.fn(options.openUrl ?? (() => undefined));
  }

  /** The context object as the platform passes it. Only the members the controls read are real. */
  get context(): ComponentFramework.Context<I> {
    const partial = {
      parameters: this.parameters,
      mode: this.mode,
      formatting: { formatDateShort: this.formatDateShort },
      userSettings: { getTimeZoneOffsetMinutes: () => this.offset, languageId: 1033, isRTL: false },
      resources: {
        getString: (key: string) => {
          const value = this.strings.get(key);
          if (value === undefined) {
            this.missingKeys.add(key);
            return key;
          }
          return value;
        },
      },
      navigation: { openUrl: this.openUrl },
      fluentDesignLanguage: this.design,
      updatedProperties: [] as string[],
    };
    return partial as unknown as ComponentFramework.Context<I>;
  }
}
