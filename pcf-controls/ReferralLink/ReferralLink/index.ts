import * as React from 'react';
import { fieldAccess } from '../../shared/field-access';
import { loadStrings } from '../../shared/strings';
import { modernTheme, themed } from '../../shared/theme';
import { copyToClipboard } from '../../shared/clipboard';
import { ReferralLinkView, type ReferralLinkViewProps } from './components/ReferralLinkView';
import { linkDisplay } from './lib/link';
import type { ReferralLinkStringKey as StringKey } from './strings';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * Thin wrapper over ReferralLinkView. The URL column is bound only so the control can sit on it;
 * the control never writes it (getOutputs is empty).
 */
export class ReferralLink implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private openUrl: ((url: string) => void) | undefined;
  // Stable across updates (the user's language doesn't change while the form is open).
  private strings: ReferralLinkViewProps['strings'] | undefined;

  public init(context: ComponentFramework.Context<IInputs>): void {
    const navigation = context.navigation;
    this.openUrl = typeof navigation?.openUrl === 'function' ? (url) => navigation.openUrl(url) : undefined;
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const p: Partial<IInputs> = context.parameters ?? {};
    const urlAccess = fieldAccess(context.mode?.isControlDisabled, p.url?.security);
    const idAccess = fieldAccess(context.mode?.isControlDisabled, p.referralId?.security);
    const referralId = (p.referralId?.raw ?? '').trim();
    const props: ReferralLinkViewProps = {
      theme: modernTheme(context.fluentDesignLanguage),
      link: urlAccess.masked ? { kind: 'empty' } : linkDisplay(p.url?.raw),
      referralId: idAccess.masked || referralId === '' ? undefined : referralId,
      linkMasked: urlAccess.masked,
      idMasked: idAccess.masked,
      strings: (this.strings ??= loadStrings<StringKey>((k) => context.resources.getString(k))),
      copyText: copyToClipboard,
      openUrl: this.openUrl,
    };
    return themed(React.createElement(ReferralLinkView, props), props.theme);
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    this.openUrl = undefined;
  }
}
