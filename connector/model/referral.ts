import {
  ASSISTANCE_REQUEST_CODE,
  CONTRACT_TERM,
  CUSTOMER_PROFILE_ID_TYPE,
  CUSTOMER_SIZE,
  PRICING_MODEL,
  PRIMARY_DEPLOYMENT_ON,
  REFERRAL_DIRECTION,
  REFERRAL_QUALIFICATION,
  REFERRAL_STATUS,
  REFERRAL_SUBSTATUS,
  REFERRAL_TYPE,
  REGISTRATION_TYPE,
  SALES_STAGE,
  SOLUTION_TAG_TYPE,
  TARGET_TYPE,
} from './enums';
import { arr, bool, enumOf, type Infer, num, obj, ref, str } from './schema-dsl';

/**
 * The Partner Center Referral resource and every sub-object (reference partner-center-api.md §4.1,
 * §4.2). Property names are the wire names (camelCase). The service accepts any casing on input.
 */

const utc = (title: string, description: string, readOnly = false) =>
  str(title, `${description} (UTC, ISO 8601).`, { format: 'date-time', readOnly, nullable: true });

export const ContactPreference = obj('ContactPreference', 'How a team member prefers to be contacted.', {
  locale: str('Locale', 'A .NET culture name, for example en-us.', { nullable: true }),
  disableNotifications: bool('Disable notifications', 'True when the member does not want notifications.', {
    nullable: true,
  }),
});

export const Member = obj('Member', 'A person on the partner team or the customer team.', {
  firstName: str('First name', 'First name of the person.', { nullable: true }),
  lastName: str('Last name', 'Last name of the person.', { nullable: true }),
  phoneNumber: str('Phone number', 'Phone number of the person.', { nullable: true }),
  email: str('Email', 'Email address of the person.', { nullable: true }),
  title: str('Job title', 'Job title of the person.', { nullable: true }),
  contactPreference: ref('Contact preference', 'How the person prefers to be contacted.', ContactPreference, {
    nullable: true,
  }),
});

export const Address = obj(
  'Address',
  "The customer's address.",
  {
    addressLine1: str('Address line 1', 'First line of the street address.', { nullable: true }),
    addressLine2: str('Address line 2', 'Second line of the street address.', { nullable: true }),
    city: str('City', 'City.', { nullable: true }),
    state: str('State', 'State or province.', { nullable: true }),
    postalCode: str('Postal code', 'Postal or ZIP code.', { nullable: true }),
    country: str('Country', 'Two-letter ISO 3166-1 alpha-2 country code, for example US.', {
      nullable: true,
      pattern: '^[A-Z]{2}$',
    }),
    region: str('Region', 'Region.', { nullable: true }),
  },
  ['addressLine1', 'city', 'country'],
);

export const CustomerProfileId = obj('CustomerProfileId', 'An identifier of the customer organization.', {
  profileType: enumOf('Id type', 'Kind of identifier.', CUSTOMER_PROFILE_ID_TYPE, { nullable: true }),
  id: str('Id', 'The identifier value.', { nullable: true }),
});

export const CustomerProfile = obj(
  'CustomerProfile',
  'The customer organization and its contacts.',
  {
    name: str('Customer name', 'Legal name of the customer organization.', { nullable: true }),
    address: ref('Customer address', "The customer's address.", Address, { nullable: true }),
    size: enumOf('Company size', 'Number of employees of the customer organization.', CUSTOMER_SIZE, {
      nullable: true,
      openEnum: true,
      visibility: 'advanced',
    }),
    team: arr('Customer contacts', 'Contacts at the customer.', ref('Contact', 'A customer contact.', Member)),
    ids: arr(
      'Customer ids',
      'Identifiers of the customer organization.',
      ref('Customer id', 'An identifier.', CustomerProfileId),
      {
        visibility: 'advanced',
      },
    ),
    isMatchingComplete: bool('Matching complete', 'Whether customer matching is complete.', {
      readOnly: true,
      nullable: true,
    }),
  },
  ['name', 'address'],
);

