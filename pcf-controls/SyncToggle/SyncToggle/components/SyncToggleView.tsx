/** @jsx h */
import * as React from 'react';
import { h } from '../../../shared/jsx';
import {
  DefaultButton,
  Dialog,
  DialogFooter,
  DialogType,
  FocusRects,
  PrimaryButton,
  Toggle,
  type ITheme,
} from '@fluentui/react';
import { LiveRegion } from '../../../shared/live-region';
import { hiddenClassName, sharedClassNames, type Tone } from '../../../shared/styles';
import { fill, type Strings } from '../../../shared/strings';
import type { SyncState } from '../lib/status';
import type { SyncToggleStringKey } from '../strings';

export interface SyncToggleViewProps {
  /** The modern theme when the app uses it; the host's v8 theme otherwise. */
  theme?: ITheme;
  /** Accessible name of the switch: the column's display name. */
  label: string;
  checked: boolean;
  state: SyncState;
  /** The column's own label for the value, shown for an unmapped state. */
  statusText?: string;
  /** Last synced on, already formatted for the user. */
  lastSyncedText?: string;
  /** Why the last sync failed (newest failed audit entry). */
  errorReason?: string;
  /** Turning the switch on needs the share confirmation first. */
  confirmBeforeOn: boolean;
  disabled: boolean;
  masked: boolean;
  statusMasked: boolean;
  retryEnabled: boolean;
  strings: Strings<SyncToggleStringKey>;
  onChange: (checked: boolean) => void;
  onRetry: () => void;
}

interface Badge {
  tone: Tone;
  text: string;
}

export function statusBadge(
  props: Pick<SyncToggleViewProps, 'state' | 'statusText' | 'lastSyncedText' | 'strings'>,
): Badge {
  const s = props.strings;
  switch (props.state) {
    case 'synced':
      return {
        tone: 'success',
        text: props.lastSyncedText ? fill(s.Status_SyncedAt, props.lastSyncedText) : s.Status_Synced,
      };
    case 'pending':
      return { tone: 'warning', text: s.Status_Pending };
    case 'error':
      return { tone: 'error', text: s.Status_Error };
    case 'notSynced':
      return { tone: 'neutral', text: s.Status_NotSynced };
    default:
      return { tone: 'neutral', text: fill(s.Status_Unknown, props.statusText ?? '') };
  }
}

/**
 * The Sync with Partner Center switch with its status badge. Pure: all platform state arrives as
 * props, changes leave through onChange/onRetry. The only local state is the open confirmation.
 */
export const SyncToggleView = React.memo(function SyncToggleView(props: SyncToggleViewProps): React.ReactElement {
  const { strings: s } = props;
  const [confirming, setConfirming] = React.useState(false);
  const classNames = React.useMemo(() => sharedClassNames(props.theme), [props.theme]);
  const hidden = React.useMemo(hiddenClassName, []);

  const handleChange = React.useCallback(
    (_e: React.MouseEvent<HTMLElement> | undefined, next?: boolean) => {
      if (next === undefined) return;
      if (next && props.confirmBeforeOn) setConfirming(true);
      else props.onChange(next);
    },
    [props.confirmBeforeOn, props.onChange],
  );
  const confirm = React.useCallback(() => {
    setConfirming(false);
    props.onChange(true);
  }, [props.onChange]);
  const cancel = React.useCallback(() => setConfirming(false), []);

  // A dialog left open while the field became read-only must not still be able to switch it on.
  const dialogOpen = confirming && !props.disabled && !props.masked;
  const badge = statusBadge(props);
  const showReason = !props.statusMasked && props.state === 'error';

  return (
    <div className={classNames.root}>
      <FocusRects />
      <div className={classNames.row}>
        {props.masked ? (
          <span className={classNames.masked} aria-label={`${props.label}: ${s.Masked}`}>
            {s.Masked}
          </span>
        ) : (
          <Toggle
            checked={props.checked}
            disabled={props.disabled}
            onChange={handleChange}
            onText={s.Toggle_On}
            offText={s.Toggle_Off}
            ariaLabel={props.label}
            styles={{ root: { marginBottom: 0 } }}
          />
        )}
        {props.statusMasked ? (
          <span className={classNames.masked} aria-label={`${s.Status_Label}: ${s.Masked}`}>
            {s.Masked}
          </span>
        ) : (
          <span className={classNames[badge.tone]} data-state={props.state}>
            <span className={hidden}>{`${s.Status_Label}: `}</span>
            {badge.text}
          </span>
        )}
        {!props.statusMasked && props.state === 'error' && props.retryEnabled ? (
          <DefaultButton text={s.Retry} ariaLabel={s.Retry_Label} onClick={props.onRetry} />
        ) : null}
      </div>
      {showReason ? (
        <div className={classNames.errorText}>
          <strong>{s.Error_Reason} </strong>
          {props.errorReason ?? s.Error_NoReason}
        </div>
      ) : null}
      <LiveRegion className={hidden} text={props.statusMasked ? '' : fill(s.Status_Announce, badge.text)} />
      <Dialog
        hidden={!dialogOpen}
        onDismiss={cancel}
        dialogContentProps={{
          type: DialogType.normal,
          title: s.Confirm_Title,
          subText: s.Confirm_Body,
          showCloseButton: false,
        }}
        modalProps={{ isBlocking: true }}
      >
        <DialogFooter>
          <PrimaryButton text={s.Confirm_Share} onClick={confirm} />
          <DefaultButton text={s.Confirm_Cancel} onClick={cancel} />
        </DialogFooter>
      </Dialog>
    </div>
  );
});
