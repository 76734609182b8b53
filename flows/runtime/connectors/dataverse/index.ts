export { DataverseAdapter, createDataverseAdapter, DATAVERSE_API_NAME, type DataverseAdapterOptions } from './adapter';
export type { DataverseChangeSource, SubscriptionRegistration, RowChangeNotification } from './trigger';
