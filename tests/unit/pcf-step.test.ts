import { join } from 'node:path';
import {
  PCF_BUNDLE_BUDGET_BYTES,
  checkBundleBudget,
  findPcfProjects,
  manifestResourcePaths,
  stampControlVersion,
} from '../../scripts/pipeline/pcf-step';

const ROOT = join(__dirname, '..', '..');

describe('PCF build step helpers', () => {
  it('finds one pcf project per control, skipping shared code', () => {
    expect(findPcfProjects(ROOT).map((p) => p.control)).toEqual(['AuditTrail', 'ReferralLink', 'SyncToggle']);
    expect(findPcfProjects(join(ROOT, 'no-such-folder'))).toEqual([]);
  });

  it('lists the files a processed manifest names, without duplicates', () => {
    const xml =
      '<manifest><control version="1.0.0"><resources><code path="bundle.js" order="1"/><css path="css/a.css" order="1"/>' +
      '<resx path="strings/A.1033.resx" version="1.0.0"/><resx path="strings/A.1033.resx" version="1.0.0"/>' +
      '<platform-library name="React" version="16.14.0"/></resources></control></manifest>';
    expect(manifestResourcePaths(xml)).toEqual(['bundle.js', 'css/a.css', 'strings/A.1033.resx']);
    expect(() => manifestResourcePaths('<code path="../x.js"/>')).toThrow(/outside its folder/);
  });

  it('stamps the control version from the solution version', () => {
    const xml =
      '<control namespace="N" constructor="C" version="1.0.0" display-name-key="k"><resx path="a" version="1.0.0"/>';
    expect(stampControlVersion(xml, '2.3.4.0')).toBe(
      '<control namespace="N" constructor="C" version="2.3.4" display-name-key="k"><resx path="a" version="1.0.0"/>',
    );
  });

  it('fails over the 10 KB budget', () => {
    expect(PCF_BUNDLE_BUDGET_BYTES).toBe(10_240);
    expect(() => checkBundleBudget('X', 10_240)).not.toThrow();
    expect(() => checkBundleBudget('X', 10_241)).toThrow(
      /X: production bundle.js is 10241 bytes, over the 10240-byte budget/,
    );
  });
});
