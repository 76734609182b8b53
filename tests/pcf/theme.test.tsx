import { render, screen } from '@testing-library/react';
import { getTheme } from '@fluentui/react';
import { modernTheme } from '../../pcf-controls/shared/theme';
import { ReferralLink } from '../../pcf-controls/ReferralLink/ReferralLink';
import type { IInputs } from '../../pcf-controls/ReferralLink/ReferralLink/generated/ManifestTypes';
import { MODERN_DARK, MODERN_LIGHT } from '../fixtures/modern-theme';
import { MockContext, text } from './mock-context';

describe('modernTheme', () => {
  it('is undefined in the classic look: the host theme applies', () => {
    expect(modernTheme(undefined)).toBeUndefined();
    expect(modernTheme({})).toBeUndefined();
  });

  it('builds the v8 palette from the brand, background and foreground tokens', () => {
    const theme = modernTheme(MODERN_LIGHT)!;
    expect(theme.isInverted).toBe(false);
    expect(theme.palette.themePrimary).toBe('#0f6cbd');
    expect(theme.palette.white).toBe('#ffffff');
    expect(theme.palette.neutralPrimary).toBe('#242424');
    expect(theme.semanticColors.bodyText).toBe('#242424');
    expect(theme.semanticColors.bodyBackground).toBe('#ffffff');
    // Derived slots follow the brand colour rather than v8's default blue.
    expect(theme.palette.themeDarkAlt).not.toBe(getTheme().palette.themeDarkAlt);
  });

  it('inverts for dark mode', () => {
    const theme = modernTheme(MODERN_DARK)!;
    expect(theme.isInverted).toBe(true);
    expect(theme.semanticColors.bodyBackground).toBe('#292929');
    expect(theme.semanticColors.bodyText).toBe('#ffffff');
    // The brand foreground, readable as link text on the dark background.
    expect(theme.palette.themePrimary).toBe('#479ef5');
    expect(theme.semanticColors.link).toBe('#479ef5');
  });

  it('gives the same theme object for the same tokens, so class names are not rebuilt', () => {
    const a = modernTheme(MODERN_DARK);
    const b = modernTheme({ tokenTheme: { ...MODERN_DARK.tokenTheme }, isDarkTheme: true });
    expect(b).toBe(a);
    expect(modernTheme(MODERN_LIGHT)).not.toBe(a);
  });

  it('keeps the host theme when a colour is not one it can read (a CSS variable) or is missing', () => {
    expect(
      modernTheme({ tokenTheme: { ...MODERN_LIGHT.tokenTheme, colorBrandForeground1: 'var(--brand)' } }),
    ).toBeUndefined();
    expect(modernTheme({ tokenTheme: { colorBrandForeground1: '#0f6cbd' } })).toBeUndefined();
  });
});

describe('a control in the modern look', () => {
  it('renders inside a ThemeProvider with the modern colours', () => {
    const params: IInputs = {
      url: text('https://partner.microsoft.com/dashboard/referrals/v2/leads/r-1'),
      referralId: text('r-1'),
    } as IInputs;
    const mock = new MockContext<IInputs>(params, { control: 'ReferralLink', design: MODERN_DARK });
    const control = new ReferralLink();
    (control as ComponentFramework.ReactControl<IInputs, object>).init(mock.context, jest.fn(), {});
    const { container } = render(control.updateView(mock.context));
    const provider = container.firstElementChild as HTMLElement;
    expect(getComputedStyle(provider).backgroundColor).toBe('rgb(41, 41, 41)');
    expect(screen.getByRole('link')).toBeInTheDocument();
  });

  it('renders without a ThemeProvider in the classic look', () => {
    const params: IInputs = { url: text(null), referralId: text(null) } as IInputs;
    const mock = new MockContext<IInputs>(params, { control: 'ReferralLink' });
    const control = new ReferralLink();
    (control as ComponentFramework.ReactControl<IInputs, object>).init(mock.context, jest.fn(), {});
    const { container } = render(control.updateView(mock.context));
    expect(getComputedStyle(container.firstElementChild as HTMLElement).backgroundColor).not.toBe('rgb(41, 41, 41)');
  });
});
