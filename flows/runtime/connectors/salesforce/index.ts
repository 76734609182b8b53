export {
  SalesforceAdapter,
  createSalesforceAdapter,
  SALESFORCE_API_NAME,
  type SalesforceAdapterOptions,
} from './adapter';
export { odataFilterToSoql, odataOrderByToSoql, FilterError } from './odata-to-soql';
