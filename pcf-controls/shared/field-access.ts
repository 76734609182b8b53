/** Field-level security as the platform passes it on a bound or input property. */
export interface FieldSecurity {
  editable: boolean;
  readable: boolean;
  secured?: boolean;
}

export interface FieldAccess {
  /** The user may not change the value (form or field read-only, or no update permission). */
  disabled: boolean;
  /** The user may not see the value (field security without read permission). */
  masked: boolean;
}

/**
 * Recomputed on every updateView: a business rule or script can make the field read-only at any time.
 * Without security information the field is readable and as editable as the control.
 */
export function fieldAccess(
  isControlDisabled: boolean | undefined,
  security: FieldSecurity | null | undefined,
): FieldAccess {
  const disabled = isControlDisabled === true || security?.editable === false;
  const masked = security?.readable === false;
  return { disabled: disabled || masked, masked };
}