export const Consent = obj('Consent', "The customer's consents for this referral.", {
  consentToToShareInfoWithOthers: bool('Consent to share info', 'Consent to share personal information with others.', {
    nullable: true,
  }),
  consentToContact: bool('Consent to contact', 'Consent to be contacted.', { nullable: true }),
  consentToShareReferralWithMicrosoftSellers: bool(
    'Share with Microsoft sellers',
    'Whether Microsoft sellers can see this referral. Once true it cannot be set back; false makes it a private deal.',
    { nullable: true },
  ),
  consentToMicrosoftToContactSpecificPartners: bool(
    'Consent to contact partners',
    'Consent for Microsoft to contact specific partners.',
    { nullable: true, visibility: 'advanced' },
  ),
});

export const InvitedBy = obj('InvitedBy', 'Who invited the partner to this referral.', {
  organizationId: str('Organization id', 'Id of the inviting organization; msft when Microsoft invited.', {
    nullable: true,
  }),
  organizationName: str('Organization name', 'Name of the inviting organization.', { nullable: true }),
});

export const InviteContext = obj('InviteContext', 'The invitation and the help requested from Microsoft.', {
  notes: str('Invitation notes', 'Notes from the inviting party.', { nullable: true }),
  invitedBy: ref('Invited by', 'Who invited the partner.', InvitedBy, { nullable: true }),
  assistanceRequestCode: enumOf(
    'How can Microsoft help?',
    'The help requested from Microsoft; any value other than Unknown makes this a co-sell referral.',
    ASSISTANCE_REQUEST_CODE,
    { nullable: true },
  ),
  invitedMpnId: str('Invited MPN id', 'Partner id of the invited partner.', { nullable: true, readOnly: true }),
});

export const SolutionTag = obj(
  'SolutionTag',
  'A solution the customer needs, from the Microsoft catalog (SOL-...) or a category.',
  {
    id: str('Solution id', 'Solution id, for example SOL-15974-MQF.', { nullable: true }),
    name: str('Solution name', 'Name of the solution.', { nullable: true }),
    type: enumOf('Solution kind', 'How the solution is referenced.', SOLUTION_TAG_TYPE, { nullable: true }),
    publisherName: str('Publisher', 'Publisher of the solution.', { nullable: true, readOnly: true }),
    solutionType: str('Solution type', 'Solution type, for example 3P.', { nullable: true, readOnly: true }),
    price: num('Price', 'Price of the solution.', { nullable: true, visibility: 'advanced' }),
    quantity: num('Quantity', 'Quantity of the solution.', { nullable: true, visibility: 'advanced' }),
    currency: str('Solution currency', 'ISO 4217 currency of the price.', { nullable: true, visibility: 'advanced' }),
    closingDateTime: utc('Solution close date', 'Expected close date for this solution'),
  },
  ['id'],
);

export const RequirementTag = obj('RequirementTag', 'A product, service or industry tag.', {
  id: str('Tag id', 'The tag value, for example Microsoft365.', { nullable: true }),
});

export const RequirementAttribute = obj('RequirementAttribute', 'An additional requirement attribute.', {
  id: str('Attribute id', 'Attribute value, for example HaveNotDecided.', { nullable: true }),
  type: str('Attribute type', 'Attribute kind, for example CustomerMarketplaceIntent.', { nullable: true }),
});

export const IotRequirements = obj('IotRequirements', 'Internet of Things requirements.', {
  customerLicenseAgreementNumber: str('License agreement number', 'Customer license agreement number.', {
    nullable: true,
  }),
  deviceCategory: str('Device category', 'Device category.', { nullable: true }),
  siliconType: str('Silicon type', 'Silicon type.', { nullable: true }),
  azureCertifiedDevice: bool('Azure certified device', 'Whether the device is Azure certified.', { nullable: true }),
  attachServices: bool('Attach services', 'Whether services are attached.', { nullable: true }),
});

export const AdditionalRequirements = obj('AdditionalRequirements', 'Additional requirements of the customer.', {
  iot: ref('IoT', 'Internet of Things requirements.', IotRequirements, { nullable: true, visibility: 'advanced' }),
  attributes: arr(
    'Attributes',
    'Additional requirement attributes.',
    ref('Attribute', 'An attribute.', RequirementAttribute),
  ),
});

