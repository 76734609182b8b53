import { act, fireEvent, render, screen } from '@testing-library/react';
import * as React from 'react'; // classic JSX runtime
import { ReferralLink } from '../../../pcf-controls/ReferralLink/ReferralLink';
import { ReferralLinkView } from '../../../pcf-controls/ReferralLink/ReferralLink/components/ReferralLinkView';
import { linkDisplay, MAX_PLAIN_TEXT } from '../../../pcf-controls/ReferralLink/ReferralLink/lib/link';
import type { IInputs, IOutputs } from '../../../pcf-controls/ReferralLink/ReferralLink/generated/ManifestTypes';
import { loadStrings } from '../../../pcf-controls/shared/strings';
import { MockContext, text } from '../mock-context';
import { readResx } from '../resx';

const PC_URL =
  'https://partner.microsoft.com/dashboard/referrals/v2/leads/4111fffc-f9ee-4d53-bba6-569135228642/details';

type Security = ComponentFramework.PropertyHelper.SecurityValues;
function params(url: string | null, referralId: string | null, sec: { url?: Security; id?: Security } = {}): IInputs {
  return { url: text(url, { security: sec.url }), referralId: text(referralId, { security: sec.id }) };
}

function setup(p: IInputs, options: { disabled?: boolean; lcid?: number } = {}) {
  const mock = new MockContext<IInputs>(p, { control: 'ReferralLink', ...options });
  const control = new ReferralLink();
  // init as the platform calls it, through the platform's interface and signature.
  const platform: ComponentFramework.ReactControl<IInputs, IOutputs> = control;
  platform.init(mock.context, jest.fn(), {});
  const view = render(control.updateView(mock.context));
  return { mock, control, view };
}

describe('linkDisplay', () => {
  it.each([
    [PC_URL, 'link'],
    ['  https://PARTNER.microsoft.com/x  ', 'link'],
    ['http://partner.microsoft.com/x', 'text'],
    ['javascript:alert(1)', 'text'],
    ['https://partner.microsoft.com.evil.test/x', 'text'],
    ['https://evil.test/?partner.microsoft.com', 'text'],
    ['https://user:pw@partner.microsoft.com/x', 'text'],
    ['https://partner.microsoft.com:8443/x', 'text'],
    ['partner.microsoft.com/dashboard', 'text'],
    ['data:text/html,<b>x</b>', 'text'],
    ['', 'empty'],
    ['   ', 'empty'],
  ])('%s → %s', (raw, kind) => {
    expect(linkDisplay(raw).kind).toBe(kind);
  });

  it('handles null and undefined', () => {
    expect(linkDisplay(null)).toEqual({ kind: 'empty' });
    expect(linkDisplay(undefined)).toEqual({ kind: 'empty' });
  });

  it('cuts very long text', () => {
    const shown = linkDisplay('x'.repeat(10_000));
    expect(shown.kind === 'text' && shown.text.length).toBe(MAX_PLAIN_TEXT);
  });
});

describe('ReferralLink lifecycle', () => {
  it('renders an https Partner Center link that opens a new tab through the platform', () => {
    const { mock, control } = setup(params(PC_URL, 'r-1'));
    const link = screen.getByRole('link', { name: 'Open in Partner Center (opens in a new tab)' });
    expect(link).toHaveAttribute('href', PC_URL);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    fireEvent.click(link);
    expect(mock.openUrl).toHaveBeenCalledWith(PC_URL);
    expect(control.getOutputs()).toEqual({});
    expect(mock.missingKeys.size).toBe(0);
  });

  it.each(['javascript:alert(document.cookie)', 'https://evil.example/referral', 'http://partner.microsoft.com/x'])(
    'shows %s as plain text, never as a link',
    (url) => {
      setup(params(url, 'r-1'));
      expect(screen.queryByRole('link')).toBeNull();
      expect(screen.getByText(url)).toBeInTheDocument();
      expect(screen.getByText(/not a Partner Center link/)).toBeInTheDocument();
    },
  );

  it('never renders markup in the value as HTML', () => {
    const { view } = setup(params('<img src=x onerror=alert(1)>', '<b>id</b>'));
    expect(view.container.querySelector('img')).toBeNull();
    expect(view.container.querySelector('b')).toBeNull();
    expect(screen.getByText('<b>id</b>')).toBeInTheDocument();
  });

  it('copies the referral id with feedback, also when the form is read-only', async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    setup(params(PC_URL, 'r-42'), { disabled: true });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy referral ID r-42' }));
    });
    expect(writeText).toHaveBeenCalledWith('r-42');
    expect(screen.getByRole('status')).toHaveTextContent('Referral ID copied');
    expect(screen.getByRole('link')).toBeInTheDocument();
  });

  it('says so when copying fails', async () => {
    Object.assign(navigator, { clipboard: { writeText: jest.fn().mockRejectedValue(new Error('denied')) } });
    Object.assign(document, { execCommand: jest.fn(() => false) });
    setup(params(PC_URL, 'r-42'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Copy referral ID/ }));
    });
    expect(screen.getByRole('status')).toHaveTextContent("Couldn't copy");
  });

  it('renders null values sensibly', () => {
    setup(params(null, null));
    expect(screen.getByText('No referral yet')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('masks what the user may not read', () => {
    const hidden = { editable: false, readable: false, secured: true };
    setup(params(PC_URL, 'r-1', { url: hidden, id: hidden }));
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByText('r-1')).toBeNull();
    expect(screen.getAllByText('****')).toHaveLength(2);
  });

  it('follows updates', () => {
    const { mock, control, view } = setup(params(null, null));
    mock.parameters = params(PC_URL, 'r-9');
    view.rerender(control.updateView(mock.context));
    expect(screen.getByRole('link')).toBeInTheDocument();
    expect(screen.getByText('r-9')).toBeInTheDocument();
  });

  it('speaks Chinese from the 2052 resx', () => {
    setup(params(PC_URL, 'r-1'), { lcid: 2052 });
    expect(screen.getByRole('link')).toHaveTextContent('在合作伙伴中心中打开');
  });
});

describe('ReferralLinkView', () => {
  const strings = loadStrings((k) => readResx('ReferralLink', 1033).get(k));

  it('clears the copy feedback after a while', async () => {
    jest.useFakeTimers();
    try {
      const copyText = jest.fn().mockResolvedValue(true);
      render(
        <ReferralLinkView
          link={{ kind: 'empty' }}
          referralId="abc"
          linkMasked={false}
          idMasked={false}
          strings={strings}
          copyText={copyText}
          feedbackMillis={1000}
        />,
      );
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Copy referral ID abc' }));
      });
      expect(screen.getByRole('status')).toHaveTextContent('Referral ID copied');
      act(() => {
        jest.advanceTimersByTime(1000);
      });
      expect(screen.getByRole('status')).toHaveTextContent('');
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets the browser follow the link when the platform has no openUrl', () => {
    render(
      <ReferralLinkView
        link={{ kind: 'link', href: PC_URL }}
        linkMasked={false}
        idMasked={false}
        strings={strings}
        copyText={jest.fn()}
      />,
    );
    const link = screen.getByRole('link');
    const event = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});
