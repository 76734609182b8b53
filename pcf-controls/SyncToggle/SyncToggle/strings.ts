/** Every resx key the Sync toggle shows at run time (the manifest's keys are listed in the resx too). */
export const SYNC_TOGGLE_STRING_KEYS = [
  'Toggle_Label',
  'Toggle_On',
  'Toggle_Off',
  'Status_Label',
  'Status_NotSynced',
  'Status_Pending',
  'Status_Synced',
  'Status_SyncedAt',
  'Status_Error',
  'Status_Unknown',
  'Status_Announce',
  'Error_Reason',
  'Error_NoReason',
  'Retry',
  'Retry_Label',
  'Confirm_Title',
  'Confirm_Body',
  'Confirm_Share',
  'Confirm_Cancel',
  'Masked',
] as const;

export type SyncToggleStringKey = (typeof SYNC_TOGGLE_STRING_KEYS)[number];
