/**
 * Every function named in Microsoft's workflow function reference is known to the evaluator, and the
 * evaluator knows no function the reference does not name (besides `appsetting`, which Logic Apps
 * Standard documents separately). Guards against silently dropping or inventing functions.
 */
import { SUPPORTED_FUNCTIONS, WORKFLOW_FUNCTIONS } from '../../../flows/runtime/expression';

const REFERENCE = `
action actionBody actionOutputs actions add addDays addHours addMinutes addProperty addSeconds addToTime and array
base64 base64ToBinary base64ToString binary body bool chunk coalesce concat contains convertFromUtc convertTimeZone
convertToUtc createArray dataUri dataUriToBinary dataUriToString dateDifference dayOfMonth dayOfWeek dayOfYear decimal
decodeBase64 decodeDataUri decodeUriComponent div encodeUriComponent empty endsWith equals first float formatDateTime
formDataMultiValues formDataValue formatNumber getFutureTime getPastTime greater greaterOrEquals guid if indexOf int
intersection isFloat isInt item items iterationIndexes join json last lastIndexOf length less lessOrEquals
listCallbackUrl max min mod mul multipartBody not nthIndexOf or outputs parameters parseDateTime rand range
removeProperty replace result reverse setProperty skip slice sort split startOfDay startOfHour startOfMonth startsWith
string sub substring subtractFromTime take ticks toLower toUpper trigger triggerBody triggerFormDataMultiValues
triggerFormDataValue triggerMultipartBody triggerOutputs trim union uriComponent uriComponentToBinary
uriComponentToString uriHost uriPath uriPathAndQuery uriPort uriQuery uriScheme utcNow variables workflow xml xpath
`
  .split(/\s+/)
  .filter((n) => n !== '');

describe('function catalogue', () => {
  it.each(REFERENCE)('%s is supported', (name) => {
    expect(SUPPORTED_FUNCTIONS.has(name)).toBe(true);
  });

  it('supports nothing beyond the reference (and appsetting)', () => {
    const extra = [...SUPPORTED_FUNCTIONS].filter((n) => !REFERENCE.includes(n));
    expect(extra).toEqual(['appsetting']);
    expect(WORKFLOW_FUNCTIONS.has('appsetting')).toBe(true);
  });
});