export const ReferralRequirements = obj('ReferralRequirements', 'What the customer needs.', {
  solutions: arr(
    'Solutions',
    'Solutions the customer needs (at most 50).',
    ref('Solution', 'A solution.', SolutionTag),
    {
      maxItems: 50,
    },
  ),
  industries: arr('Industries', 'Industries.', ref('Industry', 'An industry.', RequirementTag), {
    visibility: 'advanced',
  }),
  products: arr('Products', 'Products.', ref('Product', 'A product.', RequirementTag), { visibility: 'advanced' }),
  services: arr('Services', 'Services.', ref('Service', 'A service.', RequirementTag), { visibility: 'advanced' }),
  offers: arr('Offers', 'Offers.', ref('Offer', 'An offer.', RequirementTag), { visibility: 'advanced' }),
  salesPlays: arr('Sales plays', 'Sales plays.', ref('Sales play', 'A sales play.', RequirementTag), {
    visibility: 'advanced',
  }),
  additionalRequirements: ref('Additional requirements', 'Additional requirements.', AdditionalRequirements, {
    nullable: true,
    visibility: 'advanced',
  }),
});

export const ReferralDetails = obj(
  'ReferralDetails',
  'Deal value, currency, close date and requirements.',
  {
    notes: str('Notes', 'Notes about the deal.', { nullable: true }),
    dealValue: num('Deal value', 'Estimated deal value in the deal currency.', { nullable: true }),
    currency: str('Currency', 'ISO 4217 currency code of the deal value, for example USD.', {
      nullable: true,
      pattern: '^[A-Z]{3}$',
    }),
    closingDateTime: utc('Estimated close date', 'Estimated close date'),
    requirements: ref('Requirements', 'What the customer needs.', ReferralRequirements, { nullable: true }),
    customerAction: str('Customer action', 'Action taken by the customer.', { nullable: true, readOnly: true }),
    customerRequestedContact: bool('Customer requested contact', 'Whether the customer asked to be contacted.', {
      nullable: true,
      readOnly: true,
    }),
    incentiveLevel: str('Incentive level', 'Incentive level of the deal.', { nullable: true, readOnly: true }),
  },
  ['dealValue', 'currency', 'closingDateTime'],
);

export const ReferralTarget = obj('ReferralTarget', 'Who the referral is addressed to.', {
  type: enumOf('Target type', 'Kind of target.', TARGET_TYPE, { nullable: true }),
  id: str('Target id', 'Target id: msft for Microsoft, or a solution profile id.', { nullable: true }),
});

export const TrackingInfo = obj('TrackingInfo', "Microsoft's identifiers for this referral.", {
  microsoftMsxId: str('Microsoft CRM id', "Opportunity id of the referral in Microsoft's CRM (MSX).", {
    nullable: true,
    readOnly: true,
  }),
  microsoftUSFedOpportunityId: str('US Fed opportunity id', 'US Federal opportunity id.', {
    nullable: true,
    readOnly: true,
  }),
  microsoftUSFedLeadId: str('US Fed lead id', 'US Federal lead id.', { nullable: true, readOnly: true }),
  migratedPSCDealId: str('Migrated deal id', 'Migrated deal id.', { nullable: true, readOnly: true }),
  migratedPSCPartnerDealId: str('Migrated partner deal id', 'Migrated partner deal id.', {
    nullable: true,
    readOnly: true,
  }),
});

export const Link = obj('Link', 'A link to a related resource.', {
  uri: str('URI', 'Address of the resource.', { nullable: true }),
  method: str('Method', 'HTTP method to use.', { nullable: true }),
});

export const ReferralLinks = obj('ReferralLinks', 'Links to this referral and its related referrals.', {
  relatedReferrals: ref('Related referrals', 'Referrals in the same engagement.', Link, { nullable: true }),
  self: ref('Self', 'This referral.', Link, { nullable: true }),
});

export const MarketplaceTransactionDetails = obj('MarketplaceTransactionDetails', 'Marketplace transaction details.', {
  isMarketplaceTransacted: bool('Transacted on marketplace', 'Whether it was transacted on the marketplace.', {
    nullable: true,
  }),
  marketplaceTransactionDateTime: utc('Marketplace transaction date', 'When it was transacted'),
});

