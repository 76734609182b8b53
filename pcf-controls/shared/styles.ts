import {
  HighContrastSelector,
  getTheme,
  hiddenContentStyle,
  mergeStyleSets,
  mergeStyles,
  type ITheme,
} from '@fluentui/react';

/** Status tones used by badges, each the name of its badge class; a badge also carries a text label, never colour alone. */
export type Tone = 'success' | 'warning' | 'error' | 'neutral';

/**
 * Styles shared by the three controls, from the control's theme: the modern one (shared/theme.ts)
 * or the host's v8 theme (getTheme() returns the theme the host loaded). In forced-colours (high contrast) mode, borders and system colours keep
 * every badge and focus ring visible.
 */
export function sharedClassNames(theme: ITheme | undefined): SharedClassNames {
  return cachedFor(theme, buildSharedClassNames);
}

/**
 * One computation per theme object (the host's, getTheme(), when undefined): mergeStyleSets
 * serialises every rule on each call, which cost a few milliseconds per mounted control.
 * `theme ?? getTheme()` rather than a default parameter, which the build transpiles into an
 * arguments check in every bundle.
 */
export function cachedFor<T>(theme: ITheme | undefined, build: (theme: ITheme) => T): T {
  const t = theme ?? getTheme();
  let byBuilder = cache.get(t);
  if (!byBuilder) cache.set(t, (byBuilder = new Map()));
  if (!byBuilder.has(build)) byBuilder.set(build, build(t));
  return byBuilder.get(build) as T;
}
const cache = new WeakMap<ITheme, Map<unknown, unknown>>();

export type SharedClassNames = ReturnType<typeof buildSharedClassNames>;

function buildSharedClassNames(theme: ITheme) {
  const { semanticColors, palette, fonts } = theme;
  const badge = {
    display: 'inline-block',
    padding: '1px 8px',
    borderRadius: 10,
    border: '1px solid transparent',
    ...fonts.small,
    fontWeight: 600,
    lineHeight: '18px',
    selectors: {
      [HighContrastSelector]: {
        border: '1px solid CanvasText',
        color: 'CanvasText',
        background: 'Canvas',
        forcedColorAdjust: 'none',
      },
    },
  };
  return mergeStyleSets({
    root: { ...fonts.medium, color: semanticColors.bodyText, minWidth: 0 },
    row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 },
    success: [
      badge,
      // Body text on the success background, like the warning badge: v8's fixed green has too little
      // contrast on the dark success background of a dark theme.
      { background: semanticColors.successBackground, color: semanticColors.bodyText, borderColor: palette.green },
    ],
    warning: [
      badge,
      { background: semanticColors.warningBackground, color: semanticColors.bodyText, borderColor: palette.yellowDark },
    ],
    error: [
      badge,
      {
        background: semanticColors.errorBackground,
        color: semanticColors.errorText,
        borderColor: semanticColors.errorText,
      },
    ],
    neutral: [
      badge,
      { background: palette.neutralLighter, color: semanticColors.bodyText, borderColor: palette.neutralTertiary },
    ],
    detail: { ...fonts.small, color: semanticColors.bodySubtext },
    errorText: {
      ...fonts.small,
      color: semanticColors.errorText,
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
      // No high-contrast rule: in forced colours the browser gives text the system colour itself.
    },
    masked: { letterSpacing: 2, color: semanticColors.bodySubtext },
  });
}

/**
 * Text only screen readers get, with Fluent's own style for it. Not in the shared set because the
 * audit trail has none and every byte counts against its budget. mergeStyles returns the same class
 * for the same style, so calling it per mount registers one rule.
 */
export function hiddenClassName(): string {
  return mergeStyles(hiddenContentStyle);
}
