import { ACTIVE_INACTIVE, auditColumns, col } from './attributes';
import type { AttributeMetadata, OptionMetadata } from './types';

/**
 * The system tables the co-sell flows touch, with the standard columns the sync reads or writes
 * (names, types and lengths as in a Dataverse org with Dynamics 365 Sales). Not every column of the real
 * tables: the local Web API rejects the others as unknown properties.
 */
export interface TableDefinition {
  logicalName: string;
  schemaName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  attributes: AttributeMetadata[];
  stateNames?: Record<number, string>;
  defaultStatusByState?: Record<number, number>;
}

const OPPORTUNITY_STATE: OptionMetadata[] = [
  { value: 0, label: 'Open' },
  { value: 1, label: 'Won' },
  { value: 2, label: 'Lost' },
];
const OPPORTUNITY_STATUS: OptionMetadata[] = [
  { value: 1, label: 'In Progress', state: 0 },
  { value: 2, label: 'On Hold', state: 0 },
  { value: 3, label: 'Won', state: 1 },
  { value: 4, label: 'Canceled', state: 2 },
  { value: 5, label: 'Out-Sold', state: 2 },
];

function address1(): AttributeMetadata[] {
  return [
    col.text('address1_line1', 250),
    col.text('address1_line2', 250),
    col.text('address1_city', 80),
    col.text('address1_stateorprovince', 50),
    col.text('address1_postalcode', 20),
    col.text('address1_country', 80),
  ];
}

export const SYSTEM_TABLES: readonly TableDefinition[] = [
  {
    logicalName: 'opportunity',
    schemaName: 'Opportunity',
    entitySetName: 'opportunities',
    primaryIdAttribute: 'opportunityid',
    primaryNameAttribute: 'name',
    attributes: [
      col.id('opportunityid'),
      col.text('name', 300),
      col.memo('description', 2000),
      col.money('estimatedvalue'),
      col.date('estimatedclosedate'),
      col.money('actualvalue'),
      col.date('actualclosedate'),
      col.int('closeprobability', 0, 100),
      col.text('stepname', 200),
      col.picklist('salesstage', [
        { value: 0, label: 'Qualify' },
        { value: 1, label: 'Develop' },
        { value: 2, label: 'Propose' },
        { value: 3, label: 'Close' },
      ]),
      col.lookup('transactioncurrencyid', 'transactioncurrency'),
      col.customer('customerid'),
      col.lookup('parentaccountid', 'account'),
      col.lookup('parentcontactid', 'contact'),
      col.state(OPPORTUNITY_STATE),
      col.status(OPPORTUNITY_STATUS),
      ...auditColumns(true),
    ],
    stateNames: { 0: 'Open', 1: 'Won', 2: 'Lost' },
    defaultStatusByState: { 0: 1, 1: 3, 2: 4 },
  },
  {
    logicalName: 'account',
    schemaName: 'Account',
    entitySetName: 'accounts',
    primaryIdAttribute: 'accountid',
    primaryNameAttribute: 'name',
    attributes: [
      col.id('accountid'),
      col.text('name', 160),
      col.text('accountnumber', 20),
      col.memo('description', 2000),
      ...address1(),
      col.text('telephone1', 50),
      col.text('emailaddress1', 100),
      col.text('websiteurl', 200),
      col.int('numberofemployees', 0, 1000000000),
      col.lookup('parentaccountid', 'account'),
      col.lookup('primarycontactid', 'contact'),
      col.lookup('transactioncurrencyid', 'transactioncurrency'),
      col.state(ACTIVE_INACTIVE.state),
      col.status(ACTIVE_INACTIVE.status),
      ...auditColumns(true),
    ],
    stateNames: { 0: 'Active', 1: 'Inactive' },
    defaultStatusByState: { 0: 1, 1: 2 },
  },
  {
    logicalName: 'contact',
    schemaName: 'Contact',
    entitySetName: 'contacts',
    primaryIdAttribute: 'contactid',
    primaryNameAttribute: 'fullname',
    attributes: [
      col.id('contactid'),
      col.text('firstname', 50),
      col.text('lastname', 50),
      { ...col.text('fullname', 160), computed: true },
      col.text('emailaddress1', 100),
      col.text('telephone1', 50),
      col.text('mobilephone', 50),
      col.text('jobtitle', 100),
      ...address1(),
      col.customer('parentcustomerid'),
      col.lookup('transactioncurrencyid', 'transactioncurrency'),
      col.state(ACTIVE_INACTIVE.state),
      col.status(ACTIVE_INACTIVE.status),
      ...auditColumns(true),
    ],
    stateNames: { 0: 'Active', 1: 'Inactive' },
    defaultStatusByState: { 0: 1, 1: 2 },
  },
  {
    logicalName: 'systemuser',
    schemaName: 'SystemUser',
    entitySetName: 'systemusers',
    primaryIdAttribute: 'systemuserid',
    primaryNameAttribute: 'fullname',
    attributes: [
      col.id('systemuserid'),
      col.text('firstname', 64),
      col.text('lastname', 64),
      { ...col.text('fullname', 200), computed: true },
      col.text('domainname', 1024),
      col.text('internalemailaddress', 100),
      col.id('azureactivedirectoryobjectid'),
      col.id('applicationid'),
      col.bool('isdisabled'),
      ...auditColumns(false),
    ],
  },
  {
    logicalName: 'transactioncurrency',
    schemaName: 'TransactionCurrency',
    entitySetName: 'transactioncurrencies',
    primaryIdAttribute: 'transactioncurrencyid',
    primaryNameAttribute: 'currencyname',
    attributes: [
      col.id('transactioncurrencyid'),
      col.text('currencyname', 100),
      col.text('isocurrencycode', 5),
      col.text('currencysymbol', 10),
      col.decimal('exchangerate', 0.0000000001, 100000000000),
      col.int('currencyprecision', 0, 4),
      col.state(ACTIVE_INACTIVE.state),
      col.status(ACTIVE_INACTIVE.status),
      ...auditColumns(false),
    ],
    stateNames: { 0: 'Active', 1: 'Inactive' },
    defaultStatusByState: { 0: 1, 1: 2 },
  },
];
