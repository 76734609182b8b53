import { HighContrastSelector, getTheme, mergeStyleSets, type ITheme } from '@fluentui/react';

/** Status tones used by badges; each also carries a text label, never colour alone. */
export type Tone = 'success' | 'warning' | 'error' | 'neutral';

/**
 * Styles shared by the three controls, from the platform's Fluent theme (getTheme() returns the
 * theme the host loaded). In forced-colours (high contrast) mode, borders and system colours keep
 * every badge and focus ring visible.
 */
export function sharedClassNames(theme: ITheme = getTheme()): SharedClassNames {
  return cachedFor(theme, buildSharedClassNames);
}

/**
 * One computation per theme object: mergeStyleSets serialises every rule on each call, which cost
 * a few milliseconds per mounted control.
 */
export function cachedFor<T>(theme: ITheme, build: (theme: ITheme) => T): T {
  let byBuilder = cache.get(theme);
  if (!byBuilder) cache.set(theme, (byBuilder = new Map()));
  if (!byBuilder.has(build)) byBuilder.set(build, build(theme));
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
    hiddenVisually: {
      position: 'absolute',
      width: 1,
      height: 1,
      margin: -1,
      padding: 0,
      border: 0,
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
    badgeSuccess: [
      badge,
      { background: semanticColors.successBackground, color: palette.green, borderColor: palette.green },
    ],
    badgeWarning: [
      badge,
      { background: semanticColors.warningBackground, color: semanticColors.bodyText, borderColor: palette.yellowDark },
    ],
    badgeError: [
      badge,
      {
        background: semanticColors.errorBackground,
        color: semanticColors.errorText,
        borderColor: semanticColors.errorText,
      },
    ],
    badgeNeutral: [
      badge,
      { background: palette.neutralLighter, color: semanticColors.bodyText, borderColor: palette.neutralTertiary },
    ],
    detail: { ...fonts.small, color: semanticColors.bodySubtext },
    errorText: {
      ...fonts.small,
      color: semanticColors.errorText,
      whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere',
      selectors: { [HighContrastSelector]: { color: 'CanvasText' } },
    },
    masked: { letterSpacing: 2, color: semanticColors.bodySubtext },
  });
}

export function badgeClass(classNames: SharedClassNames, tone: Tone): string {
  switch (tone) {
    case 'success':
      return classNames.badgeSuccess;
    case 'warning':
      return classNames.badgeWarning;
    case 'error':
      return classNames.badgeError;
    default:
      return classNames.badgeNeutral;
  }
}