export const SolutionDetail = obj('SolutionDetail', 'A solution in a deal registration.', {
  id: str('Solution id', 'Solution id (SOL-...).', { nullable: true }),
  name: str('Solution name', 'Name of the solution.', { nullable: true, readOnly: true }),
  currency: str('Currency', 'ISO 4217 currency.', { nullable: true }),
  value: num('Value', 'Value of the solution in the deal.', { nullable: true }),
  isDeployedOnAzure: bool('Deployed on Azure', 'Whether the solution is deployed on Azure.', { nullable: true }),
  primaryDeploymentOn: enumOf(
    'Primary deployment',
    'Where the solution is primarily deployed.',
    PRIMARY_DEPLOYMENT_ON,
    {
      nullable: true,
    },
  ),
  pricingModel: enumOf('Pricing model', 'Pricing model.', PRICING_MODEL, { nullable: true }),
  marketplaceTransactionDetails: ref(
    'Marketplace details',
    'Marketplace transaction details.',
    MarketplaceTransactionDetails,
    {
      nullable: true,
    },
  ),
});

export const RegistrationContract = obj('RegistrationContract', 'The contract of a deal registration.', {
  value: num('Contract value', 'Contract value.', { nullable: true }),
  currency: str('Contract currency', 'ISO 4217 currency.', { nullable: true }),
  term: enumOf('Term', 'Contract term.', CONTRACT_TERM, { nullable: true }),
  startDateTime: utc('Start date', 'Contract start'),
  endDateTime: utc('End date', 'Contract end'),
  signDateTime: utc('Sign date', 'Contract signature'),
});

export const RegistrationStatusHistory = obj('RegistrationStatusHistory', 'When the registration changed status.', {
  reviewPendingDateTime: utc('Review pending on', 'Review pending', true),
  actionRequiredDateTime: utc('Action required on', 'Action required', true),
  passedDateTime: utc('Passed on', 'Passed', true),
  failedDateTime: utc('Failed on', 'Failed', true),
  approvedDateTime: utc('Approved on', 'Approved', true),
});

export const Registration = obj('Registration', 'A deal registration on a won referral.', {
  id: str('Registration id', 'Id of the registration.', { nullable: true, readOnly: true }),
  type: enumOf('Registration type', 'Kind of registration.', REGISTRATION_TYPE, { nullable: true }),
  registrationDateTime: utc('Registered on', 'When it was registered', true),
  status: str('Registration status', 'Status of the registration.', { nullable: true, readOnly: true }),
  statusReason: str('Status reason', 'Why the registration has its status.', { nullable: true, readOnly: true }),
  contract: ref('Contract', 'The contract.', RegistrationContract, { nullable: true }),
  solutionDetails: arr(
    'Solution details',
    'Solutions in the registration.',
    ref('Solution detail', 'A solution.', SolutionDetail),
  ),
  statusHistory: ref('Status history', 'Status history.', RegistrationStatusHistory, {
    nullable: true,
    readOnly: true,
  }),
});

