/** @jsx h */
/** @jsxFrag React.Fragment */
import * as React from 'react';
import { h } from '../../../shared/jsx';
import { DefaultButton, FocusRects, Link, type ITheme } from '@fluentui/react';
import { LiveRegion } from '../../../shared/live-region';
import { hiddenClassName, sharedClassNames } from '../../../shared/styles';
import { fill, type Strings } from '../../../shared/strings';
import type { CopyOutcome, LinkDisplay } from '../lib/link';
import type { ReferralLinkStringKey } from '../strings';

export interface ReferralLinkViewProps {
  /** The modern theme when the app uses it; the host's v8 theme otherwise. */
  theme?: ITheme;
  link: LinkDisplay;
  referralId?: string;
  linkMasked: boolean;
  idMasked: boolean;
  strings: Strings<ReferralLinkStringKey>;
  /** Copies text; resolves true when it reached the clipboard. */
  copyText: (text: string) => Promise<boolean>;
  /** Opens a URL through the platform (navigation.openUrl); when absent the browser follows the link. */
  openUrl?: (url: string) => void;
  /** How long the copy feedback stays, in ms. */
  feedbackMillis?: number;
}

/**
 * "Open in Partner Center" link (new tab) and the referral id with a copy button. Navigation and
 * copying stay available when the field is read-only: read-only blocks editing, not reading.
 */
export const ReferralLinkView = React.memo(function ReferralLinkView(props: ReferralLinkViewProps): React.ReactElement {
  const s = props.strings;
  const classNames = React.useMemo(() => sharedClassNames(props.theme), [props.theme]);
  const hidden = React.useMemo(hiddenClassName, []);
  const [copy, setCopy] = React.useState<CopyOutcome>('idle');
  const timer = React.useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
      if (timer.current !== undefined) clearTimeout(timer.current);
    },
    [],
  );

  const { copyText, referralId, feedbackMillis, openUrl, link } = props;
  const onCopy = React.useCallback(() => {
    if (!referralId) return;
    copyText(referralId)
      .catch(() => false)
      .then((ok) => {
        if (!mounted.current) return;
        setCopy(ok ? 'copied' : 'failed');
        if (timer.current !== undefined) clearTimeout(timer.current);
        timer.current = setTimeout(() => mounted.current && setCopy('idle'), feedbackMillis ?? 4000);
      });
  }, [copyText, referralId, feedbackMillis]);

  const onOpen = React.useCallback(
    (e: React.MouseEvent<HTMLElement | HTMLAnchorElement | HTMLButtonElement>) => {
      if (openUrl && link.kind === 'link') {
        e.preventDefault();
        openUrl(link.href);
      }
    },
    [openUrl, link],
  );

  let linkPart: React.ReactNode;
  if (props.linkMasked) linkPart = <span className={classNames.masked}>{s.Masked}</span>;
  else if (link.kind === 'link')
    linkPart = (
      <Link href={link.href} target="_blank" rel="noopener noreferrer" onClick={onOpen}>
        {s.Open_Link}
        <span className={hidden}>{` ${s.Open_NewTab}`}</span>
      </Link>
    );
  else if (link.kind === 'text')
    linkPart = (
      <span>
        <span style={{ overflowWrap: 'anywhere' }}>{link.text}</span>{' '}
        <span className={classNames.detail}>{s.NotLink_Note}</span>
      </span>
    );
  else linkPart = <span className={classNames.detail}>{s.NoLink}</span>;

  const feedback = copy === 'copied' ? s.Copied : copy === 'failed' ? s.CopyFailed : '';
  return (
    <div className={classNames.root}>
      <FocusRects />
      <div className={classNames.row}>{linkPart}</div>
      {referralId || props.idMasked ? (
        <div className={classNames.row}>
          <span className={classNames.detail}>{s.Id_Label}</span>
          {props.idMasked ? (
            <span className={classNames.masked}>{s.Masked}</span>
          ) : (
            <>
              <code style={{ userSelect: 'all', overflowWrap: 'anywhere' }}>{referralId}</code>
              <DefaultButton text={s.Copy} ariaLabel={fill(s.Copy_Label, referralId ?? '')} onClick={onCopy} />
            </>
          )}
          <LiveRegion className={copy === 'failed' ? classNames.errorText : classNames.detail} text={feedback} />
        </div>
      ) : null}
    </div>
  );
});
