/**
 * A realistic partner-created referral (the shape of the documented private-deal sample, §3.2),
 * varied by index: for rehearsal seeding and benchmarks.
 */
export function sampleReferral(i: number): Record<string, unknown> {
  const countries = ['US', 'GB', 'DE', 'FR', 'JP', 'AU', 'CA', 'NL'];
  const currencies = ['USD', 'GBP', 'EUR', 'EUR', 'JPY', 'AUD', 'CAD', 'EUR'];
  const k = i % countries.length;
  return {
    name: `Contoso deal ${i}`,
    externalReferenceId: `OPP-${String(i).padStart(6, '0')}`,
    qualification: 'SalesQualified',
    type: i % 3 === 0 ? 'Shared' : 'Independent',
    customerProfile: {
      name: `Customer ${i} Inc`,
      address: {
        addressLine1: `${i} Main Street`,
        city: 'Redmond',
        state: 'WA',
        postalCode: '98052',
        country: countries[k],
      },
      size: '10to50employees',
      team: [{ firstName: 'Sue', lastName: `Smith${i}`, phoneNumber: '1234567890', email: `sue${i}@customer.example` }],
    },
    consent: {
      consentToToShareInfoWithOthers: true,
      consentToContact: true,
      consentToShareReferralWithMicrosoftSellers: i % 3 === 0,
    },
    details: {
      notes: 'Customer is looking to leverage Dynamics 365 to manage their supply chain.',
      dealValue: 10000 + (i % 100) * 500,
      currency: currencies[k],
      closingDateTime: '2026-12-01T00:00:00Z',
      requirements: { solutions: [{ id: 'SOL-15974-MQF', name: 'Contoso Solution', type: 'Name' }] },
    },
    team: [
      { firstName: 'John', lastName: 'Doe', phoneNumber: '1231231234', email: `john.doe${i % 20}@contoso.example` },
    ],
    inviteContext: i % 3 === 0 ? { assistanceRequestCode: 'ProofOfConceptOrDemo' } : undefined,
  };
}
