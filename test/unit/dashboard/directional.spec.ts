import { InvalidInputError } from '../../../src/common/domain-errors';
import { parseFilter } from '../../../src/dashboard/dashboard-filter';
import { parseTarget } from '../../../src/dashboard/directional.service';
import { hasOffsetZero } from '../../../src/dashboard/time-zone';

describe('directional target', () => {
  const filter = parseFilter({ from: '2025-06-01', to: '2025-06-08' }, 'us-china');

  it('is every target when absent, a side of the monitor, or null for -', () => {
    expect(parseTarget(undefined, filter)).toBeUndefined();
    expect(parseTarget('us', filter)).toBe('us');
    expect(parseTarget('china', filter)).toBe('china');
    expect(parseTarget('-', filter)).toBeNull();
  });

  it('refuses mixed, neutral, another monitor’s side and an empty value, naming the choices', () => {
    for (const value of ['mixed', 'neutral', 'russia', '', 'US']) {
      expect(() => parseTarget(value, filter)).toThrow(InvalidInputError);
    }
    expect(() => parseTarget('taiwan', filter)).toThrow(
      'target must be one of us, china or - (no side named) for monitor us-china (got "taiwan")',
    );
  });
});

describe('hasOffsetZero', () => {
  const june = [Date.UTC(2025, 5, 1), Date.UTC(2025, 5, 30)] as const;
  const year = [Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1)] as const;

  it('holds for zones at UTC all along', () => {
    expect(hasOffsetZero('UTC', ...year)).toBe(true);
    expect(hasOffsetZero('Africa/Abidjan', ...year)).toBe(true);
    expect(hasOffsetZero('Europe/London', Date.UTC(2025, 0, 5), Date.UTC(2025, 1, 5))).toBe(true);
  });

  it('fails for a zone away from UTC at any time of the range', () => {
    expect(hasOffsetZero('Europe/London', ...year)).toBe(false);
    expect(hasOffsetZero('Europe/London', ...june)).toBe(false);
    expect(hasOffsetZero('Asia/Tokyo', ...june)).toBe(false);
    expect(hasOffsetZero('America/New_York', ...june)).toBe(false);
  });
});
