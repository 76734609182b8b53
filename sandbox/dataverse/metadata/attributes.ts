import type { AttributeMetadata, OptionMetadata } from './types';

/** Small constructors so the table definitions read like a column list. */
export const col = {
  id: (logicalName: string): AttributeMetadata => ({ logicalName, type: 'Uniqueidentifier' }),
  text: (logicalName: string, maxLength: number): AttributeMetadata => ({ logicalName, type: 'String', maxLength }),
  memo: (logicalName: string, maxLength: number): AttributeMetadata => ({ logicalName, type: 'Memo', maxLength }),
  bool: (logicalName: string, defaultValue = false): AttributeMetadata => ({
    logicalName,
    type: 'Boolean',
    defaultValue,
    options: [
      { value: 1, label: 'Yes' },
      { value: 0, label: 'No' },
    ],
  }),
  int: (logicalName: string, minValue: number, maxValue: number): AttributeMetadata => ({
    logicalName,
    type: 'Integer',
    minValue,
    maxValue,
  }),
  decimal: (logicalName: string, minValue: number, maxValue: number): AttributeMetadata => ({
    logicalName,
    type: 'Decimal',
    minValue,
    maxValue,
  }),
  money: (logicalName: string): AttributeMetadata => ({
    logicalName,
    type: 'Money',
    minValue: -922337203685477,
    maxValue: 922337203685477,
  }),
  date: (logicalName: string): AttributeMetadata => ({ logicalName, type: 'DateTime', dateOnly: true }),
  dateTime: (logicalName: string): AttributeMetadata => ({ logicalName, type: 'DateTime' }),
  picklist: (logicalName: string, options: OptionMetadata[], defaultValue?: number): AttributeMetadata => ({
    logicalName,
    type: 'Picklist',
    options,
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  }),
  lookup: (logicalName: string, target: string): AttributeMetadata => ({
    logicalName,
    type: 'Lookup',
    targets: [target],
  }),
  customer: (logicalName: string): AttributeMetadata => ({
    logicalName,
    type: 'Customer',
    targets: ['account', 'contact'],
  }),
  state: (options: OptionMetadata[]): AttributeMetadata => ({ logicalName: 'statecode', type: 'State', options }),
  status: (options: OptionMetadata[]): AttributeMetadata => ({ logicalName: 'statuscode', type: 'Status', options }),
};

/** createdon, modifiedon, createdby, modifiedby, ownerid, versionnumber: set by the platform. */
export function auditColumns(owned: boolean): AttributeMetadata[] {
  return [
    { logicalName: 'createdon', type: 'DateTime', system: true },
    { logicalName: 'modifiedon', type: 'DateTime', system: true },
    { logicalName: 'createdby', type: 'Lookup', targets: ['systemuser'], system: true },
    { logicalName: 'modifiedby', type: 'Lookup', targets: ['systemuser'], system: true },
    ...(owned ? [{ logicalName: 'ownerid', type: 'Owner', targets: ['systemuser'] } as AttributeMetadata] : []),
    { logicalName: 'versionnumber', type: 'BigInt', system: true },
  ];
}

export const ACTIVE_INACTIVE = {
  state: [
    { value: 0, label: 'Active' },
    { value: 1, label: 'Inactive' },
  ],
  status: [
    { value: 1, label: 'Active', state: 0 },
    { value: 2, label: 'Inactive', state: 1 },
  ],
};
