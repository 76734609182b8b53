import * as React from 'react';
import {
  BaseSlots,
  ThemeGenerator,
  ThemeProvider,
  createTheme,
  themeRulesStandardCreator,
  type ITheme,
} from '@fluentui/react';

/** What the platform passes in `context.fluentDesignLanguage` (FluentDesignState), as far as it is read here. */
export interface DesignLanguage {
  tokenTheme?: object;
  isDarkTheme?: boolean;
}

let lastKey = '';
let lastTheme: ITheme | undefined;

/**
 * The app's modern theme (the new look, light or dark) as a Fluent v8 theme, or undefined in the
 * classic look, where the host's v8 theme (getTheme()) applies as it is.
 *
 * The platform passes the v9 design tokens; the documented bridge for v8 controls, createV8Theme of
 * @fluentui/react-migration-v8-v9, is not a platform library and is far larger than the 10 KB
 * budget. Fluent v8's own theme generator (the theme designer's, in the platform library, so it
 * costs no bytes) derives every palette slot from three colours: the v9 brand foreground, neutral
 * background and neutral foreground — what v8's themePrimary, white and neutralPrimary map to in
 * Fluent's v8 → v9 colour mapping. The brand foreground rather than the brand background because v8
 * links take themePrimary: in dark mode the v9 brand background is too dark to read as text (and v8
 * primary buttons then take the dark background colour as their text). Semantic colours follow from
 * the palette and `isInverted`.
 * The same tokens give the same theme object, so the class names built per theme are kept.
 */
export function modernTheme(design: DesignLanguage | undefined): ITheme | undefined {
  const tokens = design?.tokenTheme as Record<string, string> | undefined;
  if (!tokens) return undefined;
  const dark = design?.isDarkTheme === true;
  // In BaseSlots order: primaryColor, backgroundColor, foregroundColor.
  const colors = [tokens.colorBrandForeground1, tokens.colorNeutralBackground1, tokens.colorNeutralForeground1];
  const key = colors + String(dark);
  if (key !== lastKey) {
    const rules = themeRulesStandardCreator();
    try {
      colors.forEach((color, i) => ThemeGenerator.setSlot(rules[BaseSlots[i]], color, dark, true, true));
      ThemeGenerator.insureSlots(rules, dark);
    } catch {
      // A colour the generator can't read (a CSS variable) or a missing token: the host's theme stays.
      return undefined;
    }
    lastKey = key;
    lastTheme = createTheme({ palette: ThemeGenerator.getThemeAsJson(rules), isInverted: dark });
  }
  return lastTheme;
}

/** The control's element inside a ThemeProvider (for the Fluent components in it) when there is a modern theme. */
export function themed(element: React.ReactElement, theme: ITheme | undefined): React.ReactElement {
  return theme ? React.createElement(ThemeProvider, { theme }, element) : element;
}