export const Referral = obj(
  'Referral',
  'A Partner Center referral: a lead or co-sell opportunity.',
  {
    id: str('Referral id', 'Id of the referral (GUID).', { readOnly: true, nullable: true }),
    engagementId: str(
      'Engagement id',
      'Id shared by all referrals of one engagement, such as the partner and Microsoft sides of a co-sell deal.',
      {
        nullable: true,
      },
    ),
    name: str('Deal name', 'Name of the deal.', { nullable: true }),
    organizationId: str('Organization id', 'Id of the owning partner organization.', {
      readOnly: true,
      nullable: true,
    }),
    organizationName: str('Organization name', 'Name of the owning partner organization.', {
      readOnly: true,
      nullable: true,
    }),
    externalReferenceId: str('CRM id', "The referral's id in your CRM (your opportunity id).", { nullable: true }),
    createdDateTime: utc('Created on', 'When the referral was created', true),
    updatedDateTime: utc('Updated on', 'When the referral was last updated', true),
    expirationDateTime: utc('Expires on', 'When an unanswered referral expires', true),
    acceptedDateTime: utc('Accepted on', 'When the referral was accepted', true),
    closedDateTime: utc('Closed on', 'When the referral was closed', true),
    status: enumOf('Status', 'Status of the referral: New, Active or Closed.', REFERRAL_STATUS, { nullable: true }),
    substatus: enumOf('Substatus', 'Substatus; it must agree with the status.', REFERRAL_SUBSTATUS, { nullable: true }),
    statusReason: str('Status reason', 'Why the referral was declined or lost.', { nullable: true }),
    type: enumOf('Referral type', 'Independent (private or partner-led) or Shared (co-sell).', REFERRAL_TYPE, {
      nullable: true,
    }),
    qualification: enumOf('Qualification', 'Where the referral came from.', REFERRAL_QUALIFICATION, { nullable: true }),
    direction: enumOf('Direction', 'Incoming (sent to you) or Outgoing (created by you).', REFERRAL_DIRECTION, {
      readOnly: true,
      nullable: true,
    }),
    salesStage: enumOf('Sales stage', 'Sales stage; the service also stores a percentage such as 40.', SALES_STAGE, {
      nullable: true,
      openEnum: true,
      visibility: 'advanced',
    }),
    campaignId: str('Campaign id', 'Marketing campaign id.', { nullable: true, visibility: 'advanced' }),
    referralProgram: str('Referral program', 'Referral program.', { nullable: true, visibility: 'advanced' }),
    referralSource: str('Referral source', 'Source of a marketplace lead.', { nullable: true, readOnly: true }),
    callToAction: str('Call to action', 'Call to action of a marketplace lead.', { nullable: true, readOnly: true }),
    favorite: bool('Favorite', 'Whether the referral is marked as favorite.', {
      nullable: true,
      visibility: 'advanced',
    }),
    customerProfile: ref('Customer', 'The customer organization and its contacts.', CustomerProfile, {
      nullable: true,
    }),
    consent: ref('Consent', "The customer's consents.", Consent, { nullable: true }),
    details: ref('Details', 'Deal value, currency, close date and requirements.', ReferralDetails, { nullable: true }),
    team: arr(
      'Partner team',
      'People on the partner side (at most 50).',
      ref('Team member', 'A partner team member.', Member),
      {
        maxItems: 50,
      },
    ),
    inviteContext: ref('Invitation', 'The invitation and the help requested from Microsoft.', InviteContext, {
      nullable: true,
    }),
    target: arr('Targets', 'Who the referral is addressed to.', ref('Target', 'A target.', ReferralTarget), {
      visibility: 'advanced',
    }),
    trackingInfo: ref('Tracking', "Microsoft's identifiers.", TrackingInfo, { nullable: true, readOnly: true }),
    registrations: arr(
      'Deal registrations',
      'Deal registrations (written through their own operations).',
      ref('Registration', 'A deal registration.', Registration),
      {
        readOnly: true,
      },
    ),
    registrationStatus: str('Registration status', 'Status of the deal registration.', {
      nullable: true,
      readOnly: true,
    }),
    mpnId: str('MPN id', 'Partner id of the owner.', { nullable: true, readOnly: true }),
    quality: str('Quality', 'Quality assessment.', { nullable: true, readOnly: true }),
    isSpam: bool('Spam', 'Whether the referral was flagged as spam.', { nullable: true, readOnly: true }),
    tags: arr('Tags', 'Tags set by the service.', str('Tag', 'A tag.'), { readOnly: true }),
    dealSensitivity: str('Deal sensitivity', 'Deal sensitivity.', { nullable: true, readOnly: true }),
    createdVia: str('Created via', 'Channel the referral was created through.', { nullable: true, readOnly: true }),
    lastModifiedVia: str('Last modified via', 'Channel of the last change.', { nullable: true, readOnly: true }),
    lastRunId: str('Last run id', 'Id of the last automated run.', { nullable: true, readOnly: true }),
    eTag: str('ETag', 'Version of the referral; send it in If-Match to update safely.', {
      readOnly: true,
      nullable: true,
    }),
    links: ref('Links', 'Links to this referral and its related referrals.', ReferralLinks, {
      readOnly: true,
      nullable: true,
    }),
  },
  ['type', 'customerProfile', 'consent', 'details'],
);

export type ReferralResource = Infer<typeof Referral>;
export type CustomerProfileValue = Infer<typeof CustomerProfile>;
export type MemberValue = Infer<typeof Member>;
export type SolutionTagValue = Infer<typeof SolutionTag>;
export type RegistrationValue = Infer<typeof Registration>;
