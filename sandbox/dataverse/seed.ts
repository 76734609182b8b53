import { guidFromName } from '../../scripts/lib/guid';
import type { DataverseStore } from './store/store';

/** The users and currencies a fresh local organization starts with; ids are name-based so runs agree. */
export const SEED_IDS = {
  adminUserId: guidFromName('dataverse-sandbox/systemuser/admin'),
  integrationUserId: guidFromName('dataverse-sandbox/systemuser/integration'),
  currencyId: (iso: string): string => guidFromName(`dataverse-sandbox/transactioncurrency/${iso}`),
};

const CURRENCIES: [string, string, string, number][] = [
  ['USD', 'US Dollar', '$', 1],
  ['EUR', 'Euro', '€', 0.92],
  ['GBP', 'Pound Sterling', '£', 0.79],
  ['JPY', 'Yen', '¥', 150],
  ['CAD', 'Canadian Dollar', 'CA$', 1.36],
  ['AUD', 'Australian Dollar', 'A$', 1.52],
  ['BRL', 'Brazilian Real', 'R$', 5.0],
  ['CNY', 'Yuan Renminbi', 'CN¥', 7.2],
  ['INR', 'Indian Rupee', '₹', 83],
  ['MXN', 'Mexican Peso', 'MX$', 17],
];

export function seedOrganization(store: DataverseStore, baseCurrency: string): void {
  const admin = SEED_IDS.adminUserId;
  store.insert(
    'systemuser',
    admin,
    {
      firstname: 'System',
      lastname: 'Administrator',
      domainname: 'admin@contoso.example',
      internalemailaddress: 'admin@contoso.example',
      isdisabled: false,
    },
    admin,
    [],
  );
  store.insert(
    'systemuser',
    SEED_IDS.integrationUserId,
    {
      firstname: 'Co-sell Sync',
      lastname: 'Integration',
      domainname: 'cosell-integration@contoso.example',
      applicationid: guidFromName('dataverse-sandbox/application/cosell'),
      isdisabled: false,
    },
    admin,
    [],
  );
  const ordered = [...CURRENCIES].sort((a, b) => (a[0] === baseCurrency ? -1 : b[0] === baseCurrency ? 1 : 0));
  const base = ordered[0][3];
  for (const [iso, name, symbol, rate] of ordered) {
    store.insert(
      'transactioncurrency',
      SEED_IDS.currencyId(iso),
      {
        isocurrencycode: iso,
        currencyname: name,
        currencysymbol: symbol,
        exchangerate: Number((rate / base).toFixed(10)),
        currencyprecision: iso === 'JPY' ? 0 : 2,
        statecode: 0,
        statuscode: 1,
      },
      admin,
      [],
    );
  }
}

export const SEEDED_CURRENCIES = CURRENCIES.map((c) => c[0]);
