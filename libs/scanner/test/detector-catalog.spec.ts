import { DETECTOR_CATALOG, DETECTOR_IDS } from '@platform/shared';
import { DETECTORS } from '../src';

describe('the shared detector catalog', () => {
  it.each(DETECTOR_IDS)('states the category and severity of %s as the detector does', (id) => {
    expect({ category: DETECTOR_CATALOG[id].category, severity: DETECTOR_CATALOG[id].severity }).toEqual({
      category: DETECTORS[id].category,
      severity: DETECTORS[id].severity,
    });
  });
});
